import { StoppedError } from '../../src/errors';
import { stoppableSleep, stoppedBy } from '../../src/sync/stop';
import { UnfinishedWrite, writeEach } from '../../src/sync/write-each';
import type { ItemResult } from '../../src/sync/types';

test('a stop cuts a sleep short with StoppedError naming the signal; a sleep after the stop does not begin', async () => {
  const controller = new AbortController();
  let begun = 0;
  const forever = (): Promise<void> => {
    begun++;
    return new Promise<void>(() => undefined);
  };
  const sleep = stoppableSleep(forever, controller.signal);
  const waiting = sleep(60_000);
  controller.abort('SIGINT');
  await expect(waiting).rejects.toEqual(expect.objectContaining({ name: 'StoppedError', signal: 'SIGINT' }));
  await expect(sleep(10)).rejects.toBeInstanceOf(StoppedError);
  expect(begun).toBe(1);
  expect(stoppedBy(controller.signal)).toBe('SIGINT');
});

test('writeEach: when one item throws, the results of the items that finished travel with the error', async () => {
  const ok = (key: string): ItemResult => ({ key, ok: true, action: 'created' });
  const boom = new Error('fatal');
  const err = await writeEach(['a', 'b', 'c', 'd'], 2, (k) => (k === 'c' ? Promise.reject(boom) : Promise.resolve(ok(k)))).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnfinishedWrite);
  expect((err as UnfinishedWrite).cause).toBe(boom);
  // Every item that finished is there, in input order (`d` was in flight when `c` failed).
  expect((err as UnfinishedWrite).done.map((r) => r.key)).toEqual(['a', 'b', 'd']);
});

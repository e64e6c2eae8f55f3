import { ReadAhead } from '../../src/commands/pull-items/read-ahead';

/** Pages of `size` numbers; `read` counts the pages the source has handed out. */
function source(pages: number, size: number, fail?: Error): { pages: AsyncIterable<number[]>; read: () => number } {
  let read = 0;
  return {
    read: () => read,
    pages: (async function* () {
      for (let p = 0; p < pages; p++) {
        await Promise.resolve();
        read++;
        yield Array.from({ length: size }, (_, i) => p * size + i);
      }
      if (fail) throw fail;
    })(),
  };
}

const settle = async (): Promise<void> => new Promise((r) => setImmediate(r));

test('reads ahead up to the limit, then waits for the caller to take pages', async () => {
  const s = source(10, 5);
  const ahead = new ReadAhead(s.pages, () => 12);
  await settle();
  // Pauses once 12 or more are queued: 3 pages of 5.
  expect(s.read()).toBe(3);
  expect(await ahead.take(100)).toHaveLength(15);
  await settle();
  expect(s.read()).toBe(6);
  await ahead.close();
});

test('takes whole pages, up to about `max` items, at least one page', async () => {
  const s = source(4, 5);
  const ahead = new ReadAhead(s.pages, () => Infinity);
  await settle();
  expect(await ahead.take(12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(await ahead.take(3)).toHaveLength(5);
  expect(await ahead.take(3)).toHaveLength(5);
  expect(await ahead.take(3)).toBeUndefined();
});

test('a raised limit lets a paused reader go on', async () => {
  const s = source(10, 5);
  let limit = 5;
  const ahead = new ReadAhead(s.pages, () => limit);
  await settle();
  expect(s.read()).toBe(1);
  limit = 30;
  ahead.nudge();
  await settle();
  expect(s.read()).toBe(6);
  await ahead.close();
});

test("the source's failure is thrown after the pages read before it", async () => {
  const s = source(2, 1, new Error('page 3 refused'));
  const ahead = new ReadAhead(s.pages, () => Infinity);
  expect(await ahead.take(1)).toEqual([0]);
  expect(await ahead.take(1)).toEqual([1]);
  await expect(ahead.take(1)).rejects.toThrow('page 3 refused');
});

test('close stops reading and waits for the page in flight', async () => {
  const s = source(100, 1);
  const ahead = new ReadAhead(s.pages, () => Infinity);
  await ahead.take(1);
  await ahead.close();
  const read = s.read();
  await settle();
  expect(s.read()).toBe(read);
  expect(read).toBeLessThan(100);
});

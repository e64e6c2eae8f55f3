import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SellerConfig } from '../../src/config/schema';
import { LocalIoError, RemoteError } from '../../src/errors';
import { newStats } from '../../src/http/client';
import { createState, openState, type State } from '../../src/state';
import { localIoError } from '../../src/state/io-errors';
import type { RunEnv } from '../../src/sync/run-handle';
import { withRun } from '../../src/sync/with-run';
import { captureLogger } from '../helpers/capture-logger';

const seller = { name: 'acme', marketplaceIds: ['ATVPDKIKX0DER'] } as SellerConfig;

/** A state file that has `room` pages left to grow by: SQLite's real SQLITE_FULL once they are used. */
function tightState(room: number): { state: State; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'state-io-')), 'state.sqlite');
  const state = createState(openState(file, { growthLimitPages: room }), { pid: 1, host: 'h', isAlive: () => true, staleAfterMs: 60_000 });
  return { state, file };
}

const env = (state: State): RunEnv => ({
  state,
  logger: captureLogger().logger,
  clock: () => Date.parse('2026-12-01T12:00:00Z'),
  stats: newStats(),
});

/** Writes order intents until the file cannot grow: the real error a full disk gives. */
function fill(state: State): never {
  for (let i = 0; ; i++) {
    state.orders.markCreating(
      {
        seller: 'acme',
        marketplace: 'ATVPDKIKX0DER',
        amazonOrderId: `111-0000000-${String(i).padStart(7, '0')}`,
        amazonStatus: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
      },
      [{ orderItemId: `item-${i}`, sku: 'SKU-0001', quantity: 1 }],
      '2026-12-01T12:00:00Z',
    );
  }
}

/** A run summary too big for the pages left: finishing the run record needs room too. */
function bigSummary(run: Parameters<Parameters<typeof withRun>[4]>[0]): void {
  const mp = run.marketplace('ATVPDKIKX0DER');
  run.record(
    mp,
    Array.from({ length: 400 }, (_, i) => ({ key: `k${i}`, ok: false as const, reason: 'x'.repeat(100), retriable: false })),
  );
}

const locks = (state: State): unknown[] => state.db.prepare('SELECT * FROM locks').all();
const runRows = (state: State): { outcome: string }[] => state.db.prepare('SELECT outcome FROM runs').all() as { outcome: string }[];

test('the disk fills up mid-run and again when the run record is finished: the cause is what is thrown, and the lock is still released', async () => {
  const { state, file } = tightState(2);
  const thrown = await withRun(env(state), 'pull-orders', seller, false, (run) => {
    bigSummary(run);
    fill(state);
    return Promise.resolve();
  }).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(LocalIoError);
  expect((thrown as Error).message).toBe(`state file ${file}: the disk is full (SQLITE_FULL)`);
  // The run record could not be finished (it stays `running`: status says never finished), the lock was released.
  expect(runRows(state)).toEqual([{ outcome: 'running' }]);
  expect(locks(state)).toEqual([]);
});

test('a run whose work went fine but whose record cannot be finished ends the command with the local I/O error, lock released', async () => {
  const { state } = tightState(0);
  const thrown = await withRun(env(state), 'pull-orders', seller, false, (run) => {
    bigSummary(run);
    return Promise.resolve();
  }).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(LocalIoError);
  expect((thrown as Error).message).toMatch(/: the disk is full \(SQLITE_FULL\)$/);
  expect(locks(state)).toEqual([]);
});

test("a remote failure is still recorded as the run's outcome, not thrown", async () => {
  const { state } = tightState(50);
  const summary = await withRun(env(state), 'pull-orders', seller, false, () =>
    Promise.reject(new RemoteError({ system: 'amazon', operation: 'searchOrders', kind: 'fatal', status: 403 })),
  );
  expect(summary).toMatchObject({ outcome: 'failed', error: 'amazon searchOrders: HTTP 403' });
  expect(runRows(state)).toEqual([{ outcome: 'failed' }]);
  expect(locks(state)).toEqual([]);
});

describe('localIoError', () => {
  test.each([
    ['SQLITE_FULL', 'the disk is full (SQLITE_FULL)'],
    ['SQLITE_IOERR_WRITE', 'the disk reported an error reading or writing it (SQLITE_IOERR_WRITE)'],
    ['SQLITE_IOERR', 'the disk reported an error reading or writing it (SQLITE_IOERR)'],
    ['SQLITE_READONLY_DBMOVED', 'it was moved or deleted while the run was using it (SQLITE_READONLY_DBMOVED)'],
    ['SQLITE_READONLY', expect.stringMatching(/^it can no longer be written .*\(SQLITE_READONLY\)$/)],
  ])('%s on the state file', (code, reason) => {
    const err = localIoError(Object.assign(new Error('x'), { code }), '/var/lib/a.sqlite');
    expect(err).toBeInstanceOf(LocalIoError);
    expect(err?.file).toBe('/var/lib/a.sqlite');
    expect(err?.reason).toEqual(reason);
  });

  test('system errors name the file they happened on', () => {
    expect(localIoError(Object.assign(new Error('x'), { code: 'ENOSPC', path: '/srv/x/config.json' }))?.message).toBe(
      'file /srv/x/config.json: the disk is full (ENOSPC)',
    );
    expect(localIoError(Object.assign(new Error('x'), { code: 'EROFS', path: '/a.sqlite' }), '/a.sqlite')?.message).toBe(
      'state file /a.sqlite: its file system is read-only (EROFS)',
    );
  });

  test('anything else is not a local I/O error', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'ECONNRESET', 'SQLITE_FULLX', undefined])
      expect(localIoError(Object.assign(new Error('x'), { code }))).toBeUndefined();
    expect(localIoError(new RemoteError({ system: 'amazon', operation: 'x', kind: 'fatal' }))).toBeUndefined();
  });
});

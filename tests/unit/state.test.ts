import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LockHeldError, UsageError } from '../../src/errors';
import { createState, openState, SCHEMA_VERSION } from '../../src/state';

const T0 = new Date('2026-11-27T12:00:00Z');

function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'state-')), 'state.sqlite');
}

function stateAt(file: string, opts: { pid?: number; host?: string; alive?: (pid: number) => boolean } = {}) {
  return createState(openState(file), {
    pid: opts.pid ?? 100,
    host: opts.host ?? 'host-a',
    isAlive: opts.alive ?? (() => true),
    staleAfterMs: 30 * 60_000,
  });
}

describe('state file', () => {
  test('fresh: migrates to the current version in WAL mode', () => {
    const file = tempDb();
    const db = openState(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // Opening again is a no-op, not a second migration.
    openState(file).close();
  });

  test('the state file is readable by its owner only', () => {
    const file = tempDb();
    openState(file).close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test('a state file from a newer program is refused, not touched', () => {
    const file = tempDb();
    openState(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openState(file)).toThrow(UsageError);
    expect(() => openState(file)).toThrow(/newer than this program knows/);
  });

  test("two runs opening a new state file at once: the one that waited for the other's migration does not migrate again", async () => {
    const file = tempDb();
    const fresh = new Database(file);
    fresh.pragma('journal_mode = WAL');
    fresh.close();
    // Another process takes the write lock on the empty file and finishes its migration half a second later…
    const other = spawn(
      process.execPath,
      [
        '-e',
        `
      const db = new (require('better-sqlite3'))(process.argv[1]);
      db.exec('BEGIN IMMEDIATE'); console.log('locked');
      setTimeout(() => { db.exec('CREATE TABLE checkpoints (x)'); db.pragma('user_version = ${SCHEMA_VERSION}'); db.exec('COMMIT'); db.close(); }, 500);
    `,
        file,
      ],
      { cwd: path.join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));
    // …while this one has read version 0 and waits for that lock to migrate.
    const db = openState(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    await new Promise((resolve) => other.once('close', resolve));
  });

  test('checkpoints are per seller × marketplace × direction', () => {
    const s = stateAt(tempDb());
    const key = { seller: 'a', marketplace: 'M1', direction: 'pull-orders' };
    expect(s.checkpoints.get(key)).toBeUndefined();
    s.checkpoints.set(key, '2026-11-27T11:58:00.000Z', 1, T0.toISOString());
    s.checkpoints.set({ ...key, marketplace: 'M2' }, '2026-11-01T00:00:00.000Z', 1, T0.toISOString());
    expect(s.checkpoints.get(key)).toBe('2026-11-27T11:58:00.000Z');
    expect(s.checkpoints.list('a')).toHaveLength(2);
  });

  test('read spans and bucket levels are kept per key; a read-only file from before them reads as empty', () => {
    const file = tempDb();
    const s = stateAt(file);
    const key = { seller: 'a', marketplace: 'M1', direction: 'pull-orders' };
    s.readSpans.set(key, 43_200_000, T0.toISOString());
    s.rateBuckets.save('a', { searchOrders: { tokens: 0.25, at: T0.getTime() } }, T0.toISOString());
    s.rateBuckets.save(
      'a',
      { searchOrders: { tokens: 3, at: T0.getTime() + 1000 }, getOrder: { tokens: 29, at: T0.getTime() } },
      T0.toISOString(),
    );
    expect(s.readSpans.get(key)).toBe(43_200_000);
    expect(s.readSpans.get({ ...key, direction: 'push-shipments' })).toBeUndefined();
    expect(s.rateBuckets.load('a')).toEqual({
      searchOrders: { tokens: 3, at: T0.getTime() + 1000 },
      getOrder: { tokens: 29, at: T0.getTime() },
    });
    expect(s.rateBuckets.load('b')).toEqual({});
    s.db.close();

    const old = new Database(file);
    old.exec('DROP TABLE read_spans; DROP TABLE rate_buckets');
    old.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    old.close();
    const dry = createState(openState(file, { readonly: true }), { pid: 1, host: 'h', isAlive: () => true, staleAfterMs: 1 });
    expect(dry.readSpans.get(key)).toBeUndefined();
    expect(dry.rateBuckets.load('a')).toEqual({});
    dry.db.close();
  });

  test('runs record command, seller, times, outcome and summary', () => {
    const s = stateAt(tempDb());
    const id = s.runs.start('pull-orders', 'a', T0.toISOString());
    s.runs.finish(id, 'partial', { totals: { created: 2 } }, T0.toISOString());
    expect(s.runs.latest('pull-orders', 'a')).toMatchObject({
      id,
      command: 'pull-orders',
      seller: 'a',
      outcome: 'partial',
      summary: { totals: { created: 2 } },
    });
  });

  test('order map: intent, then created, then cancelled; no buyer data columns', () => {
    const s = stateAt(tempDb());
    s.orders.markCreating(
      { seller: 'a', marketplace: 'M', amazonOrderId: '111-1', amazonStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
      [{ orderItemId: 'I1', sku: 'S', quantity: 2 }],
      T0.toISOString(),
    );
    expect(s.orders.get('111-1')?.state).toBe('creating');
    s.orders.markCreated('111-1', '42', T0.toISOString());
    s.orders.markCancelled('111-1', null, 'CANCELLED', T0.toISOString());
    expect(s.orders.get('111-1')).toMatchObject({ allocOrderId: '42', state: 'cancelled' });
    expect(s.orders.items('111-1')).toEqual([{ orderItemId: 'I1', sku: 'S', quantity: 2 }]);
    const columns = (s.db.prepare("SELECT group_concat(name) AS c FROM pragma_table_info('order_map')").get() as { c: string }).c;
    expect(columns).not.toMatch(/name|address|email|phone/i);
  });

  test('forgetting drops an unconfirmed intent with its items, never a created order', () => {
    const s = stateAt(tempDb());
    const row = { seller: 'a', marketplace: 'M', amazonStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' };
    const items = [{ orderItemId: 'I1', sku: 'S', quantity: 1 }];
    s.orders.markCreating({ ...row, amazonOrderId: 'intent' }, items, T0.toISOString());
    s.orders.markCreating({ ...row, amazonOrderId: 'done' }, items, T0.toISOString());
    s.orders.markCreated('done', '7', T0.toISOString());
    s.orders.forget('intent');
    s.orders.forget('done');
    expect(s.orders.get('intent')).toBeUndefined();
    expect(s.orders.items('intent')).toEqual([]);
    expect(s.orders.get('done')?.state).toBe('created');
    expect(s.orders.items('done')).toEqual(items);
  });

  test('a feed is an intent until its id is known; an intent Amazon never got is abandoned', () => {
    const s = stateAt(tempDb());
    const intent = { documentId: 'doc-1', seller: 'a', marketplace: 'M', feedType: 'JSON_LISTINGS_FEED', messages: 3 };
    s.feeds.creating(intent, T0.toISOString());
    s.feeds.creating({ ...intent, documentId: 'doc-2' }, T0.toISOString());
    expect(s.feeds.intents('a', 'M', 'JSON_LISTINGS_FEED').map((i) => i.documentId)).toEqual(['doc-1', 'doc-2']);
    expect(s.feeds.intents('a', 'M', 'POST_FLAT_FILE_FULFILLMENT_DATA')).toEqual([]);
    s.feeds.submitted({ ...intent, feedId: 'F1' }, T0.toISOString());
    s.feeds.abandon('doc-2');
    expect(s.feeds.intents('a', 'M', 'JSON_LISTINGS_FEED')).toEqual([]);
    expect([s.feeds.known('F1'), s.feeds.byDocument('doc-1'), s.feeds.byDocument('doc-2')]).toEqual([true, 'F1', undefined]);
  });

  test('quantities in flight: settled at once into the last pushed quantities', () => {
    const s = stateAt(tempDb());
    s.stockPushes.begin(
      'a',
      'M',
      [
        { sku: 'S1', quantity: 4, messageId: 1 },
        { sku: 'S2', quantity: 0, messageId: 2 },
      ],
      'doc-1',
      T0.toISOString(),
    );
    s.stockPushes.begin('a', 'M', [{ sku: 'S3', quantity: 9 }], null, T0.toISOString());
    expect(s.stockPushes.inFlight('a', 'M')).toEqual([
      { sku: 'S3', quantity: 9, documentId: null, messageId: null, startedAt: T0.toISOString() },
      { sku: 'S1', quantity: 4, documentId: 'doc-1', messageId: 1, startedAt: T0.toISOString() },
      { sku: 'S2', quantity: 0, documentId: 'doc-1', messageId: 2, startedAt: T0.toISOString() },
    ]);
    s.stockPushes.settle('a', 'M', ['S1', 'S2'], [{ sku: 'S1', quantity: 4 }], T0.toISOString());
    expect(s.stockPushes.inFlight('a', 'M').map((p) => p.sku)).toEqual(['S3']);
    expect(s.listings.lastPushed('a', 'M')).toEqual(new Map([['S1', { quantity: 4, at: T0.toISOString() }]]));
    // One transaction: a failure part-way leaves both tables as they were.
    expect(() =>
      s.stockPushes.settle(
        'a',
        'M',
        ['S3'],
        [
          { sku: 'S5', quantity: 1 },
          { sku: 'S3', quantity: Number.NaN },
        ],
        T0.toISOString(),
      ),
    ).toThrow(/NOT NULL/);
    expect(s.stockPushes.inFlight('a', 'M').map((p) => p.sku)).toEqual(['S3']);
    expect([...s.listings.lastPushed('a', 'M').keys()]).toEqual(['S1']);
  });

  test('status pushes: those submitted without a feed id are listed; a failed one can be forgotten', () => {
    const s = stateAt(tempDb());
    s.ledgers.setStatusPush('a', 'o1', 'cancel', 'submitted', null, null, T0.toISOString());
    s.ledgers.setStatusPush('a', 'o2', 'cancel', 'submitted', 'F1', null, T0.toISOString());
    s.ledgers.setStatusPush('a', 'o3', 'complete', 'submitted', null, null, T0.toISOString());
    s.ledgers.setStatusPush('b', 'o4', 'cancel', 'submitted', null, null, T0.toISOString());
    expect(s.ledgers.unsentStatusPushes('a', 'cancel')).toEqual(['o1']);
    s.ledgers.forgetStatusPush('o2', 'cancel');
    expect(s.ledgers.statusPush('o2', 'cancel')).toBeUndefined();
    expect(s.ledgers.statusPush('o3', 'complete')).toMatchObject({ status: 'submitted' });
  });

  test('retry queue counts attempts and clears', () => {
    const s = stateAt(tempDb());
    const k = { seller: 'a', marketplace: 'M', direction: 'pull-orders' };
    s.retries.fail(k, 'o1', 'unknown SKU', T0.toISOString());
    s.retries.fail(k, 'o1', 'unknown SKU again', T0.toISOString());
    expect(s.retries.list(k)).toEqual([expect.objectContaining({ key: 'o1', attempts: 2, lastError: 'unknown SKU again' })]);
    s.retries.clear(k, 'o1');
    expect(s.retries.list(k)).toEqual([]);
  });
});

describe('lock', () => {
  test('a second holder is refused while the first is alive', () => {
    const file = tempDb();
    const first = stateAt(file, { pid: 100 });
    const second = stateAt(file, { pid: 200 });
    first.locks.acquire('pull-orders', 'a', T0);
    expect(() => second.locks.acquire('pull-orders', 'a', T0)).toThrow(LockHeldError);
    expect(() => second.locks.acquire('pull-orders', 'a', T0)).toThrow(/pid 100 on host-a/);
    // Another command, or another seller, is not blocked.
    second.locks.acquire('push-stock', 'a', T0);
    second.locks.acquire('pull-orders', 'b', T0);
    first.locks.release('pull-orders', 'a');
    second.locks.acquire('pull-orders', 'a', T0);
  });

  test('a lock left by a dead process on this host is taken over', () => {
    const file = tempDb();
    stateAt(file, { pid: 100 }).locks.acquire('pull-orders', 'a', T0);
    const next = stateAt(file, { pid: 200, alive: (pid) => pid !== 100 });
    expect(next.locks.acquire('pull-orders', 'a', T0)).toMatch(/took over a lock left by pid 100/);
    expect(next.locks.holders(new Date())).toEqual([expect.objectContaining({ pid: 200 })]);
  });

  test('a holder on another host is trusted until its heartbeat goes stale', () => {
    const file = tempDb();
    const remote = stateAt(file, { pid: 100, host: 'host-b' });
    remote.locks.acquire('pull-orders', 'a', T0);
    const local = stateAt(file, { pid: 100, alive: () => false });
    expect(() => local.locks.acquire('pull-orders', 'a', new Date(T0.getTime() + 60_000))).toThrow(LockHeldError);
    remote.locks.heartbeat('pull-orders', 'a', new Date(T0.getTime() + 20 * 60_000));
    expect(() => local.locks.acquire('pull-orders', 'a', new Date(T0.getTime() + 40 * 60_000))).toThrow(LockHeldError);
    expect(local.locks.acquire('pull-orders', 'a', new Date(T0.getTime() + 51 * 60_000))).toMatch(/took over/);
  });

  test('our own pid with a token we do not hold is a recycled pid, not us', () => {
    const file = tempDb();
    const db = openState(file);
    db.prepare("INSERT INTO locks VALUES ('pull-orders', 'a', 'old-token', ?, 'host-a', ?, ?)").run(
      process.pid,
      T0.toISOString(),
      T0.toISOString(),
    );
    db.close();
    const s = stateAt(file, { pid: process.pid });
    expect(s.locks.acquire('pull-orders', 'a', T0)).toMatch(/took over/);
    // …but a lock this process really holds is still respected.
    expect(() => stateAt(file, { pid: process.pid }).locks.acquire('pull-orders', 'a', T0)).toThrow(LockHeldError);
  });
});

import Database from 'better-sqlite3';
import { assertBuilt, runCli, spawnCli, waitFor } from '../helpers/cli-process';
import { isOperation, spawnAndKill } from '../helpers/kill-points';
import { openOrdersOfSellers } from '../helpers/open-orders';
import { eligibleOrderIds, listedSkus, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

const cli = (w: TestWorld, ...args: string[]) => spawnCli(['--config', w.configPath, ...args]);
const isCreateFeed = isOperation('POST', /^\/feeds\/2021-06-30\/feeds$/);

function query<T>(w: TestWorld, sql: string): T[] {
  const db = new Database(w.stateFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

interface RunRow {
  command: string;
  seller: string;
  outcome: string;
}
const runs = (w: TestWorld): RunRow[] => query<RunRow>(w, 'SELECT command, seller, outcome FROM runs ORDER BY id');

/** Resolves once `n` runs hold their locks at one and the same moment: proof that they ran side by side. */
async function heldTogether(w: TestWorld, n: number): Promise<void> {
  await waitFor(() => {
    try {
      return query(w, 'SELECT 1 FROM locks').length === n;
    } catch {
      // The first run may not have created the state file yet.
      return false;
    }
  });
}

/** Slow enough that two runs started together are both still under way once the later one has its lock. */
const SLOWED = { faults: 'slow=1', slowMs: 100 };

test('push-stock twice at once for one seller: the second exits 75 naming the first, which finishes', async () => {
  // Three polls per feed: the first run waits for its feed for seconds, holding the lock.
  const w = await world({ orders: 0, reportPolls: 1, feedPolls: 3 });
  await listedSkus(w, 24); // above the patch threshold (20): a full push goes by feed
  let feedCreated = false;
  w.onRequest((e) => {
    if (e.phase === 'answered' && isCreateFeed(e)) feedCreated = true;
  });
  const first = cli(w, 'push-stock', '--full');
  await waitFor(() => feedCreated);
  const second = await runCli(['--config', w.configPath, 'push-stock', '--full']);
  expect(second.code).toBe(75);
  expect(second.stderr).toMatch(new RegExp(`another push-stock run for seller sim-us is in progress \\(pid ${first.proc.pid} on `));
  expect((await first.done).code).toBe(0);
  expect(w.amazon.feeds().filter((f) => f.feedType === 'JSON_LISTINGS_FEED')).toHaveLength(1);
  expect(
    runs(w)
      .filter((r) => r.command === 'push-stock')
      .map((r) => r.outcome),
  ).toEqual(['ok']);
});

test('two sellers at once: both runs succeed, each with its own orders', async () => {
  const w = await world({ orders: 0, sellers: 2, ...SLOWED });
  openOrdersOfSellers(w, [1, 2], 30);
  const first = cli(w, 'pull-orders', '--seller', 'sim-us');
  const second = cli(w, 'pull-orders', '--seller', 'sim-us-2');
  await heldTogether(w, 2);
  const [a, b] = await Promise.all([first.done, second.done]);
  expect([a.code, b.code]).toEqual([0, 0]);
  expect(
    w.allocadence
      .orders()
      .map((o) => o.orderNumber)
      .sort(),
  ).toEqual(eligibleOrderIds(w));
  expect(eligibleOrderIds(w)).toHaveLength(60);
  expect(
    runs(w)
      .map((r) => `${r.seller} ${r.outcome}`)
      .sort(),
  ).toEqual(['sim-us ok', 'sim-us-2 ok']);
});

test('a push run killed while holding its lock: the next run takes the lock over and finishes', async () => {
  const w = await world({ orders: 0, reportPolls: 1, feedPolls: 1 });
  await listedSkus(w, 24); // above the patch threshold (20): a full push goes by feed
  const killed = await spawnAndKill(w, ['push-stock', '--full'], { label: 'createFeed', phase: 'received', match: isCreateFeed, n: 1 });
  expect(killed.killed).toBe(true);
  const [lock] = query<{ command: string; pid: number }>(w, 'SELECT command, pid FROM locks');
  expect(lock?.command).toBe('push-stock');
  const again = await runCli(['--config', w.configPath, 'push-stock']);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain(`took over a lock left by pid ${lock?.pid}`);
  expect(query(w, 'SELECT * FROM locks')).toEqual([]);
});

test('push-stock and pull-orders at once for one seller share the state file without harm', async () => {
  const w = await world({ orders: 80, reportPolls: 1, ...SLOWED });
  const skus = await listedSkus(w, 20);
  const pulling = cli(w, 'pull-orders');
  const pushing = cli(w, 'push-stock');
  await heldTogether(w, 2);
  const [orders, stock] = await Promise.all([pulling.done, pushing.done]);
  expect([orders.code, stock.code, orders.stderr + stock.stderr]).toEqual([
    0,
    0,
    expect.not.stringMatching(/SQLITE_BUSY|database is locked/),
  ]);
  expect(query<{ integrity_check: string }>(w, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  const want = eligibleOrderIds(w);
  expect(want.length).toBeGreaterThan(20);
  expect(
    query<{ id: string }>(w, "SELECT amazon_order_id AS id FROM order_map WHERE state = 'created' ORDER BY 1").map((r) => r.id),
  ).toEqual(want);
  expect(query<{ sku: string }>(w, 'SELECT sku FROM pushed_stock ORDER BY 1').map((r) => r.sku)).toEqual([...skus].sort());
  expect(query(w, 'SELECT * FROM stock_pushes')).toEqual([]);
  expect(query(w, 'SELECT * FROM locks')).toEqual([]);
  expect(
    runs(w)
      .map((r) => `${r.command} ${r.outcome}`)
      .sort(),
  ).toEqual(['pull-items ok', 'pull-orders ok', 'push-stock ok']);
});

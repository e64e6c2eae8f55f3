import Database from 'better-sqlite3';
import { assertBuilt, runCli, spawnCli } from '../helpers/cli-process';
import { isOperation } from '../helpers/kill-points';
import { listedSkus, minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

function query<T>(w: TestWorld, sql: string): T[] {
  const db = new Database(w.stateFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const isCreateOrder = (e: { system: string; method: string; path: string }): boolean =>
  e.system === 'allocadence' && e.method === 'POST' && e.path.endsWith('customer-orders');
const isCreateFeed = isOperation('POST', /^\/feeds\/2021-06-30\/feeds$/);

/** 120 open orders of the seeded SKUs, 30 minutes old. */
function addOrders(w: TestWorld, n = 120): void {
  const t = minutesAgo(30);
  w.amazon.addOrders({
    orders: Array.from({ length: n }, (_, i) => ({
      status: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-000${(i % 9) + 1}`, quantity: 1 }],
    })),
  });
}

interface StatusJson {
  directions: { direction: string; lastRun?: { outcome: string; read: number; totals: Record<string, number> }; lock?: unknown }[];
}

async function statusOf(w: TestWorld, direction: string): Promise<StatusJson['directions'][number] | undefined> {
  const status = await runCli(['--config', w.configPath, '--json', 'status']);
  expect(status.code).toBe(0);
  return (JSON.parse(status.stdout) as StatusJson).directions.find((d) => d.direction === direction);
}

test.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)(
  'pull-orders and %s mid-run: finishes the order in flight, records the run as stopped with its counts, releases the lock, exits %i; the next run finishes the rest',
  async (signal, code) => {
    const w = await world({ orders: 0, faults: 'slow=1', slowMs: 30 });
    addOrders(w);
    const child = spawnCli(['--config', w.configPath, 'pull-orders']);
    let creates = 0;
    w.onRequest((e) => {
      if (e.phase === 'received' && isCreateOrder(e) && ++creates === 10) child.proc.kill(signal);
    });
    const stopped = await child.done;
    expect(stopped.code).toBe(code);
    expect(stopped.stderr).toContain(`${signal}: stopping after the request in flight`);
    expect(stopped.stderr).toMatch(/pull-orders sim-us: stopped/);
    expect(stopped.stderr).not.toMatch(/unexpected error|\n\s+at /);
    const made = w.allocadence.orders().length;
    expect(made).toBeGreaterThanOrEqual(10);
    expect(made).toBeLessThan(120);
    const last = await statusOf(w, 'pull-orders');
    expect(last?.lastRun?.outcome).toBe('stopped');
    // Every order the run created is in its counts: nothing it did is lost from the record.
    expect(last?.lastRun?.totals.created).toBe(made);
    expect(last?.lastRun?.read).toBeGreaterThanOrEqual(made);
    expect(last?.lock).toBeUndefined();
    expect(query(w, 'SELECT * FROM locks')).toEqual([]);

    const next = await runCli(['--config', w.configPath, 'pull-orders']);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toContain('took over a lock');
    const numbers = w.allocadence.orders().map((o) => o.orderNumber);
    expect(numbers).toHaveLength(120);
    expect(new Set(numbers).size).toBe(120);
  },
);

test('a second signal ends the run at once, with the same exit code', async () => {
  const w = await world({ orders: 0, faults: 'slow=1', slowMs: 200 });
  addOrders(w, 40);
  const child = spawnCli(['--config', w.configPath, 'pull-orders']);
  let creates = 0;
  let sentAt = 0;
  w.onRequest((e) => {
    if (e.phase !== 'received' || !isCreateOrder(e) || ++creates !== 3) return;
    child.proc.kill('SIGINT');
    // The first signal is being honoured (the answer takes 200 ms): the second must not wait for it.
    setTimeout(() => {
      sentAt = Date.now();
      child.proc.kill('SIGINT');
    }, 50);
  });
  const ended = await child.done;
  expect(ended.code).toBe(130);
  expect(ended.stderr).toContain('SIGINT again: exiting at once');
  expect(Date.now() - sentAt).toBeLessThan(2_000);
  // Like a crash: the next run takes the lock over and duplicates nothing.
  const next = await runCli(['--config', w.configPath, 'pull-orders']);
  expect(next.code).toBe(0);
  expect(new Set(w.allocadence.orders().map((o) => o.orderNumber)).size).toBe(40);
});

test('SIGTERM while push-stock waits for its feed: stops without waiting, leaves the feed for the next run to read', async () => {
  const w = await world({ orders: 0, reportPolls: 1, feedPolls: 1000 });
  await listedSkus(w, 24); // above the patch threshold: a full push goes by feed
  const child = spawnCli(['--config', w.configPath, 'push-stock', '--full']);
  let sentAt = 0;
  w.onRequest((e) => {
    if (e.phase === 'answered' && isCreateFeed(e)) {
      sentAt = Date.now();
      child.proc.kill('SIGTERM');
    }
  });
  const stopped = await child.done;
  expect(stopped.code).toBe(143);
  expect(Date.now() - sentAt).toBeLessThan(5_000);
  expect(query<{ outcome: string }>(w, "SELECT outcome FROM runs WHERE command = 'push-stock'")).toEqual([{ outcome: 'stopped' }]);
  expect(query(w, 'SELECT * FROM locks')).toEqual([]);
  const status = await runCli(['--config', w.configPath, 'status']);
  expect(status.stdout).toMatch(/push-stock\s.*stopped/);
});

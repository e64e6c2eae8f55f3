import Database from 'better-sqlite3';
import { allocadenceOrderNumbers, eligibleOrderIds, worldsClosedAfterEach, type RunResult, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const MIN = 60_000;
const DAY = 86_400_000;

interface Summary {
  outcome: string;
  marketplaces: { from: string; to: string }[];
  totals: Record<string, number>;
  stoppedAtDeadline?: { resume: { marketplaceId: string; next: string }[] };
}
const summaryOf = (r: RunResult): Summary => (JSON.parse(r.out) as { runs: Summary[] }).runs[0] as Summary;

function rows(w: TestWorld, table: 'checkpoints' | 'backfills', direction: string): Record<string, string>[] {
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE direction = ?`).all(direction) as Record<string, string>[];
  } finally {
    db.close();
  }
}
const live = (w: TestWorld, direction: string): string | undefined => rows(w, 'checkpoints', direction)[0]?.value;

/** `count` open merchant orders, last updated evenly from `fromDaysAgo` to `toDaysAgo` before the world's clock. */
function orders(w: TestWorld, count: number, fromDaysAgo: number, toDaysAgo: number): void {
  const now = w.time?.clock() ?? Date.now();
  const step = ((fromDaysAgo - toDaysAgo) * DAY) / count;
  const list = Array.from({ length: count }, (_, i) => {
    const t = new Date(now - toDaysAgo * DAY - 10 * MIN - i * step).toISOString();
    return {
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-00${String((i % 30) + 1).padStart(2, '0')}`, quantity: 1 }],
    };
  });
  for (let i = 0; i < list.length; i += 200) w.amazon.addOrders({ orders: list.slice(i, i + 200) });
}

test('a --since back-fill stopped by its deadline keeps its own cursor: the live checkpoint stays, cron runs read new orders, the next --since run continues', async () => {
  const w = await world({ seed: 91, orders: 0, fakeClock: true, rates: ['searchOrders=0.01/2'] });
  // Old orders the cron runs never saw (the first run reads one day back), and a live checkpoint from a normal run.
  orders(w, 600, 20, 2);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const cp0 = live(w, 'pull-orders') ?? '';
  expect(cp0).not.toBe('');

  const since = new Date((w.time?.clock() ?? 0) - 21 * DAY).toISOString();
  const first = await w.run(['--json', '--max-minutes', '5', 'pull-orders', '--since', since]);
  expect(first.code).toBe(0);
  const s1 = summaryOf(first);
  expect(s1.stoppedAtDeadline).toBeDefined();
  // The live checkpoint did not move back; the back-fill's cursor is its own.
  expect(live(w, 'pull-orders')).toBe(cp0);
  const [bf1] = rows(w, 'backfills', 'pull-orders');
  expect(bf1?.since).toBe(since);
  expect(Date.parse(bf1?.cursor ?? '')).toBeGreaterThan(Date.parse(since));
  expect(Date.parse(bf1?.cursor ?? '')).toBeLessThan(Date.parse(cp0));
  expect(s1.stoppedAtDeadline?.resume[0]?.next).toBe(
    `the back-fill from ${since} at ${bf1?.cursor} (run --since ${since} again; cron runs go on from the checkpoint)`,
  );

  // A cron run meanwhile reads from the live checkpoint and imports a new order at once.
  w.time?.advance(15 * MIN);
  const [fresh] = w.amazon.addOrders({
    orders: [
      {
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: new Date((w.time?.clock() ?? 0) - 5 * MIN).toISOString(),
        lastUpdatedTime: new Date((w.time?.clock() ?? 0) - 5 * MIN).toISOString(),
        items: [{ sku: 'SKU-0001', quantity: 1 }],
      },
    ],
  });
  const cron = await w.run(['--json', 'pull-orders']);
  expect(cron.code).toBe(0);
  expect(Date.parse(summaryOf(cron).marketplaces[0]?.from ?? '')).toBeGreaterThan(Date.parse(cp0) - DAY);
  expect(allocadenceOrderNumbers(w)).toContain(fresh?.orderId);
  const cp1 = live(w, 'pull-orders') ?? '';
  expect(Date.parse(cp1)).toBeGreaterThan(Date.parse(cp0));
  expect(rows(w, 'backfills', 'pull-orders')[0]?.cursor).toBe(bf1?.cursor);

  // The next --since run starts at the cursor (less the lookback), not at --since.
  let last = await w.run(['--json', '--max-minutes', '5', 'pull-orders', '--since', since]);
  expect(Date.parse(summaryOf(last).marketplaces[0]?.from ?? '')).toBe(Date.parse(bf1?.cursor ?? '') - 30 * MIN);
  let runs = 2;
  while (summaryOf(last).stoppedAtDeadline && runs < 15) {
    expect(live(w, 'pull-orders')).toBe(cp1);
    w.time?.advance(15 * MIN);
    last = await w.run(['--json', '--max-minutes', '5', 'pull-orders', '--since', since]);
    runs++;
  }
  expect(summaryOf(last).stoppedAtDeadline).toBeUndefined();
  // Finished: the back-fill is forgotten, and the live checkpoint moved forward to its end.
  expect(rows(w, 'backfills', 'pull-orders')).toEqual([]);
  expect(live(w, 'pull-orders')).toBe(summaryOf(last).marketplaces[0]?.to);
  const numbers = allocadenceOrderNumbers(w);
  expect(numbers).toEqual(eligibleOrderIds(w));
  expect(w.allocadence.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/customer-orders'))).toHaveLength(numbers.length);
});

test('a --since back-fill that finishes in one run moves the live checkpoint only forward and leaves no cursor behind', async () => {
  const w = await world({ seed: 92, orders: 0, fakeClock: true });
  orders(w, 20, 5, 2);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const cp0 = live(w, 'pull-orders') ?? '';
  w.time?.advance(15 * MIN);
  const r = await w.run(['--json', 'push-shipments', '--since', new Date((w.time?.clock() ?? 0) - 6 * DAY).toISOString()]);
  expect(r.code).toBe(0);
  const back = await w.run(['--json', 'pull-orders', '--since', new Date((w.time?.clock() ?? 0) - 6 * DAY).toISOString()]);
  expect(back.code).toBe(0);
  expect(Date.parse(live(w, 'pull-orders') ?? '')).toBeGreaterThan(Date.parse(cp0));
  expect(rows(w, 'backfills', 'pull-orders')).toEqual([]);
  expect(rows(w, 'backfills', 'push-shipments')).toEqual([]);
  expect(allocadenceOrderNumbers(w)).toEqual(eligibleOrderIds(w));
});

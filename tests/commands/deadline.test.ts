import Database from 'better-sqlite3';
import { allocadenceOrderNumbers, eligibleOrderIds, worldsClosedAfterEach, type RunResult, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const MIN = 60_000;
const DAY = 86_400_000;
const SEARCH = '/orders/2026-01-01/orders';

interface Summary {
  outcome: string;
  marketplaces: { from: string; to: string }[];
  totals: Record<string, number>;
  http: { throttled: number };
  stoppedAtDeadline?: { deadline: string; resume: { marketplaceId: string; next: string }[] };
}
const summaryOf = (r: RunResult): Summary => (JSON.parse(r.out) as { runs: Summary[] }).runs[0] as Summary;

/** `count` open merchant orders, last updated evenly over the `days` before the world's clock. */
function backlog(w: TestWorld, count: number, days: number): void {
  const now = w.time?.clock() ?? Date.now();
  const step = (days * DAY) / count;
  const orders = Array.from({ length: count }, (_, i) => {
    const t = new Date(now - 10 * MIN - i * step).toISOString();
    return {
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-00${String((i % 30) + 1).padStart(2, '0')}`, quantity: 1 }],
    };
  });
  for (let i = 0; i < orders.length; i += 200) w.amazon.addOrders({ orders: orders.slice(i, i + 200) });
}

function checkpoint(w: TestWorld, direction: string): string | undefined {
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return (db.prepare('SELECT value FROM checkpoints WHERE direction = ?').get(direction) as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

test('a backlog bigger than a run: each run stops at its deadline on a slice boundary, exit 0, and the runs together import every order once', async () => {
  // One searchOrders page per 100 s after a burst of 2: a five-minute run reads about five pages of a backlog of about fifteen.
  const w = await world({ seed: 81, orders: 0, fakeClock: true, rates: ['searchOrders=0.01/2'] });
  backlog(w, 1000, 6.5);
  const clock = w.time?.clock ?? Date.now;

  const started = clock();
  const first = await w.run(['--json', '--max-minutes', '5', 'pull-orders']);
  expect(clock() - started).toBeLessThanOrEqual(5 * MIN);
  expect(first.code).toBe(0);
  const s1 = summaryOf(first);
  expect(s1.outcome).toBe('ok');
  const cp1 = checkpoint(w, 'pull-orders') ?? '';
  expect(s1.stoppedAtDeadline).toEqual({
    deadline: new Date(started + 5 * MIN).toISOString(),
    resume: [{ marketplaceId: 'ATVPDKIKX0DER', next: `from ${cp1}` }],
  });
  expect(
    first.logs.some(
      (l) =>
        typeof l.msg === 'string' &&
        l.msg.startsWith('pull-orders sim-us: ok (exit 0) stopped at the deadline; next run continues ATVPDKIKX0DER: from '),
    ),
  ).toBe(true);
  // status tells an operator the same, in its table and its JSON.
  expect((await w.run(['status'])).out).toContain(
    `pull-orders: stopped at its deadline; the next run continues ATVPDKIKX0DER: from ${cp1}`,
  );
  const shown = JSON.parse((await w.run(['--json', 'status'])).out) as {
    directions: { direction: string; lastRun?: { stoppedAtDeadline?: unknown } }[];
  };
  expect(shown.directions.find((d) => d.direction === 'pull-orders')?.lastRun?.stoppedAtDeadline).toEqual(s1.stoppedAtDeadline);
  // The checkpoint is the end of a slice that was asked for, short of the run's signpost.
  const sliceEnds = w.amazon.requests.filter((r) => r.path === SEARCH).map((r) => r.query.lastUpdatedBefore);
  expect(sliceEnds).toContain(cp1);
  expect(Date.parse(cp1)).toBeLessThan(Date.parse(s1.marketplaces[0]?.to ?? ''));
  // Nothing before the checkpoint was lost.
  const imported = new Set(allocadenceOrderNumbers(w));
  const before = w.amazon.orders().filter((o) => Date.parse(o.lastUpdatedTime) <= Date.parse(cp1));
  expect(before.length).toBeGreaterThan(0);
  expect(before.filter((o) => !imported.has(o.orderId))).toEqual([]);

  let last = first;
  let previous = cp1;
  let runs = 1;
  while (summaryOf(last).stoppedAtDeadline && runs < 12) {
    w.time?.advance(15 * MIN);
    last = await w.run(['--json', '--max-minutes', '5', 'pull-orders']);
    runs++;
    expect(last.code).toBe(0);
    const cp = checkpoint(w, 'pull-orders') ?? '';
    expect(Date.parse(cp)).toBeGreaterThan(Date.parse(previous));
    previous = cp;
  }
  expect(runs).toBeGreaterThan(2);
  expect(summaryOf(last).stoppedAtDeadline).toBeUndefined();
  expect(checkpoint(w, 'pull-orders')).toBe(summaryOf(last).marketplaces[0]?.to);

  const numbers = allocadenceOrderNumbers(w);
  expect(numbers).toEqual(eligibleOrderIds(w));
  expect(numbers).toHaveLength(1000);
  // Re-read slices found their orders imported already: one create per order, none twice.
  expect(w.allocadence.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/customer-orders'))).toHaveLength(1000);
  expect(w.amazon.requests.filter((r) => r.status === 429)).toEqual([]);
});

test("retries and the window share the run: virtual time is near the slower bucket's minimum, not the sum of both", async () => {
  // Both buckets one request per 100 s: five getOrder retries and the window's pages would take their sum one after the other.
  const w = await world({ seed: 82, orders: 0, virtualClock: true, rates: ['searchOrders=0.01/1', 'getOrder=0.01/1'] });
  backlog(w, 450, 6.5);
  const now = w.time?.clock() ?? Date.now();
  const t = new Date(now - 3 * DAY).toISOString();
  w.amazon.addOrders({
    orders: Array.from({ length: 5 }, () => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: 'NOT-IN-WAREHOUSE', quantity: 1 }],
    })),
  });
  expect((await w.run(['--max-minutes', '600', 'pull-orders'])).code).toBe(1);
  // Long enough for both simulated buckets (and the levels the run left) to be full again.
  w.time?.advance(60 * MIN);
  w.amazon.requests.length = 0;

  const start = w.time?.clock() ?? 0;
  const r = await w.run(['--json', '--max-minutes', '600', 'pull-orders', '--since', new Date(now - 7 * DAY).toISOString()]);
  const elapsedS = ((w.time?.clock() ?? 0) - start) / 1000;
  expect(r.code).toBe(1);
  expect(summaryOf(r).totals['already-imported']).toBe(450);
  const count = (path: (p: string) => boolean): number => w.amazon.requests.filter((q) => q.method === 'GET' && path(q.path)).length;
  const searches = count((p) => p === SEARCH);
  const gets = count((p) => p.startsWith(`${SEARCH}/`));
  expect(gets).toBe(5);
  expect(searches).toBeGreaterThanOrEqual(5);
  // Each bucket on its own: burst 1, then 100 s per request.
  const [searchMin, getMin] = [(searches - 1) * 100, (gets - 1) * 100];
  const slower = Math.max(searchMin, getMin);
  const sum = searchMin + getMin;
  expect(elapsedS).toBeGreaterThanOrEqual(slower);
  expect(elapsedS).toBeLessThanOrEqual(slower * 1.1 + 100);
  expect(elapsedS).toBeLessThan(sum * 0.8);
  expect(w.amazon.requests.filter((q) => q.status === 429)).toEqual([]);
});

test('a run starts from the bucket levels the last run left, so back-to-back runs meet no 429', async () => {
  const w = await world({ seed: 83, orders: 0, fakeClock: true, rates: ['searchOrders=0.01/3'] });
  backlog(w, 600, 6.5);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  w.time?.advance(MIN);
  const before = w.time?.clock() ?? 0;
  const second = await w.run(['--json', 'pull-orders']);
  expect(second.code).toBe(0);
  expect(summaryOf(second).http.throttled).toBe(0);
  // The bucket the first run drained had refilled for a minute only: the second run waited for its token.
  expect((w.time?.clock() ?? 0) - before).toBeGreaterThan(30_000);
  expect(w.amazon.requests.filter((r) => r.status === 429)).toEqual([]);

  // Without the levels, the same back-to-back run starts from a full bucket the server does not have.
  const db = new Database(w.stateFile);
  db.prepare('DELETE FROM rate_buckets').run();
  db.close();
  w.time?.advance(MIN);
  const third = await w.run(['--json', 'pull-orders']);
  expect(summaryOf(third).http.throttled).toBeGreaterThan(0);
});

test('push-stock stops between patches at the deadline; the next runs push what is left first, each SKU once', async () => {
  const w = await world({ seed: 84, orders: 0, listings: 60, fakeClock: true, rates: ['patchListingsItem=0.1/2'] }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).stock = { patchThreshold: 1000 };
  });
  expect((await w.run(['pull-items'])).code).toBe(0);
  w.amazon.requests.length = 0;
  const patched = (): string[] =>
    w.amazon.requests.filter((q) => q.method === 'PATCH').map((q) => decodeURIComponent(q.path.split('/').pop() ?? ''));

  const first = await w.run(['--json', '--max-minutes', '2', 'push-stock', '--full']);
  expect(first.code).toBe(0);
  const s1 = summaryOf(first);
  const firstBatch = patched();
  expect(firstBatch.length).toBeGreaterThan(2);
  const merchant = w.amazon.listings().filter((l) => l.fulfillment === 'MERCHANT' && !l.isParent).length;
  expect(s1.stoppedAtDeadline?.resume).toEqual([
    { marketplaceId: 'ATVPDKIKX0DER', next: `${merchant - firstBatch.length} SKU(s) not pushed yet, pushed first next run` },
  ]);

  w.time?.advance(60 * MIN);
  w.amazon.requests.length = 0;
  const second = await w.run(['--json', '--max-minutes', '2', 'push-stock', '--full']);
  expect(second.code).toBe(0);
  const secondBatch = patched();
  // A run that stops short pushes the SKUs the last one did not reach before any it did.
  expect(secondBatch.filter((sku) => firstBatch.includes(sku))).toEqual(secondBatch.slice(merchant - firstBatch.length));
  let all = [...firstBatch, ...secondBatch];
  let last = second;
  for (let i = 0; i < 10 && summaryOf(last).stoppedAtDeadline; i++) {
    w.time?.advance(60 * MIN);
    w.amazon.requests.length = 0;
    last = await w.run(['--json', '--max-minutes', '2', 'push-stock']);
    expect(last.code).toBe(0);
    all = [...all, ...patched()];
  }
  expect(summaryOf(last).stoppedAtDeadline).toBeUndefined();
  // Without --full only the SKUs never pushed were left: between them, the runs pushed every SKU once.
  expect(all.slice(firstBatch.length + secondBatch.length).filter((sku) => firstBatch.includes(sku) || secondBatch.includes(sku))).toEqual(
    [],
  );
  expect(new Set(all).size).toBe(merchant);
  expect(all).toHaveLength(merchant);
});

test('push-status looks at orders oldest change first and stops at the deadline; the rest go in later runs, each order in one feed', async () => {
  const w = await world({ seed: 85, orders: 0, virtualClock: true, rates: ['getOrder=0.01/1'] });
  backlog(w, 6, 0.01);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const ids = allocadenceOrderNumbers(w);
  for (const id of ids) {
    w.time?.advance(MIN);
    w.allocadence.cancelOrder(id, 'Out of stock');
  }
  const modified = new Map(w.allocadence.orders().map((o) => [o.orderNumber, Date.parse(o.modifiedDate)]));
  const cancelledOnAmazon = (): string[] =>
    ids.filter((id) => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus === 'CANCELLED');

  const first = await w.run(['--json', '--max-minutes', '3', 'push-status']);
  expect(first.code).toBe(0);
  const done = cancelledOnAmazon();
  expect(done.length).toBeGreaterThan(0);
  expect(done.length).toBeLessThan(ids.length);
  // Oldest change first, and the checkpoint at the change of the first order not reached.
  const byChange = [...ids].sort((a, b) => (modified.get(a) ?? 0) - (modified.get(b) ?? 0));
  expect(done.sort()).toEqual(byChange.slice(0, done.length).sort());
  const cp = checkpoint(w, 'push-status') ?? '';
  expect(Date.parse(cp)).toBe(modified.get(byChange[done.length] ?? ''));
  expect(summaryOf(first).stoppedAtDeadline?.resume).toEqual([
    { marketplaceId: 'ATVPDKIKX0DER', next: `${ids.length - done.length} order(s) not looked at yet; from ${cp}` },
  ]);

  let last = first;
  for (let i = 0; i < 6 && summaryOf(last).stoppedAtDeadline; i++) {
    w.time?.advance(60 * MIN);
    last = await w.run(['--json', '--max-minutes', '3', 'push-status']);
    expect(last.code).toBe(0);
  }
  expect(summaryOf(last).stoppedAtDeadline).toBeUndefined();
  expect(cancelledOnAmazon().sort()).toEqual([...ids].sort());
  const feedLines = w.amazon.requests
    .filter((q) => q.method === 'PUT' && q.path.startsWith('/documents/'))
    .flatMap((q) => q.body.trim().split('\n').slice(1))
    .map((l) => l.split('\t')[0]);
  expect(feedLines.sort()).toEqual([...ids].sort());
});

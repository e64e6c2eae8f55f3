import { listedSkus, noWait, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
const MINUTE = 60_000;

interface Report {
  sellers: { findings: { kind: string; key: string }[]; orders: number; incomplete?: boolean; notCompared?: string[] }[];
}

function place(w: TestWorld, sku: string, n: number): string[] {
  const t = new Date((w.time?.clock() ?? Date.now()) - 10 * MINUTE).toISOString();
  const orders = Array.from({ length: n }, () => ({
    status: 'UNSHIPPED' as const,
    fulfilledBy: 'MERCHANT' as const,
    createdTime: t,
    lastUpdatedTime: t,
    items: [{ sku, quantity: 1 }],
  }));
  const ids: string[] = [];
  for (let i = 0; i < n; i += 200) ids.push(...w.amazon.addOrders({ orders: orders.slice(i, i + 200) }).map((o) => o.orderId));
  return ids;
}

test('the deadline in the orders read: the orders read before it are reported, the rest is named as not compared, exit 1', async () => {
  // One searchOrders page per 100 s after a burst of 2: a one-minute reconcile reads two pages of three.
  const w = await world({ seed: 91, orders: 0, listings: 0, fakeClock: true, rates: ['searchOrders=0.01/2'] });
  const [sku] = await listedSkus(w, 1);
  place(w, sku ?? '', 250);
  const clock = w.time?.clock ?? Date.now;
  const started = clock();
  const r = await w.run(['--json', '--max-minutes', '1', 'reconcile'], noWait);
  expect(clock() - started).toBeLessThanOrEqual(MINUTE);
  expect(r.code).toBe(1);
  const [seller] = (JSON.parse(r.out) as Report).sellers;
  expect(seller?.orders).toBe(200);
  expect(seller?.findings).toHaveLength(200);
  expect(new Set(seller?.findings.map((f) => f.kind))).toEqual(new Set(['missing-in-allocadence']));
  expect(seller?.incomplete).toBe(true);
  expect(seller?.notCompared).toEqual([
    'orders ATVPDKIKX0DER: not compared whole: deadline (the 200 read before it are compared)',
    'stock ATVPDKIKX0DER: not compared: deadline',
  ]);
  // The rate-limit buckets are kept in the state file: once they have filled again, the text run reads the same two pages.
  w.time?.advance(10 * MINUTE);
  const text = await w.run(['--quiet', '--max-minutes', '1', 'reconcile'], noWait);
  expect(text.code).toBe(1);
  expect(text.out).toMatch(
    /^sim-us: \d+ finding\(s\): \d+ missing-in-allocadence .*; INCOMPLETE: orders ATVPDKIKX0DER: not compared whole/,
  );
});

test('no finding in what was compared, but stock not compared before the deadline: exit 1, and --quiet still prints why', async () => {
  const w = await world({ seed: 92, orders: 0, listings: 0, fakeClock: true, reportPolls: 3 });
  await listedSkus(w, 2);
  expect((await w.run(['push-stock', '--full'], noWait)).code).toBe(0);
  const whole = await w.run(['--json', 'reconcile']);
  expect(whole.code).toBe(0);
  expect((JSON.parse(whole.out) as Report).sellers[0]?.incomplete).toBeUndefined();
  // The listings report takes three polls (a second's wait, then two): a run of 0.6 s stops waiting for it.
  const r = await w.run(['--json', '--max-minutes', '0.01', 'reconcile']);
  expect(r.code).toBe(1);
  const [seller] = (JSON.parse(r.out) as Report).sellers;
  expect(seller?.findings).toEqual([]);
  expect(seller?.notCompared).toEqual(['stock ATVPDKIKX0DER: not compared: deadline']);
  const quiet = await w.run(['--quiet', '--max-minutes', '0.01', 'reconcile']);
  expect(quiet.code).toBe(1);
  expect(quiet.out).toBe(
    'sim-us: no finding in what was compared (0 order(s), 0 listing(s) compared); INCOMPLETE: stock ATVPDKIKX0DER: not compared: deadline\n',
  );
});

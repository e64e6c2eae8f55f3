import { minutesAgo, noWait, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();

interface Summary {
  outcome: string;
  totals: Record<string, number>;
  failures: { key: string; reason: string; retriable: boolean }[];
  warnings: { key: string; warning: string }[];
}
const summaryOf = (out: string): Summary => (JSON.parse(out) as { runs: Summary[] }).runs[0] as Summary;

/** Three orders imported, then the first one cancelled on Amazon and two new ones placed. */
async function importedThenOneCancelled(w: TestWorld): Promise<string> {
  const order = (sku: string) => ({
    status: 'UNSHIPPED' as const,
    fulfilledBy: 'MERCHANT' as const,
    createdTime: minutesAgo(20),
    lastUpdatedTime: minutesAgo(20),
    items: [{ sku, quantity: 1 }],
  });
  const [first] = w.amazon.addOrders({ orders: [order('SKU-0002'), order('SKU-0003'), order('SKU-0004')] });
  expect((await w.run(['pull-orders'], noWait)).code).toBe(0);
  w.amazon.updateOrder(first?.orderId ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  w.amazon.addOrders({
    orders: [
      { ...order('SKU-0005'), createdTime: minutesAgo(4), lastUpdatedTime: minutesAgo(4) },
      { ...order('SKU-0006'), createdTime: minutesAgo(4), lastUpdatedTime: minutesAgo(4) },
    ],
  });
  return first?.orderId ?? '';
}

test('an account without the legacy cancel call: one cancel that fails is an item failure (listed, retried, exit 1); the other orders are created and counted', async () => {
  const w = await world({ seed: 41, orders: 0 });
  const cancelled = await importedThenOneCancelled(w);
  w.allocadence.setLegacyApi(false);
  const r = await w.run(['--json', 'pull-orders'], noWait);
  expect(r.code).toBe(1);
  const s = summaryOf(r.out);
  expect(s.outcome).toBe('partial');
  expect(s.totals.created).toBe(2);
  expect(s.failures).toEqual([
    { key: cancelled, retriable: true, reason: expect.stringContaining('set sellers[].orders.cancelInWarehouse: false') },
  ]);
  expect(w.allocadence.orders()).toHaveLength(5);
  const status = JSON.parse((await w.run(['--json', 'status'])).out) as {
    directions: { direction: string; lastRun?: { totals: Record<string, number> }; retries: unknown[] }[];
  };
  const pull = status.directions.find((d) => d.direction === 'pull-orders');
  expect(pull?.lastRun?.totals.created).toBe(2);
  expect(pull?.retries).toHaveLength(1);
});

test('with sellers[].orders.cancelInWarehouse false: the rest of pull-orders runs and exits 0, the order left is listed once, and the run says so once', async () => {
  const w = await world({ seed: 42, orders: 0 }, (config) => {
    const [seller] = config.sellers as { orders?: Record<string, unknown> }[];
    if (seller) seller.orders = { ...seller.orders, cancelInWarehouse: false };
  });
  const cancelled = await importedThenOneCancelled(w);
  w.allocadence.setLegacyApi(false);
  const r = await w.run(['--json', 'pull-orders'], noWait);
  expect(r.code).toBe(0);
  const s = summaryOf(r.out);
  expect(s.totals).toMatchObject({ created: 2, 'not-cancelled': 1 });
  expect(s.warnings).toEqual([{ key: cancelled, warning: expect.stringMatching(/left as it is .*cancel it there by hand/) }]);
  expect(r.logs.filter((l) => String(l.msg).startsWith('orders.cancelInWarehouse is false'))).toHaveLength(1);
  expect(w.allocadence.requests.filter((q) => q.method === 'PUT')).toEqual([]);
  // Listed once: seen again, it is counted but not warned about.
  const again = summaryOf((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)], noWait)).out);
  expect(again.warnings).toEqual([]);
  expect(again.totals['not-cancelled']).toBe(1);
});

test('check names the switch that lets pull-orders go on without the legacy cancel call, and with it set, does not block the feature', async () => {
  const w = await world({ seed: 43, orders: 2, fakeClock: true });
  w.allocadence.setLegacyApi(false);
  const r = await w.run(['check']);
  expect(r.out).toMatch(/cancel \(legacy\) +FAIL .*\n.*\n? *→ to go on without it: set sellers\[\]\.orders\.cancelInWarehouse: false/);
  const off = await world({ seed: 43, orders: 2, fakeClock: true }, (config) => {
    const [seller] = config.sellers as { orders?: Record<string, unknown> }[];
    if (seller) seller.orders = { ...seller.orders, cancelInWarehouse: false };
  });
  off.allocadence.setLegacyApi(false);
  const r2 = await off.run(['check']);
  expect(r2.out).toMatch(/cancel \(legacy\) +warn .*\(not used by this config\)/);
  expect(r2.out).not.toMatch(/- pull-orders: Amazon cancellations reach Allocadence/);
});

import { listedSkus, noWait, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
const MINUTE = 60_000;

interface ReportedFinding {
  kind: string;
  key: string;
  detail: string;
  notFixed?: string;
}
interface Report {
  sellers: { findings: ReportedFinding[]; fixed: number }[];
}
const reported = (out: string): ReportedFinding[] => (JSON.parse(out) as Report).sellers.flatMap((s) => s.findings);
const pairs = (out: string): [string, string][] => reported(out).map((f) => [f.kind, f.key]);
const ago = (w: TestWorld, ms: number): string => new Date((w.time?.clock() ?? Date.now()) - ms).toISOString();

async function ok(w: TestWorld, argv: string[]): Promise<void> {
  const r = await w.run(argv, noWait);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.err.slice(-1500)}`);
}

/** Open merchant orders of one unit of each SKU, placed half an hour ago, last changed `updatedAgoMs` ago. */
function place(
  w: TestWorld,
  skus: readonly string[],
  n: number,
  updatedAgoMs = 10 * MINUTE,
  fulfilledBy: 'MERCHANT' | 'AMAZON' = 'MERCHANT',
): string[] {
  const orders = w.amazon.addOrders({
    orders: Array.from({ length: n }, () => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy,
      createdTime: ago(w, 30 * MINUTE),
      lastUpdatedTime: ago(w, updatedAgoMs),
      items: skus.map((sku) => ({ sku, quantity: 1 })),
    })),
  });
  return orders.map((o) => o.orderId);
}

/** Two SKUs listed with their warehouse quantity, `n` orders of both imported. */
async function synced(w: TestWorld, n: number): Promise<{ skus: string[]; orders: string[] }> {
  const skus = await listedSkus(w, 2);
  await ok(w, ['push-stock', '--full']);
  const orders = place(w, skus, n);
  await ok(w, ['pull-orders']);
  return { skus, orders };
}

test('a line cancel pull-orders refuses (the warehouse picked the line) stays cancel-not-applied, with pull-orders’ reason', async () => {
  const w = await world({ seed: 81, orders: 0, listings: 0, fakeClock: true });
  const { skus, orders } = await synced(w, 1);
  const id = orders[0] ?? '';
  const second = w.amazon
    .orders()
    .find((o) => o.orderId === id)
    ?.orderItems.find((i) => i.product.sellerSku === skus[1]);
  w.allocadence.pickOrder(id, [{ sku: skus[1] ?? '', quantity: 1 }]);
  w.amazon.cancelItems(id, { orderItemIds: [second?.orderItemId ?? ''], cancelledBy: 'AMAZON', lastUpdatedTime: ago(w, 10 * MINUTE) });
  const linesBefore = w.allocadence.orders().find((o) => o.orderNumber === id)?.items;

  const fixed = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(fixed.code).toBe(1);
  const [f, ...rest] = reported(fixed.out);
  expect(rest).toEqual([]);
  expect(f).toMatchObject({ kind: 'cancel-not-applied', key: id });
  expect(f?.notFixed).toMatch(/already picked 1 of 1 .*stop it by hand/);
  expect(w.allocadence.orders().find((o) => o.orderNumber === id)?.items).toEqual(linesBefore);
});

test('an Amazon cancel of an order the warehouse already shipped is not attempted: the finding says why', async () => {
  const w = await world({ seed: 82, orders: 0, listings: 0, fakeClock: true });
  const { skus, orders } = await synced(w, 1);
  const id = orders[0] ?? '';
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: 'TRK-S',
    lines: skus.map((sku) => ({ sku, quantity: 1 })),
  });
  w.amazon.updateOrder(id, { status: 'CANCELLED', cancelledBy: 'BUYER', lastUpdatedTime: ago(w, 10 * MINUTE) });
  const before = w.allocadence.orders().find((o) => o.orderNumber === id);

  const fixed = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(fixed.code).toBe(1);
  expect(pairs(fixed.out)).toEqual([['cancel-not-applied', id]]);
  expect(reported(fixed.out)[0]?.notFixed).toMatch(/does not cancel an order the warehouse already shipped/);
  expect((JSON.parse(fixed.out) as Report).sellers[0]?.fixed).toBe(0);
  expect(w.allocadence.orders().find((o) => o.orderNumber === id)).toEqual(before);
  // Nothing was confirmed on Amazon either: the order stays cancelled there.
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
});

test('a warehouse cancel push-status refuses (Amazon shows the order partly or wholly shipped) stays cancel-not-pushed', async () => {
  const w = await world({ seed: 83, orders: 0, listings: 0, fakeClock: true });
  const { orders } = await synced(w, 2);
  const [partly, wholly] = orders as [string, string];
  for (const id of orders) w.allocadence.cancelOrder(id, 'Out of stock');
  w.amazon.updateOrder(partly, { status: 'PARTIALLY_SHIPPED', lastUpdatedTime: ago(w, 10 * MINUTE) });
  w.amazon.updateOrder(wholly, { status: 'SHIPPED', lastUpdatedTime: ago(w, 10 * MINUTE) });

  const fixed = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(fixed.code).toBe(1);
  const found = reported(fixed.out);
  expect(found.map((f) => [f.kind, f.key])).toEqual(
    [
      ['cancel-not-pushed', partly],
      ['cancel-not-pushed', wholly],
    ].sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? '')),
  );
  expect(found.find((f) => f.key === partly)?.notFixed).toMatch(/Amazon shows it PARTIALLY_SHIPPED: not cancelled there/);
  expect(found.find((f) => f.key === wholly)?.notFixed).toMatch(/does not cancel an order it shows shipped/);
  expect(w.amazon.feeds().filter((f) => f.feedType !== 'JSON_LISTINGS_FEED')).toEqual([]);
});

test('stock-drift where Amazon offers more than the warehouse holds is pushed down to what it holds, never up', async () => {
  const w = await world({ seed: 84, orders: 0, listings: 0, fakeClock: true });
  const skus = await listedSkus(w, 2);
  await ok(w, ['push-stock', '--full']);
  const [low, zero] = skus as [string, string];
  const offered = (sku: string): number | undefined => w.amazon.listings().find((l) => l.sku === sku)?.quantity;
  expect(offered(low)).toBeGreaterThan(2);
  // The warehouse now holds less than Amazon offers.
  w.allocadence.setStock(low, 'Main', 2);
  w.allocadence.setStock(zero, 'Main', 0);
  const found = await w.run(['--json', 'reconcile'], noWait);
  expect(pairs(found.out)).toEqual([...skus].sort().map((sku) => ['stock-drift', sku]));
  const fixed = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(fixed.code).toBe(0);
  const held = (sku: string): number => w.allocadence.items().find((i) => i.sku === sku)?.safetyStock ?? 0;
  expect(offered(low)).toBe(Math.max(0, 2 - held(low)));
  expect(offered(zero)).toBe(0);
});

test('not findings: FBA orders and listings, and an order changed in the last two minutes that Amazon does not show yet', async () => {
  const w = await world({ seed: 85, orders: 0, listings: 0, fakeClock: true });
  const { skus } = await synced(w, 1);
  place(w, skus, 1, 10 * MINUTE, 'AMAZON');
  w.amazon.addListings({ listings: [{ sku: 'FBA-ONLY-SKU', fulfillment: 'AMAZON' }] });
  // Placed a minute ago: neither pull-orders nor reconcile sees it until searchOrders does.
  place(w, skus, 1, MINUTE);
  const r = await w.run(['--json', 'reconcile'], noWait);
  expect(r.code).toBe(0);
  expect(pairs(r.out)).toEqual([]);
});

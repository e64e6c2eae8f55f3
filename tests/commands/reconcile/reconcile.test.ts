import { defined } from '../../helpers/defined';
import { listedSkus, noWait, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
const HOUR = 3_600_000;

interface Report {
  sellers: { seller: string; findings: { kind: string; key: string; detail: string; notFixed?: string }[]; fixed: number }[];
}
const findings = (out: string): [string, string][] =>
  (JSON.parse(out) as Report).sellers.flatMap((s) => s.findings.map((f): [string, string] => [f.kind, f.key]));
const ago = (w: TestWorld, ms: number): string => new Date((w.time?.clock() ?? Date.now()) - ms).toISOString();

/** Places open orders of two warehouse SKUs each, created `hoursAgo` ago. */
function place(w: TestWorld, skus: readonly string[], n: number, hoursAgo = 0.5): string[] {
  const t = ago(w, hoursAgo * HOUR);
  const updated = ago(w, 10 * 60_000);
  const orders = w.amazon.addOrders({
    orders: Array.from({ length: n }, () => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: updated < t ? t : updated,
      items: [
        { sku: skus[0] ?? '', quantity: 1 },
        { sku: skus[1] ?? '', quantity: 1 },
      ],
    })),
  });
  return orders.map((o) => o.orderId);
}

async function ok(w: TestWorld, argv: string[]): Promise<void> {
  const r = await w.run(argv, noWait);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.err.slice(-1500)}`);
}

/** A world the five directions have brought in sync: listings with quantities, orders imported, one shipped and confirmed. */
async function inSync(w: TestWorld): Promise<{ skus: string[]; orders: string[] }> {
  const skus = await listedSkus(w, 4);
  await ok(w, ['push-stock', '--full']);
  const orders = place(w, skus, 6);
  await ok(w, ['pull-orders']);
  w.allocadence.ship({
    orderNumber: orders[5] ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: 'TRK-SYNC',
    lines: skus.slice(0, 2).map((sku) => ({ sku, quantity: 1 })),
  });
  await ok(w, ['push-shipments']);
  await ok(w, ['push-status']);
  return { skus, orders };
}

test('a world in sync has no findings; one planted case of each kind is reported exactly; --fix leaves what it cannot repair', async () => {
  const w = await world({ seed: 71, orders: 0, listings: 0, fakeClock: true });
  const { skus, orders } = await inSync(w);
  const clean = await w.run(['--json', 'reconcile'], noWait);
  expect(clean.code).toBe(0);
  expect(findings(clean.out)).toEqual([]);

  const [late] = place(w, skus, 1, 30);
  await ok(w, ['pull-orders']);
  const [missing] = place(w, skus, 1);
  const [cancelled, requested, shipped, warehouseCancelled] = orders;
  w.amazon.updateOrder(cancelled ?? '', { status: 'CANCELLED', cancelledBy: 'BUYER' });
  w.amazon.requestCancellation(requested ?? '');
  w.allocadence.ship({
    orderNumber: shipped ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: 'TRK-1',
    lines: skus.slice(0, 2).map((sku) => ({ sku, quantity: 1 })),
  });
  w.allocadence.cancelOrder(warehouseCancelled ?? '', 'Out of stock');
  w.allocadence.setStock(skus[2] ?? '', 'Main', 7);
  w.amazon.addListings({ listings: [{ sku: 'NOT-IN-WAREHOUSE', quantity: 3 }] });
  // searchOrders shows changes older than two minutes only.
  w.time?.advance(5 * 60_000);

  const planted = [
    ['missing-in-allocadence', missing],
    ['cancel-not-applied', cancelled],
    ['buyer-cancel-request', requested],
    ['shipment-not-confirmed', shipped],
    ['cancel-not-pushed', warehouseCancelled],
    ['late-shipment-risk', late],
    ['stock-drift', skus[2]],
    ['unknown-sku', 'NOT-IN-WAREHOUSE'],
  ];
  const found = await w.run(['--json', 'reconcile'], noWait);
  expect(found.code).toBe(1);
  expect(findings(found.out)).toEqual(planted);

  const fixed = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(fixed.code).toBe(1);
  const report = JSON.parse(fixed.out) as Report;
  expect(findings(fixed.out)).toEqual([
    ['late-shipment-risk', late],
    ['unknown-sku', 'NOT-IN-WAREHOUSE'],
  ]);
  expect(report.sellers[0]?.fixed).toBe(6);
  expect(findings((await w.run(['--json', 'reconcile'], noWait)).out)).toEqual([
    ['late-shipment-risk', late],
    ['unknown-sku', 'NOT-IN-WAREHOUSE'],
  ]);
  // What the directions would have done, done: imported, cancelled, confirmed, pushed.
  const status = (id?: string): string | undefined => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus;
  expect([status(shipped), status(warehouseCancelled)]).toEqual(['SHIPPED', 'CANCELLED']);
  expect(w.allocadence.orders().find((o) => o.orderNumber === missing)).toBeDefined();
  expect(w.amazon.listings().find((l) => l.sku === skus[2])?.quantity).toBe(7);
});

test('late-shipment-risk appears once the clock passes the threshold before the ship-by time', async () => {
  const w = await world({ seed: 72, orders: 0, listings: 0, fakeClock: true });
  const time = defined(w.time, 'the fake clock');
  const skus = await listedSkus(w, 2);
  await ok(w, ['push-stock', '--full']);
  const [id] = place(w, skus, 1);
  await ok(w, ['pull-orders']);
  const shipBy = Date.parse(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.shipByWindow?.latestDateTime ?? '');
  // The order's ship-by time is 48 h after it was placed (the simulator's OrderFulfillment.shipByWindow).
  expect(shipBy).toBeGreaterThan(time.clock() + 40 * HOUR);
  expect((await w.run(['reconcile', '--late-within', '12'], noWait)).code).toBe(0);
  time.advance(shipBy - time.clock() - 13 * HOUR);
  expect((await w.run(['reconcile', '--late-within', '12'], noWait)).code).toBe(0);
  time.advance(2 * HOUR);
  const soon = await w.run(['--json', 'reconcile', '--late-within', '12'], noWait);
  expect(soon.code).toBe(1);
  expect(findings(soon.out)).toEqual([['late-shipment-risk', id]]);
  expect(JSON.parse(soon.out).sellers[0].findings[0].detail).toMatch(/due in 11 h/);
  time.advance(13 * HOUR);
  const text = await w.run(['reconcile', '--late-within', '12'], noWait);
  expect(text.out).toMatch(/1 finding\(s\): 1 late-shipment-risk/);
  expect(text.out).toMatch(/2 h overdue/);
  // Shipped by the warehouse and confirmed: no longer at risk.
  w.allocadence.ship({
    orderNumber: id ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: 'TRK-L',
    lines: skus.map((sku) => ({ sku, quantity: 1 })),
  });
  await ok(w, ['push-shipments']);
  expect((await w.run(['reconcile', '--late-within', '12'], noWait)).code).toBe(0);
});

import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const json = (out: string): { runs: Array<{ outcome: string; totals: Record<string, number>; failures: Array<{ key: string; reason: string; retriable: boolean }> }> } => JSON.parse(out);

/** An Amazon order for SKU-0001 ×2 and SKU-0002 ×1, imported into Allocadence. */
async function importedOrder(w: TestWorld): Promise<string> {
  const t = minutesAgo(30);
  const [order] = w.amazon.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0001', quantity: 2 }, { sku: 'SKU-0002', quantity: 1 }] }] });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return order?.orderId ?? '';
}

const withCarriers = (c: Record<string, unknown>): void => {
  ((c.sellers as Array<Record<string, unknown>>)[0] as Record<string, unknown>).carriers = { UPS: { carrierCode: 'UPS' } };
};

test('two packages confirm the order on Amazon with both trackings; a rerun sends nothing', async () => {
  const w = await world({ seed: 51, orders: 0, fakeClock: true }, withCarriers);
  const id = await importedOrder(w);
  w.allocadence.ship({ orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: '1ZTEST0001', lines: [{ sku: 'SKU-0001', quantity: 2 }] });
  w.allocadence.ship({ orderNumber: id, carrier: 'Speedy Post', service: 'Express', trackingNumber: 'SP-77', lines: [{ sku: 'SKU-0002', quantity: 1 }] });
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals.confirmed).toBe(2);
  const order = w.amazon.orders().find((o) => o.orderId === id);
  expect(order?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  expect(order?.packages?.map((p) => [p.carrier, p.trackingNumber]).sort()).toEqual([
    ['Speedy Post', 'SP-77'],
    ['UPS', '1ZTEST0001'],
  ]);
  const sent = w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'));
  const bodies = sent.map((q) => JSON.parse(q.body) as { marketplaceId: string; packageDetail: Record<string, unknown> });
  expect(bodies.map((b) => b.packageDetail.carrierCode).sort()).toEqual(['Other', 'UPS']);
  for (const b of bodies) {
    expect(b.marketplaceId).toBe('ATVPDKIKX0DER');
    expect(String(b.packageDetail.packageReferenceId)).toMatch(/^[1-9]\d*$/);
    expect(Date.parse(String(b.packageDetail.shipDate))).not.toBeNaN();
  }

  w.amazon.requests.length = 0;
  const again = await w.run(['--json', 'push-shipments', '--since', minutesAgo(120)]);
  expect(again.code).toBe(0);
  expect(json(again.out).runs[0]?.totals).toEqual({ 'already-confirmed': 2 });
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'))).toEqual([]);
});

test('a partial shipment shows PARTIALLY_SHIPPED, then SHIPPED after the rest', async () => {
  const w = await world({ seed: 52, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  w.allocadence.ship({ orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: '1ZPART1', lines: [{ sku: 'SKU-0001', quantity: 1 }] });
  expect((await w.run(['push-shipments'])).code).toBe(0);
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
  w.allocadence.ship({ orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: '1ZPART2', lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0002', quantity: 1 }] });
  expect((await w.run(['push-shipments'])).code).toBe(0);
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
});

test('orders not from Amazon are ignored; an Amazon-looking order unknown to the order map is reported', async () => {
  const w = await world({ seed: 53, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  w.allocadence.ship({ orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: '1Z', lines: [{ sku: 'SKU-0001', quantity: 2 }, { sku: 'SKU-0002', quantity: 1 }] });
  // Remove the order from the order map: as if it had been keyed into Allocadence by hand.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(w.stateFile);
  db.prepare('DELETE FROM order_items WHERE amazon_order_id = ?').run(id);
  db.prepare('DELETE FROM order_map WHERE amazon_order_id = ?').run(id);
  db.close();
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(1);
  expect(json(r.out).runs[0]?.failures).toEqual([expect.objectContaining({ reason: expect.stringMatching(/looks like an Amazon order but pull-orders never imported it/), retriable: false })]);
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'))).toEqual([]);
});

test('a confirmation Amazon refuses is recorded and not resent unless the shipment changes', async () => {
  const w = await world({ seed: 54, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  // A ship date before the order existed: Amazon refuses it.
  w.allocadence.ship({ orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: '1ZEARLY', shippedDate: minutesAgo(2 * 24 * 60), lines: [{ sku: 'SKU-0001', quantity: 2 }] });
  const r = await w.run(['--json', 'push-shipments', '--since', minutesAgo(3 * 24 * 60)]);
  expect(r.code).toBe(1);
  expect(json(r.out).runs[0]?.failures[0]).toMatchObject({ retriable: false, reason: expect.stringMatching(/HTTP 400/) });
  w.amazon.requests.length = 0;
  const again = await w.run(['--json', 'push-shipments', '--since', minutesAgo(3 * 24 * 60)]);
  expect(again.code).toBe(0);
  expect(json(again.out).runs[0]?.totals).toEqual({ 'previously-rejected': 1 });
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'))).toEqual([]);
});

import { minutesAgo, worldsClosedAfterEach } from '../../helpers/world-run';
import { importedOrder, json, withCarriers } from '../../helpers/push-shipments';

const world = worldsClosedAfterEach();

test('two packages confirm the order on Amazon with both trackings; a rerun sends nothing', async () => {
  const w = await world({ seed: 51, orders: 0, fakeClock: true }, withCarriers);
  const id = await importedOrder(w);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZTEST0001',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'Speedy Post',
    service: 'Express',
    trackingNumber: 'SP-77',
    lines: [{ sku: 'SKU-0002', quantity: 1 }],
  });
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
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZPART1',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  expect((await w.run(['push-shipments'])).code).toBe(0);
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZPART2',
    lines: [
      { sku: 'SKU-0001', quantity: 1 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  expect((await w.run(['push-shipments'])).code).toBe(0);
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
});

test('orders not from Amazon are ignored; an Amazon order missing from the order map is found on Amazon and confirmed', async () => {
  const w = await world({ seed: 53, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1Z',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  // Remove the order from the order map: as if it had been keyed into Allocadence by hand.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(w.stateFile);
  db.prepare('DELETE FROM order_items WHERE amazon_order_id = ?').run(id);
  db.prepare('DELETE FROM order_map WHERE amazon_order_id = ?').run(id);
  db.close();
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals).toEqual({ confirmed: 1 });
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  // Asked for once, with no buyer data.
  const reads = w.amazon.requests.filter((q) => q.path === `/orders/2026-01-01/orders/${id}`);
  expect(reads.map((q) => q.query.includedData)).toEqual(['FULFILLMENT,CANCELLATION,PACKAGES']);
});

test('a confirmation Amazon refuses is recorded and not resent unless the shipment changes', async () => {
  const w = await world({ seed: 54, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  // Cancelled on Amazon after the import, and not pulled yet: Amazon refuses the confirmation.
  w.amazon.updateOrder(id, { status: 'CANCELLED' });
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZLATE',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  const r = await w.run(['--json', 'push-shipments', '--since', minutesAgo(3 * 24 * 60)]);
  expect(r.code).toBe(1);
  expect(json(r.out).runs[0]?.failures[0]).toMatchObject({ retriable: false, reason: expect.stringMatching(/HTTP 400/) });
  w.amazon.requests.length = 0;
  const again = await w.run(['--json', 'push-shipments', '--since', minutesAgo(3 * 24 * 60)]);
  expect(again.code).toBe(0);
  expect(json(again.out).runs[0]?.totals).toEqual({ 'previously-rejected': 1 });
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'))).toEqual([]);
});

test('several packages on one shipping order, a blank carrier, and a package without tracking that is confirmed once it has one', async () => {
  const w = await world({ seed: 57, orders: 0, fakeClock: true }, withCarriers);
  const [multi, blank, untracked] = [await importedOrder(w), await importedOrder(w), await importedOrder(w)];
  const so = w.allocadence.ship({
    orderNumber: multi,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZMULTI1',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  w.allocadence.ship({
    orderNumber: multi,
    shippingOrderId: so.shippingorderid,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZMULTI2',
    lines: [{ sku: 'SKU-0002', quantity: 1 }],
  });
  w.allocadence.ship({
    orderNumber: blank,
    carrier: '',
    service: '',
    trackingNumber: '2026112700BLANK',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  const waiting = w.allocadence.ship({
    orderNumber: untracked,
    carrier: 'UPS',
    service: 'Ground',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });

  const first = await w.run(['--json', 'push-shipments']);
  expect(first.code).toBe(1);
  const run = JSON.parse(first.out).runs[0] as {
    totals: Record<string, number>;
    failures: unknown[];
    warnings: { key: string; warning: string }[];
  };
  expect(run.totals).toEqual({ confirmed: 3 });
  expect(run.failures).toEqual([
    {
      key: `${waiting.shippingorderid}/${waiting.shipments[0]?.shipmentid}`,
      reason: `${untracked}: package ${waiting.shipments[0]?.shipmentid}: no tracking number in Allocadence yet; confirmed once it has one`,
      retriable: true,
    },
  ]);
  expect(run.warnings).toEqual([
    {
      key: expect.stringMatching(/^\d+\/\d+$/),
      warning: expect.stringMatching(/has no carrier in Allocadence: sent as Other, "Unknown carrier"/),
    },
  ]);
  const packagesOf = (id: string) => w.amazon.orders().find((o) => o.orderId === id)?.packages ?? [];
  expect(packagesOf(multi).map((p) => [p.carrier, p.trackingNumber])).toEqual([
    ['UPS', '1ZMULTI1'],
    ['UPS', '1ZMULTI2'],
  ]);
  expect(w.amazon.orders().find((o) => o.orderId === multi)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  expect(packagesOf(blank).map((p) => [p.carrier, p.trackingNumber])).toEqual([['Unknown carrier', '2026112700BLANK']]);
  expect(packagesOf(untracked)).toEqual([]);

  // Still none on the next run: asked again by id, failed again, nothing sent.
  const second = await w.run(['--json', 'push-shipments']);
  expect([second.code, JSON.parse(second.out).runs[0].failures.length]).toEqual([1, 1]);
  // The warehouse adds the tracking number; its date comes back later than this run's clock (a wrong zone would do that).
  const future = new Date((w.time?.clock() ?? 0) + 5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  w.allocadence.rewriteNext('getShippingOrder', { set: { 'shipments.0.trackingnumber': '1ZLATER', 'shipments.0.shippeddate': future } });
  const third = await w.run(['--json', 'push-shipments']);
  expect(third.code).toBe(0);
  expect(JSON.parse(third.out).runs[0].warnings).toEqual([
    { key: expect.any(String), warning: expect.stringMatching(/is after this run's clock: sent as/) },
  ]);
  expect(packagesOf(untracked).map((p) => p.trackingNumber)).toEqual(['1ZLATER']);
  expect(Date.parse(packagesOf(untracked)[0]?.shipTime ?? '')).toBeLessThanOrEqual(w.time?.clock() ?? 0);
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation')).length).toBe(4);
});

test('a ship date before the order was placed goes to Amazon as the order date, with a warning', async () => {
  const w = await world({ seed: 58, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  const placed = w.amazon.orders().find((o) => o.orderId === id)?.createdTime ?? '';
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZEARLY',
    shippedDate: minutesAgo(2 * 24 * 60),
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals).toEqual({ confirmed: 1 });
  expect(JSON.parse(r.out).runs[0].warnings).toEqual([
    { key: expect.any(String), warning: expect.stringMatching(/is before the order date .*: sent as the order date/) },
  ]);
  expect(
    w.amazon
      .orders()
      .find((o) => o.orderId === id)
      ?.packages?.map((p) => p.shipTime),
  ).toEqual([placed]);
});

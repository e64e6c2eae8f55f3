import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
interface Run {
  totals: Record<string, number>;
  warnings: { key: string; warning: string }[];
  failures: { key: string; reason: string; retriable: boolean }[];
}
const json = (out: string): Run => (JSON.parse(out) as { runs: Run[] }).runs[0] as Run;

/** An order of the given lines, imported into Allocadence; its id and item ids. */
async function imported(w: TestWorld, items: { sku: string; quantity: number }[]): Promise<{ id: string; items: string[] }> {
  const t = minutesAgo(40);
  const [o] = w.amazon.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items }] });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return { id: o?.orderId ?? '', items: (o?.orderItems ?? []).map((i) => i.orderItemId) };
}

const allocOrder = (w: TestWorld, id: string) => w.allocadence.orders().find((o) => o.orderNumber === id);
const amazonOrder = (w: TestWorld, id: string) => w.amazon.orders().find((o) => o.orderId === id);
const lines = (w: TestWorld, id: string) => allocOrder(w, id)?.items.map((l) => [l.sku, l.quantity]);
const confirmations = (w: TestWorld) => w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'));

test('a line cancelled on Amazon is taken off the Allocadence order; the live line ships and is confirmed', async () => {
  const w = await world({ seed: 501, orders: 0, fakeClock: true });
  const { id, items } = await imported(w, [
    { sku: 'SKU-0001', quantity: 2 },
    { sku: 'SKU-0002', quantity: 1 },
  ]);
  w.amazon.cancelItems(id, { orderItemIds: [items[1] ?? ''], cancelledBy: 'AMAZON', lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect([r.code, json(r.out).totals]).toEqual([0, { 'order-updated': 1 }]);
  expect(lines(w, id)).toEqual([['SKU-0001', 2]]);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZLIVE',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  expect(json((await w.run(['--json', 'push-shipments'])).out).totals).toEqual({ confirmed: 1 });
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  // Nothing to tell Amazon: it cancelled the line itself.
  expect((await w.run(['push-status'])).code).toBe(0);
  expect(w.amazon.feeds()).toEqual([]);
});

test('a package holding a line Amazon cancelled after the last pull: refused, read again once, the live line confirmed', async () => {
  const w = await world({ seed: 502, orders: 0, fakeClock: true });
  const { id, items } = await imported(w, [
    { sku: 'SKU-0001', quantity: 2 },
    { sku: 'SKU-0002', quantity: 1 },
  ]);
  w.amazon.cancelItems(id, { orderItemIds: [items[1] ?? ''], cancelledBy: 'BUYER' });
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZBOTH',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(0);
  expect(json(r.out).totals).toEqual({ confirmed: 1 });
  expect(json(r.out).warnings).toEqual([
    {
      key: expect.any(String),
      warning: expect.stringMatching(/sent again after Amazon refused it .* 1 × SKU-0002 not confirmed: Amazon no longer expects them/),
    },
  ]);
  expect(amazonOrder(w, id)?.packages?.[0]?.packageItems).toEqual([{ orderItemId: items[0], quantity: 2 }]);
  expect(confirmations(w)).toHaveLength(2);
  expect(w.amazon.requests.filter((q) => q.path === `/orders/2026-01-01/orders/${id}`)).toHaveLength(1);
  expect(json((await w.run(['--json', 'push-shipments'])).out).totals).toEqual({ 'already-confirmed': 1 });
});

test('a refusal that reading the order again does not explain is recorded once, not looped on', async () => {
  const w = await world({ seed: 503, orders: 0, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).orders = { importPending: true };
  });
  const t = minutesAgo(40);
  const [o] = w.amazon.addOrders({
    orders: [{ status: 'PENDING', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0001', quantity: 1 }] }],
  });
  const id = o?.orderId ?? '';
  expect((await w.run(['pull-orders'])).code).toBe(0);
  // Shipped while Amazon still holds the order as PENDING: Amazon refuses, and says why.
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZPENDING',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(1);
  expect(json(r.out).failures).toEqual([
    { key: expect.any(String), reason: expect.stringMatching(/PENDING; it cannot be shipped until payment is complete/), retriable: false },
  ]);
  expect(confirmations(w)).toHaveLength(1);
  expect(w.amazon.requests.filter((q) => q.path === `/orders/2026-01-01/orders/${id}`)).toHaveLength(1);
});

test('a refusal for a package Amazon turns out to have (its answer said otherwise) is taken as confirmed', async () => {
  const w = await world({ seed: 507, orders: 0, fakeClock: true });
  const { id } = await imported(w, [{ sku: 'SKU-0001', quantity: 1 }]);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZHAD',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  // Applied, but answered as a refusal (as "PackageToUpdateNotFound … order already fulfilled" is: reference/spapi-2026-12.md §3.1).
  w.amazon.rewriteNext('confirmShipment', {
    status: 400,
    body: { errors: [{ code: 'InvalidInput', message: 'PackageToUpdateNotFound' }] },
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect([r.code, json(r.out).totals]).toEqual([0, { confirmed: 1 }]);
  expect(json(r.out).warnings).toEqual([{ key: expect.any(String), warning: expect.stringMatching(/Amazon already had this package/) }]);
  expect(confirmations(w)).toHaveLength(1);
  expect(amazonOrder(w, id)?.packages).toHaveLength(1);
});

test('two items with one SKU shipped in two packages: each package goes to the item that still expects units', async () => {
  const w = await world({ seed: 504, orders: 0, fakeClock: true });
  const { id, items } = await imported(w, [
    { sku: 'SKU-0003', quantity: 2 },
    { sku: 'SKU-0003', quantity: 1 },
  ]);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZFIRST',
    lines: [{ sku: 'SKU-0003', quantity: 2 }],
  });
  expect(json((await w.run(['--json', 'push-shipments'])).out).totals).toEqual({ confirmed: 1 });
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZSECOND',
    lines: [{ sku: 'SKU-0003', quantity: 1 }],
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect([r.code, json(r.out).totals]).toEqual([0, { confirmed: 1, 'already-confirmed': 1 }]);
  expect(amazonOrder(w, id)?.packages?.map((p) => p.packageItems)).toEqual([
    [{ orderItemId: items[0], quantity: 2 }],
    [{ orderItemId: items[1], quantity: 1 }],
  ]);
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  // The normal path reads nothing from Amazon per package.
  expect(w.amazon.requests.filter((q) => q.path === `/orders/2026-01-01/orders/${id}`)).toEqual([]);
});

test('a quantity lowered and the address corrected on Amazon reach the open Allocadence order in one update', async () => {
  const w = await world({ seed: 505, orders: 0, fakeClock: true });
  const { id, items } = await imported(w, [
    { sku: 'SKU-0001', quantity: 3 },
    { sku: 'SKU-0002', quantity: 1 },
  ]);
  w.amazon.editOrder(id, {
    items: [{ orderItemId: items[0] ?? '', quantity: 1 }],
    address: { line1: '9 New Street', city: 'Othertown' },
    lastUpdatedTime: minutesAgo(3),
  });
  const r = await w.run(['--json', 'pull-orders']);
  expect([r.code, json(r.out).totals]).toEqual([0, { 'order-updated': 1 }]);
  expect(lines(w, id)).toEqual([
    ['SKU-0001', 1],
    ['SKU-0002', 1],
  ]);
  expect(allocOrder(w, id)?.shippingAddress).toMatchObject({ line1: '9 New Street', city: 'Othertown' });
  const puts = w.allocadence.requests.filter((q) => q.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(JSON.parse(puts[0]?.body ?? '{}')).toMatchObject({
    items: [{ quantity: 1 }],
    shippingAddress: { line1: '9 New Street' },
    billingAddress: { sameAsShipping: true },
  });
  // Seen again: nothing more to send.
  expect(json((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).totals).toEqual({ 'already-imported': 1 });
  expect(w.allocadence.requests.filter((q) => q.method === 'PUT')).toHaveLength(1);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZLESS',
    lines: [
      { sku: 'SKU-0001', quantity: 1 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  expect(json((await w.run(['--json', 'push-shipments'])).out).totals).toEqual({ confirmed: 1 });
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
});

test('changes the warehouse can no longer make are failures, reported once: completed, or picked beyond the new quantity', async () => {
  const w = await world({ seed: 506, orders: 0, fakeClock: true });
  const t = minutesAgo(40);
  const placed = w.amazon.addOrders({
    orders: ['SKU-0001', 'SKU-0002'].map((sku) => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku, quantity: 3 }],
    })),
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const [done, picked] = placed.map((o) => ({ id: o.orderId, items: o.orderItems.map((i) => i.orderItemId) })) as [
    { id: string; items: string[] },
    { id: string; items: string[] },
  ];
  w.allocadence.completeOrder(done.id);
  w.allocadence.pickOrder(picked.id, [{ sku: 'SKU-0002', quantity: 3 }]);
  w.amazon.editOrder(done.id, {
    items: [{ orderItemId: done.items[0] ?? '', quantity: 2 }],
    address: { line1: '1 Late Lane' },
    lastUpdatedTime: minutesAgo(3),
  });
  w.amazon.editOrder(picked.id, { items: [{ orderItemId: picked.items[0] ?? '', quantity: 1 }], lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(1);
  expect(json(r.out).failures).toHaveLength(2);
  expect(json(r.out).failures).toEqual(
    expect.arrayContaining([
      {
        key: done.id,
        reason: expect.stringMatching(
          /SKU-0001 .*quantity lowered on Amazon by 1, but the warehouse already shipped it .*; delivery address changed on Amazon, but the warehouse already shipped it/,
        ),
        retriable: false,
      },
      {
        key: picked.id,
        reason: expect.stringMatching(
          /SKU-0002 .*quantity lowered on Amazon by 2, but the warehouse already picked 3 of 3 .*not changed there; stop it by hand/,
        ),
        retriable: false,
      },
    ]),
  );
  expect(w.allocadence.requests.filter((q) => q.method === 'PUT')).toEqual([]);
  const again = await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)]);
  expect([again.code, json(again.out).failures]).toEqual([0, []]);
});

test('--dry-run names the changes it would make and makes none', async () => {
  const w = await world({ seed: 508, orders: 0, fakeClock: true });
  const { id, items } = await imported(w, [
    { sku: 'SKU-0001', quantity: 3 },
    { sku: 'SKU-0002', quantity: 1 },
  ]);
  w.amazon.editOrder(id, { items: [{ orderItemId: items[0] ?? '', quantity: 2 }], lastUpdatedTime: minutesAgo(3) });
  w.amazon.requestCancellation(id, { orderItemIds: [items[1] ?? ''], lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--dry-run', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(
    new RegExp(
      `would-update-order ${id} .*SKU-0001 .*quantity lowered on Amazon by 1 → line \\d+ quantity 2; SKU-0002 .*the buyer asked to cancel it → line \\d+ quantity 0`,
    ),
  );
  expect(w.allocadence.requests.filter((q) => q.method === 'PUT')).toEqual([]);
  // The real run then does exactly that.
  expect(json((await w.run(['--json', 'pull-orders'])).out).totals).toEqual({ 'order-updated': 1 });
  expect(lines(w, id)).toEqual([['SKU-0001', 2]]);
  const planned = await w.run(['--dry-run', 'push-status']);
  expect(planned.out).toMatch(new RegExp(`would-cancel-items ${id} .*BuyerCanceled`));
  expect(w.amazon.feeds()).toEqual([]);
});

import { openOrders } from '../../helpers/open-orders';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
interface Run {
  totals: Record<string, number>;
  warnings: { key: string; warning: string }[];
  failures: { key: string; reason: string; retriable: boolean }[];
}
const json = (out: string): Run => (JSON.parse(out) as { runs: Run[] }).runs[0] as Run;

/** Two lines (SKU-0001 ×2, SKU-0002 ×3), imported into Allocadence. */
async function imported(w: TestWorld): Promise<{ id: string; first: string; second: string }> {
  const [o] = openOrders(
    w,
    [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 3 },
    ],
    { minutes: 40 },
  );
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return { id: o?.orderId ?? '', first: o?.orderItems[0]?.orderItemId ?? '', second: o?.orderItems[1]?.orderItemId ?? '' };
}

const allocOrder = (w: TestWorld, id: string) => w.allocadence.orders().find((o) => o.orderNumber === id);
const amazonOrder = (w: TestWorld, id: string) => w.amazon.orders().find((o) => o.orderId === id);
/** The rows of every order acknowledgement feed sent, as `order item reason`. */
const cancelRows = (w: TestWorld): string[] =>
  w.amazon
    .feeds()
    .filter((f) => f.feedType === 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')
    .flatMap((f) =>
      f.input.content
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split('\t').join(' ')),
    );

const reasons = (c: Record<string, unknown>): void => {
  ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).status = {
    defaultCancelReason: 'NoInventory',
    cancelReasons: { 'Buyer requested cancellation on Amazon': 'NoInventory' },
  };
};

test("a buyer's request for every line cancels the Allocadence order; push-status cancels it on Amazon as BuyerCanceled, whatever the reason map says", async () => {
  const w = await world({ seed: 301, orders: 0, fakeClock: true }, reasons);
  const { id, first, second } = await imported(w);
  w.amazon.requestCancellation(id, { lastUpdatedTime: minutesAgo(3) });
  const pulled = await w.run(['--json', 'pull-orders']);
  expect([pulled.code, json(pulled.out).totals]).toEqual([0, { 'buyer-cancelled': 1 }]);
  expect(allocOrder(w, id)).toMatchObject({ cancelled: true, cancelledReason: 'Buyer requested cancellation on Amazon' });
  // Amazon's order is still open: the seller has to cancel it.
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('UNSHIPPED');

  const pushed = await w.run(['--json', 'push-status']);
  expect([pushed.code, json(pushed.out).totals]).toEqual([0, { cancelled: 1 }]);
  expect(cancelRows(w).sort()).toEqual([`${id} ${first} BuyerCanceled`, `${id} ${second} BuyerCanceled`].sort());
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('CANCELLED');

  // Nothing more, from either direction, once Amazon's cancellation is old enough to be searched.
  w.time?.advance(3 * 60_000);
  expect(json((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).totals).toEqual({ 'already-cancelled': 1 });
  expect((await w.run(['--json', 'push-status', '--since', minutesAgo(120)])).code).toBe(0);
  expect(cancelRows(w)).toHaveLength(2);
});

test('a request for one line takes that line off the Allocadence order; push-status cancels that item only; the other ships and is confirmed', async () => {
  const w = await world({ seed: 302, orders: 0, fakeClock: true }, reasons);
  const { id, first, second } = await imported(w);
  w.amazon.requestCancellation(id, { orderItemIds: [second], lastUpdatedTime: minutesAgo(3) });
  const pulled = await w.run(['--json', 'pull-orders']);
  expect([pulled.code, json(pulled.out).totals]).toEqual([0, { 'order-updated': 1 }]);
  const order = allocOrder(w, id);
  expect(order?.cancelled).toBe(false);
  expect(order?.items.map((l) => [l.sku, l.quantity])).toEqual([['SKU-0001', 2]]);
  // A partial PUT naming the line by its id, quantity 0 (evidence §2.7).
  const put = w.allocadence.requests.find((r) => r.method === 'PUT' && r.path === `/rest/customer-orders/${order?.id}`);
  expect(JSON.parse(put?.body ?? '{}')).toEqual({ items: [{ id: expect.any(Number), quantity: 0 }] });

  const pushed = await w.run(['--json', 'push-status']);
  expect([pushed.code, json(pushed.out).totals]).toEqual([0, { 'items-cancelled': 1 }]);
  expect(cancelRows(w)).toEqual([`${id} ${second} BuyerCanceled`]);
  const amazon = amazonOrder(w, id);
  expect(amazon?.fulfillment?.fulfillmentStatus).toBe('UNSHIPPED');
  expect(amazon?.orderItems[1]?.cancellation?.cancellationExecution).toEqual({ cancelledBy: 'MERCHANT', cancelReason: 'BuyerCanceled' });
  expect(json((await w.run(['--json', 'push-status'])).out).totals).toEqual({});

  // The warehouse ships what is left; Amazon takes it and the order is shipped.
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZLIVE',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  const shipped = await w.run(['--json', 'push-shipments']);
  expect([shipped.code, json(shipped.out).totals]).toEqual([0, { confirmed: 1 }]);
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  expect(amazonOrder(w, id)?.packages?.[0]?.packageItems).toEqual([{ orderItemId: first, quantity: 2 }]);
});

test('a request after the warehouse shipped: warned once, nothing cancelled anywhere', async () => {
  const w = await world({ seed: 303, orders: 0, fakeClock: true });
  const { id } = await imported(w);
  w.allocadence.completeOrder(id);
  w.amazon.requestCancellation(id, { lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(json(r.out).warnings).toEqual([
    {
      key: id,
      warning: expect.stringMatching(
        /the buyer asked to cancel but the warehouse already shipped \(Allocadence order \d+\): SKU-0001, SKU-0002/,
      ),
    },
  ]);
  expect(allocOrder(w, id)?.cancelled).toBe(false);
  // Amazon changes the order again: still no second warning.
  w.amazon.updateOrder(id, { status: 'UNSHIPPED', lastUpdatedTime: minutesAgo(2.5) });
  expect(json((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).warnings).toEqual([]);
  expect((await w.run(['push-status'])).code).toBe(0);
  expect(cancelRows(w)).toEqual([]);
});

test('a request for a line the warehouse already picked: it ships, with a warning, and is not cancelled on Amazon', async () => {
  const w = await world({ seed: 304, orders: 0, fakeClock: true });
  const { id, first } = await imported(w);
  w.allocadence.pickOrder(id, [{ sku: 'SKU-0001', quantity: 1 }]);
  w.amazon.requestCancellation(id, { orderItemIds: [first], lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(json(r.out).warnings).toEqual([
    {
      key: id,
      warning: expect.stringMatching(/SKU-0001 .*the buyer asked to cancel it, but the warehouse already picked 1 of 2 .*it ships/),
    },
  ]);
  expect(allocOrder(w, id)?.items.map((l) => [l.sku, l.quantity])).toEqual([
    ['SKU-0001', 2],
    ['SKU-0002', 3],
  ]);
  expect(w.allocadence.requests.filter((q) => q.method === 'PUT')).toEqual([]);
  expect(json((await w.run(['--json', 'push-status'])).out).totals).toEqual({});
  expect(cancelRows(w)).toEqual([]);
  // It ships, and Amazon takes the confirmation.
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZPICKED',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 3 },
    ],
  });
  expect(json((await w.run(['--json', 'push-shipments'])).out).totals).toEqual({ confirmed: 1 });
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
});

test('an order whose buyer asked to cancel before it was imported is never created; push-status cancels it on Amazon', async () => {
  const w = await world({ seed: 305, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  const [o] = w.amazon.addOrders({
    orders: [
      { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0003', quantity: 1 }] },
    ],
  });
  const id = o?.orderId ?? '';
  w.amazon.requestCancellation(id, { lastUpdatedTime: minutesAgo(20) });
  const pulled = await w.run(['--json', 'pull-orders']);
  expect([pulled.code, json(pulled.out).totals]).toEqual([0, { 'buyer-cancel-requested': 1 }]);
  expect(w.allocadence.orders()).toEqual([]);
  const pushed = await w.run(['--json', 'push-status']);
  expect([pushed.code, json(pushed.out).totals]).toEqual([0, { cancelled: 1 }]);
  expect(amazonOrder(w, id)?.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
  expect(cancelRows(w)).toEqual([`${id} ${o?.orderItems[0]?.orderItemId} BuyerCanceled`]);
});

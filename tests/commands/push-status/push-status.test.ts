import { minutesAgo, worldsClosedAfterEach } from '../../helpers/world-run';
import { feedsOf, imported } from '../../helpers/push-status';

const world = worldsClosedAfterEach();
const json = (
  out: string,
): {
  runs: { outcome: string; totals: Record<string, number>; warnings: { key: string; warning: string }[]; failures: unknown[] }[];
} => JSON.parse(out);

test('orders cancelled in Allocadence are cancelled on Amazon in one feed, once', async () => {
  const w = await world({ seed: 61, orders: 0, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).status = {
      cancelReasons: { 'Address problem': 'ShippingAddressUndeliverable' },
    };
  });
  const [a, b, keep] = await imported(w, 3);
  w.allocadence.cancelOrder(a ?? '', 'Address problem');
  w.allocadence.cancelOrder(b ?? '', 'Out of stock');
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals.cancelled).toBe(2);
  const status = (id?: string) => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus;
  expect([status(a), status(b), status(keep)]).toEqual(['CANCELLED', 'CANCELLED', 'UNSHIPPED']);
  const feeds = feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA');
  expect(feeds).toHaveLength(1);
  const doc = w.amazon.requests.find((q) => q.method === 'PUT' && q.path.startsWith('/documents/'))?.body ?? '';
  const lines = doc.trim().split('\n');
  expect(lines[0]).toBe('order-id\tamazon-order-item-code\tcancellation-reason-code');
  expect(lines).toHaveLength(5);
  expect(lines.filter((l) => l.startsWith(`${a}\t`)).every((l) => l.endsWith('\tShippingAddressUndeliverable'))).toBe(true);
  expect(lines.filter((l) => l.startsWith(`${b}\t`)).every((l) => l.endsWith('\tNoInventory'))).toBe(true);

  w.amazon.requests.length = 0;
  const again = await w.run(['--json', 'push-status', '--since', minutesAgo(120)]);
  expect(again.code).toBe(0);
  expect(feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
});

test('an order already shipped on Amazon is never cancelled there: a warning instead', async () => {
  const w = await world({ seed: 62, orders: 0, fakeClock: true });
  const [id] = await imported(w, 1);
  w.amazon.updateOrder(id ?? '', { status: 'SHIPPED', lastUpdatedTime: minutesAgo(1) });
  w.allocadence.cancelOrder(id ?? '', 'Out of stock');
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.warnings).toEqual([{ key: id, warning: expect.stringMatching(/Amazon shows it SHIPPED: not cancelled/) }]);
  expect(feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
});

test('completed in Allocadence without a shipment record → SHIPPED on Amazon, with a warning', async () => {
  const w = await world({ seed: 63, orders: 0, fakeClock: true });
  const [done, shipped] = await imported(w, 2);
  w.allocadence.completeOrder(done ?? '');
  // The other one has a shipment record: push-shipments tells Amazon, not push-status.
  w.allocadence.ship({
    orderNumber: shipped ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZX',
    lines: [
      { sku: 'SKU-0002', quantity: 1 },
      { sku: 'SKU-0009', quantity: 2 },
    ],
  });
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(0);
  const run = json(r.out).runs[0];
  expect(run?.totals).toMatchObject({ 'marked-shipped': 1, 'has-shipments': 1 });
  expect(run?.warnings).toEqual([{ key: done, warning: expect.stringMatching(/without tracking/) }]);
  expect(w.amazon.orders().find((o) => o.orderId === done)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
  expect(feedsOf(w, 'POST_FLAT_FILE_FULFILLMENT_DATA')).toHaveLength(1);
  w.amazon.requests.length = 0;
  expect((await w.run(['push-status', '--since', minutesAgo(120)])).code).toBe(0);
  expect(feedsOf(w, 'POST_FLAT_FILE_FULFILLMENT_DATA')).toEqual([]);
});

test.each(['FATAL', 'CANCELLED'] as const)(
  'a cancellation feed that ends %s changed nothing: the next run sends it again',
  async (outcome) => {
    const w = await world({ seed: 64, orders: 0, fakeClock: true });
    const [id] = await imported(w, 1);
    w.allocadence.cancelOrder(id ?? '', 'Out of stock');
    w.amazon.nextOutcome('feed', outcome);
    const r = await w.run(['--json', 'push-status']);
    expect(r.code).toBe(1);
    expect(json(r.out).runs[0]?.failures).toEqual([
      expect.objectContaining({ key: id, reason: expect.stringMatching(new RegExp(`ended ${outcome}; sent again next run`)) }),
    ]);
    const again = await w.run(['--json', 'push-status']);
    expect(again.code).toBe(0);
    expect(json(again.out).runs[0]?.totals).toEqual({ cancelled: 1 });
    expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
    expect(feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')).toHaveLength(2);
  },
);

test('a cancellation feed whose header Amazon warns about is a failure: not recorded as done, sent again next run', async () => {
  const w = await world({ seed: 65, orders: 0, fakeClock: true });
  const [id, other] = await imported(w, 2);
  w.allocadence.cancelOrder(id ?? '', 'Out of stock');
  w.allocadence.cancelOrder(other ?? '', 'Out of stock');
  // Amazon does not recognise the reason heading: it warns, ignores the column, and ends the feed DONE (jlevers/selling-partner-api#394).
  w.amazon.invalidateHeadings(['cancellation-reason-code']);
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(1);
  expect(w.amazon.feeds().map((f) => f.processingStatus)).toEqual(['DONE']);
  const reason = expect.stringMatching(
    /^feed \d+: Amazon did not apply it: Warning 90061: The cancellation-reason-code field heading is invalid, so values in this field were ignored\..*; sent again next run$/,
  );
  expect(json(r.out).runs[0]?.failures).toEqual([
    { key: id, reason, retriable: true, feedId: expect.any(String) },
    { key: other, reason, retriable: true, feedId: expect.any(String) },
  ]);
  const status = (orderId?: string) => w.amazon.orders().find((o) => o.orderId === orderId)?.fulfillment?.fulfillmentStatus;
  expect([status(id), status(other)]).toEqual(['UNSHIPPED', 'UNSHIPPED']);

  // Once Amazon reads the header again, the next run sends the cancellations once more, and they apply.
  w.amazon.invalidateHeadings([]);
  const again = await w.run(['--json', 'push-status']);
  expect(again.code).toBe(0);
  expect(json(again.out).runs[0]?.totals).toEqual({ cancelled: 2 });
  expect([status(id), status(other)]).toEqual(['CANCELLED', 'CANCELLED']);
  expect(feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')).toHaveLength(2);
  w.amazon.requests.length = 0;
  expect((await w.run(['--json', 'push-status', '--since', minutesAgo(120)])).code).toBe(0);
  expect(feedsOf(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')).toEqual([]);
});

test('a completion feed whose ship-date heading Amazon does not read fails its rows; nothing is marked shipped', async () => {
  const w = await world({ seed: 66, orders: 0, fakeClock: true });
  const [id] = await imported(w, 1);
  w.allocadence.completeOrder(id ?? '');
  w.amazon.invalidateHeadings(['ship-date']);
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(1);
  expect(json(r.out).runs[0]?.failures).toEqual([
    { key: id, reason: expect.stringMatching(/heading is invalid.*; sent again next run$/), retriable: true, feedId: expect.any(String) },
  ]);
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('UNSHIPPED');
  w.amazon.invalidateHeadings([]);
  const again = await w.run(['--json', 'push-status']);
  expect(json(again.out).runs[0]?.totals).toEqual({ 'marked-shipped': 1 });
  expect(w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('SHIPPED');
});

test('cancelled in the warehouse: items Amazon already cancelled get no row, an item the buyer asked to cancel goes as BuyerCanceled', async () => {
  const w = await world({ seed: 67, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  const [o] = w.amazon.addOrders({
    orders: [
      {
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: t,
        lastUpdatedTime: t,
        items: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 1 },
          { sku: 'SKU-0003', quantity: 1 },
        ],
      },
    ],
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const id = o?.orderId ?? '';
  const [gone, asked, plain] = (o?.orderItems ?? []).map((i) => i.orderItemId);
  // Neither change has reached pull-orders yet; the warehouse cancels the whole order meanwhile.
  w.amazon.cancelItems(id, { orderItemIds: [gone ?? ''], cancelledBy: 'AMAZON' });
  w.amazon.requestCancellation(id, { orderItemIds: [asked ?? ''] });
  w.allocadence.cancelOrder(id, 'Out of stock');
  const r = await w.run(['--json', 'push-status']);
  expect([r.code, json(r.out).runs[0]?.totals]).toEqual([0, { cancelled: 1 }]);
  const doc = w.amazon.requests.find((q) => q.method === 'PUT' && q.path.startsWith('/documents/'))?.body ?? '';
  expect(doc.trim().split('\n').slice(1)).toEqual([`${id}\t${asked}\tBuyerCanceled`, `${id}\t${plain}\tNoInventory`]);
  expect(w.amazon.orders().find((x) => x.orderId === id)?.fulfillment?.fulfillmentStatus).toBe('CANCELLED');
});

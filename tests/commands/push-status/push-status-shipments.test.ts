import { accountDay, addDays, parseAccountDate } from '../../../src/allocadence/account-time';
import { worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';
import { feedsOf, imported } from '../../helpers/push-status';

/** push-status asks the warehouse whether a completed order has shipment records; these tests are about that question. */
const world = worldsClosedAfterEach();
const json = (out: string): { runs: { totals: Record<string, number> }[] } => JSON.parse(out);

const shippingOrderCalls = (w: TestWorld): Record<string, string>[] =>
  w.allocadence.requests.filter((q) => q.path === '/services/rest/shippingorders').map((q) => q.query);

test('"completed without a shipment" is decided from one scan of shipping orders by day, never a filter by order number', async () => {
  const w = await world({ seed: 65, orders: 0, fakeClock: true });
  const [several, voided, none, shipped] = await imported(w, 4);
  // Two packages on one shipping order.
  const so = w.allocadence.ship({
    orderNumber: several ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZA',
    lines: [{ sku: 'SKU-0001', quantity: 1 }],
  });
  w.allocadence.ship({
    orderNumber: several ?? '',
    shippingOrderId: so.shippingorderid,
    carrier: '',
    service: '',
    lines: [{ sku: 'SKU-0009', quantity: 2 }],
  });
  // Shipped, then the label voided: no shipment left, the warehouse completed it by hand.
  w.allocadence.voidShipment(
    w.allocadence.ship({
      orderNumber: voided ?? '',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZV',
      lines: [{ sku: 'SKU-0002', quantity: 1 }],
    }).shippingorderid,
  );
  w.allocadence.completeOrder(voided ?? '');
  w.allocadence.completeOrder(none ?? '');
  w.allocadence.ship({
    orderNumber: shipped ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZS',
    lines: [
      { sku: 'SKU-0004', quantity: 1 },
      { sku: 'SKU-0009', quantity: 2 },
    ],
  });
  w.allocadence.requests.length = 0;
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals).toEqual({ 'has-shipments': 2, 'marked-shipped': 2 });
  const status = (id?: string) => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus;
  expect([status(several), status(voided), status(none), status(shipped)]).toEqual(['UNSHIPPED', 'SHIPPED', 'SHIPPED', 'UNSHIPPED']);
  const calls = shippingOrderCalls(w);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toEqual({
    shipped: 'true',
    include_shipments: 'true',
    start_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
    end_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
  });
});

test.each([
  ['west of UTC', 'America/Los_Angeles'],
  ['east of UTC', 'Asia/Tokyo'],
])(
  'an account %s (%s): an order placed before its midnight and shipped after it has shipments; the other is marked shipped once',
  async (_side, timeZone) => {
    const w = await world({ seed: 66, orders: 0, fakeClock: true, timeZone });
    const now = w.time?.clock() ?? Date.now();
    const day = accountDay(now, timeZone);
    const today = parseAccountDate(`${day} 00:00:00`, timeZone) ?? NaN;
    const midnight = now - today >= 2 * 3_600_000 ? today : (parseAccountDate(`${addDays(day, -1)} 00:00:00`, timeZone) ?? NaN);
    const placed = new Date(midnight - 60_000).toISOString();
    const [shipped, done] = w.amazon
      .addOrders({
        orders: [1, 2].map(() => ({
          status: 'UNSHIPPED' as const,
          fulfilledBy: 'MERCHANT' as const,
          createdTime: placed,
          lastUpdatedTime: placed,
          items: [{ sku: 'SKU-0001', quantity: 1 }],
        })),
      })
      .map((o) => o.orderId);
    expect((await w.run(['pull-orders'])).code).toBe(0);
    w.allocadence.ship({
      orderNumber: shipped ?? '',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZMID',
      shippedDate: new Date(midnight + 1000).toISOString(),
      lines: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    w.allocadence.completeOrder(done ?? '');
    const r = await w.run(['--json', 'push-status']);
    expect([r.code, json(r.out).runs[0]?.totals]).toEqual([0, { 'has-shipments': 1, 'marked-shipped': 1 }]);
    w.amazon.requests.length = 0;
    const again = await w.run(['--json', 'push-status', '--since', new Date(midnight - 3_600_000).toISOString()]);
    expect(again.code).toBe(0);
    expect(feedsOf(w, 'POST_FLAT_FILE_FULFILLMENT_DATA')).toEqual([]);
  },
);

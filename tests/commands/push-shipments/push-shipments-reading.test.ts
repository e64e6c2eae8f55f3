import { accountDay, addDays, parseAccountDate } from '../../../src/allocadence/account-time';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';
import { importedOrder, json } from '../../helpers/push-shipments';

const world = worldsClosedAfterEach();

/** The shipping-order list calls of the last runs, as [start_date, end_date]. */
const listedDays = (w: TestWorld): [string | undefined, string | undefined][] =>
  w.allocadence.requests.filter((q) => q.path === '/services/rest/shippingorders').map((q) => [q.query.start_date, q.query.end_date]);

test('a run reads each day of its window once, by day, whatever its time slices; no paging, no order filter', async () => {
  const w = await world({ seed: 55, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZDAYS',
    lines: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 1 },
    ],
  });
  w.allocadence.requests.length = 0;
  expect((await w.run(['push-shipments', '--since', minutesAgo(10 * 24 * 60)])).code).toBe(0);
  const days = listedDays(w);
  // Ten days in slices of one, two, four… days: several calls, each for days not read before.
  expect(days.length).toBeGreaterThan(1);
  for (let i = 1; i < days.length; i++) expect((days[i]?.[0] ?? '') > (days[i - 1]?.[1] ?? '')).toBe(true);
  const calls = w.allocadence.requests.filter((q) => q.path === '/services/rest/shippingorders');
  expect(
    calls.every(
      (q) => q.query.shipped === 'true' && q.query.include_shipments === 'true' && !('page' in q.query) && !('orderNumber' in q.query),
    ),
  ).toBe(true);
});

/** The account's midnight that begins the day holding `ms`, or the one before if that is under two hours ago. */
function midnightBefore(ms: number, zone: string): number {
  const day = accountDay(ms, zone);
  const midnight = parseAccountDate(`${day} 00:00:00`, zone) ?? NaN;
  return ms - midnight >= 2 * 3_600_000 ? midnight : (parseAccountDate(`${addDays(day, -1)} 00:00:00`, zone) ?? NaN);
}

test.each([
  ['west of UTC', 'America/Los_Angeles'],
  ['east of UTC', 'Asia/Tokyo'],
])(
  'an account %s (%s): packages shipped a second before and after its midnight are confirmed once each, with their own ship date',
  async (_side, timeZone) => {
    const w = await world({ seed: 56, orders: 0, fakeClock: true, timeZone });
    const midnight = midnightBefore(w.time?.clock() ?? Date.now(), timeZone);
    const placed = new Date(midnight - 3_600_000).toISOString();
    const [a, b] = w.amazon
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
    const before = new Date(midnight - 1000).toISOString();
    const after = new Date(midnight + 1000).toISOString();
    w.allocadence.ship({
      orderNumber: a ?? '',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZBEFORE',
      shippedDate: before,
      lines: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    w.allocadence.ship({
      orderNumber: b ?? '',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZAFTER',
      shippedDate: after,
      lines: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    // The legacy tree writes them as the account's wall time either side of midnight.
    expect(w.allocadence.shippingOrders().map((so) => so.shippeddate.slice(11))).toEqual(['23:59:59', '00:00:01']);
    const r = await w.run(['--json', 'push-shipments']);
    expect(r.code).toBe(0);
    expect(json(r.out).runs[0]?.totals).toEqual({ confirmed: 2 });
    const shipTimes = (id?: string): string[] =>
      (w.amazon.orders().find((o) => o.orderId === id)?.packages ?? []).map((p) => p.shipTime ?? '');
    expect([shipTimes(a), shipTimes(b)]).toEqual([[before.replace('.000Z', 'Z')], [after.replace('.000Z', 'Z')]]);
    const again = await w.run(['--json', 'push-shipments', '--since', new Date(midnight - 2 * 3_600_000).toISOString()]);
    expect(json(again.out).runs[0]?.totals).toEqual({ 'already-confirmed': 2 });
    expect(
      w.amazon
        .orders()
        .filter((o) => o.orderId === a || o.orderId === b)
        .map((o) => o.packages?.length),
    ).toEqual([1, 1]);
  },
);

test.each([
  ['{shippingOrders: [...]}', { envelope: 'object' as const }],
  ['camelCase keys', { keys: 'camel' as const }],
])('an account answering with %s works the same', async (_name, legacyShape) => {
  const w = await world({ seed: 59, orders: 0, fakeClock: true, allocadence: { legacyShape } });
  const id = await importedOrder(w);
  const so = w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZSHAPE1',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  w.allocadence.ship({
    orderNumber: id,
    shippingOrderId: so.shippingorderid,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZSHAPE2',
    lines: [{ sku: 'SKU-0002', quantity: 1 }],
  });
  const r = await w.run(['--json', 'push-shipments']);
  expect([r.code, json(r.out).runs[0]?.totals]).toEqual([0, { confirmed: 2 }]);
  expect(
    w.amazon
      .orders()
      .find((o) => o.orderId === id)
      ?.packages?.map((p) => p.packageItems?.map((i) => i.quantity)),
  ).toEqual([[2], [1]]);
});

test('an answer without shipments (include_shipments not honoured) stops the run before anything is sent: exit 3, no stack trace', async () => {
  const w = await world({ seed: 60, orders: 0, fakeClock: true });
  const id = await importedOrder(w);
  w.allocadence.ship({
    orderNumber: id,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZNOSHIP',
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
  });
  w.allocadence.rewriteNext('listShippingOrders', { remove: ['*.shipments'], times: 100 });
  const r = await w.run(['push-shipments']);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(
    /allocadence listShippingOrders: HTTP 200 unexpected answer: 0\.shipments: expected the shipments list \(include_shipments=true\)/,
  );
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'))).toEqual([]);
});

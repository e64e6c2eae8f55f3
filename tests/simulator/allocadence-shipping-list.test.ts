import type { AllocadenceSimulator, SimShippingOrder } from '../../src/simulator/allocadence';
import { useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, createOrder, ids, LEGACY, list, listed, NO_AUTH, shipment } from '../helpers/shipping-orders';

/** The legacy `shippingorders` resource as a client sees it: routes, shapes, day filters in the account's zone. */
const start = useAllocadenceSims();

describe('legacy shippingorders: routes', () => {
  it('refuses known routes without the SecureKey (JSON 401); unrouted paths are 500 with an empty body whatever the key', async () => {
    const { sim } = await start();
    await createOrder(sim, 'A-1');
    const so = sim.ship(shipment('A-1'));
    for (const path of [
      '/services/rest/shippingorders',
      `/services/rest/shippingorders/${so.shippingorderid}`,
      `/services/rest/shippingorders/${so.shippingorderid}/items`,
    ]) {
      for (const headers of [NO_AUTH, { SecureKey: 'wrong' }]) {
        const res = await call(sim, 'GET', path, undefined, headers);
        expect([res.status, res.json()]).toEqual([401, { error: '401', message: 'Unauthorized' }]);
      }
    }
    for (const [method, path] of [
      ['POST', '/services/rest/shippingorders'],
      ['PUT', `/services/rest/shippingorders/${so.shippingorderid}`],
      ['GET', `/services/rest/shippingorders/${so.shippingorderid}/shipments`],
      ['GET', '/services/rest/shipments'],
      ['GET', '/services/rest/shipping-orders'],
    ] as const) {
      for (const headers of [LEGACY, NO_AUTH]) {
        const res = await call(sim, method, path, undefined, headers);
        expect([method, path, res.status, res.text]).toEqual([method, path, 500, '']);
      }
    }
  });

  it('an account without the legacy tree answers every path of it with the HTML 404', async () => {
    const { sim } = await start();
    sim.setLegacyApi(false);
    for (const path of ['/services/rest/shippingorders', '/services/rest/nothing']) {
      const res = await call(sim, 'GET', path, undefined, LEGACY);
      expect([res.status, res.headers.get('content-type')]).toEqual([404, 'text/html']);
    }
  });

  it('reads one shipping order and its items; an unknown id is a JSON 404', async () => {
    const { sim } = await start();
    await createOrder(sim, 'G-1');
    const so = sim.ship(
      shipment('G-1', {
        lines: [
          { sku: 'SKU-0002', quantity: 1 },
          { sku: 'SKU-0001', quantity: 2 },
        ],
      }),
    );
    const one = await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}?include_shipments=true`, undefined, LEGACY);
    expect(JSON.parse(one.text)).toEqual(listed(so));
    const { shipments, ...bare } = listed(so);
    expect(shipments).toHaveLength(1);
    expect(JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}`, undefined, LEGACY)).text)).toEqual(
      bare,
    );
    const items = await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}/items`, undefined, LEGACY);
    expect(JSON.parse(items.text)).toEqual(so.items);
    for (const path of [
      `/shippingorders/${so.shippingorderid + 1}`,
      `/shippingorders/${so.shippingorderid + 1}/items`,
      '/shippingorders/abc',
    ]) {
      const res = await call(sim, 'GET', `/services/rest${path}`, undefined, LEGACY);
      expect([res.status, res.json()]).toEqual([404, { success: false, message: 'Shipping order not found.' }]);
    }
  });
});

describe('legacy shippingorders: the list', () => {
  it('is a bare array, all at once (page and perPage ignored), with shipments only when include_shipments=true', async () => {
    const { sim } = await start();
    await createOrder(sim, 'L-1');
    await createOrder(sim, 'L-2');
    const a = sim.ship(shipment('L-1'));
    const b = sim.ship(shipment('L-2'));
    expect(await list(sim)).toEqual([listed(a), listed(b)]);
    expect(await list(sim, 'shipped=true&include_shipments=true&page=2&perPage=1')).toEqual([listed(a), listed(b)]);
    const without = (await list(sim, 'shipped=true')) as Record<string, unknown>[];
    expect(without.map((s) => 'shipments' in s)).toEqual([false, false]);
    expect(await ids(sim, 'shipped=false')).toEqual([]);
    // Unknown filters are ignored, as the real API ignores what it does not know.
    expect(await ids(sim, 'orderNumber=L-1&shippedFrom=2030-01-01T00:00:00Z&modifiedFrom=2030-01-01')).toEqual([
      a.shippingorderid,
      b.shippingorderid,
    ]);
  });

  it('can answer {shippingOrders: [...]} instead (still no paging block)', async () => {
    const { sim } = await start({ legacyShape: { envelope: 'object' } });
    await createOrder(sim, 'E-1');
    const a = sim.ship(shipment('E-1'));
    expect(await list(sim)).toEqual({ shippingOrders: [listed(a)] });
    expect(
      JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}/items`, undefined, LEGACY)).text),
    ).toEqual({ items: a.items });
  });

  it('can spell its keys in camelCase instead, in the list, one order and its items', async () => {
    const { sim } = await start({ legacyShape: { keys: 'camel' } });
    await createOrder(sim, 'K-1');
    const a = sim.ship(shipment('K-1'));
    const [row] = (await list(sim)) as Record<string, unknown>[];
    expect(Object.keys(row ?? {})).toEqual([
      'shippingOrderId',
      'customerOrder',
      'customer',
      'shippingAddress',
      'carrier',
      'service',
      'orderedDate',
      'shipped',
      'shippedDate',
      'cancelled',
      'shipments',
    ]);
    expect(row).toMatchObject({
      shippingOrderId: a.shippingorderid,
      customerOrder: { orderNumber: 'K-1' },
      shipments: [{ shipmentId: a.shipments[0]?.shipmentid, trackingNumber: '1Z-K-1', errorMessage: null }],
    });
    const one = JSON.parse(
      (await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}?include_shipments=true`, undefined, LEGACY)).text,
    ) as unknown;
    expect(one).toEqual(row);
    const items = JSON.parse(
      (await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}/items`, undefined, LEGACY)).text,
    ) as unknown;
    expect(items).toEqual([{ sku: 'SKU-0001', quantity: 2, shipmentId: a.shipments[0]?.shipmentid }]);
  });

  it('refuses a start_date or end_date that is not a day, in the legacy error shape', async () => {
    const { sim } = await start();
    for (const [query, parameter] of [
      ['start_date=2026-11-27T10:00:00Z', 'start_date'],
      ['start_date=yesterday', 'start_date'],
      ['end_date=2026-02-30', 'end_date'],
    ]) {
      const res = await call(sim, 'GET', `/services/rest/shippingorders?${query}`, undefined, LEGACY);
      expect([res.status, res.json()]).toEqual([400, { success: false, message: `Invalid value for parameter ${parameter}.` }]);
    }
  });

  /** Ships one order at each instant; returns the shipping order ids in that order. */
  async function shippedAt(sim: AllocadenceSimulator, instants: string[]): Promise<number[]> {
    const out: number[] = [];
    for (const [i, at] of instants.entries()) {
      await createOrder(sim, `Z-${i}`);
      out.push(sim.ship(shipment(`Z-${i}`, { shippedDate: at })).shippingorderid);
    }
    return out;
  }

  it.each([
    // West of UTC: 06:59Z on the 28th is still the 27th in Denver (-07:00), 07:00Z is the 28th.
    [
      'America/Denver',
      ['2026-11-28T06:59:59Z', '2026-11-28T07:00:00Z', '2026-11-27T07:00:00Z'],
      ['2026-11-27 23:59:59', '2026-11-28 00:00:00', '2026-11-27 00:00:00'],
    ],
    // East of UTC: 14:59Z on the 27th is the 27th in Tokyo (+09:00), 15:00Z is the 28th.
    [
      'Asia/Tokyo',
      ['2026-11-27T14:59:59Z', '2026-11-27T15:00:00Z', '2026-11-26T15:00:00Z'],
      ['2026-11-27 23:59:59', '2026-11-28 00:00:00', '2026-11-27 00:00:00'],
    ],
  ])('filters start_date/end_date on whole days of the account (%s), both ends inclusive', async (timeZone, instants, walls) => {
    const { sim } = await start({ timeZone });
    const [late, midnight, early] = await shippedAt(sim, instants);
    const rows = (await list(sim)) as SimShippingOrder[];
    expect(rows.map((r) => r.shippeddate)).toEqual(walls);
    const q = (from: string, to: string) => `shipped=true&include_shipments=true&start_date=${from}&end_date=${to}`;
    expect(await ids(sim, q('2026-11-27', '2026-11-27'))).toEqual([late, early]);
    expect(await ids(sim, q('2026-11-28', '2026-11-28'))).toEqual([midnight]);
    expect(await ids(sim, 'start_date=2026-11-28')).toEqual([midnight]);
    expect(await ids(sim, 'end_date=2026-11-26')).toEqual([]);
  });

  it('counts days across a change of summer time (Europe/Berlin, 25 October 2026: 03:00 → 02:00)', async () => {
    const { sim } = await start({ timeZone: 'Europe/Berlin' });
    // 22:30Z on the 24th is 00:30 on the 25th (+02:00); 22:59Z on the 25th is 23:59 (+01:00).
    const [first, last, next] = await shippedAt(sim, ['2026-10-24T22:30:00Z', '2026-10-25T22:59:00Z', '2026-10-25T23:00:00Z']);
    expect(((await list(sim)) as SimShippingOrder[]).map((r) => r.shippeddate)).toEqual([
      '2026-10-25 00:30:00',
      '2026-10-25 23:59:00',
      '2026-10-26 00:00:00',
    ]);
    expect(await ids(sim, 'start_date=2026-10-25&end_date=2026-10-25')).toEqual([first, last]);
    expect(await ids(sim, 'start_date=2026-10-26')).toEqual([next]);
  });

  it('filters on the shipping order ship date (its first package), not a later package', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'P-1');
    const so = sim.ship(shipment('P-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    clock.ms += 2 * 86_400_000;
    sim.ship(shipment('P-1', { shippingOrderId: so.shippingorderid, lines: [{ sku: 'SKU-0002', quantity: 1 }] }));
    expect(await ids(sim, 'start_date=2026-11-27&end_date=2026-11-27')).toEqual([so.shippingorderid]);
    expect(await ids(sim, 'start_date=2026-11-29&end_date=2026-11-29')).toEqual([]);
  });
});

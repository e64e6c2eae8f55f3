import { type SimShippingOrder } from '../../src/simulator/allocadence';
import { useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, createOrder, LEGACY, list, NO_AUTH, shipment, customerOrder as order } from '../helpers/shipping-orders';

/** Voided labels and faults on the legacy routes (packages: allocadence-shipments.test.ts). */
const start = useAllocadenceSims();

describe('voiding labels', () => {
  it('one package, then the rest: each turns cancelled, and the shipping order with the last; the customer order is left alone', async () => {
    const { sim, clock } = await start();
    const created = await createOrder(sim, 'X-1');
    const so = sim.ship(shipment('X-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    sim.ship(
      shipment('X-1', {
        shippingOrderId: so.shippingorderid,
        lines: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 1 },
        ],
      }),
    );
    const before = await order(sim, created.id);
    clock.ms += 30_000;
    const [a, b] = sim.shippingOrders()[0]?.shipments ?? [];
    const res = await call(sim, 'POST', `/__sim/shipments/${so.shippingorderid}/void`, { shipmentId: a?.shipmentid }, NO_AUTH);
    expect(res.status).toBe(200);
    expect(res.json().shippingOrder).toMatchObject({ cancelled: false, shipments: [{ cancelled: true }, { cancelled: false }] });
    const all = sim.voidShipment(so.shippingorderid);
    expect(all).toMatchObject({ cancelled: true, shipments: [{ cancelled: true }, { cancelled: true }] });
    expect(sim.voidShipment(so.shippingorderid)).toEqual(all);
    expect(((await list(sim)) as SimShippingOrder[])[0]).toMatchObject({
      cancelled: true,
      shipments: [
        { shipmentid: a?.shipmentid, cancelled: true },
        { shipmentid: b?.shipmentid, cancelled: true },
      ],
    });
    expect(await order(sim, created.id)).toEqual(before);

    for (const [path, body] of [
      [`/__sim/shipments/${so.shippingorderid + 1}/void`, undefined],
      [`/__sim/shipments/${so.shippingorderid}/void`, { shipmentId: 1 }],
      ['/__sim/shipments/abc/void', undefined],
    ] as const) {
      const refused = await call(sim, 'POST', path, body, NO_AUTH);
      expect([refused.status, refused.json().code]).toEqual([404, 'not_found']);
    }
    expect((await call(sim, 'POST', `/__sim/shipments/${so.shippingorderid}/void`, { shipmentId: 'x' }, NO_AUTH)).status).toBe(400);
  });
});

describe('faults on the legacy routes', () => {
  it('429 refuses shipping-order reads with Retry-After; admin shipping is never faulted or recorded', async () => {
    const { sim } = await start({ faults: { '429': 1 } });
    expect((await call(sim, 'POST', '/__sim/shipments', shipment('F-0'), NO_AUTH)).status).toBe(404);
    expect(sim.requests).toEqual([]);
    for (const path of ['/services/rest/shippingorders', '/services/rest/shippingorders/1', '/services/rest/shippingorders/1/items']) {
      const res = await call(sim, 'GET', path, undefined, LEGACY);
      expect([res.status, res.headers.get('retry-after')]).toEqual([429, '1']);
    }
    expect(sim.requests.map((r) => [r.path, r.status, r.fault])).toEqual([
      ['/services/rest/shippingorders', 429, '429'],
      ['/services/rest/shippingorders/1', 429, '429'],
      ['/services/rest/shippingorders/1/items', 429, '429'],
    ]);
  });
});

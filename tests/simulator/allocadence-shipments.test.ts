import { AdminError, type SimShippingOrderWithItems } from '../../src/simulator/allocadence';
import { useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, createOrder, NO_AUTH, shipment, type ShippingBody, customerOrder as order, ship } from '../helpers/shipping-orders';

/** The warehouse side of shipping: packages and what is refused (voided labels: allocadence-voided-labels.test.ts; the list itself: allocadence-shipping-list.test.ts). */
const start = useAllocadenceSims();

describe('shipping packages', () => {
  it('answers in lower case, carrier and service as {code, name}, dates as the account wall time without offset', async () => {
    const { sim, clock } = await start();
    const created = await createOrder(sim, 'S-1', '2026-11-27T16:00:00Z');
    clock.ms += 60_000;
    const first = await ship(sim, shipment('S-1', { weight: 1.5, total: 8.25 }));
    const shipmentid = first.shipments[0]?.shipmentid;
    expect(first).toEqual({
      shippingorderid: expect.any(Number),
      customerorder: { customerorderid: created.id, ordernumber: 'S-1' },
      customer: { customerid: created.customer.id, name: 'Ada', surname: 'Lovelace' },
      shippingaddress: { name: 'Ada Lovelace', city: 'Springfield', state: 'OR', zip: '97477', country: 'US', phone: null },
      carrier: { code: 'UPS', name: 'UPS' },
      service: { code: 'GROUND', name: 'Ground' },
      // America/Phoenix by default: 16:00Z is 09:00, 17:16Z is 10:16.
      ordereddate: '2026-11-27 09:00:00',
      shipped: true,
      shippeddate: '2026-11-27 10:16:00',
      cancelled: false,
      shipments: [
        {
          shipmentid,
          trackingnumber: '1Z-S-1',
          shippeddate: '2026-11-27 10:16:00',
          cancelled: false,
          carrier: { code: 'UPS', name: 'UPS' },
          service: { code: 'GROUND', name: 'Ground' },
          weight: 1.5,
          total: 8.25,
          errormessage: null,
        },
      ],
      items: [{ sku: 'SKU-0001', quantity: 2, shipmentid }],
    });
    expect(Number.isSafeInteger(first.shippingorderid) && first.shippingorderid > 0 && Number.isSafeInteger(shipmentid)).toBe(true);

    const partial = await order(sim, created.id);
    expect(partial).toMatchObject({ completed: false, completedDate: null, modifiedDate: '2026-11-27T10:16:00-07:00' });
    expect(partial.items.map((l) => [l.sku, l.shippedQuantity])).toEqual([
      ['SKU-0001', 2],
      ['SKU-0002', 0],
    ]);
    clock.ms += 60_000;
    const second = sim.ship({
      orderNumber: 'S-1',
      carrier: 'USPS',
      carrierCode: 'usps',
      service: 'Priority',
      trackingNumber: '9400',
      lines: [{ sku: 'SKU-0002', quantity: 1 }],
    });
    expect(second.shippingorderid).not.toBe(first.shippingorderid);
    expect(second).toMatchObject({
      carrier: { code: 'usps', name: 'USPS' },
      shippeddate: '2026-11-27 10:17:00',
      shipments: [{ weight: 0, total: 0 }],
    });
    expect(await order(sim, created.id)).toMatchObject({ completed: true, completedDate: '2026-11-27T10:17:00-07:00' });
    expect(sim.shippingOrders()).toEqual([first, second]);
    const state = (await call(sim, 'GET', '/__sim/state', undefined, NO_AUTH)).json() as unknown as {
      shippingOrders: SimShippingOrderWithItems[];
    };
    expect(state.shippingOrders).toEqual([first, second]);
  });

  it('puts several packages on one shipping order; a blank carrier and a missing tracking number are allowed', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'M-1');
    const one = sim.ship(shipment('M-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    clock.ms += 3_600_000;
    const two = sim.ship({
      orderNumber: 'M-1',
      shippingOrderId: one.shippingorderid,
      carrier: '',
      service: '',
      lines: [
        { sku: 'SKU-0001', quantity: 1 },
        { sku: 'SKU-0002', quantity: 1 },
      ],
    });
    expect(two.shippingorderid).toBe(one.shippingorderid);
    const [a, b] = two.shipments;
    expect(two).toMatchObject({ carrier: { code: 'UPS', name: 'UPS' }, shippeddate: '2026-11-27 10:15:00' });
    expect(b).toMatchObject({
      trackingnumber: '',
      carrier: { code: '', name: '' },
      service: { code: '', name: '' },
      shippeddate: '2026-11-27 11:15:00',
    });
    expect(two.items).toEqual([
      { sku: 'SKU-0001', quantity: 1, shipmentid: a?.shipmentid },
      { sku: 'SKU-0001', quantity: 1, shipmentid: b?.shipmentid },
      { sku: 'SKU-0002', quantity: 1, shipmentid: b?.shipmentid },
    ]);
    expect(sim.shippingOrders()).toHaveLength(1);
    expect(sim.orders()[0]?.completed).toBe(true);
  });

  it('reads shippedDate as the account wall time when it has no offset, in either form, and renders it in the zone', async () => {
    const { sim, clock } = await start({ timeZone: 'Asia/Kolkata' });
    await createOrder(sim, 'O-1');
    clock.ms += 3_600_000;
    const lines = [{ sku: 'SKU-0001', quantity: 1 }];
    const local = sim.ship(shipment('O-1', { shippedDate: '2026-11-27T09:00:00', lines }));
    // 09:00 at +05:30 is 03:30Z.
    expect(local.shippeddate).toBe('2026-11-27 09:00:00');
    const utc = sim.ship(shipment('O-1', { shippedDate: '2026-11-27T03:30:00.999Z', lines }));
    expect(utc.shippeddate).toBe('2026-11-27 09:00:00');
    const legacyForm = sim.ship(shipment('O-1', { shippedDate: '2026-11-27 23:59:59', lines: [{ sku: 'SKU-0002', quantity: 1 }] }));
    expect(legacyForm.shippeddate).toBe('2026-11-27 23:59:59');
    // The API 2.0 side carries the same zone as an offset.
    expect(sim.orders()[0]?.modifiedDate).toBe('2026-11-27T23:45:00+05:30');
  });

  it('splits a sku across lines, merges a sku given twice, and lets a completed order still get shipment records', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'D-1');
    const shipped = sim.ship({
      orderNumber: 'D-1',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: 'T',
      lines: [
        { sku: 'SKU-0001', quantity: 1 },
        { sku: 'SKU-0001', quantity: 1 },
      ],
    });
    expect(shipped.items).toEqual([{ sku: 'SKU-0001', quantity: 2, shipmentid: shipped.shipments[0]?.shipmentid }]);
    await createOrder(sim, 'C-1');
    const completed = sim.completeOrder('C-1');
    clock.ms += 10_000;
    sim.ship(shipment('C-1'));
    expect(sim.orders()[1]).toMatchObject({
      completed: true,
      completedDate: completed.completedDate,
      modifiedDate: '2026-11-27T10:15:10-07:00',
    });
  });
});

describe('shipment validation', () => {
  const cases: [string, unknown, number, Partial<ShippingBody>][] = [
    ['a body that is not an object', [1], 400, { code: 'invalid_request' }],
    ['no orderNumber', { ...shipment('V-1'), orderNumber: undefined }, 400, { code: 'invalid_parameter', parameter: 'orderNumber' }],
    ['an unknown order', shipment('NOPE'), 404, { code: 'not_found', message: 'Customer order not found.' }],
    ['the cancelled order', shipment('V-2'), 400, { code: 'invalid_state', message: 'Order is cancelled and cannot be shipped.' }],
    ['a carrier that is not text', { ...shipment('V-1'), carrier: 7 }, 400, { parameter: 'carrier' }],
    ['a trackingNumber that is not text', { ...shipment('V-1'), trackingNumber: 7 }, 400, { parameter: 'trackingNumber' }],
    ['a text shippingOrderId', { ...shipment('V-1'), shippingOrderId: '1' }, 400, { parameter: 'shippingOrderId' }],
    [
      'an unknown shippingOrderId',
      { ...shipment('V-1'), shippingOrderId: 1 },
      404,
      { code: 'not_found', message: 'Shipping order not found.' },
    ],
    ['a bad shippedDate', { ...shipment('V-1'), shippedDate: '2026-02-31T00:00:00Z' }, 400, { parameter: 'shippedDate' }],
    ['a negative weight', { ...shipment('V-1'), weight: -1 }, 400, { parameter: 'weight' }],
    ['a text total', { ...shipment('V-1'), total: '3' }, 400, { parameter: 'total' }],
    ['no lines', { ...shipment('V-1'), lines: [] }, 400, { parameter: 'lines' }],
    ['a line that is not an object', { ...shipment('V-1'), lines: ['SKU-0001'] }, 400, { parameter: 'lines[0]' }],
    [
      'a sku not on the order',
      {
        ...shipment('V-1'),
        lines: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0003', quantity: 1 },
        ],
      },
      400,
      { parameter: 'lines[1].sku' },
    ],
    ['a fractional quantity', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 1.5 }] }, 400, { parameter: 'lines[0].quantity' }],
    [
      'more than ordered over two lines',
      {
        ...shipment('V-1'),
        lines: [
          { sku: 'SKU-0001', quantity: 2 },
          { sku: 'SKU-0001', quantity: 1 },
        ],
      },
      400,
      { parameter: 'lines[1].quantity' },
    ],
  ];

  it.each(cases)('refuses %s, changing nothing', async (_name, body, status, expected) => {
    const { sim, clock } = await start();
    await createOrder(sim, 'V-1');
    await createOrder(sim, 'V-2');
    sim.cancelOrder('V-2', 'Buyer asked');
    const before = sim.orders();
    clock.ms += 1_000;
    const res = await call(sim, 'POST', '/__sim/shipments', body, NO_AUTH);
    expect(res.status).toBe(status);
    expect(res.json()).toMatchObject(expected);
    expect(sim.orders()).toEqual(before);
    expect(sim.shippingOrders()).toEqual([]);
  });

  it("refuses a package on another order's shipping order, or on a voided one", async () => {
    const { sim } = await start();
    await createOrder(sim, 'W-1');
    await createOrder(sim, 'W-2');
    const other = sim.ship(shipment('W-2', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    const onOther = await call(sim, 'POST', '/__sim/shipments', shipment('W-1', { shippingOrderId: other.shippingorderid }), NO_AUTH);
    expect(onOther.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'shippingOrderId' });
    sim.voidShipment(other.shippingorderid);
    const onVoided = await call(
      sim,
      'POST',
      '/__sim/shipments',
      shipment('W-2', { shippingOrderId: other.shippingorderid, lines: [{ sku: 'SKU-0002', quantity: 1 }] }),
      NO_AUTH,
    );
    expect([onVoided.status, onVoided.json().code]).toEqual([400, 'invalid_state']);
    expect(() => sim.ship(shipment('NOPE'))).toThrow(AdminError);
    expect(sim.shippingOrders()).toHaveLength(1);
  });
});

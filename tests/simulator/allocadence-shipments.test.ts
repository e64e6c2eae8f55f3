import { AdminError, type AllocadenceSimulator, type SimCustomerOrder, type SimNewShipment, type SimShippingOrder, type SimShippingOrderWithItems } from '../../src/simulator/allocadence';
import { allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
interface Body {
  shippingOrder: SimShippingOrderWithItems;
  customerOrders: SimCustomerOrder[];
  code: string;
  message: string;
  parameter?: string;
  success: boolean;
  error: string;
}

const start = useAllocadenceSims();
const call = allocadenceCall<Body>();
const LEGACY = { SecureKey: 'secure-1' };
const NO_AUTH: Record<string, string> = {};

/** An order for 2 × SKU-0001 and 1 × SKU-0002. */
async function createOrder(sim: AllocadenceSimulator, orderNumber: string, orderedDate?: string): Promise<SimCustomerOrder> {
  const res = await call(sim, 'POST', '/rest/customer-orders', {
    orderNumber,
    shipFromWarehouseName: 'Main',
    ...(orderedDate ? { orderedDate } : {}),
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', state: 'OR', zip: '97477', countryCode: 'US' },
    items: [
      { sku: 'SKU-0001', quantity: 2, price: 10 },
      { sku: 'SKU-0002', quantity: 1, price: 5 },
    ],
  });
  expect(res.status).toBe(201);
  return res.json() as unknown as SimCustomerOrder;
}

function shipment(orderNumber: string, overrides: Partial<SimNewShipment> = {}): SimNewShipment {
  return { orderNumber, carrier: 'UPS', service: 'Ground', trackingNumber: `1Z-${orderNumber}`, lines: [{ sku: 'SKU-0001', quantity: 2 }], ...overrides };
}

async function ship(sim: AllocadenceSimulator, body: unknown): Promise<SimShippingOrderWithItems> {
  const res = await call(sim, 'POST', '/__sim/shipments', body, NO_AUTH);
  expect(res.status).toBe(201);
  return res.json().shippingOrder;
}

/** What the list answers for a shipping order: without its items (those come from `/{id}/items`). */
function listed(so: SimShippingOrderWithItems): SimShippingOrder {
  const { items, ...plain } = so;
  expect(Array.isArray(items)).toBe(true);
  return plain;
}

async function order(sim: AllocadenceSimulator, id: number): Promise<SimCustomerOrder> {
  return (await call(sim, 'GET', `/rest/customer-orders/${id}`)).json() as unknown as SimCustomerOrder;
}

/** `GET /services/rest/shippingorders?…` as the body the account sends: a bare array by default. */
async function list(sim: AllocadenceSimulator, query = 'shipped=true&include_shipments=true'): Promise<unknown> {
  const res = await call(sim, 'GET', `/services/rest/shippingorders?${query}`, undefined, LEGACY);
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as unknown;
}

async function ids(sim: AllocadenceSimulator, query: string): Promise<number[]> {
  return ((await list(sim, query)) as SimShippingOrder[]).map((s) => s.shippingorderid);
}

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
        { shipmentid, trackingnumber: '1Z-S-1', shippeddate: '2026-11-27 10:16:00', cancelled: false, carrier: { code: 'UPS', name: 'UPS' }, service: { code: 'GROUND', name: 'Ground' }, weight: 1.5, total: 8.25, errormessage: null },
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
    const second = sim.ship({ orderNumber: 'S-1', carrier: 'USPS', carrierCode: 'usps', service: 'Priority', trackingNumber: '9400', lines: [{ sku: 'SKU-0002', quantity: 1 }] });
    expect(second.shippingorderid).not.toBe(first.shippingorderid);
    expect(second).toMatchObject({ carrier: { code: 'usps', name: 'USPS' }, shippeddate: '2026-11-27 10:17:00', shipments: [{ weight: 0, total: 0 }] });
    expect(await order(sim, created.id)).toMatchObject({ completed: true, completedDate: '2026-11-27T10:17:00-07:00' });
    expect(sim.shippingOrders()).toEqual([first, second]);
    const state = (await call(sim, 'GET', '/__sim/state', undefined, NO_AUTH)).json() as unknown as { shippingOrders: SimShippingOrderWithItems[] };
    expect(state.shippingOrders).toEqual([first, second]);
  });

  it('puts several packages on one shipping order; a blank carrier and a missing tracking number are allowed', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'M-1');
    const one = sim.ship(shipment('M-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    clock.ms += 3_600_000;
    const two = sim.ship({ orderNumber: 'M-1', shippingOrderId: one.shippingorderid, carrier: '', service: '', lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0002', quantity: 1 }] });
    expect(two.shippingorderid).toBe(one.shippingorderid);
    const [a, b] = two.shipments;
    expect(two).toMatchObject({ carrier: { code: 'UPS', name: 'UPS' }, shippeddate: '2026-11-27 10:15:00' });
    expect(b).toMatchObject({ trackingnumber: '', carrier: { code: '', name: '' }, service: { code: '', name: '' }, shippeddate: '2026-11-27 11:15:00' });
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
    const shipped = sim.ship({ orderNumber: 'D-1', carrier: 'UPS', service: 'Ground', trackingNumber: 'T', lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0001', quantity: 1 }] });
    expect(shipped.items).toEqual([{ sku: 'SKU-0001', quantity: 2, shipmentid: shipped.shipments[0]?.shipmentid }]);
    await createOrder(sim, 'C-1');
    const completed = sim.completeOrder('C-1');
    clock.ms += 10_000;
    sim.ship(shipment('C-1'));
    expect(sim.orders()[1]).toMatchObject({ completed: true, completedDate: completed.completedDate, modifiedDate: '2026-11-27T10:15:10-07:00' });
  });
});

describe('shipment validation', () => {
  const cases: [string, unknown, number, Partial<Body>][] = [
    ['a body that is not an object', [1], 400, { code: 'invalid_request' }],
    ['no orderNumber', { ...shipment('V-1'), orderNumber: undefined }, 400, { code: 'invalid_parameter', parameter: 'orderNumber' }],
    ['an unknown order', shipment('NOPE'), 404, { code: 'not_found', message: 'Customer order not found.' }],
    ['the cancelled order', shipment('V-2'), 400, { code: 'invalid_state', message: 'Order is cancelled and cannot be shipped.' }],
    ['a carrier that is not text', { ...shipment('V-1'), carrier: 7 }, 400, { parameter: 'carrier' }],
    ['a trackingNumber that is not text', { ...shipment('V-1'), trackingNumber: 7 }, 400, { parameter: 'trackingNumber' }],
    ['a text shippingOrderId', { ...shipment('V-1'), shippingOrderId: '1' }, 400, { parameter: 'shippingOrderId' }],
    ['an unknown shippingOrderId', { ...shipment('V-1'), shippingOrderId: 1 }, 404, { code: 'not_found', message: 'Shipping order not found.' }],
    ['a bad shippedDate', { ...shipment('V-1'), shippedDate: '2026-02-31T00:00:00Z' }, 400, { parameter: 'shippedDate' }],
    ['a negative weight', { ...shipment('V-1'), weight: -1 }, 400, { parameter: 'weight' }],
    ['a text total', { ...shipment('V-1'), total: '3' }, 400, { parameter: 'total' }],
    ['no lines', { ...shipment('V-1'), lines: [] }, 400, { parameter: 'lines' }],
    ['a line that is not an object', { ...shipment('V-1'), lines: ['SKU-0001'] }, 400, { parameter: 'lines[0]' }],
    ['a sku not on the order', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0003', quantity: 1 }] }, 400, { parameter: 'lines[1].sku' }],
    ['a fractional quantity', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 1.5 }] }, 400, { parameter: 'lines[0].quantity' }],
    ['more than ordered over two lines', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 2 }, { sku: 'SKU-0001', quantity: 1 }] }, 400, { parameter: 'lines[1].quantity' }],
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
    const onVoided = await call(sim, 'POST', '/__sim/shipments', shipment('W-2', { shippingOrderId: other.shippingorderid, lines: [{ sku: 'SKU-0002', quantity: 1 }] }), NO_AUTH);
    expect([onVoided.status, onVoided.json().code]).toEqual([400, 'invalid_state']);
    expect(() => sim.ship(shipment('NOPE'))).toThrow(AdminError);
    expect(sim.shippingOrders()).toHaveLength(1);
  });
});

describe('legacy shippingorders: routes', () => {
  it('refuses known routes without the SecureKey (JSON 401); unrouted paths are 500 with an empty body whatever the key', async () => {
    const { sim } = await start();
    await createOrder(sim, 'A-1');
    const so = sim.ship(shipment('A-1'));
    for (const path of ['/services/rest/shippingorders', `/services/rest/shippingorders/${so.shippingorderid}`, `/services/rest/shippingorders/${so.shippingorderid}/items`]) {
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
    const so = sim.ship(shipment('G-1', { lines: [{ sku: 'SKU-0002', quantity: 1 }, { sku: 'SKU-0001', quantity: 2 }] }));
    const one = await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}?include_shipments=true`, undefined, LEGACY);
    expect(JSON.parse(one.text)).toEqual(listed(so));
    const { shipments, ...bare } = listed(so);
    expect(shipments).toHaveLength(1);
    expect(JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}`, undefined, LEGACY)).text)).toEqual(bare);
    const items = await call(sim, 'GET', `/services/rest/shippingorders/${so.shippingorderid}/items`, undefined, LEGACY);
    expect(JSON.parse(items.text)).toEqual(so.items);
    for (const path of [`/shippingorders/${so.shippingorderid + 1}`, `/shippingorders/${so.shippingorderid + 1}/items`, '/shippingorders/abc']) {
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
    const without = (await list(sim, 'shipped=true')) as Array<Record<string, unknown>>;
    expect(without.map((s) => 'shipments' in s)).toEqual([false, false]);
    expect(await ids(sim, 'shipped=false')).toEqual([]);
    // Unknown filters are ignored, as the real API ignores what it does not know.
    expect(await ids(sim, 'orderNumber=L-1&shippedFrom=2030-01-01T00:00:00Z&modifiedFrom=2030-01-01')).toEqual([a.shippingorderid, b.shippingorderid]);
  });

  it('can answer {shippingOrders: [...]} instead (still no paging block)', async () => {
    const { sim } = await start({ legacyShape: { envelope: 'object' } });
    await createOrder(sim, 'E-1');
    const a = sim.ship(shipment('E-1'));
    expect(await list(sim)).toEqual({ shippingOrders: [listed(a)] });
    expect(JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}/items`, undefined, LEGACY)).text)).toEqual({ items: a.items });
  });

  it('can spell its keys in camelCase instead, in the list, one order and its items', async () => {
    const { sim } = await start({ legacyShape: { keys: 'camel' } });
    await createOrder(sim, 'K-1');
    const a = sim.ship(shipment('K-1'));
    const [row] = (await list(sim)) as Array<Record<string, unknown>>;
    expect(Object.keys(row ?? {})).toEqual(['shippingOrderId', 'customerOrder', 'customer', 'shippingAddress', 'carrier', 'service', 'orderedDate', 'shipped', 'shippedDate', 'cancelled', 'shipments']);
    expect(row).toMatchObject({ shippingOrderId: a.shippingorderid, customerOrder: { orderNumber: 'K-1' }, shipments: [{ shipmentId: a.shipments[0]?.shipmentid, trackingNumber: '1Z-K-1', errorMessage: null }] });
    const one = JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}?include_shipments=true`, undefined, LEGACY)).text) as unknown;
    expect(one).toEqual(row);
    const items = JSON.parse((await call(sim, 'GET', `/services/rest/shippingorders/${a.shippingorderid}/items`, undefined, LEGACY)).text) as unknown;
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
    ['America/Denver', ['2026-11-28T06:59:59Z', '2026-11-28T07:00:00Z', '2026-11-27T07:00:00Z'], ['2026-11-27 23:59:59', '2026-11-28 00:00:00', '2026-11-27 00:00:00']],
    // East of UTC: 14:59Z on the 27th is the 27th in Tokyo (+09:00), 15:00Z is the 28th.
    ['Asia/Tokyo', ['2026-11-27T14:59:59Z', '2026-11-27T15:00:00Z', '2026-11-26T15:00:00Z'], ['2026-11-27 23:59:59', '2026-11-28 00:00:00', '2026-11-27 00:00:00']],
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
    expect(((await list(sim)) as SimShippingOrder[]).map((r) => r.shippeddate)).toEqual(['2026-10-25 00:30:00', '2026-10-25 23:59:00', '2026-10-26 00:00:00']);
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

describe('voiding labels', () => {
  it('one package, then the rest: each turns cancelled, and the shipping order with the last; the customer order is left alone', async () => {
    const { sim, clock } = await start();
    const created = await createOrder(sim, 'X-1');
    const so = sim.ship(shipment('X-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    sim.ship(shipment('X-1', { shippingOrderId: so.shippingorderid, lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0002', quantity: 1 }] }));
    const before = await order(sim, created.id);
    clock.ms += 30_000;
    const [a, b] = sim.shippingOrders()[0]?.shipments ?? [];
    const res = await call(sim, 'POST', `/__sim/shipments/${so.shippingorderid}/void`, { shipmentId: a?.shipmentid }, NO_AUTH);
    expect(res.status).toBe(200);
    expect(res.json().shippingOrder).toMatchObject({ cancelled: false, shipments: [{ cancelled: true }, { cancelled: false }] });
    const all = sim.voidShipment(so.shippingorderid);
    expect(all).toMatchObject({ cancelled: true, shipments: [{ cancelled: true }, { cancelled: true }] });
    expect(sim.voidShipment(so.shippingorderid)).toEqual(all);
    expect(((await list(sim)) as SimShippingOrder[])[0]).toMatchObject({ cancelled: true, shipments: [{ shipmentid: a?.shipmentid, cancelled: true }, { shipmentid: b?.shipmentid, cancelled: true }] });
    expect(await order(sim, created.id)).toEqual(before);

    for (const [path, body] of [[`/__sim/shipments/${so.shippingorderid + 1}/void`, undefined], [`/__sim/shipments/${so.shippingorderid}/void`, { shipmentId: 1 }], ['/__sim/shipments/abc/void', undefined]] as const) {
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

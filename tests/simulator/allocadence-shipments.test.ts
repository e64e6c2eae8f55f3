import {
  AdminError,
  type AllocadenceSimulator,
  type SimCustomerOrder,
  type SimListMeta,
  type SimNewShipment,
  type SimShippingOrder,
  type SimShippingOrderItem,
  type SimShippingOrderWithItems,
} from '../../src/simulator/allocadence';
import { BASIC, allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
interface Body {
  shippingOrder: SimShippingOrderWithItems;
  shippingOrders: SimShippingOrder[];
  customerOrders: SimCustomerOrder[];
  orders: SimCustomerOrder[];
  order: SimCustomerOrder;
  items: SimShippingOrderItem[];
  meta: SimListMeta;
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
async function createOrder(sim: AllocadenceSimulator, orderNumber: string): Promise<SimCustomerOrder> {
  const res = await call(sim, 'POST', '/rest/customer-orders', {
    orderNumber,
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
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

function withoutItems(so: SimShippingOrderWithItems): SimShippingOrder {
  const { items, ...plain } = so;
  expect(Array.isArray(items)).toBe(true);
  return plain;
}

async function order(sim: AllocadenceSimulator, id: number): Promise<SimCustomerOrder> {
  return (await call(sim, 'GET', `/rest/customer-orders/${id}`)).json() as unknown as SimCustomerOrder;
}

describe('shipping packages', () => {
  it('completes the order only after the second package; the first leaves it open', async () => {
    const { sim, clock } = await start();
    const created = await createOrder(sim, 'S-1');
    expect(created.items.map((l) => l.shippedQuantity)).toEqual([0, 0]);

    clock.ms += 60_000;
    const first = await ship(sim, shipment('S-1', { weight: 1.5, total: 8.25 }));
    expect(first).toEqual({
      id: expect.any(Number),
      customerOrderId: created.id,
      orderNumber: 'S-1',
      warehouse: { id: 1, name: 'Main' },
      carrier: 'UPS',
      service: 'Ground',
      shipped: true,
      shippedDate: '2026-11-27T10:16:00-07:00',
      modifiedDate: '2026-11-27T10:16:00-07:00',
      cancelled: false,
      shipments: [
        { id: expect.any(Number), trackingNumber: '1Z-S-1', carrier: 'UPS', service: 'Ground', weight: 1.5, total: 8.25, cancelled: false, errorMessage: null },
      ],
      items: [{ sku: 'SKU-0001', quantity: 2, shipmentId: first.shipments[0]?.id }],
    });
    expect(Number.isSafeInteger(first.id) && first.id > 0).toBe(true);
    expect(Number.isSafeInteger(first.shipments[0]?.id) && (first.shipments[0]?.id ?? 0) > 0).toBe(true);

    const partial = await order(sim, created.id);
    expect(partial).toMatchObject({ completed: false, completedDate: null, modifiedDate: '2026-11-27T10:16:00-07:00' });
    expect(partial.items.map((l) => [l.sku, l.shippedQuantity])).toEqual([
      ['SKU-0001', 2],
      ['SKU-0002', 0],
    ]);
    const open = (await call(sim, 'GET', '/rest/customer-orders?completed=true')).json();
    expect(open.customerOrders).toEqual([]);

    clock.ms += 60_000;
    const second = sim.ship({ orderNumber: 'S-1', carrier: 'USPS', service: 'Priority', trackingNumber: '9400', lines: [{ sku: 'SKU-0002', quantity: 1 }] });
    expect(second.id).not.toBe(first.id);
    expect(second.shipments[0]?.id).not.toBe(first.shipments[0]?.id);
    expect(second).toMatchObject({ carrier: 'USPS', service: 'Priority', shippedDate: '2026-11-27T10:17:00-07:00', shipments: [{ weight: 0, total: 0 }] });

    const done = await order(sim, created.id);
    expect(done).toMatchObject({ completed: true, completedDate: '2026-11-27T10:17:00-07:00', modifiedDate: '2026-11-27T10:17:00-07:00' });
    expect(done.items.map((l) => l.shippedQuantity)).toEqual([2, 1]);
    const completed = (await call(sim, 'GET', '/rest/customer-orders?completed=true&modifiedDate=2026-11-27T10:17:00-07:00')).json();
    expect(completed.customerOrders.map((o) => o.orderNumber)).toEqual(['S-1']);

    expect(sim.shippingOrders()).toEqual([first, second]);
    const state = (await call(sim, 'GET', '/__sim/state', undefined, NO_AUTH)).json() as unknown as { shippingOrders: SimShippingOrderWithItems[] };
    expect(state.shippingOrders).toEqual([first, second]);
  });

  it('splits a sku across lines, merges a sku given twice, and fills lines in order', async () => {
    const { sim } = await start();
    const res = await call(sim, 'POST', '/rest/customer-orders', {
      orderNumber: 'D-1',
      shipFromWarehouseName: 'Main',
      customer: { name: 'Ada', surname: 'Lovelace' },
      shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
      items: [
        { sku: 'SKU-0001', quantity: 1 },
        { sku: 'SKU-0001', quantity: 2 },
      ],
    });
    expect(res.status).toBe(201);
    const shipped = sim.ship({ orderNumber: 'D-1', carrier: 'UPS', service: 'Ground', trackingNumber: 'T', lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0001', quantity: 1 }] });
    expect(shipped.items).toEqual([{ sku: 'SKU-0001', quantity: 2, shipmentId: shipped.shipments[0]?.id }]);
    expect(sim.orders()[0]?.items.map((l) => l.shippedQuantity)).toEqual([1, 1]);
    expect(sim.orders()[0]?.completed).toBe(false);
    sim.ship({ orderNumber: 'D-1', carrier: 'UPS', service: 'Ground', trackingNumber: 'T2', lines: [{ sku: 'SKU-0001', quantity: 1 }] });
    expect(sim.orders()[0]).toMatchObject({ completed: true });
  });

  it('reads shippedDate in the account offset when it has none, and renders every date in that offset', async () => {
    const { sim, clock } = await start({ utcOffset: '+05:30' });
    await createOrder(sim, 'O-1');
    clock.ms += 3_600_000;
    const local = sim.ship(shipment('O-1', { shippedDate: '2026-11-27T09:00:00', lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    // 09:00 at +05:30 is 03:30Z; the shipping order was recorded at T0 + 1 h = 18:15Z = 23:45+05:30.
    expect(local).toMatchObject({ shippedDate: '2026-11-27T09:00:00+05:30', modifiedDate: '2026-11-27T23:45:00+05:30' });
    const utc = sim.ship(shipment('O-1', { shippedDate: '2026-11-27T03:30:00.999Z', lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    expect(utc.shippedDate).toBe('2026-11-27T09:00:00+05:30');
    const found = (await call(sim, 'GET', '/services/rest/shippingorders?shippedFrom=2026-11-27T03:30:00Z&shippedTo=2026-11-27T03:30:00Z', undefined, LEGACY)).json();
    expect(found.shippingOrders.map((s) => s.id)).toEqual([local.id, utc.id]);
  });

  it('lets an order completed without shipments still get shipment records, keeping its completedDate', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'C-1');
    const completed = sim.completeOrder('C-1');
    expect(completed.items.map((l) => l.shippedQuantity)).toEqual([0, 0]);
    expect(sim.shippingOrders()).toEqual([]);
    clock.ms += 10_000;
    sim.ship(shipment('C-1'));
    expect(sim.orders()[0]).toMatchObject({ completed: true, completedDate: completed.completedDate, modifiedDate: '2026-11-27T10:15:10-07:00' });
  });
});

describe('shipment validation', () => {
  const cases: [string, unknown, number, Partial<Body>][] = [
    ['a body that is not an object', [1], 400, { code: 'invalid_request' }],
    ['no orderNumber', { ...shipment('V-1'), orderNumber: undefined }, 400, { code: 'invalid_parameter', parameter: 'orderNumber' }],
    ['an unknown order', shipment('NOPE'), 404, { code: 'not_found', message: 'Customer order not found.' }],
    ['the cancelled order', shipment('V-2'), 400, { code: 'invalid_state', message: 'Order is cancelled and cannot be shipped.' }],
    ['no carrier', { ...shipment('V-1'), carrier: '' }, 400, { parameter: 'carrier' }],
    ['no service', { ...shipment('V-1'), service: undefined }, 400, { parameter: 'service' }],
    ['no trackingNumber', { ...shipment('V-1'), trackingNumber: 7 }, 400, { parameter: 'trackingNumber' }],
    ['a bad shippedDate', { ...shipment('V-1'), shippedDate: '2026-02-31T00:00:00Z' }, 400, { parameter: 'shippedDate' }],
    ['a negative weight', { ...shipment('V-1'), weight: -1 }, 400, { parameter: 'weight' }],
    ['a text total', { ...shipment('V-1'), total: '3' }, 400, { parameter: 'total' }],
    ['no lines', { ...shipment('V-1'), lines: [] }, 400, { parameter: 'lines' }],
    ['lines not an array', { ...shipment('V-1'), lines: { sku: 'SKU-0001', quantity: 1 } }, 400, { parameter: 'lines' }],
    ['a line that is not an object', { ...shipment('V-1'), lines: ['SKU-0001'] }, 400, { parameter: 'lines[0]' }],
    ['a line without sku', { ...shipment('V-1'), lines: [{ quantity: 1 }] }, 400, { parameter: 'lines[0].sku' }],
    ['a sku not on the order', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0003', quantity: 1 }] }, 400, { parameter: 'lines[1].sku' }],
    ['a zero quantity', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 0 }] }, 400, { parameter: 'lines[0].quantity' }],
    ['a fractional quantity', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: 1.5 }] }, 400, { parameter: 'lines[0].quantity' }],
    ['a text quantity', { ...shipment('V-1'), lines: [{ sku: 'SKU-0001', quantity: '1' }] }, 400, { parameter: 'lines[0].quantity' }],
    ['more than ordered', { ...shipment('V-1'), lines: [{ sku: 'SKU-0002', quantity: 2 }] }, 400, { parameter: 'lines[0].quantity' }],
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

  it('refuses a malformed JSON body', async () => {
    const { sim } = await start();
    const res = await fetch(`${sim.origin}/__sim/shipments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('refuses more than is left after a partial shipment, and anything once fully shipped', async () => {
    const { sim } = await start();
    await createOrder(sim, 'R-1');
    sim.ship(shipment('R-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    const over = await call(sim, 'POST', '/__sim/shipments', shipment('R-1', { lines: [{ sku: 'SKU-0001', quantity: 2 }] }), NO_AUTH);
    expect(over.status).toBe(400);
    expect(over.json()).toEqual({ code: 'invalid_parameter', message: 'Quantity for SKU-0001 exceeds what is left to ship (1).', parameter: 'lines[0].quantity' });
    sim.ship(shipment('R-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0002', quantity: 1 }] }));
    expect(sim.orders()[0]?.completed).toBe(true);
    expect(() => sim.ship(shipment('R-1', { lines: [{ sku: 'SKU-0002', quantity: 1 }] }))).toThrow(AdminError);
    expect(sim.shippingOrders()).toHaveLength(2);
  });

  it('ship throws AdminError carrying the HTTP status', async () => {
    const { sim } = await start();
    let caught: unknown;
    try {
      sim.ship(shipment('X'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AdminError);
    expect(caught).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('a cancelled order keeps its reason, listed among cancelled orders', async () => {
    const { sim } = await start();
    await createOrder(sim, 'K-1');
    sim.cancelOrder('K-1', 'Out of stock');
    const listed = (await call(sim, 'GET', '/rest/customer-orders?cancelled=true')).json();
    expect(listed.customerOrders).toEqual([expect.objectContaining({ orderNumber: 'K-1', cancelled: true, cancelledReason: 'Out of stock' })]);
  });
});

describe('legacy shippingorders', () => {
  it('refuses every route without or with a wrong SecureKey; unrouted paths are HTML whatever the key', async () => {
    const { sim } = await start();
    await createOrder(sim, 'A-1');
    const so = sim.ship(shipment('A-1'));
    for (const path of ['/services/rest/shippingorders', `/services/rest/shippingorders/${so.id}`, `/services/rest/shippingorders/${so.id}/items`]) {
      for (const headers of [NO_AUTH, { SecureKey: 'wrong' }, { authorization: BASIC }]) {
        const res = await call(sim, 'GET', path, undefined, headers);
        expect(res.status).toBe(401);
        expect(res.json()).toEqual({ error: '401', message: 'Unauthorized' });
      }
    }
    for (const [method, path] of [
      ['POST', '/services/rest/shippingorders'],
      ['PUT', `/services/rest/shippingorders/${so.id}`],
      ['GET', `/services/rest/shippingorders/${so.id}/shipments`],
      ['GET', '/services/rest/shipments'],
    ] as const) {
      for (const headers of [LEGACY, NO_AUTH]) {
        const res = await call(sim, method, path, undefined, headers);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toBe('text/html');
      }
    }
  });

  it('lists by id, filtered by shippedFrom/shippedTo (inclusive instants) and orderNumber, paged', async () => {
    const { sim, clock } = await start();
    await createOrder(sim, 'L-1');
    await createOrder(sim, 'L-2');
    // Shipped at 10:00, 11:00, 12:00 local (-07:00); recorded in another order than shipped.
    clock.ms += 5 * 3_600_000;
    const c = sim.ship(shipment('L-2', { shippedDate: '2026-11-27T12:00:00-07:00' }));
    const a = sim.ship(shipment('L-1', { shippedDate: '2026-11-27T10:00:00-07:00', lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    const b = sim.ship(shipment('L-1', { shippedDate: '2026-11-27T18:00:00Z', lines: [{ sku: 'SKU-0001', quantity: 1 }] }));
    const list = async (query: string) => {
      const res = await call(sim, 'GET', `/services/rest/shippingorders${query}`, undefined, LEGACY);
      expect(res.status).toBe(200);
      return res.json();
    };

    const all = await list('');
    expect(all.shippingOrders.map((s) => s.id)).toEqual([c.id, a.id, b.id]);
    expect(all.meta).toEqual({ page: 1, perPage: 25, totalPages: 1, count: 3 });
    expect(all.shippingOrders[0]).toEqual(withoutItems(c));
    expect(all.shippingOrders[0]).not.toHaveProperty('items');

    const ids = async (query: string) => (await list(query)).shippingOrders.map((s) => s.id);
    expect(await ids('?shippedFrom=2026-11-27T11:00:00-07:00')).toEqual([c.id, b.id]);
    expect(await ids('?shippedFrom=2026-11-27T18:00:01Z')).toEqual([c.id]);
    expect(await ids('?shippedTo=2026-11-27T18:00:00Z')).toEqual([a.id, b.id]);
    expect(await ids(`?shippedFrom=${encodeURIComponent('2026-11-28T02:30:00+09:00')}&shippedTo=2026-11-27T11:00:00`)).toEqual([b.id]);
    expect(await ids('?orderNumber=L-1')).toEqual([a.id, b.id]);
    expect(await ids('?orderNumber=L-1&shippedTo=2026-11-27T10:00:00-07:00')).toEqual([a.id]);
    expect(await ids('?orderNumber=L-9')).toEqual([]);
    expect(await ids('?modifiedFrom=2030-01-01T00:00:00Z&customerOrderId=1')).toEqual([c.id, a.id, b.id]);

    const page2 = await list('?perPage=2&page=2');
    expect(page2.shippingOrders.map((s) => s.id)).toEqual([b.id]);
    expect(page2.meta).toEqual({ page: 2, perPage: 2, totalPages: 2, count: 3 });
    expect((await list('?perPage=2&page=3')).shippingOrders).toEqual([]);
    expect((await list('?perPage=100')).meta.perPage).toBe(100);
  });

  it('refuses bad paging and dates in the legacy error shape', async () => {
    const { sim } = await start();
    for (const [query, parameter] of [
      ['perPage=101', 'perPage'],
      ['perPage=0', 'perPage'],
      ['page=x', 'page'],
      ['shippedFrom=yesterday', 'shippedFrom'],
      // A '+' offset that was not URL-encoded arrives as a space.
      ['shippedTo=2026-11-27T10:00:00+02:00', 'shippedTo'],
    ]) {
      const res = await call(sim, 'GET', `/services/rest/shippingorders?${query}`, undefined, LEGACY);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ success: false, message: `Invalid value for parameter ${parameter}.` });
    }
  });

  it('reads one shipping order and its items; an unknown id is a JSON 404', async () => {
    const { sim } = await start();
    await createOrder(sim, 'G-1');
    const so = sim.ship(shipment('G-1', { lines: [{ sku: 'SKU-0002', quantity: 1 }, { sku: 'SKU-0001', quantity: 2 }] }));
    const one = await call(sim, 'GET', `/services/rest/shippingorders/${so.id}`, undefined, LEGACY);
    expect(one.status).toBe(200);
    expect(one.json()).toEqual(withoutItems(so));
    const listed = await call(sim, 'GET', `/services/rest/shippingorders/${so.id}/items`, undefined, LEGACY);
    expect(listed.status).toBe(200);
    const shipmentId = so.shipments[0]?.id;
    expect(listed.json()).toEqual({
      items: [
        { sku: 'SKU-0002', quantity: 1, shipmentId },
        { sku: 'SKU-0001', quantity: 2, shipmentId },
      ],
    });
    expect(listed.json().items).toEqual(so.items);
    for (const path of [`/shippingorders/${so.id + 1}`, `/shippingorders/${so.id + 1}/items`, '/shippingorders/abc', '/shippingorders/abc/items']) {
      const res = await call(sim, 'GET', `/services/rest${path}`, undefined, LEGACY);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ success: false, message: 'Shipping order not found.' });
    }
  });
});

describe('voiding a label', () => {
  it('marks the shipping order and its shipment cancelled, once, leaving the customer order alone', async () => {
    const { sim, clock } = await start();
    const created = await createOrder(sim, 'X-1');
    const so = sim.ship(shipment('X-1', { lines: [{ sku: 'SKU-0001', quantity: 2 }, { sku: 'SKU-0002', quantity: 1 }] }));
    const orderAfterShip = await order(sim, created.id);
    clock.ms += 30_000;
    const res = await call(sim, 'POST', `/__sim/shipments/${so.id}/void`, undefined, NO_AUTH);
    expect(res.status).toBe(200);
    expect(res.json().shippingOrder).toEqual({
      ...so,
      cancelled: true,
      modifiedDate: '2026-11-27T10:15:30-07:00',
      shipments: [{ ...so.shipments[0], cancelled: true }],
    });
    clock.ms += 30_000;
    expect(sim.voidShipment(so.id).modifiedDate).toBe('2026-11-27T10:15:30-07:00');
    const listed = (await call(sim, 'GET', '/services/rest/shippingorders', undefined, LEGACY)).json();
    expect(listed.shippingOrders[0]).toMatchObject({ cancelled: true, shipments: [{ cancelled: true, errorMessage: null }] });
    expect(await order(sim, created.id)).toEqual(orderAfterShip);

    const unknown = await call(sim, 'POST', `/__sim/shipments/${so.id + 1}/void`, undefined, NO_AUTH);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ code: 'not_found', message: 'Shipping order not found.' });
    expect((await call(sim, 'POST', '/__sim/shipments/abc/void', undefined, NO_AUTH)).status).toBe(404);
    expect(() => sim.voidShipment(-5)).toThrow(AdminError);
  });
});

describe('faults on the legacy routes', () => {
  it('429 refuses shipping-order reads with Retry-After; admin shipping is never faulted or recorded', async () => {
    const { sim } = await start({ faults: { '429': 1 } });
    // Admin routes answer normally (here: no such order) and are not recorded.
    const so = await call(sim, 'POST', '/__sim/shipments', shipment('F-0'), NO_AUTH);
    expect(so.status).toBe(404);
    expect(sim.requests).toEqual([]);
    for (const path of ['/services/rest/shippingorders', '/services/rest/shippingorders/1', '/services/rest/shippingorders/1/items']) {
      const res = await call(sim, 'GET', path, undefined, LEGACY);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.json()).toEqual({ code: 'server_error', message: expect.any(String) });
    }
    expect(sim.requests.map((r) => [r.path, r.status, r.fault])).toEqual([
      ['/services/rest/shippingorders', 429, '429'],
      ['/services/rest/shippingorders/1', 429, '429'],
      ['/services/rest/shippingorders/1/items', 429, '429'],
    ]);
  });

  it('500 and malformed answers on the list leave the data intact for a retry', async () => {
    for (const kind of ['500', 'malformed'] as const) {
      const { sim, clock } = await start({ faults: { [kind]: 1 } });
      // Both kinds come after the handler ran, so the create took effect whatever the answer.
      const created = await call(sim, 'POST', '/rest/customer-orders', {
        orderNumber: 'F-1',
        shipFromWarehouseName: 'Main',
        customer: { name: 'Ada', surname: 'Lovelace' },
        shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
        items: [{ sku: 'SKU-0001', quantity: 1 }],
      });
      expect(sim.orders()).toHaveLength(1);
      expect(created.status === 500 || created.status === 201).toBe(true);
      clock.ms += 1_000;
      const so = await call(sim, 'POST', '/__sim/shipments', shipment('F-1', { lines: [{ sku: 'SKU-0001', quantity: 1 }] }), NO_AUTH);
      expect(so.status).toBe(201);
      const res = await call(sim, 'GET', '/services/rest/shippingorders', undefined, LEGACY);
      if (kind === '500') {
        expect(res.status).toBe(500);
        expect(res.json()).toEqual({ code: 'server_error', message: expect.any(String) });
      } else {
        expect(res.status).toBe(200);
        expect(() => res.json()).toThrow();
      }
      expect(sim.shippingOrders()).toHaveLength(1);
      expect(sim.orders()[0]?.completed).toBe(true);
    }
  });
});

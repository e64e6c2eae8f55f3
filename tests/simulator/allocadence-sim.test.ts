import {
  type AllocadenceSimulator,
  type RecordedRequest,
  type SimCustomerOrder,
  type SimItem,
  type SimListMeta,
  type SimWarehouse,
} from '../../src/simulator/allocadence';
import { BASIC, allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
interface Body {
  customerOrders: SimCustomerOrder[];
  items: SimItem[];
  meta: SimListMeta;
  code: string;
  message: string;
  parameter?: string;
  order: SimCustomerOrder;
  warehouses: SimWarehouse[];
  orders: SimCustomerOrder[];
  requests: RecordedRequest[];
}

const start = useAllocadenceSims();
const call = allocadenceCall<Body>();

function orderBody(orderNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderNumber,
    orderReference: `ref-${orderNumber}`,
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace', email: 'ada@example.com' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', state: 'OR', zip: '97477', countryCode: 'US' },
    items: [{ sku: 'SKU-0001', quantity: 2, price: 12.5 }],
    ...overrides,
  };
}

async function create(sim: AllocadenceSimulator, orderNumber: string): Promise<SimCustomerOrder> {
  const res = await call(sim, 'POST', '/rest/customer-orders', orderBody(orderNumber));
  expect(res.status).toBe(201);
  return res.json() as unknown as SimCustomerOrder;
}

const legacy = { SecureKey: 'secure-1' };

describe('authentication and routing', () => {
  it('refuses API 2.0 calls without or with wrong Basic credentials', async () => {
    const { sim } = await start();
    const none = await call(sim, 'GET', '/rest/customer-orders', undefined, {});
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ code: 'unauthorized', message: 'Invalid API key and/or secret.' });
    const wrong = `Basic ${Buffer.from('key-1:nope').toString('base64')}`;
    expect((await call(sim, 'GET', '/rest/items', undefined, { authorization: wrong })).status).toBe(401);
  });

  it('refuses legacy calls without or with a wrong SecureKey', async () => {
    const { sim } = await start();
    const order = await create(sim, 'A-1');
    for (const headers of [{}, { SecureKey: 'wrong' }, { authorization: BASIC }] as Record<string, string>[]) {
      const res = await call(sim, 'PUT', `/services/rest/customerorders/${order.id}/cancel`, undefined, headers);
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: '401', message: 'Unauthorized' });
    }
    expect(sim.orders()[0]?.cancelled).toBe(false);
  });

  it('answers API 2.0 paths it does not route with 500 and an empty body, whatever the credentials', async () => {
    const { sim } = await start();
    for (const path of [
      '/rest/shipments',
      '/rest/customerorders',
      '/rest/shippingorders',
      '/rest/customer-orders/1/timeline',
      '/rest/inventory/adjustments',
    ]) {
      for (const headers of [{ authorization: BASIC }, {}] as Record<string, string>[]) {
        const res = await call(sim, 'GET', path, undefined, headers);
        expect([path, res.status, res.text]).toEqual([path, 500, '']);
      }
    }
    expect((await call(sim, 'DELETE', '/rest/customer-orders')).status).toBe(500);
  });

  it("answers paths outside the API trees with the web server's HTML 404", async () => {
    const { sim } = await start();
    for (const path of ['/other']) {
      for (const headers of [{ authorization: BASIC }, {}] as Record<string, string>[]) {
        const res = await call(sim, 'GET', path, undefined, headers);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toBe('text/html');
        expect(res.text).toBe('<html><body><h1>404 Not Found</h1></body></html>');
      }
    }
  });
});

describe('listing', () => {
  it('pages orders by id, defaulting to 20 and refusing perPage above 100', async () => {
    const { sim } = await start();
    const created = [];
    for (let i = 1; i <= 5; i++) created.push(await create(sim, `P-${i}`));
    const ids = created.map((o) => o.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const p1 = (await call(sim, 'GET', '/rest/customer-orders?page=1&perPage=2')).json();
    expect(p1.meta).toEqual({ count: 5, page: 1, perPage: 2, totalPages: 3 });
    expect(p1.customerOrders.map((o: SimCustomerOrder) => o.orderNumber)).toEqual(['P-1', 'P-2']);
    const p3 = (await call(sim, 'GET', '/rest/customer-orders?page=3&perPage=2')).json();
    expect(p3.customerOrders.map((o: SimCustomerOrder) => o.orderNumber)).toEqual(['P-5']);
    const beyond = (await call(sim, 'GET', '/rest/customer-orders?page=9&perPage=2')).json();
    expect(beyond.customerOrders).toEqual([]);

    expect((await call(sim, 'GET', '/rest/customer-orders')).json().meta).toEqual({ count: 5, page: 1, perPage: 20, totalPages: 1 });
    expect((await call(sim, 'GET', '/rest/customer-orders?perPage=100')).status).toBe(200);
    const tooMany = await call(sim, 'GET', '/rest/customer-orders?perPage=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.json()).toEqual({ code: 'invalid_parameter', message: 'Invalid value for parameter.', parameter: 'perPage' });
    expect((await call(sim, 'GET', '/rest/items?perPage=500')).status).toBe(400);
    expect((await call(sim, 'GET', '/rest/items?page=0')).json().parameter).toBe('page');
  });

  it('lists the seeded catalogue as items; a sku parameter is not a filter', async () => {
    const { sim } = await start({ catalogSize: 30 });
    const all = (await call(sim, 'GET', '/rest/items?perPage=100')).json();
    expect(all.meta).toEqual({ count: 30, page: 1, perPage: 100, totalPages: 1 });
    expect(all.items).toEqual(sim.items());
    const item = all.items[3];
    expect(item).toMatchObject({ sku: 'SKU-0004', active: true });
    expect(item?.upc).toMatch(/^\d{12}$/);
    expect(item?.createdDate).toMatch(/-07:00$/);
    expect((await call(sim, 'GET', '/rest/items?sku=SKU-0004&perPage=100')).json().items).toEqual(all.items);
    expect((await call(sim, 'GET', '/rest/items?searchFor=SKU-0004')).json().items).toEqual([item]);
  });

  it('filters orders by number, state and modifiedDate (as an instant, an option), and ignores unknown parameters', async () => {
    const { sim, clock } = await start({ modifiedDateFilter: 'instant' });
    await create(sim, 'F-1'); // 10:15:00-07:00
    clock.ms += 60_000;
    await create(sim, 'F-2'); // 10:16:00
    clock.ms += 60_000;
    await create(sim, 'F-3'); // 10:17:00
    clock.ms += 60_000;
    sim.cancelOrder('F-1', 'Out of stock'); // F-1 modified 10:18:00
    sim.completeOrder('F-2'); // F-2 modified 10:18:00

    const numbers = async (query: string): Promise<string[]> => {
      const res = await call(sim, 'GET', `/rest/customer-orders?${query}`);
      expect(res.status).toBe(200);
      return res.json().customerOrders.map((o: SimCustomerOrder) => o.orderNumber);
    };
    expect(await numbers('orderNumber=F-2')).toEqual(['F-2']);
    expect(await numbers('orderNumber=F')).toEqual([]);
    expect(await numbers('cancelled=true')).toEqual(['F-1']);
    expect(await numbers('cancelled=false')).toEqual(['F-2', 'F-3']);
    expect(await numbers('completed=true')).toEqual(['F-2']);
    expect(await numbers('completed=false')).toEqual(['F-1', 'F-3']);
    expect(await numbers('open=true')).toEqual(['F-3']);

    // The same instant in three offsets; on_or_after is the default and inclusive.
    for (const at of ['2026-11-27T10:17:00-07:00', '2026-11-27T17:17:00Z', '2026-11-27T19:17:00+02:00']) {
      expect(await numbers(new URLSearchParams({ modifiedDate: at }).toString())).toEqual(['F-1', 'F-2', 'F-3']);
      expect(await numbers(new URLSearchParams({ modifiedDate: at, modifiedDateConditional: 'on_or_before' }).toString())).toEqual(['F-3']);
    }
    expect(await numbers(new URLSearchParams({ modifiedDate: '2026-11-27T17:17:01Z' }).toString())).toEqual(['F-1', 'F-2']);
    expect(await numbers(new URLSearchParams({ modifiedDate: '2026-11-27T10:18:00-07:00', cancelled: 'true' }).toString())).toEqual([
      'F-1',
    ]);

    // An unencoded '+' offset arrives as a space: refused rather than misread.
    const plus = await call(sim, 'GET', '/rest/customer-orders?modifiedDate=2026-11-27T19:17:00+02:00');
    expect(plus.status).toBe(400);
    expect(plus.json().parameter).toBe('modifiedDate');

    // The real API silently ignores parameters it does not know: everything comes back.
    expect(await numbers('modifiedFrom=2030-01-01T00:00:00Z&status=cancelled')).toEqual(['F-1', 'F-2', 'F-3']);
  });
});

describe('creating orders', () => {
  it('creates an order rendered in the account offset and readable by id', async () => {
    const { sim } = await start({ timeZone: 'Europe/Paris' });
    const res = await call(
      sim,
      'POST',
      '/rest/customer-orders',
      orderBody('C-1', { extraneous: { a: 1 }, orderedDate: '2026-11-26T23:00:00Z' }),
    );
    expect(res.status).toBe(201);
    const order = res.json() as unknown as SimCustomerOrder;
    expect(order).toMatchObject({
      orderNumber: 'C-1',
      orderReference: 'ref-C-1',
      orderSource: 'API',
      orderedDate: '2026-11-27T00:00:00+01:00',
      createdDate: '2026-11-27T18:15:00+01:00',
      modifiedDate: '2026-11-27T18:15:00+01:00',
      orderPlaced: true,
      completed: false,
      completedDate: null,
      cancelled: false,
      cancelledDate: null,
      cancelledReason: null,
      onHold: false,
      customer: { name: 'Ada', surname: 'Lovelace', email: 'ada@example.com', company: null },
      shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US', line2: null },
      shipFromWarehouse: { id: 1, name: 'Main' },
    });
    expect(Number.isInteger(order.id) && Number.isInteger(order.customer.id) && Number.isInteger(order.shippingAddress.id)).toBe(true);
    const item = sim.items()[0];
    expect(order.items).toEqual([
      {
        id: expect.any(Number),
        itemId: item?.id,
        sku: 'SKU-0001',
        description: item?.description,
        orderQuantity: 2,
        quantity: 2,
        price: 12.5,
        shippedQuantity: 0,
        pickedQuantity: 0,
      },
    ]);
    const got = await call(sim, 'GET', `/rest/customer-orders/${order.id}`);
    expect(got.json()).toEqual(order);
    const missing = await call(sim, 'GET', `/rest/customer-orders/${order.id + 1000}`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ code: 'not_found', message: 'Customer order not found.' });

    const second = await create(sim, 'C-2');
    expect(second.id).toBeGreaterThan(order.id);
    expect(second.items[0]?.price).toBe(12.5);
    const priced = (
      await call(sim, 'POST', '/rest/customer-orders', orderBody('C-3', { items: [{ sku: 'SKU-0002', quantity: 1 }] }))
    ).json();
    expect(priced.items[0]?.price).toBe(sim.items()[1]?.price);
  });

  it('refuses a duplicate order number with the exact real-API error', async () => {
    const { sim } = await start();
    await create(sim, 'D-1');
    const dup = await call(sim, 'POST', '/rest/customer-orders', orderBody('D-1'));
    expect(dup.status).toBe(400);
    expect(dup.json()).toEqual({ code: 'invalid_parameter', message: 'Invalid value for parameter.', parameter: 'orderNumber' });
    expect(sim.orders()).toHaveLength(1);
  });

  it.each([
    ['missing orderNumber', { orderNumber: undefined }, 'orderNumber', 'orderNumber is required.'],
    ['a new customer without surname', { customer: { name: 'Ada' } }, 'customer.surname', 'customer.surname is required.'],
    [
      'a new customer with a blank surname',
      { customer: { name: 'Ada', surname: '  ' } },
      'customer.surname',
      'customer.surname is required.',
    ],
    ['an unknown customer id', { customer: { id: 4242, name: 'Ada' } }, 'customer.id', 'Unknown customer id: 4242'],
    ['a string saveAsDraft', { saveAsDraft: 'yes' }, 'saveAsDraft', 'saveAsDraft must be true or false.'],
    [
      'a billing address without a city',
      { billingAddress: { line1: '2 Side St', countryCode: 'US' } },
      'billingAddress.city',
      'billingAddress.city is required.',
    ],
    ['a string shipFromWarehouseId', { shipFromWarehouseId: '1' }, 'shipFromWarehouseId', 'shipFromWarehouseId must be a whole number.'],
    ['empty items', { items: [] }, 'items', 'At least one item is required.'],
    ['unknown SKU', { items: [{ sku: 'NOPE-1', quantity: 1 }] }, 'items.sku', 'Unknown item SKU: NOPE-1'],
    ['zero quantity', { items: [{ sku: 'SKU-0001', quantity: 0 }] }, 'items.quantity', expect.stringContaining('positive integer')],
    ['fractional quantity', { items: [{ sku: 'SKU-0001', quantity: 1.5 }] }, 'items.quantity', expect.stringContaining('positive integer')],
    ['string quantity', { items: [{ sku: 'SKU-0001', quantity: '2' }] }, 'items.quantity', expect.stringContaining('positive integer')],
    ['missing customer name', { customer: { email: 'x@example.com' } }, 'customer.name', 'customer.name is required.'],
    ['missing countryCode', { shippingAddress: { line1: '1 St', city: 'X' } }, 'shippingAddress.countryCode', expect.any(String)],
    ['bad orderedDate', { orderedDate: 'yesterday' }, 'orderedDate', expect.any(String)],
  ])('refuses %s', async (_label, overrides, parameter, message) => {
    const { sim } = await start();
    const res = await call(sim, 'POST', '/rest/customer-orders', orderBody('V-1', overrides));
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'invalid_parameter', message, parameter });
    expect(sim.orders()).toEqual([]);
  });

  it('reads the note fields and not `notes`, a billing address same as shipping, and drafts', async () => {
    const { sim } = await start();
    const body = orderBody('N-1', {
      notes: 'lost',
      internalNote: 'Amazon order N-1',
      noteToCustomer: 'Thanks',
      billingAddress: { sameAsShipping: true },
      saveAsDraft: true,
    });
    const order = (await call(sim, 'POST', '/rest/customer-orders', body)).json() as unknown as SimCustomerOrder & { notes?: unknown };
    expect(order).toMatchObject({ internalNote: 'Amazon order N-1', noteToCustomer: 'Thanks', noteFromCustomer: null, orderPlaced: false });
    expect(order.notes).toBeUndefined();
    const { id: shipId, ...shipping } = order.shippingAddress;
    expect(order.billingAddress).toEqual({ ...shipping, id: expect.any(Number) });
    expect(order.billingAddress?.id).not.toBe(shipId);
    const plain = await create(sim, 'N-2');
    expect(plain).toMatchObject({ billingAddress: null, orderPlaced: true, internalNote: null });
    expect(plain.items.map((l) => l.id).every((id) => Number.isInteger(id))).toBe(true);
  });

  it('takes an existing customer by id without a surname; a zero-width-space surname counts as one; the rule can be off', async () => {
    const { sim } = await start();
    const first = await create(sim, 'S-1');
    const again = await call(sim, 'POST', '/rest/customer-orders', orderBody('S-2', { customer: { id: first.customer.id, name: 'Ada' } }));
    expect(again.status).toBe(201);
    expect((again.json() as unknown as SimCustomerOrder).customer).toMatchObject({ surname: 'Lovelace' });
    expect(
      (await call(sim, 'POST', '/rest/customer-orders', orderBody('S-3', { customer: { name: 'Cher', surname: '\u200b' } }))).status,
    ).toBe(201);
    sim.setBehaviour({ surnameRequired: false });
    expect((await call(sim, 'POST', '/rest/customer-orders', orderBody('S-4', { customer: { name: 'Cher' } }))).json()).toMatchObject({
      customer: { name: 'Cher', surname: null },
    });
  });

  it("ships from the warehouse named by id, then by name, else the user's current one; an unknown name falls back to it (or is refused, as an option)", async () => {
    const { sim } = await start({ warehouses: ['Main', 'Overflow'], behaviour: { userWarehouse: 'Overflow' } });
    const from = async (n: string, fields: Record<string, unknown>): Promise<unknown> => {
      const res = await call(sim, 'POST', '/rest/customer-orders', { ...orderBody(n), shipFromWarehouseName: undefined, ...fields });
      return res.status === 201 ? (res.json() as unknown as SimCustomerOrder).shipFromWarehouse : res.json();
    };
    expect(await from('W-1', { shipFromWarehouseName: 'Main' })).toEqual({ id: 1, name: 'Main' });
    expect(await from('W-2', { shipFromWarehouseId: 1, shipFromWarehouseName: 'Overflow' })).toEqual({ id: 1, name: 'Main' });
    expect(await from('W-3', {})).toEqual({ id: 2, name: 'Overflow' });
    expect(await from('W-4', { shipFromWarehouseName: 'Mian' })).toEqual({ id: 2, name: 'Overflow' });
    sim.setBehaviour({ unknownWarehouse: 'refuse' });
    expect(await from('W-5', { shipFromWarehouseName: 'Mian' })).toEqual({
      code: 'invalid_parameter',
      message: 'Unknown warehouse: Mian',
      parameter: 'shipFromWarehouseName',
    });
    expect(await from('W-6', { shipFromWarehouseId: 9 })).toEqual({
      code: 'invalid_parameter',
      message: 'Unknown warehouse id: 9',
      parameter: 'shipFromWarehouseId',
    });
    expect(sim.orders().map((o) => o.orderNumber)).toEqual(['W-1', 'W-2', 'W-3', 'W-4']);
  });

  it('refuses a body that is not a JSON object', async () => {
    const { sim } = await start();
    const res = await fetch(`${sim.origin}/rest/customer-orders`, { method: 'POST', headers: { authorization: BASIC }, body: '{oops' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'invalid_request' });
  });
});

describe('legacy cancel', () => {
  it('cancels, stays idempotent, and refuses completed or unknown orders', async () => {
    const { sim, clock } = await start();
    const order = await create(sim, 'L-1');
    clock.ms += 90_000;
    const res = await call(
      sim,
      'PUT',
      `/services/rest/customerorders/${order.id}/cancel?reason=${encodeURIComponent('Buyer asked')}`,
      undefined,
      legacy,
    );
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ success: true });
    const cancelled: unknown = (await call(sim, 'GET', `/rest/customer-orders/${order.id}`)).json();
    expect(cancelled).toMatchObject({
      cancelled: true,
      cancelledDate: '2026-11-27T10:16:30-07:00',
      cancelledReason: 'Buyer asked',
      modifiedDate: '2026-11-27T10:16:30-07:00',
    });

    clock.ms += 60_000;
    const again = await call(sim, 'PUT', `/services/rest/customerorders/${order.id}/cancel?reason=again`, undefined, legacy);
    expect(again.status).toBe(200);
    expect(again.json()).toEqual({ success: true });
    expect(sim.orders()[0]).toMatchObject({ cancelledReason: 'Buyer asked', modifiedDate: '2026-11-27T10:16:30-07:00' });

    const done = await create(sim, 'L-2');
    sim.completeOrder('L-2');
    const refused = await call(sim, 'PUT', `/services/rest/customerorders/${done.id}/cancel`, undefined, legacy);
    expect(refused.status).toBe(400);
    expect(refused.json()).toEqual({ success: false, message: 'Order is completed and cannot be cancelled.' });

    const unknown = await call(sim, 'PUT', '/services/rest/customerorders/999999999/cancel', undefined, legacy);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ success: false, message: 'Order not found.' });
  });
});

describe('legacy API switch', () => {
  it('an account without the legacy tree answers its paths with the HTML page; the admin route turns it back on', async () => {
    const { sim } = await start();
    expect((await call(sim, 'GET', '/services/rest/shippingorders', undefined, legacy)).status).toBe(200);
    sim.setLegacyApi(false);
    const off = await call(sim, 'GET', '/services/rest/shippingorders', undefined, legacy);
    expect(off.status).toBe(404);
    expect(off.text).toMatch(/<html/i);
    expect((await call(sim, 'GET', '/rest/items', undefined)).status).toBe(200);
    expect((await call(sim, 'POST', '/__sim/legacy-api', { enabled: 'yes' }, {})).status).toBe(400);
    expect((await call(sim, 'POST', '/__sim/legacy-api', { enabled: true }, {})).json()).toEqual({ enabled: true });
    expect((await call(sim, 'GET', '/services/rest/shippingorders', undefined, legacy)).status).toBe(200);
  });
});

describe('admin routes', () => {
  it('cancels as a warehouse user, dumps state and recorded requests, without auth or recording', async () => {
    const { sim, clock } = await start({ warehouses: ['Main', 'Overflow'] });
    await create(sim, 'W-1');
    clock.ms += 5_000;
    const res = await call(sim, 'POST', '/__sim/orders/W-1/cancel', { reason: 'Damaged' }, {});
    expect(res.status).toBe(200);
    expect(res.json().order).toMatchObject({
      orderNumber: 'W-1',
      cancelled: true,
      cancelledReason: 'Damaged',
      modifiedDate: '2026-11-27T10:15:05-07:00',
    });
    expect((await call(sim, 'POST', '/__sim/orders/NOPE/cancel', {}, {})).status).toBe(404);

    const state = (await call(sim, 'GET', '/__sim/state', undefined, {})).json();
    expect(state.warehouses).toEqual([
      { id: 1, name: 'Main' },
      { id: 2, name: 'Overflow' },
    ]);
    expect(state.items).toEqual(sim.items());
    expect(state.orders).toEqual(sim.orders());

    const recorded = (await call(sim, 'GET', '/__sim/requests', undefined, {})).json().requests;
    expect(recorded).toEqual(sim.requests);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ method: 'POST', path: '/rest/customer-orders', status: 201 });
    expect(recorded[0]?.body).toContain('"orderNumber":"W-1"');
  });

  it('cancelOrder mirrors the admin route and refuses completed orders', async () => {
    const { sim } = await start();
    await create(sim, 'W-2');
    expect(sim.cancelOrder('W-2').cancelled).toBe(true);
    await create(sim, 'W-3');
    sim.completeOrder('W-3');
    expect(() => sim.cancelOrder('W-3')).toThrow('completed');
    expect(() => sim.cancelOrder('W-404')).toThrow();
  });
});

describe('faults', () => {
  it('429 refuses before any effect, with Retry-After and an Allocadence body', async () => {
    const { sim } = await start({ faults: { '429': 1 } });
    const res = await call(sim, 'POST', '/rest/customer-orders', orderBody('X-1'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.json()).toEqual({ code: 'server_error', message: expect.any(String) });
    expect(sim.orders()).toEqual([]);
    expect(sim.requests[0]).toMatchObject({ status: 429, fault: '429' });
    // Admin routes are never faulted.
    expect((await call(sim, 'GET', '/__sim/state', undefined, {})).status).toBe(200);
  });

  it('500 comes after the create took effect', async () => {
    const { sim } = await start({ faults: { '500': 1 } });
    const res = await call(sim, 'POST', '/rest/customer-orders', orderBody('X-2'));
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ code: 'server_error', message: expect.any(String) });
    expect(sim.orders().map((o) => o.orderNumber)).toEqual(['X-2']);
  });

  it('a malformed body comes after the create took effect', async () => {
    const { sim } = await start({ faults: { malformed: 1 } });
    const res = await call(sim, 'POST', '/rest/customer-orders', orderBody('X-3'));
    expect(res.status).toBe(201);
    expect(() => res.json()).toThrow();
    expect(sim.orders().map((o) => o.orderNumber)).toEqual(['X-3']);
    expect(sim.requests[0]?.fault).toBe('malformed');
  });
});

describe('determinism', () => {
  it('the same seed gives the same world; another seed a different one', async () => {
    const a = await start({ seed: 7 });
    const b = await start({ seed: 7 });
    const c = await start({ seed: 8 });
    expect(a.sim.items()).toEqual(b.sim.items());
    expect(a.sim.items()).not.toEqual(c.sim.items());
    const oa = await create(a.sim, 'S-1');
    const ob = await create(b.sim, 'S-1');
    expect(oa).toEqual(ob);
    expect(a.sim.items().map((i) => i.sku)).toEqual(c.sim.items().map((i) => i.sku));
  });
});

import { type SimCustomerOrder } from '../../src/simulator/allocadence';
import { BASIC, useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, create, legacy, orderBody } from '../helpers/allocadence-orders';

const start = useAllocadenceSims();

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

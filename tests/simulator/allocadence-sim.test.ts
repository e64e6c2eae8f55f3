import { type SimCustomerOrder } from '../../src/simulator/allocadence';
import { BASIC, useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, create, orderBody } from '../helpers/allocadence-orders';

const start = useAllocadenceSims();

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

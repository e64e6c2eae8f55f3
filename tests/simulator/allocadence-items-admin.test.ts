import { AdminError, type SimItem } from '../../src/simulator/allocadence';
import { useAllocadenceSims } from '../helpers/allocadence-sim';
import { admin, call, label, orderBody } from '../helpers/allocadence-items';

const start = useAllocadenceSims();

describe('admin stock and items', () => {
  it('sets absolute stock over HTTP and programmatically, without logging an adjustment', async () => {
    const { sim } = await start({ catalogSize: 3, warehouses: ['Main', 'Overflow'] });
    const item = sim.items()[2] as SimItem;
    const res = await admin(sim, 'POST', '/__sim/stock', { sku: 'SKU-0003', warehouse: 'Overflow', sellable: 42 });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ item: { id: item.id, sku: 'SKU-0003' }, warehouse: { id: 2, name: 'Overflow' }, sellable: 42 });
    expect(sim.inventory().find((r) => label(r) === 'SKU-0003@Overflow')).toMatchObject({ sellable: 42, inStock: true });
    expect(sim.setStock('SKU-0003', 'Overflow', 0)).toEqual({
      item: { id: item.id, sku: 'SKU-0003' },
      warehouse: { id: 2, name: 'Overflow' },
      sellable: 0,
    });
    expect(sim.adjustments()).toEqual([]);

    // A record is created when missing.
    sim.addItems([{ sku: 'NEW-1' }]);
    expect(sim.setStock('NEW-1', 'Main', 7).sellable).toBe(7);
    expect(
      sim
        .inventory()
        .filter((r) => r.item.sku === 'NEW-1')
        .map(label),
    ).toEqual(['NEW-1@Main']);
    expect(sim.requests).toEqual([]);
  });

  it('refuses an unknown sku or warehouse with 404 and a bad number with 400', async () => {
    const { sim } = await start({ catalogSize: 1 });
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ sku: 'NOPE', warehouse: 'Main', sellable: 1 }, 404, undefined],
      [{ sku: 'SKU-0001', warehouse: 'Nowhere', sellable: 1 }, 404, undefined],
      [{ sku: 'SKU-0001', warehouse: 'Main', sellable: -1 }, 400, 'sellable'],
      [{ sku: 'SKU-0001', warehouse: 'Main', sellable: 1.5 }, 400, 'sellable'],
      [{ sku: 'SKU-0001', warehouse: 'Main', sellable: '3' }, 400, 'sellable'],
      [{ warehouse: 'Main', sellable: 1 }, 400, 'sku'],
    ];
    const before = sim.inventory();
    for (const [body, status, parameter] of cases) {
      const res = await admin(sim, 'POST', '/__sim/stock', body);
      expect(res.status).toBe(status);
      expect(res.json()).toMatchObject({ code: status === 404 ? 'not_found' : 'invalid_parameter' });
      expect(res.json().parameter).toBe(parameter);
    }
    expect(sim.inventory()).toEqual(before);
    expect(() => sim.setStock('NOPE', 'Main', 1)).toThrow(AdminError);
    expect(() => sim.setStock('SKU-0001', 'Main', -2)).toThrow('sellable');
  });

  it('adds items as a warehouse user, all or nothing, and they can then be ordered', async () => {
    const { sim, clock } = await start({ catalogSize: 2 });
    clock.ms += 60_000;
    const res = await admin(sim, 'POST', '/__sim/items', {
      items: [{ sku: 'FIX-1' }, { sku: 'FIX-2', description: 'Fixed', safetyStock: 3 }],
    });
    expect(res.status).toBe(201);
    const [one, two] = res.json().items;
    expect(one).toMatchObject({ sku: 'FIX-1', description: 'FIX-1', safetyStock: 0, price: 0, createdDate: '2026-11-27T10:16:00-07:00' });
    expect(two).toMatchObject({ sku: 'FIX-2', description: 'Fixed', safetyStock: 3 });
    expect((await call(sim, 'POST', '/rest/customer-orders', orderBody('O-1', 'FIX-1'))).status).toBe(201);

    for (const items of [
      [{ sku: 'OK-1' }, { sku: 'FIX-1' }],
      [{ sku: 'OK-1' }, { sku: 'OK-1' }],
    ]) {
      const dup = await admin(sim, 'POST', '/__sim/items', { items });
      expect(dup.status).toBe(400);
      expect(dup.json()).toEqual({ code: 'invalid_parameter', message: 'Invalid value for parameter.', parameter: 'items[1].sku' });
    }
    expect((await admin(sim, 'POST', '/__sim/items', { items: [{ sku: 'OK-1', safetyStock: -1 }] })).json().parameter).toBe(
      'items[0].safetyStock',
    );
    expect((await admin(sim, 'POST', '/__sim/items', { nope: true })).json().parameter).toBe('items');
    expect(sim.items().map((i) => i.sku)).toEqual(['SKU-0001', 'SKU-0002', 'FIX-1', 'FIX-2']);

    const added = sim.addItems([{ sku: 'PROG-1', description: 'Programmatic', userField1: 'x' }]);
    expect(added).toEqual([expect.objectContaining({ sku: 'PROG-1', userField1: 'x', id: (two?.id ?? 0) + 1 })]);
    expect(() => sim.addItems([{ sku: 'PROG-1' }])).toThrow('items[0].sku: Invalid value for parameter.');
  });

  it('dumps inventory and adjustments in /__sim/state', async () => {
    const { sim } = await start({ catalogSize: 3, warehouses: ['Main', 'Overflow'], behaviour: { adjustments: true } });
    sim.setStock('SKU-0001', 'Main', 4);
    await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: -1, reason: 'Damaged' });
    const state = (await admin(sim, 'GET', '/__sim/state')).json();
    expect(state.inventory).toEqual(sim.inventory());
    expect(state.inventory).toHaveLength(6);
    expect(state.adjustments).toEqual([
      { sku: 'SKU-0001', warehouse: 'Main', quantity: -1, reason: 'Damaged', at: '2026-11-27T10:15:00-07:00' },
    ]);
    expect(state.items).toEqual(sim.items());
  });
});

describe('faults on the new routes', () => {
  it('500 comes after an item create took effect; a retry meets the duplicate error', async () => {
    const { sim } = await start({ catalogSize: 1, faults: { '500': 1 } });
    const res = await call(sim, 'POST', '/rest/items', { sku: 'F-1', description: 'Lost answer' });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ code: 'server_error', message: expect.any(String) });
    expect(sim.items().map((i) => i.sku)).toEqual(['SKU-0001', 'F-1']);
    expect(sim.requests[0]).toMatchObject({ path: '/rest/items', status: 500, fault: '500' });
    // Admin routes are never faulted.
    expect((await admin(sim, 'POST', '/__sim/stock', { sku: 'F-1', warehouse: 'Main', sellable: 2 })).status).toBe(200);
  });

  it('500 comes after an adjustment and an item update took effect', async () => {
    const { sim, clock } = await start({ catalogSize: 1, faults: { '500': 1 }, behaviour: { adjustments: true } });
    sim.setStock('SKU-0001', 'Main', 5);
    expect((await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: 2 })).status).toBe(
      500,
    );
    expect(sim.inventory()[0]?.sellable).toBe(7);
    expect(sim.adjustments()).toHaveLength(1);
    clock.ms += 1_000;
    const id = sim.items()[0]?.id;
    expect((await call(sim, 'PUT', `/rest/items/${id}`, { description: 'Changed' })).status).toBe(500);
    expect(sim.items()[0]).toMatchObject({ description: 'Changed', modifiedDate: '2026-11-27T10:15:01-07:00' });
  });

  it('429 refuses item creates and adjustments before any effect', async () => {
    const { sim } = await start({ catalogSize: 1, faults: { '429': 1 }, behaviour: { adjustments: true } });
    const before = sim.inventory();
    expect((await call(sim, 'POST', '/rest/items', { sku: 'F-2', description: 'Refused' })).status).toBe(429);
    const adj = await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: 1 });
    expect(adj.status).toBe(429);
    expect(adj.headers.get('retry-after')).toBe('1');
    expect((await call(sim, 'GET', '/rest/inventory')).status).toBe(429);
    expect(sim.items()).toHaveLength(1);
    expect(sim.inventory()).toEqual(before);
    expect(sim.adjustments()).toEqual([]);
  });
});

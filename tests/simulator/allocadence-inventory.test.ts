import { type SimItem } from '../../src/simulator/allocadence';
import { BASIC, useAllocadenceSims } from '../helpers/allocadence-sim';
import { admin, call, createItem, inventory, label } from '../helpers/allocadence-items';

const start = useAllocadenceSims();

describe('inventory', () => {
  it('seeds a record per item per warehouse, sellable 0..60 with some 0, the same for the same seed', async () => {
    const { sim } = await start({ catalogSize: 40, warehouses: ['Main', 'Overflow'] });
    const rows = sim.inventory();
    expect(rows).toHaveLength(80);
    const items = sim.items();
    expect(rows.map(label)).toEqual(items.flatMap((i) => [`${i.sku}@Main`, `${i.sku}@Overflow`]));
    for (const row of rows) {
      const item = items.find((i) => i.id === row.item.id);
      expect(row.item).toEqual({ id: item?.id, sku: item?.sku, upc: item?.upc, description: item?.description });
      expect(Number.isInteger(row.sellable) && row.sellable >= 0 && row.sellable <= 60).toBe(true);
      expect(row.inbound).toBe(0);
      expect(row.inStock).toBe(row.sellable > 0);
    }
    expect(rows.some((r) => r.sellable === 0)).toBe(true);
    expect(rows.filter((r) => r.sellable > 0).length).toBeGreaterThan(40);

    const same = await start({ catalogSize: 40, warehouses: ['Main', 'Overflow'] });
    expect(same.sim.inventory()).toEqual(rows);
    const other = await start({ catalogSize: 40, warehouses: ['Main', 'Overflow'], seed: 2 });
    expect(other.sim.inventory().map((r) => r.sellable)).not.toEqual(rows.map((r) => r.sellable));
    // A bigger catalogue extends the smaller one rather than reshuffling it.
    const bigger = await start({ catalogSize: 50, warehouses: ['Main', 'Overflow'] });
    expect(bigger.sim.inventory().slice(0, 80)).toEqual(rows);
  });

  it('pages by item id and filters by warehouse id or name, searchFor and inStock', async () => {
    const { sim } = await start({ catalogSize: 10, warehouses: ['Main', 'Overflow'] });
    const all = sim.inventory();

    const first = await inventory(sim, '?perPage=3');
    expect(first.meta).toEqual({ count: 20, page: 1, perPage: 3, totalPages: 7 });
    expect(first.rows).toEqual(all.slice(0, 3));
    expect((await inventory(sim, '?perPage=3&page=7')).rows).toEqual(all.slice(18));
    expect((await inventory(sim, '?page=2')).rows).toEqual([]);
    expect((await inventory(sim)).meta.perPage).toBe(20);

    const overflow = all.filter((r) => r.warehouse.name === 'Overflow');
    expect((await inventory(sim, '?warehouseId=2&perPage=100')).rows).toEqual(overflow);
    expect((await inventory(sim, '?warehouseName=Overflow&perPage=100')).rows).toEqual(overflow);
    expect((await inventory(sim, '?warehouseId=2&warehouseName=Overflow&perPage=100')).rows).toEqual(overflow);
    // "warehouseName (ignored if warehouse_id is set)".
    expect((await inventory(sim, '?warehouseId=1&warehouseName=Overflow')).rows).toEqual(all.filter((r) => r.warehouse.id === 1));
    const page2 = await inventory(sim, '?warehouseId=1&perPage=4&page=2');
    expect(page2.rows).toEqual(all.filter((r) => r.warehouse.id === 1).slice(4, 8));
    expect(page2.meta).toEqual({ count: 10, page: 2, perPage: 4, totalPages: 3 });

    // A filter on a name that matches nothing is an empty list, not an error.
    const none = await inventory(sim, '?warehouseName=Nowhere');
    expect(none).toEqual({ rows: [], meta: { count: 0, page: 1, perPage: 20, totalPages: 0 } });
    expect((await inventory(sim, '?warehouseId=9')).rows).toEqual([]);
    for (const bad of ['abc', '-1', '1.5']) {
      const res = await call(sim, 'GET', `/rest/inventory?warehouseId=${bad}`);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ code: 'invalid_parameter', message: 'Invalid value for parameter.', parameter: 'warehouseId' });
    }

    sim.setStock('SKU-0003', 'Main', 0);
    sim.setStock('SKU-0004', 'Main', 9);
    const inStock = (await inventory(sim, '?warehouseName=Main&inStock=true&perPage=100')).rows;
    expect(inStock.every((r) => r.sellable > 0)).toBe(true);
    expect(inStock.map((r) => r.item.sku)).toContain('SKU-0004');
    const outOfStock = (await inventory(sim, '?warehouseName=Main&inStock=false&perPage=100')).rows;
    expect(outOfStock.map((r) => r.item.sku)).toContain('SKU-0003');
    expect(inStock.length + outOfStock.length).toBe(10);
    expect((await call(sim, 'GET', '/rest/inventory?inStock=yes')).json().parameter).toBe('inStock');
    expect((await inventory(sim, '?searchFor=sku-0010')).rows.map(label)).toEqual(['SKU-0010@Main', 'SKU-0010@Overflow']);
    expect((await call(sim, 'GET', '/rest/inventory?perPage=101')).json().parameter).toBe('perPage');
  });

  it('serves 100,000 rows for 50,000 items page by page', async () => {
    const { sim } = await start({ catalogSize: 40, warehouses: ['Main', 'Overflow'] });
    const batch = Array.from({ length: 49_960 }, (_, i) => ({ sku: `BULK-${String(i).padStart(5, '0')}` }));
    const added = await admin(sim, 'POST', '/__sim/items', { items: batch });
    expect(added.status).toBe(201);
    expect(added.json().items).toHaveLength(49_960);
    const items = sim.items();
    expect(items).toHaveLength(50_000);
    for (const item of items.slice(40)) {
      sim.setStock(item.sku, 'Main', item.id % 7);
      sim.setStock(item.sku, 'Overflow', item.id % 5);
    }

    let seen = 0;
    let lastKey = -1;
    let outOfOrder = 0;
    for (let page = 1; ; page++) {
      const { rows, meta } = await inventory(sim, `?perPage=100&page=${page}`);
      for (const row of rows) {
        const key = row.item.id * 10 + row.warehouse.id;
        if (key <= lastKey) outOfOrder++;
        lastKey = key;
      }
      seen += rows.length;
      if (page >= meta.totalPages) break;
    }
    expect(seen).toBe(100_000);
    expect(outOfOrder).toBe(0);
    const tail = (await inventory(sim, '?perPage=100&page=500&warehouseName=Overflow')).rows;
    expect(tail.map((r) => [r.item.sku, r.sellable])).toEqual(items.slice(-100).map((i) => [i.sku, i.id % 5]));
    const bySku = await call(sim, 'GET', '/rest/items?searchFor=BULK-49959');
    expect(bySku.json().items.map((i: SimItem) => i.id)).toEqual([items[49_999]?.id]);
    const lastPage = (await call(sim, 'GET', '/rest/items?perPage=100&page=500')).json();
    expect(lastPage.items.at(-1)?.sku).toBe('BULK-49959');
  });
});

describe('stock adjustments', () => {
  it('applies signed deltas, logs them and shows them in the inventory', async () => {
    const { sim, clock } = await start({ behaviour: { adjustments: true }, catalogSize: 3, warehouses: ['Main', 'Overflow'] });
    sim.setStock('SKU-0002', 'Overflow', 10);
    clock.ms += 30_000;
    const up = await call(sim, 'POST', '/rest/inventory/adjustments', {
      sku: 'SKU-0002',
      warehouseName: 'Overflow',
      quantity: 5,
      reason: 'Cycle count',
    });
    expect(up.status).toBe(201);
    const item = sim.items()[1] as SimItem;
    expect(up.json()).toEqual({
      item: { id: item.id, sku: 'SKU-0002' },
      warehouse: { id: 2, name: 'Overflow' },
      sellable: 15,
      adjustment: 5,
    });
    clock.ms += 1_000;
    const down = await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0002', warehouseName: 'Overflow', quantity: -15 });
    expect(down.json()).toMatchObject({ sellable: 0, adjustment: -15 });

    const row = (await inventory(sim, '?warehouseName=Overflow&searchFor=SKU-0002')).rows[0];
    expect(row).toMatchObject({ sellable: 0, inStock: false });
    expect(sim.adjustments()).toEqual([
      { sku: 'SKU-0002', warehouse: 'Overflow', quantity: 5, reason: 'Cycle count', at: '2026-11-27T10:15:30-07:00' },
      { sku: 'SKU-0002', warehouse: 'Overflow', quantity: -15, reason: null, at: '2026-11-27T10:15:31-07:00' },
    ]);
    // The other warehouse's record is untouched.
    expect(sim.inventory().find((r) => label(r) === 'SKU-0002@Main')?.sellable).toBe(
      (await start({ behaviour: { adjustments: true }, catalogSize: 3, warehouses: ['Main', 'Overflow'] })).sim
        .inventory()
        .find((r) => label(r) === 'SKU-0002@Main')?.sellable,
    );
  });

  it('creates a missing stock record, keeping rows in item-id order', async () => {
    const { sim } = await start({ behaviour: { adjustments: true }, catalogSize: 2, warehouses: ['Main', 'Overflow'] });
    await createItem(sim, { sku: 'A-1', description: 'First created' });
    await createItem(sim, { sku: 'B-1', description: 'Second created' });
    // Created without warehouse parameters: assigned to the current warehouse (Main) only.
    expect(sim.inventory().map(label)).not.toContain('A-1@Overflow');

    for (const [sku, warehouseName] of [
      ['B-1', 'Main'],
      ['A-1', 'Overflow'],
      ['A-1', 'Main'],
    ]) {
      const res = await call(sim, 'POST', '/rest/inventory/adjustments', { sku, warehouseName, quantity: 3 });
      expect(res.status).toBe(201);
      expect(res.json().sellable).toBe(3);
    }
    expect(sim.inventory().map(label).slice(-3)).toEqual(['A-1@Main', 'A-1@Overflow', 'B-1@Main']);
    expect((await inventory(sim, '?warehouseName=Main')).rows.map((r) => r.item.sku).slice(-2)).toEqual(['A-1', 'B-1']);
    expect((await inventory(sim, '?warehouseName=Overflow')).rows.map((r) => r.item.sku).slice(-1)).toEqual(['A-1']);
  });

  it('refuses a result below zero, changing and logging nothing', async () => {
    const { sim } = await start({ behaviour: { adjustments: true }, catalogSize: 2 });
    sim.setStock('SKU-0001', 'Main', 3);
    const res = await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: -4 });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'invalid_parameter', message: 'Adjustment would make stock negative.', parameter: 'quantity' });
    expect(sim.inventory()[0]?.sellable).toBe(3);
    expect(sim.adjustments()).toEqual([]);
    // A negative delta on an item with nothing in the warehouse is below zero too.
    await createItem(sim, { sku: 'NEW-1', description: 'No stock' });
    const fresh = await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'NEW-1', warehouseName: 'Main', quantity: -1 });
    expect(fresh.json().parameter).toBe('quantity');
    expect(
      sim
        .inventory()
        .filter((r) => r.item.sku === 'NEW-1')
        .map((r) => r.sellable),
    ).toEqual([0]);
  });

  it.each([
    ['missing sku', { sku: undefined }, 'sku', 'sku is required.'],
    ['unknown sku', { sku: 'NOPE' }, 'sku', 'Unknown item SKU: NOPE'],
    ['missing warehouseName', { warehouseName: undefined }, 'warehouseName', 'warehouseName is required.'],
    ['unknown warehouse', { warehouseName: 'Nowhere' }, 'warehouseName', 'Unknown warehouse: Nowhere'],
    ['zero quantity', { quantity: 0 }, 'quantity', 'quantity must be a non-zero integer.'],
    ['fractional quantity', { quantity: 1.5 }, 'quantity', 'quantity must be a non-zero integer.'],
    ['string quantity', { quantity: '2' }, 'quantity', 'quantity must be a non-zero integer.'],
    ['missing quantity', { quantity: undefined }, 'quantity', 'quantity must be a non-zero integer.'],
    ['numeric reason', { reason: 5 }, 'reason', 'reason must be a string.'],
  ])('refuses %s', async (_label, overrides, parameter, message) => {
    const { sim } = await start({ behaviour: { adjustments: true }, catalogSize: 2 });
    const before = sim.inventory();
    const res = await call(sim, 'POST', '/rest/inventory/adjustments', {
      sku: 'SKU-0001',
      warehouseName: 'Main',
      quantity: 2,
      ...overrides,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'invalid_parameter', message, parameter });
    expect(sim.inventory()).toEqual(before);
    expect(sim.adjustments()).toEqual([]);
  });

  it('routes only POST on adjustments and GET on inventory and kits, behind Basic auth; other methods are unrouted (500, empty body)', async () => {
    const { sim } = await start({ behaviour: { adjustments: true }, catalogSize: 1 });
    for (const [method, path] of [
      ['GET', '/rest/inventory/adjustments'],
      ['POST', '/rest/inventory'],
      ['POST', '/rest/inventory/kits'],
      ['DELETE', '/rest/items'],
      ['POST', '/rest/items/1'],
    ]) {
      for (const headers of [{ authorization: BASIC }, {}] as Record<string, string>[]) {
        const res = await call(sim, method as string, path as string, method === 'GET' || method === 'DELETE' ? undefined : {}, headers);
        expect([method, path, res.status, res.text]).toEqual([method, path, 500, '']);
      }
    }
    for (const [method, path] of [
      ['GET', '/rest/inventory'],
      ['GET', '/rest/inventory/kits'],
      ['POST', '/rest/inventory/adjustments'],
      ['POST', '/rest/items'],
      ['PUT', '/rest/items/1'],
    ]) {
      const res = await call(sim, method as string, path as string, method === 'GET' ? undefined : {}, {});
      expect(res.status).toBe(401);
    }
  });

  it('by default there is no adjustment call: the path is unrouted (500, empty body), authenticated or not, and nothing changes', async () => {
    const { sim } = await start({ catalogSize: 2 });
    const before = sim.inventory();
    for (const headers of [{ authorization: BASIC }, {}] as Record<string, string>[]) {
      const res = await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: 2 }, headers);
      expect([res.status, res.text]).toEqual([500, '']);
    }
    expect(sim.inventory()).toEqual(before);
    expect(sim.adjustments()).toEqual([]);
    sim.setBehaviour({ adjustments: true });
    expect((await call(sim, 'POST', '/rest/inventory/adjustments', { sku: 'SKU-0001', warehouseName: 'Main', quantity: 2 })).status).toBe(
      201,
    );
  });
});

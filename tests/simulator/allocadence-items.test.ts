import {
  AdminError,
  type AllocadenceSimulator,
  type SimAdjustment,
  type SimCustomerOrder,
  type SimInventoryRow,
  type SimItem,
  type SimListMeta,
} from '../../src/simulator/allocadence';
import { allocadenceCall, BASIC, useAllocadenceSims } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
interface Body extends Partial<SimItem> {
  items: SimItem[];
  inventory: SimInventoryRow[];
  adjustments: SimAdjustment[];
  meta: SimListMeta;
  code: string;
  message: string;
  parameter?: string;
  item: { id: number; sku: string };
  warehouse: { id: number; name: string };
  sellable: number;
  adjustment: number;
}

const start = useAllocadenceSims();
const call = allocadenceCall<Body>();

const admin = (sim: AllocadenceSimulator, method: string, path: string, body?: unknown) => call(sim, method, path, body, {});

async function createItem(sim: AllocadenceSimulator, body: Record<string, unknown>): Promise<SimItem> {
  const res = await call(sim, 'POST', '/rest/items', body);
  expect(res.status).toBe(201);
  return res.json() as unknown as SimItem;
}

function orderBody(orderNumber: string, sku: string): Record<string, unknown> {
  return {
    orderNumber,
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
    items: [{ sku, quantity: 1 }],
  };
}

async function inventory(sim: AllocadenceSimulator, query = ''): Promise<{ rows: SimInventoryRow[]; meta: SimListMeta }> {
  const res = await call(sim, 'GET', `/rest/inventory${query}`);
  expect(res.status).toBe(200);
  const body = res.json();
  return { rows: body.inventory, meta: body.meta };
}

const label = (r: SimInventoryRow): string => `${r.item.sku}@${r.warehouse.name}`;
const NO_USER_FIELDS = { userField1: null, userField2: null, userField3: null, userField4: null, userField5: null, userField6: null };

describe('items', () => {
  it('renders the full item shape, for seeded items too', async () => {
    const { sim } = await start({ catalogSize: 3 });
    const [first] = sim.items();
    expect(first).toEqual({
      id: expect.any(Number),
      sku: 'SKU-0001',
      upc: expect.stringMatching(/^\d{12}$/),
      description: expect.any(String),
      category: null,
      price: expect.any(Number),
      safetyStock: expect.any(Number),
      active: true,
      kit: false,
      ...NO_USER_FIELDS,
      createdDate: expect.stringMatching(/-07:00$/),
      modifiedDate: expect.stringMatching(/-07:00$/),
    });
    expect(first?.safetyStock).toBeGreaterThanOrEqual(0);
    expect(first?.safetyStock).toBeLessThanOrEqual(5);
    expect((await call(sim, 'GET', `/rest/items/${first?.id}`)).json()).toEqual(first);
  });

  it('creates an item that is listed, readable by id and can be ordered', async () => {
    const { sim } = await start({ catalogSize: 5 });
    const lastSeeded = sim.items()[4];
    const item = await createItem(sim, {
      sku: 'NEW-1',
      description: 'Walnut Tray',
      upc: '012345678905',
      price: 19.5,
      safetyStock: 2,
      userField1: 'B0NEW00001',
      userField6: 'amazon',
      extraneous: { ignored: true },
    });
    expect(item).toEqual({
      id: (lastSeeded?.id ?? 0) + 1,
      sku: 'NEW-1',
      upc: '012345678905',
      description: 'Walnut Tray',
      category: null,
      price: 19.5,
      safetyStock: 2,
      active: true,
      kit: false,
      ...NO_USER_FIELDS,
      userField1: 'B0NEW00001',
      userField6: 'amazon',
      createdDate: '2026-11-27T10:15:00-07:00',
      modifiedDate: '2026-11-27T10:15:00-07:00',
    });
    const defaults = await createItem(sim, { sku: 'NEW-2', description: 'Bare' });
    expect(defaults).toMatchObject({ id: item.id + 1, upc: null, price: 0, safetyStock: 0, ...NO_USER_FIELDS });

    expect((await call(sim, 'GET', '/rest/items?searchFor=NEW-1')).json().items).toEqual([item]);
    expect((await call(sim, 'GET', `/rest/items/${item.id}`)).json()).toEqual(item);
    const listed = (await call(sim, 'GET', '/rest/items?perPage=100')).json();
    expect(listed.meta.count).toBe(7);
    expect(listed.items.slice(-2)).toEqual([item, defaults]);
    expect(sim.items()).toEqual(listed.items);

    const order = await call(sim, 'POST', '/rest/customer-orders', orderBody('O-1', 'NEW-1'));
    expect(order.status).toBe(201);
    expect((order.json() as unknown as SimCustomerOrder).items[0]).toMatchObject({ itemId: item.id, sku: 'NEW-1', price: 19.5 });
  });

  it("assigns a created item as asked, else to the API user's current warehouse, with nothing in stock", async () => {
    const { sim } = await start({ catalogSize: 2, warehouses: ['Main', 'Overflow'] });
    await createItem(sim, { sku: 'NEW-W', description: 'Assigned', assignToWarehouse: true, warehouseName: 'Overflow' });
    await createItem(sim, { sku: 'NEW-ID', description: 'By id', assignToWarehouse: true, warehouseId: 2, warehouseName: 'Main' });
    await createItem(sim, { sku: 'NEW-X', description: 'Unassigned' });
    await createItem(sim, { sku: 'NEW-ALL', description: 'Everywhere', assignToAllWarehouses: true });
    await createItem(sim, { sku: 'NEW-Q', description: 'Unknown name', assignToWarehouse: true, warehouseName: 'Nowhere' });
    const rows = sim.inventory().filter((r) => r.item.sku.startsWith('NEW-'));
    expect(rows.map(label)).toEqual(['NEW-W@Overflow', 'NEW-ID@Overflow', 'NEW-X@Main', 'NEW-ALL@Main', 'NEW-ALL@Overflow', 'NEW-Q@Main']);
    expect(rows.every((r) => r.sellable === 0 && r.inbound === 0 && !r.inStock)).toBe(true);
  });

  it('with another current warehouse, an item created without warehouse parameters cannot be ordered from Main (or can, as an option)', async () => {
    const { sim } = await start({ catalogSize: 2, warehouses: ['Main', 'Overflow'], behaviour: { userWarehouse: 'Overflow' } });
    await createItem(sim, { sku: 'ELSEWHERE', description: 'Landed in Overflow' });
    expect(
      sim
        .inventory()
        .filter((r) => r.item.sku === 'ELSEWHERE')
        .map(label),
    ).toEqual(['ELSEWHERE@Overflow']);
    const refused = await call(sim, 'POST', '/rest/customer-orders', orderBody('O-1', 'ELSEWHERE'));
    expect(refused.status).toBe(400);
    expect(refused.json()).toEqual({
      code: 'invalid_parameter',
      message: 'Item ELSEWHERE is not assigned to warehouse Main',
      parameter: 'items.sku',
    });
    // The warehouse receiving stock assigns it.
    sim.setStock('ELSEWHERE', 'Main', 3);
    expect((await call(sim, 'POST', '/rest/customer-orders', orderBody('O-2', 'ELSEWHERE'))).status).toBe(201);

    await createItem(sim, { sku: 'ELSEWHERE-2', description: 'Also in Overflow' });
    sim.setBehaviour({ unassignedItems: 'accept' });
    expect((await call(sim, 'POST', '/rest/customer-orders', orderBody('O-3', 'ELSEWHERE-2'))).status).toBe(201);
  });

  it('an unknown warehouse name can be refused instead, as an option', async () => {
    const { sim } = await start({ catalogSize: 1, behaviour: { unknownWarehouse: 'refuse' } });
    const res = await call(sim, 'POST', '/rest/items', {
      sku: 'V-1',
      description: 'Valid',
      assignToWarehouse: true,
      warehouseName: 'Nowhere',
    });
    expect(res.json()).toEqual({ code: 'invalid_parameter', message: 'Unknown warehouse: Nowhere', parameter: 'warehouseName' });
    const byId = await call(sim, 'POST', '/rest/items', { sku: 'V-1', description: 'Valid', warehouseId: 7 });
    expect(byId.json()).toEqual({ code: 'invalid_parameter', message: 'Unknown warehouse id: 7', parameter: 'warehouseId' });
    expect(sim.items()).toHaveLength(1);
  });

  it('refuses a duplicate sku with the exact real-API error, whether seeded or created', async () => {
    const { sim } = await start({ catalogSize: 3 });
    await createItem(sim, { sku: 'DUP-1', description: 'First' });
    for (const sku of ['DUP-1', 'SKU-0002']) {
      const dup = await call(sim, 'POST', '/rest/items', { sku, description: 'Again' });
      expect(dup.status).toBe(400);
      expect(dup.json()).toEqual({ code: 'invalid_parameter', message: 'Invalid value for parameter.', parameter: 'sku' });
    }
    expect(sim.items().map((i) => i.sku)).toEqual(['SKU-0001', 'SKU-0002', 'SKU-0003', 'DUP-1']);
    expect(sim.items()[3]?.description).toBe('First');
  });

  it.each([
    ['missing sku', { sku: undefined }, 'sku', 'sku is required.'],
    ['blank sku', { sku: '   ' }, 'sku', 'sku is required.'],
    ['numeric sku', { sku: 42 }, 'sku', 'sku is required.'],
    ['a 65-character sku', { sku: 'X'.repeat(65) }, 'sku', 'sku must be at most 64 characters.'],
    ['missing description', { description: undefined }, 'description', 'description is required.'],
    ['empty description', { description: '' }, 'description', 'description is required.'],
    ['negative price', { price: -1 }, 'price', expect.stringContaining('non-negative')],
    ['string price', { price: '9.99' }, 'price', expect.stringContaining('non-negative')],
    ['fractional safetyStock', { safetyStock: 1.5 }, 'safetyStock', expect.stringContaining('integer')],
    ['numeric upc', { upc: 12345 }, 'upc', 'upc must be a string.'],
    ['numeric userField3', { userField3: 7 }, 'userField3', 'userField3 must be a string.'],
    ['string active', { active: 'yes' }, 'active', 'active must be true or false.'],
    ['string kit', { kit: 1 }, 'kit', 'kit must be true or false.'],
    ['string assignToWarehouse', { assignToWarehouse: 'true' }, 'assignToWarehouse', 'assignToWarehouse must be true or false.'],
    ['string warehouseId', { warehouseId: '2' }, 'warehouseId', 'warehouseId must be a whole number.'],
  ])('refuses %s', async (_label, overrides, parameter, message) => {
    const { sim } = await start({ catalogSize: 1 });
    const res = await call(sim, 'POST', '/rest/items', { sku: 'V-1', description: 'Valid', ...overrides });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'invalid_parameter', message, parameter });
    expect(sim.items()).toHaveLength(1);
  });

  it('accepts a 64-character sku and refuses a body that is not an object', async () => {
    const { sim } = await start({ catalogSize: 1 });
    await createItem(sim, { sku: 'Y'.repeat(64), description: 'Long' });
    const bad = await call(sim, 'POST', '/rest/items', [{ sku: 'A' }]);
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('updates an item, bumping modifiedDate, ignoring unknown fields and the sku', async () => {
    const { sim, clock } = await start({ catalogSize: 3 });
    const before = sim.items()[1] as SimItem;
    clock.ms += 90_000;
    const res = await call(sim, 'PUT', `/rest/items/${before.id}`, {
      description: 'Renamed',
      price: 7.25,
      safetyStock: 4,
      userField2: 'note',
      sku: 'HIJACK',
      weight: 3,
    });
    expect(res.status).toBe(200);
    const after = res.json() as unknown as SimItem;
    expect(after).toEqual({
      ...before,
      description: 'Renamed',
      price: 7.25,
      safetyStock: 4,
      userField2: 'note',
      modifiedDate: '2026-11-27T10:16:30-07:00',
    });
    expect((await call(sim, 'GET', `/rest/items/${before.id}`)).json()).toEqual(after);
    expect(sim.items()[1]).toEqual(after);

    // null clears a text field; null on description/price/safetyStock leaves them; an empty body only bumps.
    clock.ms += 1_000;
    const cleared = (
      await call(sim, 'PUT', `/rest/items/${before.id}`, { userField2: null, upc: null, price: null, description: null })
    ).json();
    expect(cleared).toMatchObject({
      userField2: null,
      upc: null,
      price: 7.25,
      description: 'Renamed',
      modifiedDate: '2026-11-27T10:16:31-07:00',
    });
    clock.ms += 1_000;
    expect((await call(sim, 'PUT', `/rest/items/${before.id}`, {})).json().modifiedDate).toBe('2026-11-27T10:16:32-07:00');
  });

  it('answers an unknown item id with 404 and wrong types with 400, changing nothing', async () => {
    const { sim } = await start({ catalogSize: 2 });
    for (const id of ['999999', 'abc']) {
      const res = await call(sim, 'PUT', `/rest/items/${id}`, { description: 'x' });
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ code: 'not_found', message: 'Item not found.' });
    }
    const item = sim.items()[0] as SimItem;
    const cases: [Record<string, unknown>, string][] = [
      [{ price: 'cheap' }, 'price'],
      [{ safetyStock: -1 }, 'safetyStock'],
      [{ safetyStock: 2.5 }, 'safetyStock'],
      [{ description: '' }, 'description'],
      [{ description: 3 }, 'description'],
      [{ upc: 1 }, 'upc'],
      [{ description: 'fine', userField5: false }, 'userField5'],
    ];
    for (const [body, parameter] of cases) {
      const res = await call(sim, 'PUT', `/rest/items/${item.id}`, body);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_parameter', parameter });
    }
    expect((await call(sim, 'PUT', `/rest/items/${item.id}`, 'text')).json().code).toBe('invalid_request');
    expect(sim.items()[0]).toEqual(item);
  });

  it('searches sku, UPC and description in part and any case; ignores sku, orderBy and other unknown filters', async () => {
    const { sim } = await start({ catalogSize: 12 });
    await createItem(sim, { sku: 'ZED-1', description: 'Glass Vase', upc: '999000111222' });
    const skus = async (query: string): Promise<string[]> => {
      const res = await call(sim, 'GET', `/rest/items?${query}`);
      expect(res.status).toBe(200);
      return res.json().items.map((i: SimItem) => i.sku);
    };
    expect(await skus('searchFor=sku-001')).toEqual(['SKU-0010', 'SKU-0011', 'SKU-0012']);
    expect(await skus('searchFor=vase')).toEqual(['ZED-1']);
    expect(await skus('searchFor=000111')).toEqual(['ZED-1']);
    const seededUpc = sim.items()[4]?.upc ?? '';
    expect(await skus(`searchFor=${seededUpc}`)).toEqual(['SKU-0005']);
    const describedMug = sim
      .items()
      .filter((i) => i.description.includes('Mug'))
      .map((i) => i.sku);
    expect(await skus('searchFor=Mug&perPage=100')).toEqual(describedMug);
    expect(await skus('searchFor=nothing-like-it')).toEqual([]);

    // No source shows a sku filter: it is ignored, so every item comes back (first page: 20 by default).
    const all = sim.items().map((i) => i.sku);
    expect(await skus('sku=ZED-1')).toEqual(all);
    expect(await skus('sku=ZED-1&searchFor=nothing')).toEqual([]);
    expect(await skus('orderBy=id&orderDir=desc&perPage=5')).toEqual(all.slice(0, 5));
    expect(await skus('perPage=5&page=3')).toEqual(all.slice(10));
    expect((await call(sim, 'GET', '/rest/items?perPage=5')).json().meta).toEqual({ count: 13, page: 1, perPage: 5, totalPages: 3 });
    expect((await call(sim, 'GET', '/rest/items')).json().meta).toEqual({ count: 13, page: 1, perPage: 20, totalPages: 1 });
  });

  it('hides inactive items unless asked with active=false, which lists them alone; a duplicate sku is refused either way', async () => {
    const { sim } = await start({ catalogSize: 4 });
    const gone = sim.addItems([{ sku: 'OLD-1', active: false }])[0] as SimItem;
    expect(gone).toMatchObject({ sku: 'OLD-1', active: false });
    const retired = sim.items()[1] as SimItem;
    expect((await call(sim, 'PUT', `/rest/items/${retired.id}`, { active: false })).json()).toMatchObject({
      sku: 'SKU-0002',
      active: false,
    });
    const skus = async (query: string): Promise<string[]> =>
      (await call(sim, 'GET', `/rest/items?${query}`)).json().items.map((i: SimItem) => i.sku);
    expect(await skus('')).toEqual(['SKU-0001', 'SKU-0003', 'SKU-0004']);
    expect(await skus('active=true')).toEqual(['SKU-0001', 'SKU-0003', 'SKU-0004']);
    expect(await skus('active=false')).toEqual(['SKU-0002', 'OLD-1']);
    expect(await skus('searchFor=OLD')).toEqual([]);
    expect(await skus('searchFor=OLD&active=false')).toEqual(['OLD-1']);
    expect((await call(sim, 'GET', '/rest/items?active=all')).json()).toEqual({
      code: 'invalid_parameter',
      message: 'Invalid value for parameter.',
      parameter: 'active',
    });
    expect((await call(sim, 'POST', '/rest/items', { sku: 'OLD-1', description: 'Again' })).json().parameter).toBe('sku');
    expect((await call(sim, 'GET', `/rest/items/${gone.id}`)).json()).toEqual(gone);
  });
});

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

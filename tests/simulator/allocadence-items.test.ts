import { type SimCustomerOrder, type SimItem } from '../../src/simulator/allocadence';
import { useAllocadenceSims } from '../helpers/allocadence-sim';
import { call, createItem, label, NO_USER_FIELDS, orderBody } from '../helpers/allocadence-items';

const start = useAllocadenceSims();

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

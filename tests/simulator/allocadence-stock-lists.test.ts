import type { SimInventoryRow, SimItem, SimListMeta } from '../../src/simulator/allocadence';
import { allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';

interface Body {
  inventory: SimInventoryRow[];
  items: SimItem[];
  meta: SimListMeta;
  code: string;
  message: string;
  parameter?: string;
  kind: string;
  reads: number;
  list: string;
}

const start = useAllocadenceSims();
const call = allocadenceCall<Body>();
const label = (r: SimInventoryRow): string => `${r.item.sku}@${r.warehouse.name}=${r.sellable}`;

describe('kits', () => {
  it('are items flagged kit whose stock is served by /inventory/kits (what the components make), never by /inventory', async () => {
    const { sim } = await start({ catalogSize: 3, warehouses: ['Main', 'Overflow'] });
    sim.setStock('SKU-0001', 'Main', 7);
    sim.setStock('SKU-0002', 'Main', 9);
    sim.setStock('SKU-0001', 'Overflow', 1);
    sim.setStock('SKU-0002', 'Overflow', 30);
    const [kit, empty] = sim.addItems([
      {
        sku: 'KIT-1',
        description: 'Gift set',
        kit: true,
        assignToAllWarehouses: true,
        components: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 2 },
        ],
      },
      { sku: 'KIT-0', description: 'Nothing in it', kit: true },
    ]);
    expect(kit).toMatchObject({ sku: 'KIT-1', kit: true, active: true });
    expect(empty).toMatchObject({ sku: 'KIT-0', kit: true });
    expect((await call(sim, 'GET', '/rest/items?searchFor=KIT')).json().items.map((i) => i.sku)).toEqual(['KIT-1', 'KIT-0']);

    const plain = (await call(sim, 'GET', '/rest/inventory?perPage=100')).json();
    expect(plain.inventory.map((r) => r.item.sku)).not.toContain('KIT-1');
    const kits = (await call(sim, 'GET', '/rest/inventory/kits?perPage=100')).json();
    expect(Object.keys(kits)).toEqual(['inventory', 'meta']);
    // min(7/1, 9/2) in Main; min(1/1, 30/2) in Overflow; a kit without components makes none. KIT-0 sits in the current warehouse only.
    expect(kits.inventory.map(label)).toEqual(['KIT-1@Main=4', 'KIT-1@Overflow=1', 'KIT-0@Main=0']);
    expect(kits.inventory[0]).toEqual({
      item: { id: kit?.id, sku: 'KIT-1', upc: null, description: 'Gift set' },
      warehouse: { id: 1, name: 'Main' },
      sellable: 4,
      inbound: 0,
      inStock: true,
    });
    expect(kits.meta).toEqual({ count: 3, page: 1, perPage: 100, totalPages: 1 });
    expect((await call(sim, 'GET', '/rest/inventory/kits?warehouseName=Overflow')).json().inventory.map(label)).toEqual([
      'KIT-1@Overflow=1',
    ]);
    expect((await call(sim, 'GET', '/rest/inventory/kits?inStock=true')).json().inventory.map(label)).toEqual([
      'KIT-1@Main=4',
      'KIT-1@Overflow=1',
    ]);
    expect(sim.kitInventory()).toEqual(kits.inventory);

    // Selling a component moves the kit's stock with it.
    sim.setStock('SKU-0002', 'Main', 3);
    expect((await call(sim, 'GET', '/rest/inventory/kits?warehouseName=Main')).json().inventory.map(label)).toEqual([
      'KIT-1@Main=1',
      'KIT-0@Main=0',
    ]);
    expect(() => sim.setStock('KIT-1', 'Main', 5)).toThrow('kit has no stock of its own');
  });

  it('refuses components that do not exist or are kits, bad quantities, and components on a plain item', async () => {
    const { sim } = await start({ catalogSize: 2 });
    sim.addItems([{ sku: 'KIT-A', kit: true, components: [{ sku: 'SKU-0001', quantity: 1 }] }]);
    const cases: [Record<string, unknown>, string][] = [
      [{ sku: 'K', kit: true, components: [{ sku: 'NOPE', quantity: 1 }] }, 'items[0].components[0].sku'],
      [{ sku: 'K', kit: true, components: [{ sku: 'KIT-A', quantity: 1 }] }, 'items[0].components[0].sku'],
      [{ sku: 'K', kit: true, components: [{ sku: 'SKU-0001', quantity: 0 }] }, 'items[0].components[0].quantity'],
      [{ sku: 'K', kit: true, components: 'SKU-0001' }, 'items[0].components'],
      [{ sku: 'K', components: [{ sku: 'SKU-0001', quantity: 1 }] }, 'items[0].components'],
    ];
    for (const [item, parameter] of cases) {
      const res = await call(sim, 'POST', '/__sim/items', { items: [item] }, {});
      expect([parameter, res.status, res.json().parameter]).toEqual([parameter, 400, parameter]);
    }
    // The API has no known components field: it is ignored, and a kit created there makes nothing.
    const created = await call(sim, 'POST', '/rest/items', {
      sku: 'KIT-API',
      description: 'API kit',
      kit: true,
      components: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    expect(created.json()).toMatchObject({ sku: 'KIT-API', kit: true });
    expect(sim.kitInventory().find((r) => r.item.sku === 'KIT-API')?.sellable).toBe(0);
  });
});

describe('inventory reads that do not come back as one snapshot', () => {
  async function read(
    sim: Parameters<typeof call>[0],
    perPage: number,
    path = '/rest/inventory',
  ): Promise<{ rows: string[]; meta: SimListMeta }[]> {
    const out: { rows: string[]; meta: SimListMeta }[] = [];
    for (let page = 1, total = 1; page <= total; page++) {
      const body = (await call(sim, 'GET', `${path}?perPage=${perPage}&page=${page}`)).json();
      out.push({ rows: body.inventory.map((r) => `${r.item.sku}=${r.sellable}`), meta: body.meta });
      total = body.meta.totalPages;
    }
    return out;
  }
  const skus = (n: number): string[] => Array.from({ length: n }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

  it('repeat: each later page starts with the last row before it; pages and count still add up', async () => {
    const { sim } = await start({ catalogSize: 7 });
    const clean = sim.inventory().map((r) => `${r.item.sku}=${r.sellable}`);
    sim.inventoryQuirk('repeat');
    const pages = await read(sim, 3);
    expect(pages.map((p) => p.rows)).toEqual([clean.slice(0, 3), clean.slice(2, 5), clean.slice(4, 7)]);
    expect(pages.map((p) => p.meta)).toEqual([1, 2, 3].map((page) => ({ count: 7, page, perPage: 3, totalPages: 3 })));
    expect(new Set(pages.flatMap((p) => p.rows))).toEqual(new Set(clean));
    // One read only: the next is clean.
    expect(sim.pendingInventoryQuirks()).toBe(0);
    expect((await read(sim, 3)).flatMap((p) => p.rows)).toEqual(clean);
  });

  it('repeat-changed: the repeated row comes back with another sellable', async () => {
    const { sim } = await start({ catalogSize: 5 });
    const clean = sim.inventory().map((r) => r.sellable);
    sim.inventoryQuirk('repeat-changed', 2);
    for (let i = 0; i < 2; i++) {
      const pages = await read(sim, 3);
      expect(pages[1]?.rows[0]).toBe(`SKU-0003=${(clean[2] ?? 0) + 1}`);
      expect(pages[0]?.rows[2]).toBe(`SKU-0003=${clean[2]}`);
    }
    expect((await read(sim, 3)).flatMap((p) => p.rows)).toHaveLength(5);
  });

  it('shift: from page 2 on the count grows by one and pages start a row early', async () => {
    const { sim } = await start({ catalogSize: 6 });
    sim.inventoryQuirk('shift');
    const pages = await read(sim, 3);
    expect(pages.map((p) => p.meta.count)).toEqual([6, 7, 7]);
    expect(pages.map((p) => p.meta.totalPages)).toEqual([2, 3, 3]);
    expect(pages.map((p) => p.rows.map((r) => r.split('=')[0]))).toEqual([skus(3), skus(6).slice(2, 5), skus(6).slice(5)]);
  });

  it('short: every page but the last comes back a row short, on the kits list when asked', async () => {
    const { sim } = await start({ catalogSize: 4 });
    sim.addItems(['K1', 'K2', 'K3', 'K4', 'K5'].map((sku) => ({ sku, kit: true })));
    sim.inventoryQuirk('short', 1, 'kits');
    expect((await read(sim, 2)).map((p) => p.rows.length)).toEqual([2, 2]);
    expect((await read(sim, 2, '/rest/inventory/kits')).map((p) => p.rows.length)).toEqual([1, 1, 1]);
    expect((await read(sim, 2, '/rest/inventory/kits')).map((p) => p.rows.length)).toEqual([2, 2, 1]);
  });

  it('is set over HTTP too, and refuses an unknown kind or count', async () => {
    const { sim } = await start({ catalogSize: 2 });
    const ok = await call(sim, 'POST', '/__sim/inventory-quirk', { kind: 'shift', reads: 2 }, {});
    expect(ok.json()).toEqual({ kind: 'shift', reads: 2, list: 'inventory' });
    expect(sim.pendingInventoryQuirks()).toBe(2);
    expect((await call(sim, 'POST', '/__sim/inventory-quirk', { kind: 'sideways' }, {})).json().parameter).toBe('kind');
    expect((await call(sim, 'POST', '/__sim/inventory-quirk', { kind: 'repeat', reads: 0 }, {})).json().parameter).toBe('reads');
    expect((await call(sim, 'POST', '/__sim/inventory-quirk', { kind: 'repeat', list: 'orders' }, {})).json().parameter).toBe('list');
  });
});

describe('behaviour options over HTTP', () => {
  it('changes what is asked and refuses unknown names or values', async () => {
    const { sim } = await start({ warehouses: ['Main', 'Overflow'] });
    const set = await call(sim, 'POST', '/__sim/behaviour', { adjustments: true, userWarehouse: 'Overflow' }, {});
    expect(set.json()).toMatchObject({
      adjustments: true,
      userWarehouse: 'Overflow',
      unknownWarehouse: 'current',
      unassignedItems: 'refuse',
      surnameRequired: true,
    });
    expect((await call(sim, 'POST', '/__sim/behaviour', { userWarehouse: 'Nowhere' }, {})).json().parameter).toBe('userWarehouse');
    expect((await call(sim, 'POST', '/__sim/behaviour', { colour: 'red' }, {})).json().parameter).toBe('colour');
    expect((await call(sim, 'POST', '/__sim/behaviour', { surnameRequired: 'no' }, {})).json().parameter).toBe('surnameRequired');
    expect(sim.setBehaviour({})).toMatchObject({ adjustments: true, userWarehouse: 'Overflow' });
  });
});

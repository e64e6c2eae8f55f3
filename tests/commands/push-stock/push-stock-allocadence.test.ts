import { worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface Run {
  outcome: string;
  error?: string;
  totals: Record<string, number>;
  failures: { key: string; reason: string; retriable: boolean }[];
}
const run0 = (out: string): Run => (JSON.parse(out) as { runs: Run[] }).runs[0] as Run;

/** A world with more stock rows than one page (250 items), whose listings were pulled once. */
async function pulled(seed: number, prepare?: (w: TestWorld) => void): Promise<TestWorld> {
  const w = await world({ seed, orders: 0, listings: 200, catalogSize: 250, fakeClock: true });
  prepare?.(w);
  expect((await w.run(['pull-items'])).code).toBe(0);
  w.amazon.requests.length = 0;
  w.allocadence.requests.length = 0;
  return w;
}

/** What each merchant listing should offer, from the simulator's own stock lists. */
function expected(w: TestWorld): Map<string, number> {
  const rows = [...w.allocadence.inventory(), ...w.allocadence.kitInventory()].filter((r) => r.warehouse.name === 'Main');
  const sellable = new Map(rows.map((r) => [r.item.sku, r.sellable]));
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  const out = new Map<string, number>();
  for (const l of w.amazon.listings()) {
    if (l.isParent || l.fulfillment !== 'MERCHANT') continue;
    out.set(l.sku, Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0)));
  }
  return out;
}

const offered = (w: TestWorld, skus: Iterable<string>): Map<string, number | undefined> =>
  new Map([...skus].map((sku) => [sku, w.amazon.listings().find((l) => l.sku === sku)?.quantity]));
const inventoryReads = (w: TestWorld, path = '/rest/inventory'): number =>
  w.allocadence.requests.filter((r) => r.path === path && (r.query.page ?? '1') === '1').length;
const pushes = (w: TestWorld): number =>
  w.amazon.requests.filter((r) => r.method === 'PATCH' || (r.method === 'POST' && r.path === '/feeds/2021-06-30/feeds')).length;

test('a kit listing is offered what its components make, read from /inventory/kits', async () => {
  const w = await pulled(91, (w) => {
    w.allocadence.setStock('SKU-0001', 'Main', 9);
    w.allocadence.setStock('SKU-0002', 'Main', 8);
    w.allocadence.addItems([
      {
        sku: 'KIT-1',
        kit: true,
        safetyStock: 1,
        components: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 2 },
        ],
      },
    ]);
    w.amazon.addListings({ listings: [{ sku: 'KIT-1', title: 'Gift set', quantity: 0 }] });
  });
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(0);
  // min(9/1, 8/2) = 4 kits, one held back as safety stock.
  expect(w.amazon.listings().find((l) => l.sku === 'KIT-1')?.quantity).toBe(3);
  expect(offered(w, expected(w).keys())).toEqual(expected(w));
  expect(inventoryReads(w, '/rest/inventory/kits')).toBe(1);
});

test('an account without kits is not asked for kit stock', async () => {
  const w = await pulled(92);
  expect((await w.run(['push-stock', '--full'])).code).toBe(0);
  expect(inventoryReads(w, '/rest/inventory/kits')).toBe(0);
  expect(inventoryReads(w)).toBe(1);
});

test('an item list that does not say which items are kits: kit stock is read anyway', async () => {
  const w = await pulled(98);
  w.allocadence.rewriteNext('listItems', { remove: ['items.*.kit'], times: 10 });
  expect((await w.run(['push-stock', '--full'])).code).toBe(0);
  expect(inventoryReads(w, '/rest/inventory/kits')).toBe(1);
});

test('kit stock that cannot be read (no such call) leaves kit listings alone, not at 0; every other SKU is pushed', async () => {
  const w = await pulled(93, (w) => {
    w.allocadence.addItems([{ sku: 'KIT-2', kit: true, components: [{ sku: 'SKU-0003', quantity: 1 }] }]);
    w.amazon.addListings({ listings: [{ sku: 'KIT-2', title: 'Kit two', quantity: 7 }] });
  });
  w.allocadence.rewriteNext('listKitInventory', { status: 500, raw: '', times: 20 });
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(1);
  expect(run0(r.out).failures).toEqual([
    {
      key: 'KIT-2',
      reason: expect.stringMatching(/^kit stock unknown \(GET \/inventory\/kits is probably not a call this account has .*\): not pushed$/),
      retriable: true,
    },
  ]);
  expect(w.amazon.listings().find((l) => l.sku === 'KIT-2')?.quantity).toBe(7);
  const others = new Map([...expected(w)].filter(([sku]) => sku !== 'KIT-2'));
  expect(offered(w, others.keys())).toEqual(others);
});

test('a stock read that repeats rows at page boundaries does not count them twice', async () => {
  const w = await pulled(94);
  expect(w.allocadence.inventory().length).toBeGreaterThan(200);
  w.allocadence.inventoryQuirk('repeat');
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(0);
  expect(w.allocadence.pendingInventoryQuirks()).toBe(0);
  expect(inventoryReads(w)).toBe(1);
  expect(offered(w, expected(w).keys())).toEqual(expected(w));
});

test('a read whose count changes between pages is read again, and the second, consistent read is pushed', async () => {
  const w = await pulled(95);
  w.allocadence.inventoryQuirk('shift', 1);
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(0);
  expect(inventoryReads(w)).toBe(2);
  expect(
    r.logs.some((l) => l.level === 'warn' && String(l.msg).includes('the stock list /inventory did not add up; reading it again')),
  ).toBe(true);
  expect(offered(w, expected(w).keys())).toEqual(expected(w));
});

test.each([
  ['shift', /page 2 says (\d+) row\(s\) on 3 page\(s\) where page 1 said (\d+) on 3/],
  ['repeat-changed', /came back twice, with sellable/],
  ['short', /page 1 of 3 has 99 row\(s\), not 100/],
] as const)('a read that does not add up twice (%s) stops the run with exit 3 and pushes nothing', async (kind, problem) => {
  const w = await pulled(96);
  const before = w.amazon.listings().map((l) => [l.sku, l.quantity]);
  w.allocadence.inventoryQuirk(kind, 2);
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(3);
  expect(run0(r.out).error).toMatch(/^allocadence listInventory: HTTP 200 GET \/inventory did not read as one consistent list, twice/);
  expect(run0(r.out).error).toMatch(problem);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(inventoryReads(w)).toBe(2);
  expect(pushes(w)).toBe(0);
  expect(w.amazon.listings().map((l) => [l.sku, l.quantity])).toEqual(before);
});

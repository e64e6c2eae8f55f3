import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';
import { defined } from '../../helpers/defined';

const world = worldsClosedAfterEach();

interface Summary {
  runs: {
    outcome: string;
    totals: Record<string, number>;
    failures: { key: string; reason: string; retriable: boolean }[];
    warnings: { key: string; warning: string }[];
  }[];
}
const summary = (out: string): Summary['runs'][number] => (JSON.parse(out) as Summary).runs[0] as Summary['runs'][number];
const itemPosts = (w: TestWorld): number => w.allocadence.requests.filter((r) => r.method === 'POST' && r.path === '/rest/items').length;

test('an item further down its search than the first page is found, not created again, on a first run and on a later one', async () => {
  const w = await world({ seed: 51, orders: 0, listings: 0, fakeClock: true });
  // 150 items whose SKU contains WIDGET come before it: a search for it spans two pages.
  w.allocadence.addItems([
    ...Array.from({ length: 150 }, (_, i) => ({ sku: `WIDGET-${String(i).padStart(3, '0')}` })),
    { sku: 'WIDGET' },
    { sku: 'GADGET' },
  ]);
  w.amazon.addListings({ listings: [{ sku: 'GADGET', title: 'Gadget', quantity: 0, createdDate: minutesAgo(600) }] });
  // A first run reads every item once.
  const first = await w.run(['--json', 'pull-items']);
  expect(first.code).toBe(0);
  expect(summary(first.out).totals).toEqual({ 'item-exists': 1 });

  // A later run looks each new SKU up.
  w.amazon.addListings({ listings: [{ sku: 'WIDGET', title: 'Widget', createdDate: minutesAgo(5) }] });
  w.allocadence.requests.length = 0;
  const later = await w.run(['--json', 'pull-items']);
  expect(later.code).toBe(0);
  expect(summary(later.out).totals).toEqual({ 'item-exists': 1 });
  expect(itemPosts(w)).toBe(0);
  expect(w.allocadence.requests.filter((r) => r.path === '/rest/items').map((r) => [r.query.searchFor, r.query.page])).toEqual([
    ['WIDGET', '1'],
    ['WIDGET', '2'],
  ]);
  expect(w.allocadence.items().filter((i) => i.sku === 'WIDGET' || i.sku === 'GADGET')).toHaveLength(2);
});

test('an inactive item is recognised (never created again) and reported, on a first run and on a later one', async () => {
  const w = await world({ seed: 52, orders: 0, listings: 0, fakeClock: true });
  w.allocadence.addItems([
    { sku: 'OLD-1', active: false },
    { sku: 'OLD-2', active: false },
  ]);
  w.amazon.addListings({ listings: [{ sku: 'OLD-1', title: 'Old one', quantity: 0, createdDate: minutesAgo(600) }] });
  const first = await w.run(['--json', 'pull-items']);
  expect(first.code).toBe(0);
  expect(summary(first.out).warnings).toEqual([
    { key: 'OLD-1', warning: expect.stringMatching(/item OLD-1 is inactive in Allocadence: activate it there/) },
  ]);

  w.amazon.addListings({ listings: [{ sku: 'OLD-2', title: 'Old two', createdDate: minutesAgo(5) }] });
  const later = await w.run(['--json', 'pull-items']);
  expect(later.code).toBe(0);
  expect(summary(later.out)).toMatchObject({
    totals: { 'item-exists': 1 },
    warnings: [{ key: 'OLD-2', warning: expect.stringMatching(/inactive/) }],
  });
  expect(itemPosts(w)).toBe(0);
});

test("an item is created in the seller's warehouse", async () => {
  const w = await world({ seed: 53, orders: 0, listings: 0, fakeClock: true });
  w.amazon.addListings({ listings: [{ sku: 'FRESH-1', title: 'Fresh', quantity: 0 }] });
  expect((await w.run(['pull-items'])).code).toBe(0);
  const post = w.allocadence.requests.find((r) => r.method === 'POST' && r.path === '/rest/items');
  expect(JSON.parse(post?.body ?? '{}')).toMatchObject({
    sku: 'FRESH-1',
    description: 'Fresh',
    assignToWarehouse: true,
    warehouseName: 'Main',
  });
  expect(
    w.allocadence
      .inventory()
      .filter((r) => r.item.sku === 'FRESH-1')
      .map((r) => r.warehouse.name),
  ).toEqual(['Main']);
});

test('initial quantities on an account without the adjustment call: items are created, it is reported once, and later runs are clean', async () => {
  const w = await world({ seed: 54, orders: 0, listings: 40, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).items = { importQuantities: true };
  });
  const stock = new Map(w.allocadence.inventory().map((r) => [r.item.sku, r.sellable]));
  const wanted = w.amazon
    .listings()
    .filter((l) => !l.isParent && l.fulfillment === 'MERCHANT' && (l.quantity ?? 0) > 0 && !stock.has(l.sku));
  expect(wanted.length).toBeGreaterThan(2);
  const items = w.allocadence.items().length;

  const first = await w.run(['--json', 'pull-items']);
  expect(first.code).toBe(1);
  const s = summary(first.out);
  expect(s.failures).toEqual([
    {
      key: '(initial quantities)',
      reason: expect.stringMatching(
        /^initial quantities not imported: POST \/inventory\/adjustments is probably not a call this account has \(allocadence adjustStock: HTTP 500 with an empty body.*set items\.importQuantities to false$/,
      ),
      retriable: false,
    },
  ]);
  expect(s.totals['quantity-not-imported']).toBe(wanted.length);
  expect(s.totals.created).toBeGreaterThan(0);
  expect(w.allocadence.items().length).toBe(items + defined(s.totals.created));
  // One try: the call is not sent again for every SKU.
  expect(w.allocadence.requests.filter((r) => r.path === '/rest/inventory/adjustments')).toHaveLength(1);
  expect(first.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('initial quantities not imported'))).toHaveLength(1);

  w.amazon.addListings({ listings: [{ sku: 'LATER-1', title: 'Later', createdDate: minutesAgo(5), quantity: 4 }] });
  const later = await w.run(['--json', 'pull-items']);
  expect(later.code).toBe(0);
  expect(summary(later.out)).toMatchObject({ failures: [], totals: { created: 1 } });
  expect(w.allocadence.requests.filter((r) => r.path === '/rest/inventory/adjustments')).toHaveLength(1);
});

test('initial quantities stay off by default: no adjustment is tried', async () => {
  const w = await world({ seed: 55, orders: 0, listings: 30, fakeClock: true });
  w.allocadence.setBehaviour({ adjustments: true });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(summary(r.out).totals['quantity-imported']).toBeUndefined();
  expect(w.allocadence.adjustments()).toEqual([]);
  expect(w.allocadence.requests.filter((q) => q.path === '/rest/inventory/adjustments')).toEqual([]);
});

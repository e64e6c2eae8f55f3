import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

const LISTINGS_PATH = '/listings/2021-08-01/items/';

const json = (out: string): { runs: { outcome: string; totals: Record<string, number>; failures: unknown[] }[] } => JSON.parse(out);

/** The warehouse's write requests in flight, and the most seen at once. */
function writesInFlight(w: TestWorld): { most: () => number } {
  let now = 0;
  let most = 0;
  w.onRequest((e) => {
    if (e.system !== 'allocadence' || e.method === 'GET') return;
    now += e.phase === 'received' ? 1 : -1;
    most = Math.max(most, now);
  });
  return { most: () => most };
}

test('a first run creates items while later listing pages are still being read', async () => {
  // 75 pages: more than the run reads ahead of its writes, so the last pages wait for writes to start.
  const w = await world({ seed: 61, orders: 0, listings: 1500, fakeClock: true });
  const events: string[] = [];
  w.onRequest((e) => {
    if (e.phase !== 'received') return;
    if (e.system === 'amazon' && e.method === 'GET' && e.path.startsWith(LISTINGS_PATH)) events.push('page');
    if (e.system === 'allocadence' && e.method === 'POST' && e.path === '/rest/items') events.push('create');
  });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals.created).toBeGreaterThan(1300);
  const firstCreate = events.indexOf('create');
  const lastPage = events.lastIndexOf('page');
  expect(firstCreate).toBeGreaterThanOrEqual(0);
  expect(firstCreate).toBeLessThan(lastPage);
  // Not merely the last page: most of the reading happens after the writing has begun.
  expect(events.slice(firstCreate).filter((e) => e === 'page').length).toBeGreaterThan(10);
});

test('items are written several at once, never more than concurrency.allocadenceRequests', async () => {
  const w = await world({ seed: 62, orders: 0, listings: 60, fakeClock: true, slowMs: 15 }, (config) => {
    config.concurrency = { allocadenceRequests: 3 };
    ((config.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).items = { importQuantities: true };
  });
  w.allocadence.setBehaviour({ adjustments: true });
  // Every warehouse answer takes a while, so writes that may overlap do.
  w.allocadence.setFaults({ slow: 1 });
  const writes = writesInFlight(w);
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.failures).toEqual([]);
  expect(writes.most()).toBe(3);
  // Each SKU created once, whatever ran beside it.
  const skus = w.allocadence.requests.filter((q) => q.method === 'POST' && q.path === '/rest/items').map((q) => JSON.parse(q.body).sku);
  expect(new Set(skus).size).toBe(skus.length);
});

test('variations split across pages and batches, written side by side, are all linked', async () => {
  const w = await world({ seed: 63, orders: 0, listings: 900, fakeClock: true, slowMs: 2 }, (config) => {
    config.concurrency = { allocadenceRequests: 4 };
  });
  w.allocadence.setFaults({ slow: 1 });
  // A parent read first with one child beside it and one ~45 pages later; another parent read last, after both its children.
  w.amazon.addListings({
    listings: [
      { sku: 'EARLY-DAD', isParent: true, variationTheme: 'COLOR_NAME', createdDate: minutesAgo(60 * 24 * 90) },
      { sku: 'EARLY-DAD-RED', parentSku: 'EARLY-DAD', variationTheme: 'COLOR_NAME', createdDate: minutesAgo(60 * 24 * 90) },
      { sku: 'EARLY-DAD-BLUE', parentSku: 'EARLY-DAD', variationTheme: 'COLOR_NAME', createdDate: minutesAgo(5) },
      { sku: 'LATE-DAD-S', parentSku: 'LATE-DAD', variationTheme: 'SIZE_NAME', createdDate: minutesAgo(60 * 24 * 89) },
      { sku: 'LATE-DAD-M', parentSku: 'LATE-DAD', variationTheme: 'SIZE_NAME', createdDate: minutesAgo(60 * 24 * 30) },
      { sku: 'LATE-DAD', isParent: true, variationTheme: 'SIZE_NAME', createdDate: minutesAgo(4) },
    ],
  });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.failures).toEqual([]);
  const items = new Map(w.allocadence.items().map((i) => [i.sku, i]));
  const children = w.amazon.listings().filter((l) => l.parentSku);
  expect(children.length).toBeGreaterThan(100);
  for (const c of children) expect(items.get(c.sku)?.userField1).toBe(`${c.parentSku} | ${c.variationTheme}`);
  for (const p of w.amazon.listings().filter((l) => l.isParent)) expect(items.has(p.sku)).toBe(false);
  const creates = w.allocadence.requests.filter((q) => q.method === 'POST' && q.path === '/rest/items');
  expect(creates.length).toBe(new Set(creates.map((q) => JSON.parse(q.body).sku)).size);
});

import { buildCatalog } from '../../src/simulator/catalog';
import { SIM_SELLER } from '../../src/simulator/world';
import { assertBuilt, runCli } from '../helpers/cli-process';
import { crashSuite, type Tally } from '../helpers/crash-suite';
import { countBy, excess, missing, succeeded } from '../helpers/crash-tally';
import { isGetFeed, isGetReport, isOperation, spawnAndKill } from '../helpers/kill-points';
import { listedSkus, noWait, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

// More than the patch threshold (20): a full push goes by feed. Every world here has the default seed.
const SKUS = buildCatalog(1, 40)
  .slice(0, 24)
  .map((p) => p.sku);

/** What Amazon should show per SKU: sellable minus safety stock (the world's seller keeps the default share). */
function expected(w: TestWorld): Map<string, number> {
  const sellable = new Map(
    w.allocadence
      .inventory()
      .filter((r) => r.warehouse.name === SIM_SELLER.warehouse)
      .map((r) => [r.item.sku, r.sellable]),
  );
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  return new Map(SKUS.map((sku) => [sku, Math.max(0, (sellable.get(sku) ?? 0) - (safety.get(sku) ?? 0))]));
}

/** Listed on Amazon with no quantity, known to the tool through pull-items. */
async function listed(w: TestWorld): Promise<void> {
  expect(await listedSkus(w, SKUS.length)).toEqual(SKUS);
}

const quantities = (w: TestWorld): string[] =>
  w.amazon
    .listings()
    .filter((l) => SKUS.includes(l.sku))
    .map((l) => `${l.sku} ${l.quantity ?? '-'}`)
    .sort();

/** Each SKU's quantity sent to Amazon (feed messages from feed number `since` on, and patches) once; `changed` SKUs right on Amazon. */
function stockTally(w: TestWorld, changed: readonly string[], since: number): Tally {
  const feeds = w.amazon
    .feeds()
    .filter((f) => f.feedType === 'JSON_LISTINGS_FEED')
    .slice(since);
  const sent = feeds.flatMap((f) => (JSON.parse(f.input.content) as { messages: { sku: string }[] }).messages.map((m) => m.sku));
  const patches = succeeded(w.amazon.requests, 'PATCH', /^\/listings\/2021-08-01\/items\//).map((r) =>
    decodeURIComponent(r.path.split('/').pop() ?? ''),
  );
  const want = expected(w);
  const onAmazon = new Map(w.amazon.listings().map((l) => [l.sku, l.quantity]));
  const counts = countBy([...sent, ...patches], (sku) => sku);
  return { duplicates: excess(counts), losses: missing(changed, (sku) => onAmazon.get(sku) === want.get(sku)) };
}

crashSuite({
  direction: 'push-stock --full (feed)',
  args: ['push-stock', '--full'],
  // The ordinary push: --full asks for every quantity to be sent again, so a --full rerun after a
  // kill that came once the push was recorded would rightly send them all again.
  rerun: ['push-stock'],
  world: { orders: 0, reportPolls: 1, feedPolls: 1 },
  prepare: listed,
  // createFeedDocument, the upload, createFeed; then createReport for the listings report that checks them.
  writes: 4,
  ciWrites: [3, 4],
  extra: [
    { label: 'getFeed 1 received', phase: 'received', match: isGetFeed, n: 1 },
    { label: 'getFeed 1 of 2 received', phase: 'received', match: isGetFeed, n: 1, world: { feedPolls: 2 } },
    { label: 'getFeed 1 of 2 answered', phase: 'answered', match: isGetFeed, n: 1, world: { feedPolls: 2 }, fullOnly: true },
    { label: 'getReport 1 received', phase: 'received', match: isGetReport, n: 1, fullOnly: true },
  ],
  snapshot: quantities,
  tally: (w) => stockTally(w, SKUS, 0),
});

/** Every SKU's quantity in a feed once, the unapplied ones by patch once more, and all of them right on Amazon. */
function unappliedTally(w: TestWorld): Tally {
  const feeds = w.amazon.feeds().filter((f) => f.feedType === 'JSON_LISTINGS_FEED');
  const fed = feeds.flatMap((f) => (JSON.parse(f.input.content) as { messages: { sku: string }[] }).messages.map((m) => m.sku));
  const patched = succeeded(w.amazon.requests, 'PATCH', /^\/listings\/2021-08-01\/items\//).map((r) =>
    decodeURIComponent(r.path.split('/').pop() ?? ''),
  );
  const want = expected(w);
  const onAmazon = new Map(w.amazon.listings().map((l) => [l.sku, l.quantity]));
  return {
    duplicates: excess(countBy(fed, (sku) => sku)) + excess(countBy(patched, (sku) => sku)),
    losses: missing(SKUS, (sku) => onAmazon.get(sku) === want.get(sku)),
  };
}

crashSuite({
  direction: 'push-stock --full (feed leaving quantities unapplied)',
  args: ['push-stock', '--full'],
  rerun: ['push-stock'],
  world: { orders: 0, reportPolls: 1, feedPolls: 1 },
  async prepare(w) {
    await listed(w);
    // Three SKUs that are to change from the 0 they are listed with; the processing report shows
    // the feed left them at 0, so they are patched in the same run.
    const want = expected(w);
    w.amazon.leaveQuantitiesUnapplied({ skus: SKUS.filter((sku) => (want.get(sku) ?? 0) > 0).slice(0, 3) });
  },
  // The feed's three writes, a patch for each quantity it left unapplied, createReport.
  writes: 7,
  ciWrites: [4, 5],
  // Killed while the feed is processing: the rerun reads its report, finds the three, and patches them.
  extra: [{ label: 'getFeed 1 received', phase: 'received', match: isGetFeed, n: 1 }],
  snapshot: quantities,
  tally: unappliedTally,
});

/** Three SKUs whose stock changed after a full push. */
const CHANGED = SKUS.slice(3, 6);

crashSuite({
  direction: 'push-stock (patch)',
  args: ['push-stock'],
  world: { orders: 0, reportPolls: 1, feedPolls: 1 },
  async prepare(w) {
    await listed(w);
    expect((await w.run(['push-stock', '--full'], noWait)).code).toBe(0);
    for (const [n, sku] of CHANGED.entries()) w.allocadence.setStock(sku, SIM_SELLER.warehouse, 70 + n);
  },
  writes: 3,
  ciWrites: [1, 3],
  snapshot: quantities,
  // The full push of the preparation made the one feed there is.
  tally: (w) => stockTally(w, CHANGED, 1),
});

crashSuite({
  direction: 'push-stock (sold out by patch, then the rest by feed)',
  args: ['push-stock'],
  world: { orders: 0, reportPolls: 1, feedPolls: 1 },
  async prepare(w) {
    await listed(w);
    expect((await w.run(['push-stock', '--full'], noWait)).code).toBe(0);
    const want = expected(w);
    const inStock = SKUS.filter((sku) => (want.get(sku) ?? 0) > 0);
    // Three SKUs sell out; every other one changes too, more than the patch threshold.
    for (const sku of inStock.slice(0, 3)) w.allocadence.setStock(sku, SIM_SELLER.warehouse, 0);
    for (const [n, sku] of SKUS.filter((s) => !inStock.slice(0, 3).includes(s)).entries())
      w.allocadence.setStock(sku, SIM_SELLER.warehouse, 200 + n);
  },
  // Three patches first, then createFeedDocument, the upload, createFeed.
  writes: 6,
  ciWrites: [1, 4],
  snapshot: quantities,
  tally: (w) => stockTally(w, SKUS, 1),
});

describe('push-stock --full killed once its feed was created', () => {
  const world = worldsClosedAfterEach();
  beforeAll(assertBuilt);

  test('a --full rerun waits for that feed and finishes the push instead of sending a second one', async () => {
    const w = await world({ orders: 0, reportPolls: 1, feedPolls: 2 });
    await listed(w);
    const killed = await spawnAndKill(w, ['push-stock', '--full'], {
      label: 'createFeed',
      phase: 'received',
      match: isOperation('POST', /^\/feeds\/2021-06-30\/feeds$/),
      n: 1,
    });
    expect(killed.killed).toBe(true);
    const again = await runCli(['--config', w.configPath, '--json', 'push-stock', '--full']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/checking quantities an interrupted run sent/);
    expect(JSON.parse(again.stdout).runs[0].totals).toEqual({ 'pushed-before': SKUS.length, unchanged: SKUS.length });
    expect(w.amazon.feeds().filter((f) => f.feedType === 'JSON_LISTINGS_FEED')).toHaveLength(1);
    const want = expected(w);
    expect(quantities(w)).toEqual(SKUS.map((sku) => `${sku} ${want.get(sku)}`).sort());
  });
});

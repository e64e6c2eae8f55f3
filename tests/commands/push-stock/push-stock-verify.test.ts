import Database from 'better-sqlite3';
import { worldsClosedAfterEach, type RunResult, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
interface Summary {
  outcome: string;
  error?: string;
  totals: Record<string, number>;
  failures: { key: string; reason: string }[];
  warnings: { key: string; warning: string }[];
}
const summaryOf = (r: RunResult): Summary => (JSON.parse(r.out) as { runs: Summary[] }).runs[0] as Summary;
const FEEDS = '/feeds/2021-06-30/feeds';
const skuOf = (path: string): string => decodeURIComponent(path.split('/').pop() ?? '');

/** A world whose listings were pulled once, so push-stock knows them. */
async function pulled(seed: number, listings: number): Promise<TestWorld> {
  const w = await world({ seed, orders: 0, listings, fakeClock: true });
  expect((await w.run(['pull-items'])).code).toBe(0);
  w.amazon.requests.length = 0;
  return w;
}

/** What Amazon should offer per merchant SKU (the world's seller keeps the default share). */
function expected(w: TestWorld): Map<string, number> {
  const sellable = new Map(
    w.allocadence
      .inventory()
      .filter((r) => r.warehouse.name === 'Main')
      .map((r) => [r.item.sku, r.sellable]),
  );
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  const out = new Map<string, number>();
  for (const l of w.amazon.listings())
    if (!l.isParent && l.fulfillment === 'MERCHANT') out.set(l.sku, Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0)));
  return out;
}

const offered = (w: TestWorld): Map<string, number | undefined> => new Map(w.amazon.listings().map((l) => [l.sku, l.quantity]));

function lastPushed(w: TestWorld): Map<string, number> {
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return new Map(
      (db.prepare('SELECT sku, quantity FROM pushed_stock').all() as { sku: string; quantity: number }[]).map((r) => [r.sku, r.quantity]),
    );
  } finally {
    db.close();
  }
}

/** Merchant SKUs whose expected quantity differs from what Amazon shows now, so a push changes them. */
function changing(w: TestWorld, n: number): string[] {
  const want = expected(w);
  const now = offered(w);
  return [...want.keys()].filter((sku) => now.get(sku) !== want.get(sku)).slice(0, n);
}

describe('push-stock --full checks what Amazon offers afterwards', () => {
  test('quantities a DONE feed left unapplied, invisible in its report, are found in the listings report and sent again by patch', async () => {
    const w = await pulled(101, 120);
    const victims = changing(w, 3);
    // The processing report claims the sent quantity; only a later read shows the old one.
    w.amazon.leaveQuantitiesUnapplied({ skus: victims, report: 'submitted' });
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    const want = expected(w);
    for (const [sku, q] of offered(w)) if (want.has(sku)) expect([sku, q]).toEqual([sku, want.get(sku)]);
    const s = summaryOf(r);
    expect(s.totals).toEqual({ pushed: want.size - 3, repushed: 3 });
    expect(s.warnings.map((x) => x.key).sort()).toEqual([...victims].sort());
    expect(s.warnings[0]?.warning).toMatch(
      /^Amazon accepted \d+ but offered \d+ \(Amazon's listings report after the --full push\): sent again by patch$/,
    );
    // One feed, one listings report read after it, then a patch for each SKU that differed.
    const reqs = w.amazon.requests;
    const feedAt = reqs.findIndex((q) => q.method === 'POST' && q.path === FEEDS);
    const reportAt = reqs.findIndex((q) => q.method === 'POST' && q.path === '/reports/2021-06-30/reports');
    expect(JSON.parse(reqs[reportAt]?.body ?? '{}')).toEqual({
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: ['ATVPDKIKX0DER'],
    });
    const patches = reqs.map((q, i) => [q, i] as const).filter(([q]) => q.method === 'PATCH');
    expect(patches.map(([q]) => skuOf(q.path)).sort()).toEqual([...victims].sort());
    expect(feedAt).toBeLessThan(reportAt);
    expect(patches.every(([, i]) => i > reportAt)).toBe(true);
    // Recorded as pushed is what Amazon now has; the next run has nothing to send.
    const last = lastPushed(w);
    for (const sku of want.keys()) expect([sku, last.get(sku)]).toEqual([sku, want.get(sku)]);
    w.amazon.requests.length = 0;
    expect(summaryOf(await w.run(['--json', 'push-stock'])).totals).toEqual({ unchanged: want.size });
    expect(w.amazon.requests).toEqual([]);
  });

  test('a detailed processing report that shows the old quantity: sent again by patch at once, no listings report needed', async () => {
    const w = await pulled(102, 120);
    w.amazon.leaveQuantitiesUnapplied({ share: 0.2 });
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    const want = expected(w);
    for (const [sku, q] of offered(w)) if (want.has(sku)) expect([sku, q]).toEqual([sku, want.get(sku)]);
    const s = summaryOf(r);
    const repushed = s.totals.repushed ?? 0;
    expect(repushed).toBeGreaterThan(3);
    expect(s.totals.pushed).toBe(want.size - repushed);
    // The feed asked for the detailed report, so the patches came before the listings report.
    const feed = JSON.parse(w.amazon.feeds()[0]?.input.content ?? '{}') as { header: unknown };
    expect(feed.header).toEqual({
      sellerId: 'A1SIMSELLER001',
      version: '2.0',
      issueLocale: 'en_US',
      report: { includedData: ['issues', 'fulfillmentAvailability'], apiVersion: '2021-08-01' },
    });
    const reqs = w.amazon.requests;
    const reportAt = reqs.findIndex((q) => q.method === 'POST' && q.path === '/reports/2021-06-30/reports');
    expect(reqs.filter((q, i) => q.method === 'PATCH' && i < reportAt)).toHaveLength(repushed);
    expect(s.warnings.filter((x) => x.warning.includes('processing report'))).toHaveLength(Math.min(repushed, 21));
  });

  test('a quantity Amazon did not take is not recorded as pushed, even when sending it again fails', async () => {
    const w = await pulled(103, 120);
    const [victim] = changing(w, 1);
    w.amazon.leaveQuantitiesUnapplied({ skus: [victim ?? ''] });
    w.amazon.denyOperations(['patchListingsItem']);
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(3);
    expect(summaryOf(r).error).toMatch(/patchListingsItem/);
    const before = offered(w).get(victim ?? '');
    // What Amazon shows stands as the last pushed quantity, not what it was sent.
    expect(lastPushed(w).get(victim ?? '')).toBe(before);
    w.amazon.denyOperations([]);
    w.amazon.leaveQuantitiesUnapplied(null);
    w.amazon.requests.length = 0;
    const next = await w.run(['--json', 'push-stock']);
    expect(next.code).toBe(0);
    expect(summaryOf(next).totals.pushed).toBe(1);
    expect(w.amazon.requests.filter((q) => q.method === 'PATCH').map((q) => skuOf(q.path))).toEqual([victim]);
    expect(offered(w).get(victim ?? '')).toBe(expected(w).get(victim ?? ''));
  });

  test.each(['CANCELLED', 'FATAL'] as const)(
    'a listings report that ends %s is not "no listings": the check is skipped with a warning, the push stands, the next --full checks',
    async (outcome) => {
      const w = await pulled(104, 120);
      const [victim] = changing(w, 1);
      w.amazon.leaveQuantitiesUnapplied({ skus: [victim ?? ''], report: 'submitted' });
      w.amazon.nextOutcome('report', outcome);
      const r = await w.run(['--json', 'push-stock', '--full']);
      expect(r.code).toBe(0);
      const s = summaryOf(r);
      const want = expected(w);
      expect(s.totals).toEqual({ pushed: want.size, 'check-skipped': 1 });
      expect(s.warnings).toEqual([
        {
          key: 'ATVPDKIKX0DER',
          warning: expect.stringMatching(
            new RegExp(
              `^the quantities sent were not checked against Amazon's listings report: report \\d+ ended ${outcome}.*; the next --full run checks them$`,
            ),
          ),
        },
      ]);
      expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
      expect(offered(w).get(victim ?? '')).not.toBe(want.get(victim ?? ''));

      // Amazon still leaves that SKU's feed quantity unapplied; this time the report is read.
      const again = await w.run(['--json', 'push-stock', '--full']);
      expect(again.code).toBe(0);
      expect(summaryOf(again).totals).toEqual({ pushed: want.size - 1, repushed: 1 });
      expect(offered(w).get(victim ?? '')).toBe(want.get(victim ?? ''));
    },
  );
  test('SKUs pushed but gone from the listings report when it is made are named as not checked, and not sent again', async () => {
    const w = await pulled(103, 120);
    const merchant = [...expected(w).keys()];
    const gone = merchant.slice(0, 2);
    // Deleted by the seller after the feed, before the report is made: the report does not list them.
    w.onRequest((e) => {
      if (e.phase === 'received' && e.method === 'POST' && e.path === '/reports/2021-06-30/reports')
        for (const sku of gone) expect(w.amazon.deleteListing(sku)).toBe(true);
    });
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    const s = summaryOf(r);
    expect(s.totals).toEqual({ pushed: merchant.length });
    expect(s.warnings.map((x) => [x.key, x.warning]).sort()).toEqual(
      [...gone].sort().map((sku) => [sku, "not in Amazon's listings report with a quantity: not checked"]),
    );
    expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
  });
});

describe('a SKU that sold out is withdrawn at once', () => {
  test('zeros go by patch before the feed the other changes need, however many changes there are', async () => {
    const w = await pulled(105, 120);
    expect((await w.run(['push-stock', '--full'])).code).toBe(0);
    const want = expected(w);
    const inStock = [...want.keys()].filter((sku) => (want.get(sku) ?? 0) > 0);
    const soldOut = inStock.slice(0, 3);
    const more = [...want.keys()].filter((sku) => !soldOut.includes(sku)).slice(0, 30);
    for (const sku of soldOut) w.allocadence.setStock(sku, 'Main', 0);
    // Far above any seeded level, so every one of them changes.
    for (const [i, sku] of more.entries()) w.allocadence.setStock(sku, 'Main', 100_000 + i);
    w.amazon.requests.length = 0;
    const r = await w.run(['--json', 'push-stock']);
    expect(r.code).toBe(0);
    expect(summaryOf(r).totals.pushed).toBe(33);
    const reqs = w.amazon.requests;
    const feedAt = reqs.findIndex((q) => q.method === 'POST' && q.path === FEEDS);
    const patches = reqs.map((q, i) => [q, i] as const).filter(([q]) => q.method === 'PATCH');
    expect(patches.map(([q]) => skuOf(q.path)).sort()).toEqual([...soldOut].sort());
    expect(patches.every(([, i]) => i < feedAt)).toBe(true);
    const fed = (JSON.parse(w.amazon.feeds()[1]?.input.content ?? '{}') as { messages: { sku: string }[] }).messages.map((m) => m.sku);
    expect(fed.sort()).toEqual([...more].sort());
    for (const sku of soldOut) expect([sku, offered(w).get(sku), lastPushed(w).get(sku)]).toEqual([sku, 0, 0]);
  });

  test('a zero whose last push was zero too, or that was never pushed, goes with the rest', async () => {
    const w = await pulled(106, 120);
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    expect([...expected(w).values()].some((q) => q === 0)).toBe(true);
    expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
    w.amazon.requests.length = 0;
    expect((await w.run(['push-stock', '--full'])).code).toBe(0);
    expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
  });
});

import { worldsClosedAfterEach, type TestWorld, type testWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();
const json = (
  out: string,
): {
  runs: {
    outcome: string;
    error?: string;
    totals: Record<string, number>;
    failures: { key: string; reason: string }[];
    planned: unknown[];
  }[];
} => JSON.parse(out);

/** A world whose listings were pulled once, so push-stock knows them. */
async function pulled(seed: number, listings: number, edit?: Parameters<typeof testWorld>[1]): Promise<TestWorld> {
  const w = await world({ seed, orders: 0, listings, fakeClock: true }, edit);
  expect((await w.run(['pull-items'])).code).toBe(0);
  w.amazon.requests.length = 0;
  return w;
}

function expectedQuantities(
  w: TestWorld,
  stock: { percent: number; max: number | null } = { percent: 100, max: null },
): Map<string, number> {
  const sellable = new Map(
    w.allocadence
      .inventory()
      .filter((r) => r.warehouse.name === 'Main')
      .map((r) => [r.item.sku, r.sellable]),
  );
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  const out = new Map<string, number>();
  for (const l of w.amazon.listings()) {
    if (l.isParent || l.fulfillment !== 'MERCHANT') continue;
    const share = Math.floor((Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0)) * stock.percent) / 100);
    out.set(l.sku, stock.max === null ? share : Math.min(stock.max, share));
  }
  return out;
}

test('--full sets every merchant SKU in one feed, FBA untouched; a second run sends nothing', async () => {
  const w = await pulled(41, 200);
  const fbaBefore = w.amazon
    .listings()
    .filter((l) => l.fulfillment === 'AMAZON')
    .map((l) => ({ sku: l.sku, quantity: l.quantity }));
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(0);
  const want = expectedQuantities(w);
  expect(json(r.out).runs[0]?.totals.pushed).toBe(want.size);
  for (const l of w.amazon.listings()) if (want.has(l.sku)) expect([l.sku, l.quantity]).toEqual([l.sku, want.get(l.sku)]);
  expect(
    w.amazon
      .listings()
      .filter((l) => l.fulfillment === 'AMAZON')
      .map((l) => ({ sku: l.sku, quantity: l.quantity })),
  ).toEqual(fbaBefore);
  expect(w.amazon.requests.filter((q) => q.path === '/feeds/2021-06-30/feeds' && q.method === 'POST')).toHaveLength(1);
  expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);

  w.amazon.requests.length = 0;
  const again = await w.run(['--json', 'push-stock']);
  expect(again.code).toBe(0);
  expect(json(again.out).runs[0]?.totals).toEqual({ unchanged: want.size });
  expect(w.amazon.requests).toEqual([]);
});

test("5 stock changes → 5 patches, with the seller's share and cap", async () => {
  const w = await pulled(42, 60, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).stock = { percent: 50, max: 20 };
  });
  expect((await w.run(['push-stock', '--full'])).code).toBe(0);
  const before = expectedQuantities(w, { percent: 50, max: 20 });
  const merchant = [...before.keys()].slice(0, 5);
  // Each new level is chosen to change what Amazon is offered: to none, or from none to some.
  for (const sku of merchant) w.allocadence.setStock(sku, 'Main', (before.get(sku) ?? 0) > 0 ? 0 : 60);
  w.amazon.requests.length = 0;
  const r = await w.run(['--json', 'push-stock']);
  expect(r.code).toBe(0);
  const patches = w.amazon.requests.filter((q) => q.method === 'PATCH');
  expect(patches.map((p) => decodeURIComponent(p.path.split('/').pop() ?? '')).sort()).toEqual([...merchant].sort());
  const want = expectedQuantities(w, { percent: 50, max: 20 });
  for (const p of patches) {
    const body = JSON.parse(p.body) as {
      productType: string;
      patches: { op: string; path: string; value: { fulfillment_channel_code: string; quantity: number }[] }[];
    };
    const sku = decodeURIComponent(p.path.split('/').pop() ?? '');
    expect(body.patches).toEqual([
      {
        op: 'merge',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity: want.get(sku) }],
      },
    ]);
    expect(p.query.marketplaceIds).toBe('ATVPDKIKX0DER');
  }
});

test('a SKU Amazon rejects is reported (exit 1) and pushed again on a later run once fixed', async () => {
  const w = await pulled(43, 60);
  const sku = [...expectedQuantities(w).keys()][0] ?? '';
  w.amazon.rejectSku(sku, 'The value for quantity is invalid for this listing');
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(1);
  expect(json(r.out).runs[0]?.failures).toEqual([{ key: sku, reason: expect.stringMatching(/quantity is invalid/), retriable: true }]);
  w.amazon.rejectSku(sku, null);
  w.amazon.requests.length = 0;
  const fixed = await w.run(['--json', 'push-stock']);
  expect(fixed.code).toBe(0);
  expect(json(fixed.out).runs[0]?.totals.pushed).toBe(1);
  expect(w.amazon.requests.filter((q) => q.method === 'PATCH').map((q) => decodeURIComponent(q.path.split('/').pop() ?? ''))).toEqual([
    sku,
  ]);
});

test('a feed that ends FATAL changes nothing; the next run pushes again', async () => {
  const w = await pulled(44, 80);
  w.amazon.nextOutcome('feed', 'FATAL');
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(1);
  const want = expectedQuantities(w);
  expect(json(r.out).runs[0]?.failures).toHaveLength(want.size);
  expect(json(r.out).runs[0]?.failures[0]?.reason).toMatch(/ended FATAL; nothing was recorded/);
  const next = await w.run(['--json', 'push-stock']);
  expect(next.code).toBe(0);
  expect(json(next.out).runs[0]?.totals.pushed).toBe(want.size);
});

test('SKUs with spaces, slashes, # and unicode survive the path encoding', async () => {
  const w = await pulled(46, 20);
  const odd = ['AB 12/x#1', 'Müsli-Ørn ✓', 'a+b%20c?d'];
  w.amazon.addListings({ listings: odd.map((sku) => ({ sku, title: sku, quantity: 0 })) });
  expect((await w.run(['pull-items'])).code).toBe(0);
  odd.forEach((sku, i) => w.allocadence.setStock(sku, 'Main', 10 + i));
  const r = await w.run(['--json', 'push-stock']);
  expect(r.code).toBe(0);
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  for (const [i, sku] of odd.entries()) {
    expect([sku, w.amazon.listings().find((l) => l.sku === sku)?.quantity]).toEqual([sku, 10 + i - (safety.get(sku) ?? 0)]);
  }
});

test('--dry-run prints the changes and sends nothing', async () => {
  const w = await pulled(45, 40);
  const r = await w.run(['--dry-run', 'push-stock', '--full']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/would-push \S+ {2}\d+/);
  expect(w.amazon.requests).toEqual([]);
});

test('a run that stops while its feed is still processing: the next run reads that feed and sends no second one', async () => {
  // Amazon takes longer than the hour a run waits for a feed.
  const w = await world({ seed: 47, orders: 0, listings: 60, fakeClock: true, feedPolls: 200 });
  expect((await w.run(['pull-items'])).code).toBe(0);
  const first = await w.run(['--json', 'push-stock', '--full']);
  expect(first.code).toBe(3);
  expect(json(first.out).runs[0]?.error).toMatch(/^amazon feed \d+: still IN_PROGRESS after \d+ s; try again later$/);
  // By the next cron run Amazon has processed it.
  expect(w.amazon.finishJobs()).toBe(1);
  const again = await w.run(['--json', 'push-stock']);
  expect(again.code).toBe(0);
  const want = expectedQuantities(w);
  // The feed's result is read (pushed-before); then nothing differs from it, so nothing is sent.
  expect(json(again.out).runs[0]?.totals).toEqual({ 'pushed-before': want.size, unchanged: want.size });
  expect(w.amazon.requests.filter((q) => q.path === '/feeds/2021-06-30/feeds' && q.method === 'POST')).toHaveLength(1);
  for (const l of w.amazon.listings()) if (want.has(l.sku)) expect([l.sku, l.quantity]).toEqual([l.sku, want.get(l.sku)]);
});

test("back-to-back --full runs wait for Amazon's rolling feed window (5 per 5 minutes), kept between runs: no 429", async () => {
  const w = await pulled(48, 60);
  const createdAt: number[] = [];
  for (let run = 0; run < 7; run++) {
    const before = w.amazon.requests.length;
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    const created = w.amazon.requests.slice(before).filter((q) => q.path === '/feeds/2021-06-30/feeds' && q.method === 'POST');
    expect(created.map((q) => q.status)).toEqual([202]);
    createdAt.push(w.time?.clock() ?? 0);
  }
  expect(w.amazon.requests.filter((q) => q.status === 429)).toEqual([]);
  // A run's createFeed is the last of its submissions; the sixth run could only go once the first's slot was 5 minutes old.
  expect((createdAt[5] ?? 0) - (createdAt[0] ?? 0)).toBeGreaterThanOrEqual(300_000 - 60_000);
});

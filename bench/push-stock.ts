import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SP_API_RATE_LIMITS } from '../src/amazon/rate-limits';
import { seedListings } from '../src/simulator/amazon';
import { buildCatalog } from '../src/simulator/catalog';
import { SIM_SELLER, startWorld, type World } from '../src/simulator/world';
import { openState } from '../src/state';
import { ListingStore } from '../src/state/listings';
import { measureCli, type CliUsage } from './harness';
import { mib, seconds, type TableRow } from './table';

/** The target sizes; BENCH_STOCK_SKUS sets both smaller while working on the rows (the targets stay). */
const FULL_SKUS = Number(process.env.BENCH_STOCK_SKUS ?? 300_000);
const IDLE_SKUS = Number(process.env.BENCH_STOCK_SKUS ?? 100_000);
/** Amazon's feed window (5 per 5 minutes) and createFeed's plan, scaled alike; the bursts stay Amazon's. */
const FEED_SCALE = 100;
const FEED_PATH = '/feeds/2021-06-30/feeds';

function scaledRates(): string[] {
  const scaled = (name: string): string => {
    const l = SP_API_RATE_LIMITS[name];
    if (!l) throw new Error(`no rate for ${name}`);
    return `${name}=${(l.rate * FEED_SCALE).toFixed(4)}/${l.burst}`;
  };
  return ['feedType:JSON_LISTINGS_FEED', 'createFeed', 'createFeedDocument', 'getFeedDocument', 'createReport', 'getReportDocument'].map(
    scaled,
  );
}

/** A world of `skus` merchant listings, all in Allocadence with stock, and known to the state file as pull-items leaves them. */
export async function stockWorld(skus: number, seed: number): Promise<{ world: World; config: string; sellable: Map<string, number> }> {
  const world = await startWorld({ seed, orders: 0, rates: scaledRates() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-stock-'));
  const catalog = buildCatalog(seed).map((p) => p.sku);
  // The simulator takes at most 200,000 listings at a time.
  for (let done = 0, batch = 0; done < skus; done += 150_000, batch++) {
    const count = Math.min(150_000, skus - done);
    seedListings(world.amazon, { count, parents: 0, childrenPerParent: 0, fba: 0, seed: seed + batch, now: Date.now(), skus: catalog });
  }
  const listings = world.amazon.listings();
  const known = new Set(world.allocadence.items().map((i) => i.sku));
  const fresh = listings.filter((l) => !known.has(l.sku)).map((l) => ({ sku: l.sku, description: l.sku }));
  for (let i = 0; i < fresh.length; i += 10_000) world.allocadence.addItems(fresh.slice(i, i + 10_000));
  const sellable = new Map(listings.map((l, i) => [l.sku, (i * 7) % 50]));
  for (const [sku, n] of sellable) world.allocadence.setStock(sku, SIM_SELLER.warehouse, n);
  const config = world.writeConfig(dir);
  const db = openState(path.join(dir, 'alloc-amazon.sqlite'));
  const store = new ListingStore(db);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const l of listings) {
      const row = { sku: l.sku, asin: l.asin, productType: l.productType, fulfillment: 'MERCHANT' as const, isParent: false };
      store.upsert(SIM_SELLER.name, SIM_SELLER.marketplaceId, { ...row, parentSku: null, variationTheme: null, allocItemId: null }, now);
    }
  })();
  db.close();
  return { world, config, sellable };
}

function applied(world: World, sellable: Map<string, number>): number {
  const safety = new Map(world.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  return world.amazon.listings().filter((l) => l.quantity === Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0))).length;
}

/**
 * push-stock --full over 300,000 merchant SKUs: 12 feeds of 25,000, which Amazon's feed window
 * (5 per rolling 5 minutes, scaled ×100 with its burst of 5 kept) lets through in three rounds;
 * bound: the two full windows the 6th and 11th feeds must wait. Target: exit 0, 0 × 429, ≤ 300 MiB.
 */
export async function benchPushStockFull(): Promise<TableRow[]> {
  const { world, config, sellable } = await stockWorld(FULL_SKUS, 9);
  try {
    const run = await measureCli(['--config', config, '--quiet', '--json', 'push-stock', '--full']);
    const created = world.amazon.requests.filter((r) => r.method === 'POST' && r.path === FEED_PATH);
    const feeds = created.filter((r) => r.status === 202).length;
    const throttled = world.amazon.requests.filter((r) => r.status === 429).length;
    const right = applied(world, sellable);
    process.stdout.write(`  exit code ${run.code}, ${right} / ${FULL_SKUS} at the right quantity, wall ${seconds(run.wallS)}\n`);
    const ok = run.code === 0 && right === FULL_SKUS;
    if (!ok) process.stdout.write(`${run.stderr.slice(0, 2000)}\n`);
    const windowS = 300 / FEED_SCALE;
    const feedsNeeded = Math.ceil(FULL_SKUS / 25_000);
    const waits = Math.ceil(feedsNeeded / 5) - 1;
    const s = `push-stock --full, ${FULL_SKUS.toLocaleString('en')} SKUs`;
    return [
      {
        scenario: `${s}: wall (feed window 5 per ${windowS.toFixed(0)} s, ×${FEED_SCALE})`,
        measured: seconds(run.wallS),
        // No ratio: the wall is mostly the simulator (in this process) unpacking and applying 300,000
        // messages and building the report, which no rate-limit minimum describes; the feed window's
        // own share is its waits. What the tool itself spends is the CPU row below.
        bound: `feed window waits ${seconds(waits * windowS)}, the rest simulator`,
        target: 'report',
        ...(ok ? {} : { ok: false }),
      },
      {
        scenario: `${s}: feeds accepted / 429s`,
        measured: `${feeds} / ${throttled}`,
        target: `${feedsNeeded} / 0`,
        ok: ok && feeds === feedsNeeded && throttled === 0,
      },
      ...usageRows(s, run, ok, 300),
    ];
  } finally {
    await world.close();
  }
}

function usageRows(s: string, run: CliUsage, ok: boolean, maxMiB: number): TableRow[] {
  return [
    { scenario: `${s}: CLI CPU time`, measured: seconds(run.cpuS), target: 'report', ...(ok ? {} : { ok: false }) },
    { scenario: `${s}: CLI peak memory`, measured: mib(run.maxRssMiB), target: `≤ ${maxMiB} MiB`, ok: ok && run.maxRssMiB <= maxMiB },
  ];
}

/** push-stock with nothing changed over 100,000 SKUs, after a --full push: no request, ≤ 150 MiB. */
export async function benchPushStockIdle(): Promise<TableRow[]> {
  const { world, config } = await stockWorld(IDLE_SKUS, 10);
  try {
    const full = await measureCli(['--config', config, '--quiet', 'push-stock', '--full']);
    const before = world.amazon.requests.length;
    const idle = await measureCli(['--config', config, '--quiet', 'push-stock']);
    const requests = world.amazon.requests.length - before;
    const ok = full.code === 0 && idle.code === 0;
    process.stdout.write(`  exit codes ${full.code}, ${idle.code}; wall ${seconds(idle.wallS)}\n`);
    if (!ok) process.stdout.write(`${full.stderr.slice(0, 1000)}${idle.stderr.slice(0, 1000)}\n`);
    const s = `push-stock, nothing changed, ${IDLE_SKUS.toLocaleString('en')} SKUs`;
    return [
      { scenario: `${s}: Amazon requests`, measured: String(requests), target: '0', ok: ok && requests === 0 },
      ...usageRows(s, idle, ok, 150),
    ];
  } finally {
    await world.close();
  }
}

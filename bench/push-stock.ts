import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedListings, type SimListing } from '../src/simulator/amazon';
import { buildCatalog } from '../src/simulator/catalog';
import { SIM_SELLER, startWorld } from '../src/simulator/world';
import { openState } from '../src/state';
import { ListingStore } from '../src/state/listings';
import { measureCli } from './harness';
import { mib, seconds, type TableRow } from './table';

const SKUS = 100_000;

/** The listings put in the state file as pull-items would have left them, so the bench measures push-stock alone. */
function knowListings(file: string, listings: readonly SimListing[]): void {
  const db = openState(file);
  const store = new ListingStore(db);
  db.transaction(() => {
    for (const l of listings) {
      store.upsert(
        SIM_SELLER.name,
        SIM_SELLER.marketplaceId,
        {
          sku: l.sku,
          asin: l.asin,
          productType: l.productType,
          fulfillment: 'MERCHANT',
          isParent: false,
          parentSku: null,
          variationTheme: null,
          allocItemId: null,
        },
        new Date().toISOString(),
      );
    }
  })();
  db.close();
}

/**
 * push-stock --full over 100,000 merchant SKUs (targets: 4 feeds, peak memory ≤ 300 MB), then a
 * run with nothing changed (target: no Amazon request at all). The listings are put straight into
 * the state file, as pull-items would have left them: this measures push-stock alone.
 */
export async function benchPushStock(): Promise<TableRow[]> {
  const world = await startWorld({ seed: 9, orders: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-bench-stock-'));
  try {
    const catalog = buildCatalog(9).map((p) => p.sku);
    seedListings(world.amazon, { count: SKUS, parents: 0, childrenPerParent: 0, fba: 0, seed: 9, now: Date.now(), skus: catalog });
    const listings = world.amazon.listings();
    const known = new Set(world.allocadence.items().map((i) => i.sku));
    const fresh = listings.filter((l) => !known.has(l.sku)).map((l) => ({ sku: l.sku, description: l.sku }));
    for (let i = 0; i < fresh.length; i += 10_000) world.allocadence.addItems(fresh.slice(i, i + 10_000));
    const sellable = new Map(listings.map((l, i) => [l.sku, (i * 7) % 50]));
    for (const [sku, n] of sellable) world.allocadence.setStock(sku, SIM_SELLER.warehouse, n);

    const config = world.writeConfig(dir);
    knowListings(path.join(dir, 'alloc-amazon.sqlite'), listings);

    const full = await measureCli(['--config', config, '--quiet', '--json', 'push-stock', '--full']);
    const feeds = world.amazon.requests.filter((r) => r.method === 'POST' && r.path === '/feeds/2021-06-30/feeds').length;
    const safety = new Map(world.allocadence.items().map((i) => [i.sku, i.safetyStock]));
    const applied = world.amazon
      .listings()
      .filter((l) => l.quantity === Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0))).length;
    const before = world.amazon.requests.length;
    const idle = await measureCli(['--config', config, '--quiet', 'push-stock']);
    const idleRequests = world.amazon.requests.length - before;

    process.stdout.write(
      `  --full: exit code ${full.code}, ${applied} / ${SKUS} listings at the right quantity, wall ${seconds(full.wallS)}\n`,
    );
    process.stdout.write(`  nothing changed: exit code ${idle.code}, CLI CPU ${seconds(idle.cpuS)}, peak memory ${mib(idle.maxRssMiB)}\n`);
    const fullOk = full.code === 0 && applied === SKUS;
    if (!fullOk) process.stdout.write(`${full.stderr.slice(0, 2000)}\n`);
    const scenario = `push-stock --full, ${SKUS.toLocaleString('en')} SKUs`;
    return [
      { scenario: `${scenario}: feeds`, measured: String(feeds), target: '4', ok: fullOk && feeds === 4 },
      { scenario: `${scenario}: CLI CPU time`, measured: seconds(full.cpuS), target: 'report', ...(fullOk ? {} : { ok: false }) },
      { scenario: `${scenario}: CLI peak memory`, measured: mib(full.maxRssMiB), target: '≤ 300 MiB', ok: fullOk && full.maxRssMiB <= 300 },
      {
        scenario: 'push-stock, nothing changed: Amazon requests',
        measured: String(idleRequests),
        target: '0',
        ok: idle.code === 0 && idleRequests === 0,
      },
    ];
  } finally {
    await world.close();
  }
}

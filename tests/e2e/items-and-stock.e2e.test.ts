import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, getJson, runCli, startSimulation, type Simulation } from '../helpers/cli-process';

interface Listing {
  sku: string;
  isParent: boolean;
  parentSku?: string;
  variationTheme?: string;
  fulfillment: 'MERCHANT' | 'AMAZON';
  quantity?: number;
}
interface AmazonState {
  listings: Listing[];
}
interface AllocState {
  items: { sku: string; userField1: string | null; safetyStock: number }[];
  inventory: { item: { sku: string }; warehouse: { name: string }; sellable: number }[];
  adjustments: { sku: string; quantity: number }[];
}
interface Recorded {
  method: string;
  path: string;
}

let sim: Simulation;
beforeAll(async () => {
  assertBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-items-'));
  // A faster listings plan than Amazon's default keeps 50 pages of 20 from taking ten seconds.
  sim = await startSimulation(dir, ['--orders', '0', '--listings', '1000', '--seed', '5', '--rate', 'searchListingsItems=50/50']);
  // Initial quantities are off by default, and the adjustment call unconfirmed: on here, for an account that has it.
  expect(
    (
      await fetch(`${sim.allocadence}/__sim/behaviour`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ adjustments: true }),
      })
    ).status,
  ).toBe(200);
  const config = JSON.parse(fs.readFileSync(sim.config, 'utf8')) as { sellers: Record<string, unknown>[] };
  for (const seller of config.sellers) seller.items = { importQuantities: true };
  fs.writeFileSync(sim.config, JSON.stringify(config, null, 2));
});
afterAll(() => sim.stop());

const cli = (...args: string[]) => runCli(['--config', sim.config, '--json', ...args]);
const amazon = () => getJson<AmazonState>(`${sim.amazon}/__sim/state`);
const alloc = () => getJson<AllocState>(`${sim.allocadence}/__sim/state`);
const amazonRequests = async () => (await getJson<{ requests: Recorded[] }>(`${sim.amazon}/__sim/requests`)).requests;
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function expected(a: AmazonState, w: AllocState): Map<string, number> {
  const sellable = new Map(w.inventory.filter((r) => r.warehouse.name === 'Main').map((r) => [r.item.sku, r.sellable]));
  const safety = new Map(w.items.map((i) => [i.sku, i.safetyStock]));
  return new Map(
    a.listings
      .filter((l) => !l.isParent && l.fulfillment === 'MERCHANT')
      .map((l) => [l.sku, Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0))]),
  );
}

test('pull-items, then push-stock, end to end: items created from listings, then their stock offered', async () => {
  const before = await alloc();
  const existing = new Set(before.items.map((i) => i.sku));
  const { listings } = await amazon();
  expect(listings.filter((l) => l.isParent)).toHaveLength(50);
  expect(listings.filter((l) => l.parentSku)).toHaveLength(150);

  // First pull-items: one item per child and standalone SKU, none for parents, children linked, quantities set.
  const first = await cli('pull-items');
  expect(first.code).toBe(0);
  const after = await alloc();
  const items = new Map(after.items.map((i) => [i.sku, i]));
  for (const l of listings) expect([l.sku, items.has(l.sku)]).toEqual([l.sku, !l.isParent || existing.has(l.sku)]);
  for (const l of listings.filter((x) => x.parentSku)) expect(items.get(l.sku)?.userField1).toBe(`${l.parentSku} | ${l.variationTheme}`);
  expect(after.adjustments.length).toBeGreaterThan(0);
  const summary = JSON.parse(first.stdout).runs[0];
  expect(summary.totals.created).toBe(listings.filter((l) => !l.isParent && !existing.has(l.sku)).length);
  const db = new Database(path.join(sim.dir, 'alloc-amazon.sqlite'), { readonly: true });
  expect((db.prepare('SELECT COUNT(*) AS n FROM listings WHERE is_parent = 1').get() as { n: number }).n).toBe(50);
  expect((db.prepare("SELECT COUNT(*) AS n FROM checkpoints WHERE direction = 'pull-items'").get() as { n: number }).n).toBe(1);
  db.close();

  // A second run creates nothing; 10 new listings → exactly those 10.
  expect(JSON.parse((await cli('pull-items')).stdout).runs[0].totals.created).toBeUndefined();
  const fresh = Array.from({ length: 10 }, (_, i) => ({ sku: `E2E-NEW-${i}`, title: `New ${i}`, quantity: 2 }));
  expect((await post(`${sim.amazon}/__sim/listings`, { listings: fresh })).status).toBe(201);
  const third = await cli('pull-items');
  expect(JSON.parse(third.stdout).runs[0].totals.created).toBe(10);
  expect((await alloc()).items.length).toBe(items.size + 10);

  // push-stock --full: every merchant SKU gets its quantity in one feed; FBA SKUs untouched. Amazon
  // leaves two of the quantities unapplied while its report claims them: the listings report read
  // after the feed finds them, and they are sent again by patch.
  const fbaBefore = (await amazon()).listings.filter((l) => l.fulfillment === 'AMAZON');
  const wanted = expected(await amazon(), await alloc());
  const quantityNow = new Map((await amazon()).listings.map((l) => [l.sku, l.quantity]));
  const unapplied = [...wanted.keys()].filter((sku) => wanted.get(sku) !== quantityNow.get(sku)).slice(0, 2);
  expect(unapplied).toHaveLength(2);
  expect((await post(`${sim.amazon}/__sim/unapplied-quantities`, { skus: unapplied, report: 'submitted' })).status).toBe(200);
  const full = await cli('push-stock', '--full');
  expect(full.code).toBe(0);
  expect(JSON.parse(full.stdout).runs[0].totals).toEqual({ pushed: wanted.size - 2, repushed: 2 });
  const want = expected(await amazon(), await alloc());
  const now = await amazon();
  for (const l of now.listings) if (want.has(l.sku)) expect([l.sku, l.quantity]).toEqual([l.sku, want.get(l.sku)]);
  expect(now.listings.filter((l) => l.fulfillment === 'AMAZON')).toEqual(fbaBefore);
  expect((await amazonRequests()).filter((r) => r.method === 'POST' && r.path === '/feeds/2021-06-30/feeds')).toHaveLength(1);
  expect(
    (await amazonRequests())
      .filter((r) => r.method === 'PATCH')
      .map((r) => decodeURIComponent(r.path.split('/').pop() ?? ''))
      .sort(),
  ).toEqual([...unapplied].sort());
  expect((await post(`${sim.amazon}/__sim/unapplied-quantities`, null)).status).toBe(200);

  // Nothing changed → not a single Amazon request.
  const count = (await amazonRequests()).length;
  expect((await cli('push-stock')).code).toBe(0);
  expect((await amazonRequests()).length).toBe(count);

  // 5 stock changes → 5 patches.
  const five = [...want.keys()].slice(0, 5);
  for (const sku of five) await post(`${sim.allocadence}/__sim/stock`, { sku, warehouse: 'Main', sellable: (want.get(sku) ?? 0) + 17 });
  expect((await cli('push-stock')).code).toBe(0);
  const patches = (await amazonRequests()).slice(count).filter((r) => r.method === 'PATCH');
  expect(patches.map((p) => decodeURIComponent(p.path.split('/').pop() ?? '')).sort()).toEqual([...five].sort());

  // A SKU Amazon rejects: exit 1 with Amazon's message; once fixed, a later run succeeds.
  const victim = five[0] ?? '';
  await post(`${sim.amazon}/__sim/listings/${encodeURIComponent(victim)}/reject`, { message: 'Quantity refused for this listing' });
  await post(`${sim.allocadence}/__sim/stock`, { sku: victim, warehouse: 'Main', sellable: 3 });
  const rejected = await cli('push-stock');
  expect(rejected.code).toBe(1);
  expect(JSON.parse(rejected.stdout).runs[0].failures[0]).toMatchObject({ key: victim, reason: expect.stringMatching(/Quantity refused/) });
  await post(`${sim.amazon}/__sim/listings/${encodeURIComponent(victim)}/reject`, { message: null });
  const fixed = await cli('push-stock');
  expect(fixed.code).toBe(0);
  expect(JSON.parse(fixed.stdout).runs[0].totals.pushed).toBe(1);
});

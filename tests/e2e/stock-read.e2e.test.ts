import { assertBuilt, runCli } from '../helpers/cli-process';
import { listedSkus, worldsClosedAfterEach } from '../helpers/world-run';

const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

test('the built CLI: a stock list that does not add up twice exits 3 with a plain message and pushes nothing; the next run pushes', async () => {
  // More stock rows (250 items) than one page holds; 150 of them listed on Amazon and known to the tool.
  const w = await world({ seed: 97, orders: 0, catalogSize: 250, rates: ['searchListingsItems=50/50'] });
  await listedSkus(w, 150);
  const before = w.amazon.listings().map((l) => [l.sku, l.quantity]);
  w.amazon.requests.length = 0;
  // A stock record created ahead of the reader between pages, on both reads.
  w.allocadence.inventoryQuirk('shift', 2);

  const failed = await runCli(['--config', w.configPath, 'push-stock', '--full']);
  expect(failed.code).toBe(3);
  expect(failed.stderr).toMatch(/the stock list \/inventory did not add up; reading it again/);
  expect(failed.stderr).toMatch(
    /GET \/inventory did not read as one consistent list, twice \(first: page 2 says \d+ row\(s\) on \d+ page\(s\) where page 1 said \d+/,
  );
  expect(failed.stderr).not.toMatch(/\n\s+at /);
  expect(w.amazon.requests.filter((r) => r.method !== 'GET' && r.path !== '/auth/o2/token')).toEqual([]);
  expect(w.amazon.listings().map((l) => [l.sku, l.quantity])).toEqual(before);

  const next = await runCli(['--config', w.configPath, '--json', 'push-stock', '--full']);
  expect(next.code).toBe(0);
  const sellable = new Map(w.allocadence.inventory().map((r) => [r.item.sku, r.sellable]));
  const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
  for (const l of w.amazon.listings().filter((x) => !x.isParent && x.fulfillment === 'MERCHANT')) {
    expect([l.sku, l.quantity]).toEqual([l.sku, Math.max(0, (sellable.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0))]);
  }
});

import fs from 'node:fs';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

/** Initial quantities on (off by default), for a seller of an account that has the unconfirmed adjustment call. */
const importQuantities = (c: Record<string, unknown>): void => {
  ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).items = { importQuantities: true };
};
const withAdjustments = (w: TestWorld): TestWorld => (w.allocadence.setBehaviour({ adjustments: true }), w);

const json = (
  out: string,
): { runs: { outcome: string; totals: Record<string, number>; failures: unknown[]; warnings: unknown[]; note?: string }[] } =>
  JSON.parse(out);

test('first run: one item per child and standalone SKU, none for parents, children linked, quantities imported; then idempotent', async () => {
  const w = withAdjustments(await world({ seed: 31, orders: 0, listings: 100, fakeClock: true }, importQuantities));
  const listings = w.amazon.listings();
  const parents = listings.filter((l) => l.isParent);
  const children = listings.filter((l) => l.parentSku);
  expect(parents).toHaveLength(5);
  expect(children).toHaveLength(15);
  const itemsBefore = new Set(w.allocadence.items().map((i) => i.sku));
  const stockBefore = new Map(w.allocadence.inventory().map((r) => [r.item.sku, r.sellable]));

  const first = await w.run(['--json', 'pull-items']);
  expect(first.code).toBe(0);
  const items = new Map(w.allocadence.items().map((i) => [i.sku, i]));
  for (const l of listings) {
    if (l.isParent) expect(items.has(l.sku)).toBe(itemsBefore.has(l.sku));
    else expect(items.has(l.sku)).toBe(true);
  }
  const expectedNew = listings.filter((l) => !l.isParent && !itemsBefore.has(l.sku)).length;
  expect(json(first.out).runs[0]?.totals.created).toBe(expectedNew);
  for (const c of children) expect(items.get(c.sku)?.userField1).toBe(`${c.parentSku} | ${c.variationTheme}`);

  // Initial quantities: merchant SKUs with stock on Amazon that the warehouse had no item for (one it has keeps its count, even 0).
  const adjusted = new Map(w.allocadence.adjustments().map((a) => [a.sku, a.quantity]));
  expect(
    [...stockBefore.entries()].some(
      ([sku, n]) => n === 0 && listings.some((l) => l.sku === sku && l.fulfillment === 'MERCHANT' && (l.quantity ?? 0) > 0),
    ),
  ).toBe(true);
  for (const l of listings.filter((x) => !x.isParent)) {
    const want = l.fulfillment === 'MERCHANT' && (l.quantity ?? 0) > 0 && !itemsBefore.has(l.sku);
    expect([l.sku, adjusted.get(l.sku)]).toEqual([l.sku, want ? l.quantity : undefined]);
  }

  const second = await w.run(['--json', 'pull-items']);
  expect(second.code).toBe(0);
  expect(json(second.out).runs[0]?.totals.created).toBeUndefined();
  expect(w.allocadence.items()).toHaveLength(items.size);
  expect(w.allocadence.adjustments()).toHaveLength(adjusted.size);
});

test('more listings than one search can page through (1,000): every one is read, once', async () => {
  const w = await world({ seed: 37, orders: 0, listings: 1300, fakeClock: true });
  const existing = new Set(w.allocadence.items().map((i) => i.sku));
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  const listings = w.amazon.listings();
  const summary = json(r.out).runs[0];
  expect(summary?.failures).toEqual([]);
  expect(summary?.totals.parent).toBe(listings.filter((l) => l.isParent).length);
  expect(summary?.totals.created).toBe(listings.filter((l) => !l.isParent && !existing.has(l.sku)).length);
  const searches = w.amazon.requests.filter((q) => q.path.startsWith('/listings/'));
  expect(searches.filter((q) => q.query.createdAfter).length).toBeGreaterThan(0);
});

test('later runs read new listings only, with their variations, even a child that arrives before its parent', async () => {
  const w = await world({ seed: 32, orders: 0, listings: 40 });
  expect((await w.run(['pull-items'])).code).toBe(0);
  const before = w.allocadence.items().length;
  w.amazon.addListings({
    listings: [
      ...Array.from({ length: 8 }, (_, i) => ({ sku: `NEW-${i}`, title: `New thing ${i}`, createdDate: minutesAgo(5), quantity: 3 })),
      { sku: 'LATE-PARENT-S', parentSku: 'LATE-PARENT', variationTheme: 'SIZE_NAME', createdDate: minutesAgo(5) },
    ],
  });
  const r1 = await w.run(['--json', 'pull-items']);
  expect(r1.code).toBe(0);
  expect(json(r1.out).runs[0]?.totals.created).toBe(9);
  w.amazon.addListings({
    listings: [
      { sku: 'LATE-PARENT', isParent: true, variationTheme: 'SIZE_NAME', createdDate: minutesAgo(1) },
      { sku: 'LATE-PARENT-M', parentSku: 'LATE-PARENT', variationTheme: 'SIZE_NAME', createdDate: minutesAgo(1) },
    ],
  });
  const r2 = await w.run(['--json', 'pull-items']);
  expect(json(r2.out).runs[0]?.totals).toMatchObject({ created: 1, parent: 1 });
  const items = new Map(w.allocadence.items().map((i) => [i.sku, i]));
  expect(items.size).toBe(before + 10);
  expect(items.has('LATE-PARENT')).toBe(false);
  expect(items.get('LATE-PARENT-S')?.userField1).toBe('LATE-PARENT | SIZE_NAME');
  expect(items.get('LATE-PARENT-M')?.userField1).toBe('LATE-PARENT | SIZE_NAME');
  // New listings after the first run bring no quantities: stock flows from the warehouse to Amazon from then on.
  expect(w.allocadence.adjustments().some((a) => a.sku.startsWith('NEW-'))).toBe(false);
});

test("an existing item's data is never overwritten", async () => {
  const w = await world({ seed: 33, orders: 0 });
  w.allocadence.addItems([{ sku: 'KID-1', description: 'Warehouse text' }]);
  const item = w.allocadence.items().find((i) => i.sku === 'KID-1');
  expect(item).toBeDefined();
  await fetch(`${w.allocadence.origin}/rest/items/${item?.id}`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from(`${w.env.ALLOCADENCE_API_KEY}:${w.env.ALLOCADENCE_API_SECRET}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ userField1: 'bin 7' }),
  });
  w.amazon.addListings({ listings: [{ sku: 'KID-1', parentSku: 'DAD', variationTheme: 'COLOR_NAME', createdDate: minutesAgo(10) }] });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.warnings).toEqual([{ key: 'KID-1', warning: expect.stringMatching(/keeps its userField1 "bin 7"/) }]);
  const after = w.allocadence.items().find((i) => i.sku === 'KID-1');
  expect(after).toMatchObject({ description: 'Warehouse text', userField1: 'bin 7' });
});

test('synchronizeItems false: the seller is skipped and the run says so', async () => {
  const w = await world({ seed: 34, orders: 0, listings: 20 }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).synchronizeItems = false;
  });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.note).toMatch(/synchronizeItems is false/);
  expect(w.amazon.requests).toEqual([]);
});

test('--dry-run lists what it would create and writes nothing', async () => {
  const w = await world({ seed: 35, orders: 0, listings: 20 });
  const itemsBefore = w.allocadence.items().length;
  const r = await w.run(['--dry-run', 'pull-items']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/would-create /);
  expect(w.allocadence.items()).toHaveLength(itemsBefore);
  expect(w.allocadence.requests.filter((q) => q.method !== 'GET')).toEqual([]);
});

test('a report that ends FATAL stops the run (exit 3) and moves no checkpoint', async () => {
  const w = await world({ seed: 36, orders: 0, listings: 20, fakeClock: true });
  w.amazon.nextOutcome('report', 'FATAL');
  const r = await w.run(['pull-items']);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/ended FATAL/);
  expect((await w.run(['--json', 'status'])).out).toMatch(/"checkpoints":\[\]/);
  const again = await w.run(['pull-items']);
  expect(again.code).toBe(0);
});

test('a first run that retries a SKU an earlier, stopped try failed still imports its quantity', async () => {
  const w = withAdjustments(await world({ seed: 38, orders: 0, listings: 30, fakeClock: true }, importQuantities));
  const stock = new Map(w.allocadence.inventory().map((r) => [r.item.sku, r.sellable]));
  const listing = w.amazon
    .listings()
    .find((l) => l.fulfillment === 'MERCHANT' && !l.isParent && (l.quantity ?? 0) > 0 && !stock.has(l.sku));
  expect(listing).toBeDefined();
  // The earlier try failed this SKU and then stopped: no checkpoint, the SKU waits in the retry queue.
  const { createState, openState } = await import('../../../src/state');
  const state = createState(openState(w.stateFile), { pid: 1, host: 'h', isAlive: () => false, staleAfterMs: 60_000 });
  state.retries.fail(
    { seller: 'sim-us', marketplace: 'ATVPDKIKX0DER', direction: 'pull-items' },
    listing?.sku ?? '',
    'allocadence createItem: HTTP 400',
    new Date().toISOString(),
  );
  state.db.close();

  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(
    w.allocadence
      .adjustments()
      .filter((a) => a.sku === listing?.sku)
      .map((a) => a.quantity),
  ).toEqual([listing?.quantity]);
});

test("a lost state file never turns Amazon's quantity into stock for an item the warehouse has, even at 0", async () => {
  const w = withAdjustments(await world({ seed: 39, orders: 0, fakeClock: true }, importQuantities));
  w.amazon.addListings({ listings: [{ sku: 'GHOST-1', quantity: 7 }] });
  expect((await w.run(['pull-items'])).code).toBe(0);
  const adjusted = (): number[] =>
    w.allocadence
      .adjustments()
      .filter((a) => a.sku === 'GHOST-1')
      .map((a) => a.quantity);
  expect(adjusted()).toEqual([7]);
  // The warehouse sells every unit; Amazon still lists 7 (push-stock has not run since). Then the state file is lost.
  w.allocadence.setStock('GHOST-1', 'Main', 0);
  for (const f of [w.stateFile, `${w.stateFile}-wal`, `${w.stateFile}-shm`]) fs.rmSync(f, { force: true });
  const r = await w.run(['--json', 'pull-items']);
  expect(r.code).toBe(0);
  expect(json(r.out).runs[0]?.totals).toEqual({ 'item-exists': 1 });
  expect(adjusted()).toEqual([7]);
  expect(w.allocadence.inventory().find((x) => x.item.sku === 'GHOST-1' && x.warehouse.name === 'Main')?.sellable).toBe(0);
});

import { buildCatalog } from '../../src/simulator/catalog';
import { seedListings, type SimListing } from '../../src/simulator/amazon';
import { T0, at, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';
import { US, useListingsSim } from '../helpers/listings-search';

const { amazon, post } = useListingsSim();

describe('addListings', () => {
  test('fills in catalogue data and defaults; the state view shows every field', async () => {
    const product = defined(buildCatalog(1)[2]);
    const res = await post('/__sim/listings', { listings: [{ sku: product.sku, quantity: 4 }, { sku: 'OWN-1' }] });
    expect(res.status).toBe(201);
    const [fromCatalogue, own] = res.body.listings as SimListing[];
    expect(fromCatalogue).toEqual({
      sellerId: 'A1SELLER',
      sku: product.sku,
      asin: product.asin,
      productType: 'HOME',
      itemName: product.title,
      marketplaceId: US,
      createdDate: '2026-03-02T12:00:00Z',
      lastUpdatedDate: '2026-03-02T12:00:00Z',
      status: ['BUYABLE', 'DISCOVERABLE'],
      fulfillment: 'MERCHANT',
      quantity: 4,
      price: product.price.toFixed(2),
      childSkus: [],
      isParent: false,
    });
    expect(own).toMatchObject({
      sku: 'OWN-1',
      asin: expect.stringMatching(/^B0[0-9A-Z]{8}$/),
      itemName: 'Listing OWN-1',
      quantity: 0,
      price: '19.99',
    });
    const state = (await (await fetch(`${amazon.sim.origin}/__sim/state`)).json()) as Json;
    expect(state.listings).toEqual(amazon.sim.listings());
    expect(amazon.sim.requests.filter((r) => r.path !== '/auth/o2/token')).toEqual([]);
  });

  test('a child may come before its parent; childSkus and the theme are derived', () => {
    amazon.sim.addListings({ listings: [{ sku: 'P-1-RED', parentSku: 'P-1', quantity: 2 }] });
    amazon.sim.addListings({
      listings: [
        { sku: 'P-1', isParent: true, variationTheme: 'COLOR_NAME', productType: 'SHIRT' },
        { sku: 'P-1-BLUE', parentSku: 'P-1' },
      ],
    });
    const bySku = new Map(amazon.sim.listings().map((l) => [l.sku, l]));
    expect(bySku.get('P-1')).toMatchObject({
      isParent: true,
      status: ['DISCOVERABLE'],
      childSkus: ['P-1-RED', 'P-1-BLUE'],
      variationTheme: 'COLOR_NAME',
    });
    expect(bySku.get('P-1')).not.toHaveProperty('quantity');
    expect(bySku.get('P-1')).not.toHaveProperty('price');
    expect(bySku.get('P-1-RED')).toMatchObject({
      parentSku: 'P-1',
      variationTheme: 'COLOR_NAME',
      quantity: 2,
      status: ['BUYABLE', 'DISCOVERABLE'],
    });
  });

  test.each<[string, unknown, RegExp]>([
    ['no listings', { listings: [] }, /listings/],
    ['a parent with a quantity', { listings: [{ sku: 'P', isParent: true, quantity: 1 }] }, /parent is not buyable/],
    [
      'an FBA listing with a quantity',
      { listings: [{ sku: 'F', fulfillment: 'AMAZON', quantity: 1 }] },
      /Amazon-fulfilled listings have no merchant quantity/,
    ],
    ['a tab in a title', { listings: [{ sku: 'T', title: 'a\tb' }] }, /title must not contain a tab/],
    ['a line break in a title', { listings: [{ sku: 'T', title: 'a\nb' }] }, /title must not contain a tab or a line break/],
    ['a duplicate in the batch', { listings: [{ sku: 'D' }, { sku: 'D' }] }, /D is already listed/],
    ['a parent that is not one', { listings: [{ sku: 'K', parentSku: 'S' }, { sku: 'S' }] }, /parentSku S is not a parent listing/],
    ['its own parent', { listings: [{ sku: 'K', parentSku: 'K' }] }, /its own parent/],
    ['an unknown seller', { sellerId: 'NOPE', listings: [{ sku: 'A' }] }, /no simulated seller NOPE/],
    ['a foreign marketplace', { marketplaceId: 'A1F83G8C2ARO7P', listings: [{ sku: 'A' }] }, /does not sell in A1F83G8C2ARO7P/],
    ['updated before created', { listings: [{ sku: 'A', createdDate: at(10), lastUpdatedDate: at(20) }] }, /before createdDate/],
    ['an unknown field', { listings: [{ sku: 'A', colour: 'red' }] }, /colour/],
    ['a bad theme', { listings: [{ sku: 'A', isParent: true, variationTheme: 'color' }] }, /COLOR_NAME\/SIZE_NAME/],
  ])('%s is 400 with a clear message, and nothing is added', async (_name, body, message) => {
    const res = await post('/__sim/listings', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(message);
    expect(amazon.sim.listings()).toEqual([]);
  });

  test('an existing non-parent cannot be named as a parent later', () => {
    amazon.sim.addListings({ listings: [{ sku: 'PLAIN' }] });
    expect(() => amazon.sim.addListings({ listings: [{ sku: 'KID', parentSku: 'PLAIN' }] })).toThrow(/PLAIN is not a parent listing/);
  });
});

describe('seedListings', () => {
  const catalogue = buildCatalog(1).map((p) => p.sku);
  const options = { count: 300, parents: 10, childrenPerParent: 4, fba: 30, seed: 9, now: T0, skus: catalogue };

  test('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [await startAmazonSim(), await startAmazonSim(), await startAmazonSim()];
    try {
      const first = seedListings(a.sim, options);
      expect(seedListings(b.sim, options)).toEqual(first);
      expect(seedListings(c.sim, { ...options, seed: 10 })).not.toEqual(first);
      expect(a.sim.listings()).toEqual(first);
    } finally {
      await Promise.all([a.sim.close(), b.sim.close(), c.sim.close()]);
    }
  });

  test('makes the asked mix: catalogue SKUs first, families, FBA among the standalone SKUs, all settled', () => {
    const all = seedListings(amazon.sim, options);
    expect(all).toHaveLength(300);
    const parents = all.filter((l) => l.isParent);
    const children = all.filter((l) => l.parentSku);
    const standalone = all.filter((l) => !l.isParent && !l.parentSku);
    expect(parents).toHaveLength(10);
    expect(children).toHaveLength(40);
    expect(standalone.filter((l) => l.fulfillment === 'AMAZON')).toHaveLength(30);
    expect(standalone.slice(0, catalogue.length).map((l) => l.sku)).toEqual(catalogue);
    expect(standalone[catalogue.length]?.sku).toBe('LST-00001');
    for (const p of parents) {
      expect(p.sku).toMatch(/^PAR-\d{4}$/);
      expect(p.childSkus).toHaveLength(4);
      expect(p.variationTheme).toBe('COLOR_NAME/SIZE_NAME');
    }
    for (const c of children) {
      expect(c.sku).toMatch(new RegExp(`^${c.parentSku}-[A-Z]+-X{0,2}[SML]$`));
      expect(Date.parse(c.createdDate)).toBeGreaterThanOrEqual(Date.parse(defined(all.find((l) => l.sku === c.parentSku)).createdDate));
      expect(c).toMatchObject({ fulfillment: 'MERCHANT', variationTheme: 'COLOR_NAME/SIZE_NAME', quantity: expect.any(Number) });
    }
    expect(children.map((c) => c.sku)).toContain('PAR-0001-RED-M');
    for (const l of all) {
      expect(Date.parse(l.createdDate)).toBeGreaterThanOrEqual(T0 - 60 * 86_400_000);
      expect(Date.parse(l.lastUpdatedDate)).toBeLessThanOrEqual(T0 - 2 * 60_000);
      expect(Date.parse(l.lastUpdatedDate)).toBeGreaterThanOrEqual(Date.parse(l.createdDate));
    }
    expect(new Set(all.map((l) => l.asin)).size).toBe(300);
    // Names a report parser must survive: non-ASCII, a double quote, a comma.
    const names = all.map((l) => l.itemName).join('\n');
    expect(names).toMatch(/[éüö]/);
    expect(names).toMatch(/"/);
    expect(names).toMatch(/,/);
  });

  test('refuses counts that do not add up', () => {
    expect(() => seedListings(amazon.sim, { ...options, count: 20 })).toThrow(/more than count 20/);
    expect(() => seedListings(amazon.sim, { ...options, fba: 300 })).toThrow(/fba 300 is more than/);
  });
});

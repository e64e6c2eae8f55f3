import { at, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';
import { CA, listing, skus, US, useListingsSim } from '../helpers/listings-search';

const { amazon, search } = useListingsSim();

describe('searchListingsItems parameter rules', () => {
  test.each<[string, Record<string, string>, RegExp]>([
    ['no marketplaceIds', { marketplaceIds: '' }, /marketplaceIds/],
    ['a foreign marketplace', { marketplaceIds: 'A1F83G8C2ARO7P' }, /does not sell in A1F83G8C2ARO7P/],
    ['an unknown includedData', { includedData: 'summaries,images' }, /includedData has invalid value\(s\) images/],
    ['pageSize 0', { pageSize: '0' }, /pageSize must be an integer from 1 to 20/],
    ['pageSize 21', { pageSize: '21' }, /from 1 to 20/],
    ['identifiers alone', { identifiers: 'A' }, /identifiers and identifiersType must be given together/],
    ['identifiersType alone', { identifiersType: 'SKU' }, /together/],
    ['an unknown identifiersType', { identifiers: 'A', identifiersType: 'EAN13' }, /identifiersType 'EAN13'/],
    ['21 identifiers', { identifiers: Array.from({ length: 21 }, (_, i) => `S${i}`).join(','), identifiersType: 'SKU' }, /at most 20/],
    [
      'identifiers with variationParentSku',
      { identifiers: 'A', identifiersType: 'SKU', variationParentSku: 'P' },
      /identifiers and variationParentSku cannot be used together/,
    ],
    ['an unknown sortBy', { sortBy: 'price' }, /sortBy 'price' is not one of sku, createdDate, lastUpdatedDate/],
    ['a lower-case sortOrder', { sortOrder: 'asc' }, /sortOrder 'asc'/],
    ['createdBefore before createdAfter', { createdAfter: at(10), createdBefore: at(20) }, /createdBefore must not be before createdAfter/],
    ['a non-ISO date', { lastUpdatedAfter: '2026-03-01' }, /lastUpdatedAfter '2026-03-01' is not an ISO 8601/],
    ['an unknown withStatus', { withStatus: 'ACTIVE' }, /withStatus has invalid value\(s\) ACTIVE/],
    ['a garbage pageToken', { pageToken: 'abc' }, /pageToken is not valid/],
    ['axios-style brackets', { 'includedData[]': 'summaries' }, /comma-separated/],
  ])('%s is 400 InvalidInput', async (_name, params, message) => {
    const query = { marketplaceIds: US, ...params };
    if (query.marketplaceIds === '') delete (query as Record<string, string>).marketplaceIds;
    const { status, body, headers } = await amazon.get('/listings/2021-08-01/items/A1SELLER', query);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ code: 'InvalidInput', message: expect.stringMatching(message) }]);
    expect(headers.get('x-amzn-ratelimit-limit')).toBe('100');
  });

  test("another seller's id in the path is 403 Unauthorized; each seller sees only its own listings", async () => {
    amazon.sim.addListings({ listings: [listing('MINE', 10)] });
    amazon.sim.addListings({ sellerId: 'A2SELLER', listings: [listing('THEIRS', 10)] });
    const denied = await amazon.get('/listings/2021-08-01/items/A2SELLER', { marketplaceIds: US });
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0]).toMatchObject({ code: 'Unauthorized', message: 'Access to requested resource is denied.' });
    expect(skus((await search()).body)).toEqual(['MINE']);
    expect(skus((await search({}, 'A2SELLER')).body)).toEqual(['THEIRS']);
  });
});

describe('searchListingsItems results', () => {
  test('defaults: summaries only, newest update first, 10 per page, numberOfResults counts all', async () => {
    amazon.sim.addListings({ listings: Array.from({ length: 12 }, (_, i) => listing(`S-${String(i).padStart(2, '0')}`, 100 - i)) });
    const { status, body } = await search();
    expect(status).toBe(200);
    expect(body.numberOfResults).toBe(12);
    expect(skus(body)).toEqual(['S-11', 'S-10', 'S-09', 'S-08', 'S-07', 'S-06', 'S-05', 'S-04', 'S-03', 'S-02']);
    expect(Object.keys(body.items[0])).toEqual(['sku', 'summaries']);
    expect(body.items[0].summaries).toEqual([
      {
        marketplaceId: US,
        asin: expect.any(String),
        productType: 'HOME',
        conditionType: 'new_new',
        status: ['BUYABLE', 'DISCOVERABLE'],
        itemName: 'Listing S-11',
        createdDate: at(89),
        lastUpdatedDate: at(89),
      },
    ]);
    expect(body.pagination).toEqual({ nextToken: expect.any(String) });
  });

  test('sorts by sku or createdDate either way; equal dates fall back to the SKU', async () => {
    amazon.sim.addListings({ listings: [listing('B', 30), listing('A', 30), listing('C', 40, { lastUpdatedDate: at(5) })] });
    expect(skus((await search({ sortBy: 'sku', sortOrder: 'ASC' })).body)).toEqual(['A', 'B', 'C']);
    expect(skus((await search({ sortBy: 'sku' })).body)).toEqual(['C', 'B', 'A']);
    expect(skus((await search({ sortBy: 'createdDate', sortOrder: 'ASC' })).body)).toEqual(['C', 'A', 'B']);
    expect(skus((await search({ sortBy: 'createdDate', sortOrder: 'DESC' })).body)).toEqual(['B', 'A', 'C']);
    expect(skus((await search()).body)).toEqual(['C', 'B', 'A']);
  });

  test('pages forward with nextToken and back with previousToken; the filters must repeat', async () => {
    amazon.sim.addListings({ listings: Array.from({ length: 25 }, (_, i) => listing(`P-${String(i).padStart(2, '0')}`, 500 - i)) });
    const base = { sortBy: 'createdDate', sortOrder: 'ASC', pageSize: '7' };
    const pages: string[][] = [];
    const tokens: Json[] = [];
    let next: string | undefined;
    do {
      const { body } = await search(next ? { ...base, pageToken: next } : base);
      expect(body.numberOfResults).toBe(25);
      pages.push(skus(body));
      tokens.push(body.pagination ?? {});
      next = body.pagination?.nextToken;
    } while (next);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 4]);
    expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `P-${String(i).padStart(2, '0')}`));
    expect(defined(tokens[0]).previousToken).toBeUndefined();
    // From the third page, previousToken gives the second page back, with both tokens again.
    const back = await search({ ...base, pageToken: defined(tokens[2]).previousToken });
    expect(skus(back.body)).toEqual(pages[1]);
    expect(back.body.pagination).toEqual({ nextToken: expect.any(String), previousToken: expect.any(String) });
    expect(skus((await search({ ...base, pageToken: back.body.pagination.previousToken })).body)).toEqual(pages[0]);
    // pageSize and includedData may change between pages; filters may not.
    expect(
      skus((await search({ ...base, pageSize: '2', includedData: 'productTypes', pageToken: defined(tokens[0]).nextToken })).body),
    ).toEqual(['P-07', 'P-08']);
    const changed = await search({ ...base, sortOrder: 'DESC', pageToken: defined(tokens[0]).nextToken });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0].message).toMatch(/different: sortOrder/);
    const otherSeller = await search({ ...base, pageToken: defined(tokens[0]).nextToken }, 'A2SELLER');
    expect(otherSeller.body.errors[0].message).toMatch(/pageToken is not valid/);
  });

  test('filters: dates (inclusive), identifiers, variation parent, status and marketplace', async () => {
    amazon.sim.addListings({
      listings: [
        listing('OLD', 300),
        listing('MID', 200, { lastUpdatedDate: at(20) }),
        listing('NEW', 100, { asin: 'B0TESTASIN' }),
        listing('FAM', 250, { isParent: true, variationTheme: 'SIZE_NAME' }),
        listing('FAM-S', 250, { parentSku: 'FAM' }),
        listing('FAM-M', 240, { parentSku: 'FAM' }),
      ],
    });
    amazon.sim.addListings({ marketplaceId: CA, listings: [listing('CANADA', 100)] });
    const sorted = (p: Record<string, string>) => search({ sortBy: 'sku', sortOrder: 'ASC', ...p }).then((r) => skus(r.body));
    expect(await sorted({ createdAfter: at(250), createdBefore: at(200) })).toEqual(['FAM', 'FAM-M', 'FAM-S', 'MID']);
    expect(await sorted({ lastUpdatedAfter: at(100) })).toEqual(['MID', 'NEW']);
    expect(await sorted({ identifiers: 'NEW,OLD,NONE', identifiersType: 'SKU' })).toEqual(['NEW', 'OLD']);
    expect(await sorted({ identifiers: 'B0TESTASIN', identifiersType: 'ASIN' })).toEqual(['NEW']);
    expect(await sorted({ identifiers: '0123456789012', identifiersType: 'EAN' })).toEqual([]);
    expect(await sorted({ variationParentSku: 'FAM' })).toEqual(['FAM-M', 'FAM-S']);
    expect(await sorted({ withoutStatus: 'BUYABLE' })).toEqual(['FAM']);
    expect(await sorted({ withStatus: 'BUYABLE' })).toEqual(['FAM-M', 'FAM-S', 'MID', 'NEW', 'OLD']);
    expect(await sorted({ marketplaceIds: CA })).toEqual(['CANADA']);
    expect(await sorted({ marketplaceIds: `${US},${CA}`, identifiers: 'CANADA,OLD', identifiersType: 'SKU' })).toEqual(['CANADA', 'OLD']);
    expect((await search({ identifiers: 'NEW,OLD', identifiersType: 'SKU' })).body.numberOfResults).toBe(2);
  });

  test('every dataset, for a merchant SKU, an FBA SKU, a parent and a child; relationships both ways', async () => {
    amazon.sim.addListings({
      listings: [
        listing('MFN', 30, { quantity: 7, price: '12.50', productType: 'LUGGAGE' }),
        listing('AFN', 30, { fulfillment: 'AMAZON' }),
        listing('TEE', 30, { isParent: true, variationTheme: 'COLOR_NAME/SIZE_NAME', productType: 'SHIRT' }),
        listing('TEE-RED-M', 30, { parentSku: 'TEE', productType: 'SHIRT', quantity: 3 }),
      ],
    });
    const { body } = await search({
      includedData: 'summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes',
      sortBy: 'sku',
      sortOrder: 'ASC',
    });
    const item = new Map<string, Json>(body.items.map((i: Json) => [i.sku, i]));
    expect(item.get('MFN')).toMatchObject({
      offers: [{ marketplaceId: US, offerType: 'B2C', price: { currencyCode: 'USD', amount: '12.50' } }],
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 7 }],
      relationships: [{ marketplaceId: US, relationships: [] }],
      productTypes: [{ marketplaceId: US, productType: 'LUGGAGE' }],
      issues: [],
      procurement: [],
      attributes: {
        fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }],
        item_name: [{ value: 'Listing MFN', marketplace_id: US }],
      },
    });
    expect(item.get('AFN')?.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'AMAZON_NA' }]);
    expect(defined(item.get('AFN')).attributes.fulfillment_availability).toBeUndefined();
    const theme = { attributes: ['color', 'size'], theme: 'COLOR_NAME/SIZE_NAME' };
    expect(item.get('TEE')).toMatchObject({
      summaries: [{ status: ['DISCOVERABLE'] }],
      offers: [],
      fulfillmentAvailability: [],
      relationships: [{ marketplaceId: US, relationships: [{ type: 'VARIATION', childSkus: ['TEE-RED-M'], variationTheme: theme }] }],
      attributes: { parentage_level: [{ value: 'parent', marketplace_id: US }] },
    });
    expect(item.get('TEE-RED-M')).toMatchObject({
      relationships: [{ marketplaceId: US, relationships: [{ type: 'VARIATION', parentSkus: ['TEE'], variationTheme: theme }] }],
      attributes: { child_parent_sku_relationship: [{ child_relationship_type: 'variation', parent_sku: 'TEE', marketplace_id: US }] },
    });
  });

  test('at most 1000 results can be paged through, as the model says; numberOfResults still counts all', async () => {
    amazon.sim.addListings({ listings: Array.from({ length: 1030 }, (_, i) => listing(`M-${String(i).padStart(4, '0')}`, 2000 - i)) });
    let served = 0;
    let next: string | undefined;
    let calls = 0;
    do {
      const { body } = await search({ pageSize: '20', sortBy: 'sku', sortOrder: 'ASC', ...(next ? { pageToken: next } : {}) });
      expect(body.numberOfResults).toBe(1030);
      served += (body.items as unknown[]).length;
      next = body.pagination?.nextToken;
      calls++;
    } while (next);
    expect(served).toBe(1000);
    expect(calls).toBe(50);
  });
});

describe('getListingsItem', () => {
  test('returns one listing with the asked datasets; unknown or elsewhere is 404', async () => {
    amazon.sim.addListings({ listings: [listing('ONE', 30, { quantity: 2 })] });
    amazon.sim.addListings({ marketplaceId: CA, listings: [listing('CAN', 30)] });
    const { status, body, headers } = await amazon.get('/listings/2021-08-01/items/A1SELLER/ONE', {
      marketplaceIds: US,
      includedData: 'fulfillmentAvailability,productTypes',
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      sku: 'ONE',
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 2 }],
      productTypes: [{ marketplaceId: US, productType: 'HOME' }],
    });
    expect(headers.get('x-amzn-ratelimit-limit')).toBe('100');
    expect(Object.keys((await amazon.get('/listings/2021-08-01/items/A1SELLER/ONE', { marketplaceIds: US })).body)).toEqual([
      'sku',
      'summaries',
    ]);
    for (const [sku, market] of [
      ['NOPE', US],
      ['CAN', US],
    ]) {
      const missing = await amazon.get(`/listings/2021-08-01/items/A1SELLER/${sku}`, { marketplaceIds: market as string });
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0]).toMatchObject({ code: 'NotFound', message: expect.stringContaining(`'${sku}'`) });
    }
    expect((await amazon.get('/listings/2021-08-01/items/A1SELLER/ONE', {})).status).toBe(400);
    expect((await amazon.get('/listings/2021-08-01/items/A2SELLER/ONE', { marketplaceIds: US })).status).toBe(403);
  });

  test('SKUs with reserved characters work when URI-encoded', async () => {
    amazon.sim.addListings({ listings: [listing('A/B C#1', 30)] });
    const { status, body } = await amazon.get(`/listings/2021-08-01/items/A1SELLER/${encodeURIComponent('A/B C#1')}`, {
      marketplaceIds: US,
    });
    expect(status).toBe(200);
    expect(body.sku).toBe('A/B C#1');
  });
});

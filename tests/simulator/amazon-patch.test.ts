import { T0, at, useAmazonSim, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';

const US = 'ATVPDKIKX0DER';
const amazon = useAmazonSim({ rates: { patchListingsItem: { rate: 100, burst: 1000 }, getListingsItem: { rate: 100, burst: 1000 } } });

const availability = (quantity: unknown, channel = 'DEFAULT', op = 'merge') => ({
  op,
  path: '/attributes/fulfillment_availability',
  value: [{ fulfillment_channel_code: channel, quantity }],
});

function patch(sku: string, body: unknown, params: Record<string, string> = {}, sellerId = 'A1SELLER') {
  return amazon.call('PATCH', `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(sku)}`, {
    params: { marketplaceIds: US, ...params },
    body,
  });
}

const quantityOf = (sku: string): number | undefined => amazon.sim.listings().find((l) => l.sku === sku)?.quantity;

beforeEach(() => {
  amazon.sim.addListings({
    listings: [
      { sku: 'MFN', productType: 'LUGGAGE', quantity: 5, createdDate: at(600) },
      { sku: 'AFN', productType: 'LUGGAGE', fulfillment: 'AMAZON', createdDate: at(600) },
      { sku: 'PARENT', productType: 'LUGGAGE', isParent: true, variationTheme: 'SIZE_NAME', createdDate: at(600) },
    ],
  });
});

describe('patchListingsItem: malformed requests are 400', () => {
  test.each<[string, unknown, Record<string, string>, RegExp]>([
    ['no body', undefined, {}, /body must be a JSON object/],
    ['no productType', { patches: [availability(1)] }, {}, /productType: is required/],
    ['no patches', { productType: 'LUGGAGE' }, {}, /patches: must be an array/],
    ['empty patches', { productType: 'LUGGAGE', patches: [] }, {}, /at least 1 patch operation/],
    [
      'an unknown op',
      { productType: 'LUGGAGE', patches: [{ ...availability(1), op: 'set' }] },
      {},
      /patches\[0\]\.op: "set" is not one of add, replace, merge, delete/,
    ],
    ['no path', { productType: 'LUGGAGE', patches: [{ op: 'merge', value: [] }] }, {}, /patches\[0\]\.path: is required/],
    [
      'a value that is no array',
      { productType: 'LUGGAGE', patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: { quantity: 1 } }] },
      {},
      /value: must be an array of objects/,
    ],
    ['no marketplaceIds', { productType: 'LUGGAGE', patches: [availability(1)] }, { marketplaceIds: '' }, /marketplaceIds is required/],
    ['an unknown mode', { productType: 'LUGGAGE', patches: [availability(1)] }, { mode: 'DRY_RUN' }, /mode 'DRY_RUN'/],
    [
      'an includedData of another operation',
      { productType: 'LUGGAGE', patches: [availability(1)] },
      { includedData: 'summaries' },
      /includedData has invalid value\(s\) summaries/,
    ],
  ])('%s', async (_name, body, params, message) => {
    const query = { ...params };
    const res = await amazon.call('PATCH', '/listings/2021-08-01/items/A1SELLER/MFN', {
      params: query.marketplaceIds === '' ? {} : { marketplaceIds: US, ...query },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ code: 'InvalidInput', message: expect.stringMatching(message) });
    expect(quantityOf('MFN')).toBe(5);
  });

  test("another seller's id in the path is 403", async () => {
    expect((await patch('MFN', { productType: 'LUGGAGE', patches: [availability(1)] }, {}, 'A2SELLER')).status).toBe(403);
  });
});

describe('patchListingsItem: well-formed requests Amazon cannot apply are 200 INVALID with issues', () => {
  test.each<[string, string, unknown, { code: string; message: RegExp }]>([
    [
      'an unknown SKU',
      'NOPE',
      { productType: 'LUGGAGE', patches: [availability(1)] },
      { code: 'SKU_NOT_FOUND', message: /SKU 'NOPE' is not listed/ },
    ],
    [
      'another product type',
      'MFN',
      { productType: 'HOME', patches: [availability(1)] },
      { code: 'PRODUCT_TYPE_MISMATCH', message: /'HOME' does not match the listing's product type 'LUGGAGE'/ },
    ],
    [
      'a negative quantity',
      'MFN',
      { productType: 'LUGGAGE', patches: [availability(-1)] },
      { code: 'INVALID_QUANTITY', message: /whole number of 0 or more, not -1/ },
    ],
    [
      'a fractional quantity',
      'MFN',
      { productType: 'LUGGAGE', patches: [availability(1.5)] },
      { code: 'INVALID_QUANTITY', message: /not 1\.5/ },
    ],
    [
      'a quantity as text',
      'MFN',
      { productType: 'LUGGAGE', patches: [availability('5')] },
      { code: 'INVALID_QUANTITY', message: /not "5"/ },
    ],
    [
      'a missing quantity',
      'MFN',
      {
        productType: 'LUGGAGE',
        patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT' }] }],
      },
      { code: 'INVALID_QUANTITY', message: /not nothing/ },
    ],
    [
      'a DEFAULT quantity on an FBA SKU',
      'AFN',
      { productType: 'LUGGAGE', patches: [availability(3)] },
      { code: 'FULFILLMENT_CHANNEL_MISMATCH', message: /fulfilled by Amazon \(AMAZON_NA\)/ },
    ],
    [
      'a quantity on a parent',
      'PARENT',
      { productType: 'LUGGAGE', patches: [availability(3)] },
      { code: 'PARENT_NOT_BUYABLE', message: /variation parent/ },
    ],
    [
      'a nested path',
      'MFN',
      { productType: 'LUGGAGE', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability/0/quantity', value: [{ v: 1 }] }] },
      { code: 'INVALID_PATH', message: /may only target one top-level attribute/ },
    ],
    [
      'an unknown channel',
      'MFN',
      { productType: 'LUGGAGE', patches: [availability(3, 'AMAZON_EU')] },
      { code: 'INVALID_VALUE', message: /'AMAZON_EU' is not a fulfillment channel code/ },
    ],
    [
      'a merge without value',
      'MFN',
      { productType: 'LUGGAGE', patches: [{ op: 'merge', path: '/attributes/fulfillment_availability' }] },
      { code: 'MISSING_VALUE', message: /needs a value/ },
    ],
  ])('%s', async (_name, sku, body, issue) => {
    const res = await patch(sku, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sku,
      status: 'INVALID',
      submissionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      issues: [
        expect.objectContaining({
          code: issue.code,
          message: expect.stringMatching(issue.message),
          severity: 'ERROR',
          categories: expect.any(Array),
        }),
      ],
    });
    expect(quantityOf('MFN')).toBe(5);
  });
});

describe('patchListingsItem: accepted changes', () => {
  test('merge and replace set the merchant quantity at once and move lastUpdatedDate to now', async () => {
    const merged = await patch('MFN', { productType: 'LUGGAGE', patches: [availability(42)] });
    expect(merged.body).toEqual({ sku: 'MFN', status: 'ACCEPTED', submissionId: expect.any(String), issues: [] });
    expect(merged.headers.get('x-amzn-ratelimit-limit')).toBe('100');
    expect(quantityOf('MFN')).toBe(42);
    amazon.clock.advance(60_000);
    await patch('MFN', { productType: 'LUGGAGE', patches: [availability(0, 'DEFAULT', 'replace')] });
    const item = await amazon.get('/listings/2021-08-01/items/A1SELLER/MFN', {
      marketplaceIds: US,
      includedData: 'summaries,fulfillmentAvailability',
    });
    expect(item.body.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 0 }]);
    expect(item.body.summaries[0].lastUpdatedDate).toBe(new Date(T0 + 60_000).toISOString().replace('.000Z', 'Z'));
  });

  test("naming an FBA SKU's own Amazon channel, or another attribute, is accepted and changes no quantity", async () => {
    expect(
      (
        await patch('AFN', {
          productType: 'LUGGAGE',
          patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'AMAZON_NA' }] }],
        })
      ).body.status,
    ).toBe('ACCEPTED');
    expect(
      (
        await patch('MFN', {
          productType: 'LUGGAGE',
          patches: [{ op: 'replace', path: '/attributes/item_name', value: [{ value: 'New name' }] }],
        })
      ).body.status,
    ).toBe('ACCEPTED');
    expect(quantityOf('AFN')).toBeUndefined();
    expect(quantityOf('MFN')).toBe(5);
  });

  test('VALIDATION_PREVIEW validates only; identifiers come back only in that mode', async () => {
    const preview = await patch(
      'MFN',
      { productType: 'LUGGAGE', patches: [availability(9)] },
      { mode: 'VALIDATION_PREVIEW', includedData: 'identifiers,issues' },
    );
    const asin = defined(amazon.sim.listings().find((l) => l.sku === 'MFN')).asin;
    expect(preview.body).toEqual({
      sku: 'MFN',
      status: 'VALID',
      submissionId: expect.any(String),
      issues: [],
      identifiers: [{ marketplaceId: US, asin }],
    });
    expect(quantityOf('MFN')).toBe(5);
    const invalid = await patch('MFN', { productType: 'LUGGAGE', patches: [availability(-9)] }, { mode: 'VALIDATION_PREVIEW' });
    expect(invalid.body.status).toBe('INVALID');
    const live = await patch('MFN', { productType: 'LUGGAGE', patches: [availability(9)] }, { includedData: 'identifiers' });
    expect(live.body).toEqual({ sku: 'MFN', status: 'ACCEPTED', submissionId: expect.any(String) });
  });

  test('a rejected SKU is INVALID with the set message until cleared (admin route and API)', async () => {
    const set = await fetch(`${amazon.sim.origin}/__sim/listings/MFN/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Listing is under review' }),
    });
    expect(set.status).toBe(200);
    const refused = await patch('MFN', { productType: 'LUGGAGE', patches: [availability(1)] });
    expect(refused.body.status).toBe('INVALID');
    expect(refused.body.issues).toEqual([{ code: 'REJECTED', message: 'Listing is under review', severity: 'ERROR', categories: [] }]);
    amazon.sim.rejectSku('MFN', null);
    expect((await patch('MFN', { productType: 'LUGGAGE', patches: [availability(1)] })).body.status).toBe('ACCEPTED');
    const bad = await fetch(`${amazon.sim.origin}/__sim/listings/MFN/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ why: 1 }),
    });
    expect(bad.status).toBe(400);
  });

  test('submission ids are unique and come from the seed', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++)
      ids.add((await patch('MFN', { productType: 'LUGGAGE', patches: [availability(i)] })).body.submissionId as string);
    expect(ids.size).toBe(5);
    const state = (await (await fetch(`${amazon.sim.origin}/__sim/state`)).json()) as Json;
    expect(state.listings.find((l: Json) => l.sku === 'MFN').quantity).toBe(4);
  });
});

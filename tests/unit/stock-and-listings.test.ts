import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { buildQuantityFeed, readProcessingReport } from '../../src/amazon/listings-feed';
import { parseListingsReport } from '../../src/amazon/listings-report';
import { toPulledListing } from '../../src/commands/pull-items/listing';
import { offeredQuantity } from '../../src/commands/push-stock';
import { haveModels, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';

const HEADER = 'item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tasin1\tfulfillment-channel\tstatus';

describe('listings report', () => {
  test('merchant, FBA and parent rows; quotes and commas are plain characters', () => {
    const text = [
      HEADER,
      'Mug "Blue", large\t\t1\tSKU-1\t12.50\t7\t2026-01-01\tB0A\tDEFAULT\tActive',
      'Lamp\t\t2\tSKU-2\t9\t\t2026-01-01\tB0B\tAMAZON_NA\tActive',
      'Shirt (parent)\t\t3\tPAR-1\t\t\t2026-01-01\tB0C\tDEFAULT\tActive',
      '',
    ].join('\n');
    const rows = parseListingsReport(`\uFEFF${text}`);
    expect([...rows.keys()]).toEqual(['SKU-1', 'SKU-2', 'PAR-1']);
    expect(rows.get('SKU-1')).toEqual({
      sku: 'SKU-1',
      title: 'Mug "Blue", large',
      asin: 'B0A',
      quantity: 7,
      price: 12.5,
      fulfillment: 'MERCHANT',
    });
    expect(rows.get('SKU-2')).toMatchObject({ fulfillment: 'AMAZON' });
    expect(rows.get('SKU-2')?.quantity).toBeUndefined();
    expect(rows.get('PAR-1')?.price).toBeUndefined();
  });

  test('a report without the columns we need is refused, not read as empty', () => {
    expect(() => parseListingsReport('Artikelname\tHändler-SKU\nX\tY\n')).toThrow(/without column\(s\) seller-sku, fulfillment-channel/);
  });

  test('variation children and parents from the Listings API', () => {
    const child = toPulledListing(
      {
        sku: 'PAR-1-RED',
        summaries: [
          {
            marketplaceId: 'M',
            asin: 'B1',
            productType: 'SHIRT',
            itemName: 'Shirt red',
            createdDate: '2026-01-01T00:00:00Z',
            status: ['BUYABLE'],
          },
        ],
        relationships: [
          { marketplaceId: 'M', relationships: [{ type: 'VARIATION', parentSkus: ['PAR-1'], variationTheme: { theme: 'COLOR_NAME' } }] },
        ],
        fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 4 }],
      },
      'M',
      undefined,
    );
    expect(child).toMatchObject({
      sku: 'PAR-1-RED',
      parentSku: 'PAR-1',
      variationTheme: 'COLOR_NAME',
      productType: 'SHIRT',
      quantity: 4,
      fulfillment: 'MERCHANT',
      isParent: false,
    });
    const parent = toPulledListing(
      {
        sku: 'PAR-1',
        relationships: [{ marketplaceId: 'M', relationships: [{ type: 'VARIATION', childSkus: ['PAR-1-RED', 'PAR-1-BLUE'] }] }],
      },
      'M',
      undefined,
    );
    expect(parent).toMatchObject({ isParent: true, childSkus: ['PAR-1-RED', 'PAR-1-BLUE'] });
    const fba = toPulledListing({ sku: 'F', fulfillmentAvailability: [{ fulfillmentChannelCode: 'AMAZON_NA' }] }, 'M', undefined);
    expect(fba.fulfillment).toBe('AMAZON');
  });
});

describe('offered quantity', () => {
  test.each([
    [10, 2, { percent: 100, max: null }, 8],
    [10, 12, { percent: 100, max: null }, 0],
    [10, 0, { percent: 50, max: null }, 5],
    [9, 0, { percent: 50, max: null }, 4],
    [100, 0, { percent: 100, max: 25 }, 25],
    [-3, 0, { percent: 100, max: null }, 0],
  ])('sellable %d, safety %d, %j → %d', (sellable, safety, stock, expected) => {
    expect(offeredQuantity(sellable, safety, { ...stock, patchThreshold: 20 })).toBe(expected);
  });
});

describe('quantity feed', () => {
  const changes = [
    { sku: 'A', productType: 'HOME', quantity: 3 },
    { sku: 'B', productType: 'HOME', quantity: 0 },
  ];

  (haveModels ? test : test.skip)(haveModels ? "validates against Amazon's listings feed schema" : SKIP_REASON, () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const schema = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'listings-feed-schema-v2.json'), 'utf8')) as object;
    const message = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'listings-feed-message-schema-v2.json'), 'utf8')) as object;
    const doc = JSON.parse(buildQuantityFeed('A1SELLER', changes)) as { messages: unknown[] };
    expect(ajv.validate(schema, doc) ? [] : ajv.errors).toEqual([]);
    for (const m of doc.messages) expect(ajv.validate(message, m) ? [] : ajv.errors).toEqual([]);
    // The checker itself rejects a broken document.
    expect(
      ajv.validate(schema, {
        header: { sellerId: 'A1SELLER', version: '2.0' },
        messages: [{ messageId: 0, sku: 'A', operationType: 'FROB' }],
      }),
    ).toBe(false);
  });

  test('the processing report decides per SKU; issues without a message are general', () => {
    const report = JSON.stringify({
      header: { sellerId: 'A1SELLER', version: '2.0', feedId: '1' },
      issues: [
        { messageId: 2, code: '90220', severity: 'ERROR', message: 'quantity refused' },
        { messageId: 1, code: '1', severity: 'WARNING', message: 'just a warning' },
      ],
      summary: { errors: 1, warnings: 1, messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 },
    });
    const outcome = readProcessingReport(report, changes);
    expect([...outcome.rejected]).toEqual([['B', '90220: quantity refused']]);
    expect(outcome.general).toEqual([]);
    expect(
      readProcessingReport(JSON.stringify({ issues: [{ code: 'X', severity: 'ERROR', message: 'bad header' }] }), changes).general,
    ).toEqual(['X: bad header']);
  });

  test("the processing report's items give the merchant quantity shown; a malformed item is named by its field", () => {
    const item = (sku: string, quantity: unknown) => ({
      sku,
      fulfillmentAvailability: [
        { fulfillmentChannelCode: 'AMAZON_NA', quantity: 9 },
        { fulfillmentChannelCode: 'DEFAULT', quantity },
      ],
    });
    const report = (items: unknown[]) => JSON.stringify({ issues: [], items });
    expect([...readProcessingReport(report([item('A', 3), item('B', 0), { sku: 'C' }]), changes).shown]).toEqual([
      ['A', 3],
      ['B', 0],
    ]);
    expect(() => readProcessingReport(report([item('A', 3), item('B', 'lots')]), changes)).toThrow(
      /downloadFeedResult: HTTP 200 unexpected answer: items\.1\.fulfillmentAvailability\.1\.quantity/,
    );
    expect(() => readProcessingReport(report([{ quantity: 1 }]), changes)).toThrow(/unexpected answer: items\.0\.sku/);
  });
});

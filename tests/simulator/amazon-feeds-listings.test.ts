import { type Json } from '../helpers/amazon-sim';
import { feedDocument, JSON_TYPE, patchMessage, US, useListingsFeedSim } from '../helpers/listings-feeds';

const { amazon, submit, finish, resultOf, quantityOf } = useListingsFeedSim();

describe('JSON_LISTINGS_FEED processing', () => {
  test('the processing report: per-message issues, a summary, and the accepted messages applied', async () => {
    amazon.sim.rejectSku('MFN-2', 'Listing is under review');
    const feedId = await submit(
      feedDocument([
        patchMessage(1, 'MFN-1', 25),
        patchMessage(2, 'NOPE', 1),
        patchMessage(3, 'MFN-2', 7),
        patchMessage(4, 'AFN-1', 3),
        patchMessage(5, 'MFN-1', 3, 'HOME'),
        patchMessage(6, 'MFN-1', -1),
        patchMessage(7, 'PARENT', 1),
        { messageId: 8, sku: 'MFN-1', operationType: 'DELETE' },
        {
          messageId: 9,
          sku: 'MFN-1',
          operationType: 'PARTIAL_UPDATE',
          productType: 'LUGGAGE',
          attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 26 }] },
        },
      ]),
    );
    const feed = await finish(feedId);
    expect(feed.processingStatus).toBe('DONE');
    const { doc, file, text } = await resultOf(feed);
    expect(doc).toEqual({ feedDocumentId: feed.resultFeedDocumentId, url: expect.any(String), compressionAlgorithm: 'GZIP' });
    expect(file.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const report = JSON.parse(text) as Json;
    expect(report.header).toEqual({ sellerId: 'A1SELLER', version: '2.0', feedId });
    expect(report.issues.map((i: Json) => [i.messageId, i.sku, i.code, i.severity])).toEqual([
      [2, 'NOPE', 'SKU_NOT_FOUND', 'ERROR'],
      [3, 'MFN-2', 'REJECTED', 'ERROR'],
      [4, 'AFN-1', 'FULFILLMENT_CHANNEL_MISMATCH', 'ERROR'],
      [5, 'MFN-1', 'PRODUCT_TYPE_MISMATCH', 'ERROR'],
      [6, 'MFN-1', 'INVALID_QUANTITY', 'ERROR'],
      [7, 'PARENT', 'PARENT_NOT_BUYABLE', 'ERROR'],
      [8, 'MFN-1', 'UNSUPPORTED_OPERATION', 'ERROR'],
    ]);
    expect(report.issues[1].message).toBe('Listing is under review');
    expect(report.issues[2]).toMatchObject({
      attributeName: 'fulfillment_availability',
      message: expect.stringMatching(/fulfilled by Amazon/),
    });
    expect(report.summary).toEqual({ errors: 7, warnings: 0, messagesProcessed: 9, messagesAccepted: 2, messagesInvalid: 7 });
    expect(report).not.toHaveProperty('items');
    expect([quantityOf('MFN-1'), quantityOf('MFN-2'), quantityOf('AFN-1')]).toEqual([26, 2, undefined]);
  });

  test('header.report asks for the resulting items, rendered like the Listings API', async () => {
    const feed = await finish(
      await submit(
        feedDocument([patchMessage(1, 'MFN-1', 4), patchMessage(2, 'NOPE', 4)], {
          report: { includedData: ['fulfillmentAvailability', 'productTypes'], apiVersion: '2021-08-01' },
        }),
      ),
    );
    const report = JSON.parse((await resultOf(feed)).text) as Json;
    expect(report.header.report).toEqual({ includedData: ['fulfillmentAvailability', 'productTypes'], apiVersion: '2021-08-01' });
    expect(report.items).toEqual([
      {
        sku: 'MFN-1',
        fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 4 }],
        productTypes: [{ marketplaceId: US, productType: 'LUGGAGE' }],
      },
    ]);
    expect(report.summary).toEqual({
      errors: 1,
      warnings: 0,
      messagesProcessed: 2,
      messagesAccepted: 1,
      messagesInvalid: 1,
      itemSummary: { items: 1, errors: 0, warnings: 0 },
    });
  });

  test('the detailed report a stock push asks for: issues and fulfillmentAvailability per item', async () => {
    const report = JSON.parse(
      (
        await resultOf(
          await finish(
            await submit(
              feedDocument([patchMessage(1, 'MFN-1', 0), patchMessage(2, 'MFN-2', 9)], {
                report: { includedData: ['issues', 'fulfillmentAvailability'], apiVersion: '2021-08-01' },
              }),
            ),
          ),
        )
      ).text,
    ) as Json;
    expect(report.items).toEqual([
      { sku: 'MFN-1', issues: [], fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 0 }] },
      { sku: 'MFN-2', issues: [], fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 9 }] },
    ]);
  });

  test.each<[string, unknown, RegExp]>([
    ['not JSON', '{"header": ', /not valid JSON/],
    [
      'another seller in the header',
      feedDocument([patchMessage(1, 'MFN-1', 5)], { sellerId: 'A2SELLER' }),
      /header\.sellerId: 'A2SELLER' is not the seller/,
    ],
    ['version 1.0', feedDocument([patchMessage(1, 'MFN-1', 5)], { version: '1.0' }), /header\.version: must be "2\.0"/],
    ['no messages', feedDocument([]), /must hold 1 to 25000 messages, not 0/],
    [
      'a repeated messageId',
      feedDocument([patchMessage(1, 'MFN-1', 5), patchMessage(1, 'MFN-2', 5)]),
      /messageId: 1 is used by an earlier message/,
    ],
    ['messageId 0', feedDocument([patchMessage(0, 'MFN-1', 5)]), /messageId: must be an integer from 1 to 2147483647/],
    [
      'an unknown operationType',
      feedDocument([{ messageId: 1, sku: 'MFN-1', operationType: 'UPSERT' }]),
      /operationType: must be one of UPDATE, PARTIAL_UPDATE, PATCH, DELETE/,
    ],
    [
      'a PATCH without patches',
      feedDocument([{ messageId: 1, sku: 'MFN-1', operationType: 'PATCH', productType: 'LUGGAGE' }]),
      /operationType PATCH requires patches/,
    ],
    [
      'a PATCH with attributes',
      feedDocument([{ ...patchMessage(1, 'MFN-1', 5), attributes: { a: [{}] } }]),
      /operationType PATCH does not allow attributes/,
    ],
    [
      'a patch op outside the enum',
      feedDocument([{ ...patchMessage(1, 'MFN-1', 5), patches: [{ op: 'set', path: '/attributes/x' }] }]),
      /op: "set" is not one of/,
    ],
    [
      'a bad report apiVersion',
      feedDocument([patchMessage(1, 'MFN-1', 5)], { report: { includedData: ['issues'], apiVersion: '2020-09-01' } }),
      /apiVersion: must be "2021-08-01"/,
    ],
  ])('a document with %s ends FATAL, explained in the result, and applies nothing', async (_name, document, message) => {
    const feed = await finish(await submit(document));
    expect(feed.processingStatus).toBe('FATAL');
    const report = JSON.parse((await resultOf(feed)).text) as Json;
    expect(report.header).toEqual({ sellerId: 'A1SELLER', version: '2.0', feedId: feed.feedId });
    expect(report.issues.length).toBeGreaterThanOrEqual(1);
    expect(report.issues.map((i: Json) => i.message).join('\n')).toMatch(message);
    expect(report.summary).toMatchObject({ errors: report.issues.length, messagesProcessed: 0, messagesAccepted: 0 });
    expect([quantityOf('MFN-1'), quantityOf('MFN-2')]).toEqual([1, 2]);
  });

  test('an unknown feed type ends FATAL with a text result', async () => {
    const feed = await finish(await submit('order-id\tamazon-order-item-code\n', 'POST_FLAT_FILE_PAYMENT_ADJUSTMENT_DATA'));
    expect(feed.processingStatus).toBe('FATAL');
    const { file, text } = await resultOf(feed);
    expect(file.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(text).toMatch(
      /POST_FLAT_FILE_PAYMENT_ADJUSTMENT_DATA is not processed by the simulator; known types: JSON_LISTINGS_FEED, POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA, POST_FLAT_FILE_FULFILLMENT_DATA/,
    );
  });

  test('the state view shows each feed with its uploaded content and result', async () => {
    const document = feedDocument([patchMessage(1, 'MFN-1', 8)]);
    const feed = await finish(await submit(document));
    const state = (await (await fetch(`${amazon.sim.origin}/__sim/state`)).json()) as Json;
    expect(state.feeds).toEqual([
      {
        ...feed,
        sellerId: 'A1SELLER',
        polls: 3,
        input: { contentType: JSON_TYPE, content: JSON.stringify(document) },
        result: expect.objectContaining({ summary: expect.objectContaining({ messagesAccepted: 1 }) }),
      },
    ]);
    expect(amazon.sim.feeds()).toEqual(state.feeds);
  });
});

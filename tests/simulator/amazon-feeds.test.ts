import { gunzipSync } from 'node:zlib';
import { parseRateOverride, resolveRates } from '../../src/simulator/amazon/operations';
import { T0, at, fetchDocument, pollJob, startAmazonSim, useAmazonSim, type AmazonSimSetup, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';

const US = 'ATVPDKIKX0DER';
const FAST = { rate: 100, burst: 1000 };
const setup: AmazonSimSetup = {
  rates: { createFeedDocument: FAST, createFeed: FAST, getFeed: FAST, getFeeds: FAST, cancelFeed: FAST, getFeedDocument: FAST },
};
const amazon = useAmazonSim(setup);

const FEEDS = '/feeds/2021-06-30/feeds';
const JSON_TYPE = 'application/json; charset=UTF-8';

const availability = (quantity: unknown, channel = 'DEFAULT') => [
  { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: channel, quantity }] },
];
const patchMessage = (messageId: number, sku: string, quantity: unknown, productType = 'LUGGAGE') => ({
  messageId,
  sku,
  operationType: 'PATCH',
  productType,
  patches: availability(quantity),
});
const feedDocument = (messages: unknown[], header: Record<string, unknown> = {}) => ({
  header: { sellerId: 'A1SELLER', version: '2.0', ...header },
  messages,
});

async function upload(content: string, contentType = JSON_TYPE): Promise<string> {
  const doc = await amazon.call('POST', '/feeds/2021-06-30/documents', { body: { contentType } });
  expect(doc.status).toBe(201);
  const put = await fetchDocument(doc.body.url, { method: 'PUT', body: content, headers: { 'content-type': contentType } });
  expect(put.status).toBe(200);
  return doc.body.feedDocumentId as string;
}

async function submit(document: unknown, feedType = 'JSON_LISTINGS_FEED'): Promise<string> {
  const inputFeedDocumentId = await upload(typeof document === 'string' ? document : JSON.stringify(document));
  const res = await amazon.call('POST', FEEDS, { body: { feedType, marketplaceIds: [US], inputFeedDocumentId } });
  expect(res.status).toBe(202);
  return res.body.feedId as string;
}

function finish(feedId: string): Promise<Json> {
  return pollJob(amazon, `${FEEDS}/${feedId}`, 'feed');
}

/** The client's steps: getFeedDocument, download without the token, gunzip. */
async function resultOf(feed: Json): Promise<{ doc: Json; file: Awaited<ReturnType<typeof fetchDocument>>; text: string }> {
  const doc = (await amazon.get(`/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)).body;
  const file = await fetchDocument(doc.url);
  return { doc, file, text: gunzipSync(file.bytes).toString('utf8') };
}

const quantityOf = (sku: string): number | undefined => amazon.sim.listings().find((l) => l.sku === sku)?.quantity;

beforeEach(() => {
  amazon.sim.addListings({
    listings: [
      { sku: 'MFN-1', productType: 'LUGGAGE', quantity: 1, createdDate: at(600) },
      { sku: 'MFN-2', productType: 'LUGGAGE', quantity: 2, createdDate: at(600) },
      { sku: 'AFN-1', productType: 'LUGGAGE', fulfillment: 'AMAZON', createdDate: at(600) },
      { sku: 'PARENT', productType: 'LUGGAGE', isParent: true, createdDate: at(600) },
    ],
  });
});

describe('feed documents', () => {
  test('createFeedDocument gives an id and an upload URL signed for exactly that Content-Type', async () => {
    const doc = await amazon.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: JSON_TYPE } });
    expect(doc.status).toBe(201);
    expect(doc.body).toEqual({ feedDocumentId: expect.stringMatching(/^amzn1\.tortuga\./), url: expect.stringContaining('/documents/') });
    const other = await fetchDocument(doc.body.url, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(other.status).toBe(403);
    expect(other.text).toMatch(/<Code>SignatureDoesNotMatch<\/Code>.*Content-Type 'application\/json; charset=UTF-8'/);
    const withToken = await fetchDocument(doc.body.url, {
      method: 'PUT',
      body: '{}',
      headers: { 'content-type': JSON_TYPE, 'x-amz-access-token': amazon.tokens.A1SELLER as string },
    });
    expect(withToken.status).toBe(400);
    expect((await fetchDocument(doc.body.url)).text).toMatch(/SignatureDoesNotMatch/);
    const ok = await fetchDocument(doc.body.url, { method: 'PUT', body: '{}', headers: { 'content-type': JSON_TYPE } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"99914b932bd37a50b983c5e7c90ae93b"');
    expect((await amazon.call('POST', '/feeds/2021-06-30/documents', { body: {} })).body.errors[0].message).toMatch(
      /contentType is required/,
    );
  });

  test('the upload URL expires after 5 minutes', async () => {
    const doc = await amazon.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: JSON_TYPE } });
    amazon.clock.advance(5 * 60_000);
    const late = await fetchDocument(doc.body.url, { method: 'PUT', body: '{}', headers: { 'content-type': JSON_TYPE } });
    expect([late.status, /<Message>([^<]*)</.exec(late.text)?.[1]]).toEqual([403, 'Request has expired']);
  });

  test('createFeed refuses a document that was never uploaded, is unknown or is not the seller’s', async () => {
    const fresh = await amazon.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: JSON_TYPE } });
    const notUploaded = await amazon.call('POST', FEEDS, {
      body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: fresh.body.feedDocumentId },
    });
    expect(notUploaded.status).toBe(400);
    expect(notUploaded.body.errors[0]).toEqual({ code: 'InvalidInput', message: expect.stringMatching(/was never uploaded/) });
    const unknown = await amazon.call('POST', FEEDS, {
      body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: 'amzn1.tortuga.nope' },
    });
    expect(unknown.body.errors[0].message).toMatch(/not a feed document created by this seller/);
    const mine = await upload('{}');
    const theirs = await amazon.call('POST', FEEDS, {
      body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: mine },
      sellerId: 'A2SELLER',
    });
    expect(theirs.status).toBe(400);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['no feedType', { marketplaceIds: [US], inputFeedDocumentId: 'x' }, /feedType is required/],
    ['no marketplaceIds', { feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'x' }, /marketplaceIds is required/],
    [
      'a foreign marketplace',
      { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['A1F83G8C2ARO7P'], inputFeedDocumentId: 'x' },
      /does not sell in/,
    ],
    ['no inputFeedDocumentId', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US] }, /inputFeedDocumentId is required/],
    [
      'feedOptions with a number',
      { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: 'x', feedOptions: { a: 1 } },
      /feedOptions must be an object of string values/,
    ],
  ])('createFeed with %s is 400', async (_name, body, message) => {
    const res = await amazon.call('POST', FEEDS, { body });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(message);
  });
});

describe('feed lifecycle, counted in polls', () => {
  test('IN_QUEUE, IN_PROGRESS, then DONE: the messages apply on the finishing poll', async () => {
    const feedId = await submit(feedDocument([patchMessage(1, 'MFN-1', 10)]));
    const polls: Json[] = [];
    for (let i = 0; i < 3; i++) {
      amazon.clock.advance(60_000);
      polls.push((await amazon.get(`${FEEDS}/${feedId}`)).body);
      if (i < 2) expect(quantityOf('MFN-1')).toBe(1);
    }
    expect(polls[0]).toEqual({
      feedId,
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceIds: [US],
      createdTime: at(0),
      processingStatus: 'IN_QUEUE',
    });
    expect(polls[1]).toEqual({ ...polls[0], processingStatus: 'IN_PROGRESS', processingStartTime: at(-2) });
    expect(polls[2]).toEqual({
      ...polls[1],
      processingStatus: 'DONE',
      processingEndTime: at(-3),
      resultFeedDocumentId: expect.stringMatching(/^amzn1\.tortuga\./),
    });
    expect(quantityOf('MFN-1')).toBe(10);
    expect(amazon.sim.listings().find((l) => l.sku === 'MFN-1')?.lastUpdatedDate).toBe(at(-3));
    expect((await amazon.get(`${FEEDS}/${feedId}`)).body).toEqual(polls[2]);
  });

  test('feedPolls: 1 finishes on the first poll', async () => {
    const { sim, token } = await startAmazonSim({ ...setup, feedPolls: 1 });
    try {
      const headers = { 'x-amz-access-token': await token('A1SELLER'), 'content-type': 'application/json' };
      const doc = (await (
        await fetch(`${sim.origin}/feeds/2021-06-30/documents`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ contentType: 'text/tab-separated-values' }),
        })
      ).json()) as Json;
      await fetch(doc.url, { method: 'PUT', body: 'x', headers: { 'content-type': 'text/tab-separated-values' } });
      const created = (await (
        await fetch(`${sim.origin}${FEEDS}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            feedType: 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
            marketplaceIds: [US],
            inputFeedDocumentId: doc.feedDocumentId,
          }),
        })
      ).json()) as Json;
      const feed = (await (await fetch(`${sim.origin}${FEEDS}/${created.feedId}`, { headers })).json()) as Json;
      // Only JSON_LISTINGS_FEED is processed so far; other types end FATAL with a text result.
      expect(feed.processingStatus).toBe('FATAL');
    } finally {
      await sim.close();
    }
  });

  test('cancelFeed works only while IN_QUEUE; a cancelled feed has no result and changes nothing', async () => {
    const queued = await submit(feedDocument([patchMessage(1, 'MFN-1', 10)]));
    await amazon.get(`${FEEDS}/${queued}`);
    expect(await amazon.call('DELETE', `${FEEDS}/${queued}`)).toMatchObject({ status: 200, body: {} });
    const cancelled = await finish(queued);
    expect(cancelled.processingStatus).toBe('CANCELLED');
    expect(cancelled).not.toHaveProperty('resultFeedDocumentId');
    expect(quantityOf('MFN-1')).toBe(1);
    const started = await submit(feedDocument([patchMessage(1, 'MFN-1', 10)]));
    await amazon.get(`${FEEDS}/${started}`);
    await amazon.get(`${FEEDS}/${started}`);
    const refused = await amazon.call('DELETE', `${FEEDS}/${started}`);
    expect([refused.status, refused.body.errors[0].message]).toEqual([400, expect.stringMatching(/IN_PROGRESS; only IN_QUEUE/)]);
    expect((await amazon.call('DELETE', `${FEEDS}/1`)).status).toBe(404);
    expect((await amazon.get(`${FEEDS}/${started}`, {}, 'A2SELLER')).status).toBe(404);
  });

  test('forced outcomes: FATAL has a result with the error and applies nothing; CANCELLED has no result', async () => {
    amazon.sim.nextOutcome('feed', 'FATAL');
    amazon.sim.nextOutcome('feed', 'CANCELLED');
    const fatal = await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 10)])));
    expect(fatal.processingStatus).toBe('FATAL');
    const report = JSON.parse((await resultOf(fatal)).text) as Json;
    expect(report).toEqual({
      header: { sellerId: 'A1SELLER', version: '2.0', feedId: fatal.feedId },
      issues: [{ code: 'FATAL', severity: 'ERROR', message: expect.stringMatching(/simulated fatal processing error/) }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
    });
    const cancelled = await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 10)])));
    expect(cancelled.processingStatus).toBe('CANCELLED');
    expect(cancelled).not.toHaveProperty('resultFeedDocumentId');
    expect(quantityOf('MFN-1')).toBe(1);
    expect((await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 10)])))).processingStatus).toBe('DONE');
    expect(quantityOf('MFN-1')).toBe(10);
  });
});

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

describe('quantities a DONE feed accepts and leaves unapplied (amzn/selling-partner-api-models#5327)', () => {
  const detailed = { report: { includedData: ['issues', 'fulfillmentAvailability'], apiVersion: '2021-08-01' } };
  const listing = (sku: string): Json => amazon.sim.listings().find((l) => l.sku === sku) as Json;
  const attributeQuantity = async (sku: string): Promise<number> =>
    (
      await amazon.get(`/listings/2021-08-01/items/A1SELLER/${sku}`, {
        marketplaceIds: US,
        includedData: 'attributes,fulfillmentAvailability',
      })
    ).body.attributes.fulfillment_availability[0].quantity;

  test('chosen SKUs: no issue, counted accepted, the attributes take the quantity, the offer keeps its own', async () => {
    amazon.sim.leaveQuantitiesUnapplied({ skus: ['MFN-2'] });
    const feed = await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 10), patchMessage(2, 'MFN-2', 0)], detailed)));
    expect(feed.processingStatus).toBe('DONE');
    const report = JSON.parse((await resultOf(feed)).text) as Json;
    expect(report.issues).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, messagesAccepted: 2, messagesInvalid: 0 });
    // The report's items show what buyers see: the unchanged quantity.
    expect(report.items.map((i: Json) => [i.sku, i.fulfillmentAvailability[0].quantity])).toEqual([
      ['MFN-1', 10],
      ['MFN-2', 2],
    ]);
    expect([quantityOf('MFN-1'), quantityOf('MFN-2'), listing('MFN-2').submittedQuantity]).toEqual([10, 2, 0]);
    expect(await attributeQuantity('MFN-2')).toBe(0);
    const reportDoc = await amazon.call('POST', '/reports/2021-06-30/reports', {
      body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] },
    });
    const done = await pollJob(amazon, `/reports/2021-06-30/reports/${reportDoc.body.reportId}`, 'report');
    const file = await fetchDocument((await amazon.get(`/reports/2021-06-30/documents/${done.reportDocumentId}`)).body.url);
    const row =
      gunzipSync(file.bytes)
        .toString('utf8')
        .split('\n')
        .find((l) => l.split('\t')[3] === 'MFN-2') ?? '';
    expect(row.split('\t')[5]).toBe('2');
  });

  test('a patch applies, and clears the difference; so does a later feed that is not left unapplied', async () => {
    amazon.sim.leaveQuantitiesUnapplied({ skus: ['MFN-1'] });
    await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 0)])));
    expect([quantityOf('MFN-1'), listing('MFN-1').submittedQuantity]).toEqual([1, 0]);
    const patched = await amazon.call('PATCH', '/listings/2021-08-01/items/A1SELLER/MFN-1', {
      params: { marketplaceIds: US },
      body: { productType: 'LUGGAGE', patches: availability(0) },
    });
    expect(patched.body.status).toBe('ACCEPTED');
    expect([quantityOf('MFN-1'), listing('MFN-1')]).toEqual([0, expect.not.objectContaining({ submittedQuantity: expect.anything() })]);
    amazon.sim.leaveQuantitiesUnapplied(null);
    await finish(await submit(feedDocument([patchMessage(1, 'MFN-1', 6)])));
    expect(quantityOf('MFN-1')).toBe(6);
  });

  test('a share of the changes, drawn per message from the seeded stream', async () => {
    amazon.sim.addListings({ listings: Array.from({ length: 200 }, (_, i) => ({ sku: `S-${i}`, productType: 'HOME', quantity: 1 })) });
    amazon.sim.leaveQuantitiesUnapplied({ share: 0.1 });
    const report = JSON.parse(
      (
        await resultOf(
          await finish(
            await submit(
              feedDocument(
                Array.from({ length: 200 }, (_, i) => patchMessage(i + 1, `S-${i}`, 5, 'HOME')),
                detailed,
              ),
            ),
          ),
        )
      ).text,
    ) as Json;
    const left = amazon.sim.listings().filter((l) => l.sku.startsWith('S-') && l.quantity === 1);
    expect(left.length).toBeGreaterThan(5);
    expect(left.length).toBeLessThan(40);
    expect(left.every((l) => l.submittedQuantity === 5)).toBe(true);
    expect(report.summary.messagesAccepted).toBe(200);
    expect(report.items.filter((i: Json) => i.fulfillmentAvailability[0].quantity === 1).map((i: Json) => i.sku)).toEqual(
      left.map((l) => l.sku),
    );
  });

  test('report: submitted — the report shows the quantity sent; only a later read shows it was not applied', async () => {
    const route = await fetch(`${amazon.sim.origin}/__sim/unapplied-quantities`, {
      method: 'POST',
      body: JSON.stringify({ skus: ['MFN-2'], report: 'submitted' }),
    });
    expect([route.status, await route.json()]).toEqual([200, { unapplied: { skus: ['MFN-2'], report: 'submitted' } }]);
    const report = JSON.parse(
      (await resultOf(await finish(await submit(feedDocument([patchMessage(1, 'MFN-2', 0)], detailed))))).text,
    ) as Json;
    expect(report.items).toEqual([
      { sku: 'MFN-2', issues: [], fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 0 }] },
    ]);
    expect(quantityOf('MFN-2')).toBe(2);
  });

  test.each<[string, string]>([
    ['a share above 1', '{"share": 1.5}'],
    ['an unknown field', '{"sku": "MFN-1"}'],
    ['a report mode not offered', '{"report": "absent"}'],
    ['no JSON', 'share=1'],
  ])('the admin route refuses %s', async (_name, body) => {
    const res = await fetch(`${amazon.sim.origin}/__sim/unapplied-quantities`, { method: 'POST', body });
    expect(res.status).toBe(400);
  });
});

describe('the JSON_LISTINGS_FEED limit: 5 per 5 minutes per seller', () => {
  test('the sixth within 5 minutes is 429 QuotaExceeded; other types and sellers are not counted; it frees up on the clock', async () => {
    for (let i = 0; i < 5; i++) {
      await submit(feedDocument([patchMessage(1, 'MFN-1', i)]));
      amazon.clock.advance(30_000);
    }
    const doc = await upload(JSON.stringify(feedDocument([patchMessage(1, 'MFN-1', 9)])));
    const body = { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: doc };
    const sixth = await amazon.call('POST', FEEDS, { body });
    expect(sixth.status).toBe(429);
    expect(sixth.body.errors[0].code).toBe('QuotaExceeded');
    expect((await amazon.call('POST', FEEDS, { body: { ...body, feedType: 'POST_FLAT_FILE_FULFILLMENT_DATA' } })).status).toBe(202);
    const theirs = await amazon.call('POST', '/feeds/2021-06-30/documents', { body: { contentType: JSON_TYPE }, sellerId: 'A2SELLER' });
    await fetchDocument(theirs.body.url, {
      method: 'PUT',
      body: JSON.stringify(feedDocument([], { sellerId: 'A2SELLER' })),
      headers: { 'content-type': JSON_TYPE },
    });
    expect(
      (await amazon.call('POST', FEEDS, { body: { ...body, inputFeedDocumentId: theirs.body.feedDocumentId }, sellerId: 'A2SELLER' }))
        .status,
    ).toBe(202);
    // The first went in at T0: at T0 + 5 min its slot is free again.
    amazon.clock.set(T0 + 5 * 60_000);
    expect((await amazon.call('POST', FEEDS, { body })).status).toBe(202);
    expect((await amazon.call('POST', FEEDS, { body })).status).toBe(429);
  });
});

test('the feed type limit scales like any plan and stays a window: feedType:JSON_LISTINGS_FEED=1/5 is 5 per 5 s', () => {
  expect(parseRateOverride('feedType:JSON_LISTINGS_FEED=1/5')).toEqual(['feedType:JSON_LISTINGS_FEED', { rate: 1, burst: 5 }]);
  expect(resolveRates({})['feedType:JSON_LISTINGS_FEED']).toEqual({ rate: 5 / 300, burst: 5 });
  expect(() => parseRateOverride('feedType:NO_SUCH_FEED=1/5')).toThrow(/unknown operation/);
});

describe('getFeeds', () => {
  test('filters by type and status, newest first; nextToken pages and must come alone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        await submit(feedDocument([patchMessage(1, 'MFN-1', i)]), i === 3 ? 'POST_FLAT_FILE_FULFILLMENT_DATA' : 'JSON_LISTINGS_FEED'),
      );
      amazon.clock.advance(60_000);
    }
    await finish(defined(ids[0]));
    const first = await amazon.get(FEEDS, { feedTypes: 'JSON_LISTINGS_FEED', pageSize: '2' });
    expect(first.body.feeds.map((f: Json) => f.feedId)).toEqual([ids[2], ids[1]]);
    const second = await amazon.get(FEEDS, { nextToken: first.body.nextToken });
    expect(second.body).toEqual({ feeds: [expect.objectContaining({ feedId: ids[0], processingStatus: 'DONE' })] });
    expect((await amazon.get(FEEDS, { nextToken: first.body.nextToken, feedTypes: 'JSON_LISTINGS_FEED' })).status).toBe(400);
    expect(
      (
        await amazon.get(FEEDS, { feedTypes: 'JSON_LISTINGS_FEED,POST_FLAT_FILE_FULFILLMENT_DATA', processingStatuses: 'IN_QUEUE' })
      ).body.feeds.map((f: Json) => f.feedId),
    ).toEqual([ids[3], ids[2], ids[1]]);
    expect(
      (await amazon.get(FEEDS, { feedTypes: 'JSON_LISTINGS_FEED', createdUntil: at(-1) })).body.feeds.map((f: Json) => f.feedId),
    ).toEqual([ids[1], ids[0]]);
    expect((await amazon.get(FEEDS, {})).body.errors[0].message).toMatch(/either feedTypes or nextToken is required/);
    expect((await amazon.get(FEEDS, { feedTypes: 'JSON_LISTINGS_FEED' }, 'A2SELLER')).body.feeds).toEqual([]);
  });
});

describe('scale', () => {
  test('a 25,000-message feed over 25,000 listings is processed at once', async () => {
    amazon.sim.addListings({
      listings: Array.from({ length: 25_000 }, (_, i) => ({ sku: `BULK-${i}`, productType: 'HOME', quantity: 0 })),
    });
    const messages = Array.from({ length: 25_000 }, (_, i) => ({
      messageId: i + 1,
      sku: `BULK-${i}`,
      operationType: 'PATCH',
      productType: 'HOME',
      patches: availability(i === 777 ? -5 : i % 50),
    }));
    const started = Date.now();
    const feed = await finish(await submit(feedDocument(messages)));
    const report = JSON.parse((await resultOf(feed)).text) as Json;
    expect(report.summary).toEqual({ errors: 1, warnings: 0, messagesProcessed: 25_000, messagesAccepted: 24_999, messagesInvalid: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ messageId: 778, sku: 'BULK-777', code: 'INVALID_QUANTITY' })]);
    expect(quantityOf('BULK-49')).toBe(49);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

// Shared by the JSON_LISTINGS_FEED simulator tests: message builders, and a simulator per test holding four listings.
import { gunzipSync } from 'node:zlib';
import { at, fetchDocument, pollJob, useAmazonSim, type AmazonSimSetup, type Json } from '../helpers/amazon-sim';

export const US = 'ATVPDKIKX0DER';
export const FAST = { rate: 100, burst: 1000 };
export const setup: AmazonSimSetup = {
  rates: { createFeedDocument: FAST, createFeed: FAST, getFeed: FAST, getFeeds: FAST, cancelFeed: FAST, getFeedDocument: FAST },
};

export const FEEDS = '/feeds/2021-06-30/feeds';
export const JSON_TYPE = 'application/json; charset=UTF-8';

export const availability = (quantity: unknown, channel = 'DEFAULT') => [
  { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: channel, quantity }] },
];
export const patchMessage = (messageId: number, sku: string, quantity: unknown, productType = 'LUGGAGE') => ({
  messageId,
  sku,
  operationType: 'PATCH',
  productType,
  patches: availability(quantity),
});
export const feedDocument = (messages: unknown[], header: Record<string, unknown> = {}) => ({
  header: { sellerId: 'A1SELLER', version: '2.0', ...header },
  messages,
});

/** Registers a simulator per test holding the listings below, and returns the client's steps against it. */
export function useListingsFeedSim() {
  const amazon = useAmazonSim(setup);

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
  return { amazon, upload, submit, finish, resultOf, quantityOf };
}

import { parseRateOverride, resolveRates } from '../../src/simulator/amazon/operations';
import { at, fetchDocument, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { FEEDS, feedDocument, JSON_TYPE, patchMessage, setup, US, useListingsFeedSim } from '../helpers/listings-feeds';

const { amazon, upload, submit, finish, resultOf, quantityOf } = useListingsFeedSim();

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

test('the feed type limit scales like any plan and stays a window: feedType:JSON_LISTINGS_FEED=1/5 is 5 per 5 s', () => {
  expect(parseRateOverride('feedType:JSON_LISTINGS_FEED=1/5')).toEqual(['feedType:JSON_LISTINGS_FEED', { rate: 1, burst: 5 }]);
  expect(resolveRates({})['feedType:JSON_LISTINGS_FEED']).toEqual({ rate: 5 / 300, burst: 5 });
  expect(() => parseRateOverride('feedType:NO_SUCH_FEED=1/5')).toThrow(/unknown operation/);
});

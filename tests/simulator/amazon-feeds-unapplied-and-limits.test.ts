import { gunzipSync } from 'node:zlib';
import { T0, at, fetchDocument, pollJob, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';
import { availability, FEEDS, feedDocument, JSON_TYPE, patchMessage, US, useListingsFeedSim } from '../helpers/listings-feeds';

const { amazon, upload, submit, finish, resultOf, quantityOf } = useListingsFeedSim();

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

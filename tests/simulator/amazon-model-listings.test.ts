import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seedListings } from '../../src/simulator/amazon';
import { PROCESSING_STATUSES } from '../../src/simulator/amazon/jobs';
import { LISTINGS_INCLUDED_DATA } from '../../src/simulator/amazon/listing-types';
import { validateListingsFeed } from '../../src/simulator/amazon/listings-feed-schema';
import { fetchDocument, T0, useAmazonSim, type Json } from '../helpers/amazon-sim';
import { checkJsonSchema, createChecker, type JsonSchema, type ModelSchema } from '../helpers/model-checker';
import { checkRequest, haveModels, loadOperations, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';
import { defined } from '../helpers/defined';

// Amazon's models are read at test time from the shared folder; nothing of them is copied into the project.
const read = (file: string): Json => JSON.parse(readFileSync(path.join(MODELS_DIR, file), 'utf8'));

if (!haveModels) {
  test.skip(`listings, reports and feeds model conformance: ${SKIP_REASON}`, () => undefined);
} else {
  const US = 'ATVPDKIKX0DER';
  const FAST = { rate: 100, burst: 1000 };
  const operations = [
    ...loadOperations('listingsItems_2021-08-01.json'),
    ...loadOperations('reports_2021-06-30.json'),
    ...loadOperations('feeds_2021-06-30.json'),
  ];
  // Registered before the simulator's own hooks so it runs while the simulator is still up:
  // every request these tests made that succeeded used only parameters and values the models declare.
  afterEach(() => {
    for (const r of amazon.sim.requests) {
      const op = operations.find((o) => o.method === r.method && o.pattern.test(r.path));
      if (op && r.status < 400) expect(checkRequest(op, r.query)).toEqual([]);
    }
  });
  const amazon = useAmazonSim({
    rates: Object.fromEntries(
      [
        'searchListingsItems',
        'getListingsItem',
        'patchListingsItem',
        'createReport',
        'getReport',
        'getReports',
        'getReportDocument',
        'createFeedDocument',
        'createFeed',
        'getFeed',
        'getFeeds',
        'getFeedDocument',
      ].map((n) => [n, FAST]),
    ),
  });
  const listingsModel = createChecker(read('listingsItems_2021-08-01.json').definitions as Record<string, ModelSchema>);
  const reportsModel = createChecker(read('reports_2021-06-30.json').definitions as Record<string, ModelSchema>);
  const feedsModel = createChecker(read('feeds_2021-06-30.json').definitions as Record<string, ModelSchema>);
  const feedSchema = read('listings-feed-schema-v2.json') as JsonSchema;
  const reportSchema = read('listings-feed-processing-report-schema-v2.json') as JsonSchema;
  const ALL_DATA = LISTINGS_INCLUDED_DATA.join(',');

  beforeEach(() => {
    seedListings(amazon.sim, { count: 60, parents: 4, childrenPerParent: 3, fba: 6, seed: 2, now: T0 });
  });

  describe('the simulator’s enums are the models’', () => {
    test('includedData, processing statuses', () => {
      const listingsPaths = read('listingsItems_2021-08-01.json').paths;
      const param = listingsPaths['/listings/2021-08-01/items/{sellerId}'].get.parameters.find((p: Json) => p.name === 'includedData');
      expect([...LISTINGS_INCLUDED_DATA].sort()).toEqual([...param.items.enum].sort());
      expect([...PROCESSING_STATUSES]).toEqual(read('reports_2021-06-30.json').definitions.Report.properties.processingStatus.enum);
      expect([...PROCESSING_STATUSES]).toEqual(read('feeds_2021-06-30.json').definitions.Feed.properties.processingStatus.enum);
    });
  });

  describe('Listings Items 2021-08-01 answers', () => {
    test('searchListingsItems pages, with every dataset, are ItemSearchResults', async () => {
      const first = await amazon.get('/listings/2021-08-01/items/A1SELLER', { marketplaceIds: US, includedData: ALL_DATA, pageSize: '20' });
      expect(listingsModel(first.body, 'ItemSearchResults')).toEqual([]);
      const second = await amazon.get('/listings/2021-08-01/items/A1SELLER', {
        marketplaceIds: US,
        includedData: ALL_DATA,
        pageSize: '20',
        pageToken: first.body.pagination.nextToken,
      });
      expect(second.body.pagination).toEqual({ nextToken: expect.any(String), previousToken: expect.any(String) });
      expect(listingsModel(second.body, 'ItemSearchResults')).toEqual([]);
    });

    test('getListingsItem of every kind of listing is an Item', async () => {
      const kinds = new Set<string>();
      for (const l of amazon.sim.listings()) {
        const kind = l.isParent ? 'parent' : l.parentSku ? 'child' : l.fulfillment;
        if (kinds.has(kind)) continue;
        kinds.add(kind);
        const { status, body } = await amazon.get(`/listings/2021-08-01/items/A1SELLER/${encodeURIComponent(l.sku)}`, {
          marketplaceIds: US,
          includedData: ALL_DATA,
        });
        expect(status).toBe(200);
        expect(listingsModel(body, 'Item')).toEqual([]);
      }
      expect(kinds).toEqual(new Set(['parent', 'child', 'MERCHANT', 'AMAZON']));
    });

    test('patchListingsItem answers, accepted, invalid and previewed, are ListingsItemSubmissionResponse', async () => {
      const mfn = defined(amazon.sim.listings().find((l) => l.fulfillment === 'MERCHANT' && !l.isParent));
      const patches = [
        { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] },
      ];
      const url = `/listings/2021-08-01/items/A1SELLER/${encodeURIComponent(mfn.sku)}`;
      const answers = [
        await amazon.call('PATCH', url, { params: { marketplaceIds: US }, body: { productType: mfn.productType, patches } }),
        await amazon.call('PATCH', url, { params: { marketplaceIds: US }, body: { productType: 'WRONG_TYPE', patches } }),
        await amazon.call('PATCH', url, {
          params: { marketplaceIds: US, mode: 'VALIDATION_PREVIEW', includedData: 'identifiers,issues' },
          body: { productType: mfn.productType, patches },
        }),
      ];
      expect(answers.map((a) => a.body.status)).toEqual(['ACCEPTED', 'INVALID', 'VALID']);
      for (const a of answers) expect(listingsModel(a.body, 'ListingsItemSubmissionResponse')).toEqual([]);
    });

    test('error answers are ErrorList', async () => {
      const errors = [
        await amazon.get('/listings/2021-08-01/items/A1SELLER', {}),
        await amazon.get('/listings/2021-08-01/items/A2SELLER', { marketplaceIds: US }),
        await amazon.get('/listings/2021-08-01/items/A1SELLER/NOPE', { marketplaceIds: US }),
      ];
      expect(errors.map((e) => e.status)).toEqual([400, 403, 404]);
      for (const e of errors) expect(listingsModel(e.body, 'ErrorList')).toEqual([]);
    });
  });

  describe('Reports 2021-06-30 answers', () => {
    test('createReport, every getReport step, getReports and getReportDocument follow the model', async () => {
      const created = await amazon.call('POST', '/reports/2021-06-30/reports', {
        body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] },
      });
      expect(reportsModel(created.body, 'CreateReportResponse')).toEqual([]);
      let report: Json = {};
      for (let i = 0; i < 3; i++) {
        report = (await amazon.get(`/reports/2021-06-30/reports/${created.body.reportId}`)).body;
        expect(reportsModel(report, 'Report')).toEqual([]);
      }
      const list = await amazon.get('/reports/2021-06-30/reports', {
        reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        processingStatuses: 'DONE,IN_QUEUE',
        pageSize: '100',
      });
      expect(reportsModel(list.body, 'GetReportsResponse')).toEqual([]);
      const doc = await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`, { enableContentEncodingUrlHeader: 'false' });
      expect(reportsModel(doc.body, 'ReportDocument')).toEqual([]);
      expect(reportsModel((await amazon.get('/reports/2021-06-30/reports/0')).body, 'ErrorList')).toEqual([]);
    });
  });

  describe('Feeds 2021-06-30 answers and the listings feed schemas', () => {
    async function runFeed(document: unknown): Promise<{ feeds: Json[]; report: Json; doc: Json }> {
      const created = await amazon.call('POST', '/feeds/2021-06-30/documents', {
        body: { contentType: 'application/json; charset=UTF-8' },
      });
      expect(feedsModel(created.body, 'CreateFeedDocumentResponse')).toEqual([]);
      await fetchDocument(created.body.url, {
        method: 'PUT',
        body: JSON.stringify(document),
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
      const feed = await amazon.call('POST', '/feeds/2021-06-30/feeds', {
        body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: created.body.feedDocumentId, feedOptions: {} },
      });
      expect(feedsModel(feed.body, 'CreateFeedResponse')).toEqual([]);
      const feeds: Json[] = [];
      for (let i = 0; i < 3; i++) feeds.push((await amazon.get(`/feeds/2021-06-30/feeds/${feed.body.feedId}`)).body);
      const doc = (await amazon.get(`/feeds/2021-06-30/documents/${defined(feeds[2]).resultFeedDocumentId}`)).body;
      const report = JSON.parse(gunzipSync((await fetchDocument(doc.url)).bytes).toString('utf8')) as Json;
      return { feeds, report, doc };
    }

    test('a processed feed: Feed objects, FeedDocument, and a processing report valid against the schema', async () => {
      const listings = amazon.sim.listings();
      const mfn = defined(listings.find((l) => l.fulfillment === 'MERCHANT' && !l.isParent));
      const afn = defined(listings.find((l) => l.fulfillment === 'AMAZON'));
      const availability = (quantity: number) => [
        { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] },
      ];
      const document = {
        header: {
          sellerId: 'A1SELLER',
          version: '2.0',
          issueLocale: 'en_US',
          report: { includedData: [...LISTINGS_INCLUDED_DATA], apiVersion: '2021-08-01' },
        },
        messages: [
          { messageId: 1, sku: mfn.sku, operationType: 'PATCH', productType: mfn.productType, patches: availability(5) },
          { messageId: 2, sku: afn.sku, operationType: 'PATCH', productType: afn.productType, patches: availability(5) },
          { messageId: 3, sku: 'NOPE', operationType: 'PATCH', productType: 'HOME', patches: availability(5) },
          {
            messageId: 4,
            sku: mfn.sku,
            operationType: 'PARTIAL_UPDATE',
            productType: mfn.productType,
            attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 6 }] },
          },
        ],
      };
      // The document we send is itself valid against Amazon's feed schema.
      expect(checkJsonSchema(document, feedSchema)).toEqual([]);
      const { feeds, report, doc } = await runFeed(document);
      expect(feeds.map((f) => f.processingStatus)).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE']);
      for (const f of feeds) expect(feedsModel(f, 'Feed')).toEqual([]);
      expect(feedsModel(doc, 'FeedDocument')).toEqual([]);
      expect(checkJsonSchema(report, reportSchema)).toEqual([]);
      expect(report.summary).toMatchObject({
        messagesProcessed: 4,
        messagesAccepted: 2,
        messagesInvalid: 2,
        itemSummary: { items: 2, errors: 0, warnings: 0 },
      });
      for (const item of report.items as Json[]) expect(listingsModel(item, 'Item')).toEqual([]);
      const list = await amazon.get('/feeds/2021-06-30/feeds', { feedTypes: 'JSON_LISTINGS_FEED', pageSize: '100' });
      expect(feedsModel(list.body, 'GetFeedsResponse')).toEqual([]);
    });

    test('a FATAL feed’s processing report is valid against the schema too', async () => {
      const { feeds, report } = await runFeed({
        header: { sellerId: 'A1SELLER', version: '2.0' },
        messages: [{ messageId: 1, sku: 'X', operationType: 'PATCH' }],
      });
      expect(feeds[2]?.processingStatus).toBe('FATAL');
      expect(checkJsonSchema(report, reportSchema)).toEqual([]);
    });

    test('Amazon’s own example feed passes both the schema and the simulator’s validation; the checker catches what it should', () => {
      const example = read('listings-feed-schema-v2.example.json');
      expect(checkJsonSchema(example, feedSchema)).toEqual([]);
      expect(validateListingsFeed(example, example.header.sellerId)).toEqual([]);
      expect(checkJsonSchema(read('listings-feed-processing-report-schema-v2.example.json'), reportSchema)).toEqual([]);
      const broken = structuredClone(example);
      broken.messages[3].attributes = { item_name: [{ value: 'x' }] };
      delete broken.header.version;
      expect(checkJsonSchema(broken, feedSchema)).toEqual([
        '$.header: missing required version',
        '$.messages[3]: matches 0 of the oneOf branches, not exactly 1',
      ]);
      expect(validateListingsFeed(broken, example.header.sellerId).map((p) => p.message)).toEqual([
        'header.version: must be "2.0", not undefined',
        'messages[3]: operationType PATCH does not allow attributes',
      ]);
    });
  });
}

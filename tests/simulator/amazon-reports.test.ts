import { gunzipSync } from 'node:zlib';
import { MERCHANT_LISTINGS_COLUMNS, OPERATIONS, seedListings } from '../../src/simulator/amazon';
import { T0, at, fetchDocument, pollJob, startAmazonSim, useAmazonSim, type AmazonSimSetup, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const FAST = { rate: 100, burst: 1000 };
const setup: AmazonSimSetup = {
  marketplaces: { A1SELLER: [US, CA] },
  rates: { createReport: FAST, getReport: FAST, getReports: FAST, cancelReport: FAST, getReportDocument: FAST },
};
const amazon = useAmazonSim(setup);

const REPORTS = '/reports/2021-06-30/reports';
const LISTINGS_REPORT = { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] };

async function createReport(body: unknown = LISTINGS_REPORT): Promise<string> {
  const res = await amazon.call('POST', REPORTS, { body });
  expect(res.status).toBe(202);
  return res.body.reportId as string;
}

function pollUntilDone(reportId: string): Promise<Json> {
  return pollJob(amazon, `${REPORTS}/${reportId}`, 'report');
}

/** The report rows as objects keyed by column, after the client's own steps: document, download, gunzip. */
async function downloadRows(reportId: string): Promise<Record<string, string>[]> {
  const report = await pollUntilDone(reportId);
  const doc = await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`);
  const file = await fetchDocument(doc.body.url);
  const lines = gunzipSync(file.bytes).toString('utf8').trimEnd().split('\n');
  const header = defined(lines[0]).split('\t');
  return lines.slice(1).map((line) => Object.fromEntries(line.split('\t').map((v, i) => [header[i], v])));
}

function addCatalogue(): void {
  amazon.sim.addListings({
    listings: [
      { sku: 'MFN-1', title: 'Café Mug 12" Wide, 2 Pack', quantity: 7, price: '12.50', createdDate: '2026-01-15T16:30:00Z' },
      { sku: 'MFN-0', title: 'Müller Kettle – Größe L', quantity: 0, createdDate: '2026-02-20T12:00:00Z' },
      { sku: 'AFN-1', title: 'Amazon-fulfilled Lamp', fulfillment: 'AMAZON', price: 30 },
      { sku: 'TEE', title: 'Trail Tee', isParent: true, variationTheme: 'COLOR_NAME/SIZE_NAME', productType: 'SHIRT' },
      { sku: 'TEE-RED-M', title: 'Trail Tee, Red, M', parentSku: 'TEE', productType: 'SHIRT', quantity: 3 },
    ],
  });
  amazon.sim.addListings({ marketplaceId: CA, listings: [{ sku: 'CANADA-ONLY', quantity: 1 }] });
}

describe('report lifecycle, counted in polls', () => {
  test('IN_QUEUE, IN_PROGRESS, then DONE with a document, however much time passes', async () => {
    const reportId = await createReport({ ...LISTINGS_REPORT, reportOptions: { custom: 'true' } });
    const polls: Json[] = [];
    for (let i = 0; i < 4; i++) {
      amazon.clock.advance(10 * 60_000);
      polls.push((await amazon.get(`${REPORTS}/${reportId}`)).body);
    }
    expect(polls.map((p) => p.processingStatus)).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'DONE']);
    expect(polls[0]).toEqual({
      reportId,
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: [US],
      dataStartTime: at(0),
      dataEndTime: at(0),
      createdTime: at(0),
      processingStatus: 'IN_QUEUE',
    });
    expect(polls[1]).toMatchObject({ processingStartTime: at(-20) });
    expect(polls[1]).not.toHaveProperty('reportDocumentId');
    expect(polls[2]).toMatchObject({
      processingStartTime: at(-20),
      processingEndTime: at(-30),
      reportDocumentId: expect.stringMatching(/^amzn1\.spdoc\./),
    });
    expect(polls[3]).toEqual(polls[2]);
  });

  test('reportPolls: 1 finishes on the first poll', async () => {
    const { sim, token } = await startAmazonSim({ ...setup, reportPolls: 1 });
    try {
      const t = await token('A1SELLER');
      const headers = { 'x-amz-access-token': t, 'content-type': 'application/json' };
      const created = (await (
        await fetch(`${sim.origin}${REPORTS}`, { method: 'POST', headers, body: JSON.stringify(LISTINGS_REPORT) })
      ).json()) as Json;
      const report = (await (await fetch(`${sim.origin}${REPORTS}/${created.reportId}`, { headers })).json()) as Json;
      expect(report.processingStatus).toBe('DONE');
      expect(report.processingStartTime).toBe(report.processingEndTime);
    } finally {
      await sim.close();
    }
  });

  test.each<[string, unknown, RegExp]>([
    ['no body', undefined, /body must be a JSON object/],
    ['no reportType', { marketplaceIds: [US] }, /reportType is required/],
    ['no marketplaceIds', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }, /marketplaceIds is required/],
    ['an empty marketplaceIds', { ...LISTINGS_REPORT, marketplaceIds: [] }, /array of 1 to 25/],
    ['a foreign marketplace', { ...LISTINGS_REPORT, marketplaceIds: ['A1F83G8C2ARO7P'] }, /does not sell in A1F83G8C2ARO7P/],
    ['two marketplaces for the listings report', { ...LISTINGS_REPORT, marketplaceIds: [US, CA] }, /exactly one marketplace/],
    ['a future dataStartTime', { ...LISTINGS_REPORT, dataStartTime: at(-10) }, /prior to or equal to the current/],
    [
      'dataEndTime before dataStartTime',
      { ...LISTINGS_REPORT, dataStartTime: at(10), dataEndTime: at(20) },
      /dataEndTime must not be before/,
    ],
    ['a non-ISO dataStartTime', { ...LISTINGS_REPORT, dataStartTime: 'yesterday' }, /dataStartTime must be an ISO 8601/],
    ['reportOptions with a number', { ...LISTINGS_REPORT, reportOptions: { a: 1 } }, /reportOptions must be an object of string values/],
  ])('createReport with %s is 400 InvalidInput', async (_name, body, message) => {
    const res = await amazon.call('POST', REPORTS, { body });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ code: 'InvalidInput', message: expect.stringMatching(message) }]);
  });

  test("unknown and another seller's reports are 404; a type without content finishes with an empty document", async () => {
    expect((await amazon.get(`${REPORTS}/123`)).status).toBe(404);
    const reportId = await createReport({
      reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
      marketplaceIds: [US, CA],
      dataStartTime: at(600),
      dataEndTime: at(60),
    });
    expect((await amazon.get(`${REPORTS}/${reportId}`, {}, 'A2SELLER')).status).toBe(404);
    const done = await pollUntilDone(reportId);
    expect(done).toMatchObject({ processingStatus: 'DONE', dataStartTime: at(600), dataEndTime: at(60), marketplaceIds: [US, CA] });
    const doc = await amazon.get(`/reports/2021-06-30/documents/${done.reportDocumentId}`);
    expect(gunzipSync((await fetchDocument(doc.body.url)).bytes).toString()).toBe('');
    expect((await amazon.get(`/reports/2021-06-30/documents/${done.reportDocumentId}`, {}, 'A2SELLER')).status).toBe(404);
  });

  test('forced outcomes: FATAL has a document with the error, CANCELLED none; then reports are normal again', async () => {
    amazon.sim.nextOutcome('report', 'FATAL');
    const admin = await fetch(`${amazon.sim.origin}/__sim/next-outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'report', status: 'CANCELLED' }),
    });
    expect(admin.status).toBe(200);
    const [fatal, cancelled, normal] = [await createReport(), await createReport(), await createReport()];
    const f = await pollUntilDone(fatal);
    expect(f).toMatchObject({ processingStatus: 'FATAL', reportDocumentId: expect.any(String) });
    const doc = await amazon.get(`/reports/2021-06-30/documents/${f.reportDocumentId}`);
    expect(JSON.parse(gunzipSync((await fetchDocument(doc.body.url)).bytes).toString())).toEqual({
      errorDetails: expect.stringContaining('fatal'),
    });
    const c = await pollUntilDone(cancelled);
    expect(c.processingStatus).toBe('CANCELLED');
    expect(c).not.toHaveProperty('reportDocumentId');
    expect((await pollUntilDone(normal)).processingStatus).toBe('DONE');
    const bad = await fetch(`${amazon.sim.origin}/__sim/next-outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'report', status: 'DONE' }),
    });
    expect(bad.status).toBe(400);
  });

  test('cancelReport works only while IN_QUEUE', async () => {
    const queued = await createReport();
    await amazon.get(`${REPORTS}/${queued}`);
    const cancel = await amazon.call('DELETE', `${REPORTS}/${queued}`);
    expect([cancel.status, cancel.body]).toEqual([200, {}]);
    expect((await amazon.get(`${REPORTS}/${queued}`)).body.processingStatus).toBe('CANCELLED');
    const started = await createReport();
    await amazon.get(`${REPORTS}/${started}`);
    await amazon.get(`${REPORTS}/${started}`);
    const refused = await amazon.call('DELETE', `${REPORTS}/${started}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/IN_PROGRESS; only IN_QUEUE reports can be cancelled/);
    expect((await amazon.call('DELETE', `${REPORTS}/999`)).status).toBe(404);
  });
});

describe('getReports', () => {
  test('filters by type, status and date, newest first; nextToken pages and must come alone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await createReport(i === 4 ? { reportType: 'OTHER_TYPE', marketplaceIds: [US] } : LISTINGS_REPORT));
      amazon.clock.advance(60_000);
    }
    await pollUntilDone(defined(ids[0]));
    const first = await amazon.get(REPORTS, { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA', pageSize: '2' });
    expect(first.status).toBe(200);
    expect(first.body.reports.map((r: Json) => r.reportId)).toEqual([ids[3], ids[2]]);
    const second = await amazon.get(REPORTS, { nextToken: first.body.nextToken });
    expect(second.body.reports.map((r: Json) => r.reportId)).toEqual([ids[1], ids[0]]);
    expect(second.body).not.toHaveProperty('nextToken');
    const withOthers = await amazon.get(REPORTS, { nextToken: first.body.nextToken, pageSize: '2' });
    expect(withOthers.status).toBe(400);
    expect(withOthers.body.errors[0].message).toMatch(/nextToken must be the only parameter; also given: pageSize/);
    expect(
      (await amazon.get(REPORTS, { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA', processingStatuses: 'DONE' })).body.reports.map(
        (r: Json) => r.reportId,
      ),
    ).toEqual([ids[0]]);
    expect(
      (await amazon.get(REPORTS, { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA,OTHER_TYPE', createdSince: at(-2) })).body.reports.map(
        (r: Json) => r.reportId,
      ),
    ).toEqual([ids[4], ids[3], ids[2]]);
    expect((await amazon.get(REPORTS, { reportTypes: 'GET_MERCHANT_LISTINGS_ALL_DATA' }, 'A2SELLER')).body.reports).toEqual([]);
    expect((await amazon.get(REPORTS, {})).body.errors[0].message).toMatch(/either reportTypes or nextToken is required/);
    expect((await amazon.get(REPORTS, { nextToken: 'e30' })).body.errors[0].message).toMatch(/nextToken is not valid/);
    expect((await amazon.get(REPORTS, { nextToken: first.body.nextToken }, 'A2SELLER')).status).toBe(400);
    expect((await amazon.get(REPORTS, { reportTypes: 'X', processingStatuses: 'Done' })).status).toBe(400);
  });
});

describe('the GET_MERCHANT_LISTINGS_ALL_DATA document', () => {
  test('is gzipped UTF-8 TSV with the real column set, one row per listing of the marketplace', async () => {
    addCatalogue();
    const report = await pollUntilDone(await createReport());
    const doc = await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`);
    expect(doc.body).toEqual({
      reportDocumentId: report.reportDocumentId,
      url: expect.stringMatching(/\/documents\//),
      compressionAlgorithm: 'GZIP',
    });
    const file = await fetchDocument(doc.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(file.headers.get('content-encoding')).toBeNull();
    const text = gunzipSync(file.bytes).toString('utf8');
    const [header] = text.split('\n');
    expect(header).toBe(
      'item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\timage-url\titem-is-marketplace\tproduct-id-type\tzshop-shipping-fee\titem-note\titem-condition\tzshop-category1\tzshop-browse-path\tzshop-storefront-feature\tasin1\tasin2\tasin3\twill-ship-internationally\texpedited-shipping\tzshop-boldface\tproduct-id\tbid-for-featured-placement\tadd-delete\tpending-quantity\tfulfillment-channel\tmerchant-shipping-group\tstatus',
    );
    expect(header?.split('\t')).toEqual([...MERCHANT_LISTINGS_COLUMNS]);
    expect(text.endsWith('\n')).toBe(true);
    const rows = await downloadRows(await createReport());
    const bySku = new Map(rows.map((r) => [r['seller-sku'], r]));
    expect([...bySku.keys()]).toEqual(['MFN-1', 'MFN-0', 'AFN-1', 'TEE', 'TEE-RED-M']);
    const asin = (sku: string) => defined(amazon.sim.listings().find((l) => l.sku === sku)).asin;
    expect(bySku.get('MFN-1')).toMatchObject({
      'item-name': 'Café Mug 12" Wide, 2 Pack',
      'listing-id': expect.stringMatching(/^0115Z[0-9A-Z]{7}$/),
      price: '12.50',
      quantity: '7',
      'open-date': '2026-01-15 08:30:00 PST',
      asin1: asin('MFN-1'),
      'product-id': asin('MFN-1'),
      'product-id-type': '1',
      'fulfillment-channel': 'DEFAULT',
      'pending-quantity': '0',
      status: 'Active',
    });
    expect(bySku.get('MFN-0')).toMatchObject({
      'item-name': 'Müller Kettle – Größe L',
      quantity: '0',
      status: 'Inactive',
      'open-date': '2026-02-20 04:00:00 PST',
    });
    expect(bySku.get('AFN-1')).toMatchObject({ price: '30.00', quantity: '', 'fulfillment-channel': 'AMAZON_NA', status: 'Active' });
    expect(bySku.get('TEE')).toMatchObject({ price: '', quantity: '', 'fulfillment-channel': 'DEFAULT' });
    expect(bySku.get('TEE-RED-M')).toMatchObject({ price: '19.99', quantity: '3' });
    for (const row of rows) expect(Object.keys(row)).toHaveLength(MERCHANT_LISTINGS_COLUMNS.length);
  });

  test('the CA report holds only CA listings; open-date switches to PDT in summer', async () => {
    amazon.sim.addListings({ marketplaceId: CA, listings: [{ sku: 'CA-1', quantity: 2, createdDate: '2025-07-04T19:00:00Z' }] });
    amazon.sim.addListings({ listings: [{ sku: 'US-1' }] });
    const rows = await downloadRows(await createReport({ ...LISTINGS_REPORT, marketplaceIds: [CA] }));
    expect(rows.map((r) => [r['seller-sku'], r['open-date'], r.price])).toEqual([['CA-1', '2025-07-04 12:00:00 PDT', '19.99']]);
  });

  test('the content is a snapshot taken when the report finishes', async () => {
    amazon.sim.addListings({ listings: [{ sku: 'EARLY', quantity: 1 }] });
    const reportId = await createReport();
    await amazon.get(`${REPORTS}/${reportId}`);
    amazon.sim.addListings({ listings: [{ sku: 'LATE', quantity: 1 }] });
    expect((await downloadRows(reportId)).map((r) => r['seller-sku'])).toEqual(['EARLY', 'LATE']);
  });
});

describe('charset and compression options', () => {
  test('reportCharset windows-1252 and reportGzip false: plain bytes in that charset, named in Content-Type', async () => {
    const { sim, token } = await startAmazonSim({ ...setup, reportGzip: false, reportCharset: 'windows-1252', reportPolls: 1 });
    try {
      sim.addListings({
        listings: [
          { sku: 'W-1', title: 'Crème “Brûlée” Dish – 2™', quantity: 1 },
          { sku: 'W-2', title: 'Snowman ☃ Mug' },
        ],
      });
      const headers = { 'x-amz-access-token': await token('A1SELLER'), 'content-type': 'application/json' };
      const { reportId } = (await (
        await fetch(`${sim.origin}${REPORTS}`, { method: 'POST', headers, body: JSON.stringify(LISTINGS_REPORT) })
      ).json()) as Json;
      const { reportDocumentId } = (await (await fetch(`${sim.origin}${REPORTS}/${reportId}`, { headers })).json()) as Json;
      const doc = (await (await fetch(`${sim.origin}/reports/2021-06-30/documents/${reportDocumentId}`, { headers })).json()) as Json;
      expect(doc).not.toHaveProperty('compressionAlgorithm');
      const file = await fetchDocument(doc.url);
      expect(file.headers.get('content-type')).toBe('text/plain;charset=windows-1252');
      // Latin-1 letters keep their code; the typographic ones sit in 0x80-0x9F; the rest become '?'.
      const cp1252 = (s: string) =>
        Buffer.from(Array.from(s).map((ch) => ({ '“': 0x93, '”': 0x94, '–': 0x96, '™': 0x99 })[ch] ?? ch.charCodeAt(0)));
      expect(file.bytes.includes(cp1252('\nCrème “Brûlée” Dish – 2™\t'))).toBe(true);
      expect(file.bytes.includes(cp1252('\nSnowman ? Mug\t'))).toBe(true);
      expect(file.text).not.toContain('Crème');
    } finally {
      await sim.close();
    }
  });

  test('enableContentEncodingUrlHeader=true serves the gzip with Content-Encoding, so HTTP clients unpack it', async () => {
    amazon.sim.addListings({ listings: [{ sku: 'E-1', quantity: 1 }] });
    const report = await pollUntilDone(await createReport());
    const doc = await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`, { enableContentEncodingUrlHeader: 'true' });
    expect(doc.body.compressionAlgorithm).toBe('GZIP');
    const file = await fetchDocument(doc.body.url);
    expect(file.headers.get('content-encoding')).toBe('gzip');
    expect(file.text).toMatch(/^item-name\t/);
  });
});

describe('presigned download URLs', () => {
  async function documentUrl(): Promise<string> {
    const report = await pollUntilDone(await createReport());
    return (await amazon.get(`/reports/2021-06-30/documents/${report.reportDocumentId}`)).body.url as string;
  }

  test('refuse the SP-API token header, and any Authorization header, with an S3 error', async () => {
    const url = await documentUrl();
    const withToken = await fetchDocument(url, { headers: { 'x-amz-access-token': amazon.tokens.A1SELLER as string } });
    expect(withToken.status).toBe(400);
    expect(withToken.headers.get('content-type')).toBe('application/xml');
    expect(withToken.text).toMatch(/<Error><Code>InvalidArgument<\/Code><Message>[^<]*x-amz-access-token/);
    expect((await fetchDocument(url, { headers: { authorization: 'Bearer x' } })).status).toBe(400);
    expect((await fetchDocument(url)).status).toBe(200);
  });

  test('expire 5 minutes after issue on the simulator clock; a new getReportDocument gives a fresh URL', async () => {
    const url = await documentUrl();
    amazon.clock.advance(5 * 60_000 - 1);
    expect((await fetchDocument(url)).status).toBe(200);
    amazon.clock.advance(1);
    const expired = await fetchDocument(url);
    expect(expired.status).toBe(403);
    expect(expired.text).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    expect((await fetchDocument(await documentUrl())).status).toBe(200);
  });

  test('a tampered signature is AccessDenied; a PUT on a download URL does not match the signature', async () => {
    const url = await documentUrl();
    expect((await fetchDocument(url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=ffff'))).text).toMatch(
      /<Code>AccessDenied<\/Code>/,
    );
    const put = await fetchDocument(url, { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(403);
    expect(put.text).toMatch(/<Code>SignatureDoesNotMatch<\/Code>/);
    expect((await fetchDocument(url, { method: 'DELETE' })).status).toBe(405);
  });

  test('go through the request log (and so the fault plan) like any non-admin request', async () => {
    const url = await documentUrl();
    await fetchDocument(url);
    const last = defined(amazon.sim.requests[amazon.sim.requests.length - 1]);
    expect(last).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/documents\/amzn1\.spdoc\./), status: 200 });
  });
});

describe('scale', () => {
  test('a 50,000-row report is generated and downloaded whole', async () => {
    seedListings(amazon.sim, { count: 50_000, parents: 1000, childrenPerParent: 4, fba: 2000, seed: 3, now: T0 });
    const rows = await downloadRows(await createReport());
    expect(rows).toHaveLength(50_000);
    expect(rows.filter((r) => r['fulfillment-channel'] === 'AMAZON_NA')).toHaveLength(2000);
    expect(rows.filter((r) => r.price === '')).toHaveLength(1000);
  });
});

test('the rate table carries every reports, feeds and listings operation at its model default', () => {
  const table = Object.fromEntries(OPERATIONS.map((op) => [op.name, `${op.rate}/${op.burst}`]));
  expect(table).toMatchObject({
    searchListingsItems: '5/5',
    getListingsItem: '5/10',
    patchListingsItem: '5/5',
    createReport: '0.0167/15',
    getReport: '2/15',
    getReports: '0.0222/10',
    cancelReport: '0.0222/10',
    getReportDocument: '0.0167/15',
    createFeedDocument: '0.5/15',
    createFeed: '0.0083/15',
    getFeed: '2/15',
    cancelFeed: '2/15',
    getFeeds: '0.0222/10',
    getFeedDocument: '0.0222/10',
  });
});

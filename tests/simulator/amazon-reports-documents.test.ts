import { gunzipSync } from 'node:zlib';
import { MERCHANT_LISTINGS_COLUMNS } from '../../src/simulator/amazon';
import { fetchDocument, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';
import { CA, LISTINGS_REPORT, REPORTS, setup, useReportsSim } from '../helpers/reports';

const { amazon, createReport, pollUntilDone, downloadRows, addCatalogue } = useReportsSim();

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

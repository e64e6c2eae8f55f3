import { gunzipSync } from 'node:zlib';
import { OPERATIONS, seedListings } from '../../src/simulator/amazon';
import { T0, at, fetchDocument, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';
import { CA, LISTINGS_REPORT, REPORTS, setup, US, useReportsSim } from '../helpers/reports';

const { amazon, createReport, pollUntilDone, downloadRows } = useReportsSim();

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

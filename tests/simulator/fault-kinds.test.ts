import { ALLOCADENCE_FAULT_KINDS, FAULT_KINDS, parseFaults } from '../../src/simulator/faults';
import { allocadenceCall, useAllocadenceSims } from '../helpers/allocadence-sim';
import { feedSteps, pollJob, useAmazonSim } from '../helpers/amazon-sim';

const startAllocadence = useAllocadenceSims();
const call = allocadenceCall<{ id?: number; orderNumber?: string }>();

const order = (orderNumber: string) => ({
  orderNumber,
  shipFromWarehouseName: 'Main',
  customer: { name: 'Ada', surname: 'Lovelace' },
  shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
  items: [{ sku: 'SKU-0001', quantity: 1 }],
});

describe('parseFaults', () => {
  test('a plain fraction spreads over the kinds given; an explicit spec keeps only those kinds', () => {
    const all = parseFaults('0.24');
    expect(Object.keys(all)).toEqual([...FAULT_KINDS]);
    expect(all['429']).toBeCloseTo(0.02);
    const allocadence = parseFaults('0.18', ALLOCADENCE_FAULT_KINDS);
    expect(Object.keys(allocadence)).toEqual(['429', '500', '503', 'slow', 'malformed', 'reset', 'reset-after', 'timeout', 'html']);
    expect(allocadence.html).toBeCloseTo(0.02);
    expect(parseFaults('expire=0.1, reset=0.05, fatal=0.02', ALLOCADENCE_FAULT_KINDS)).toEqual({ reset: 0.05 });
    expect(parseFaults('expire=0.1,timeout=0.05')).toEqual({ expire: 0.1, timeout: 0.05 });
  });

  test.each([
    [
      'lost=0.1',
      /'lost=0.1' is not KIND=FRACTION with KIND one of 429, 500, 503, slow, malformed, reset, reset-after, timeout, html, expire, fatal, cancelled/,
    ],
    ['reset=', /'reset=' is not KIND=FRACTION/],
    ['reset=0.6,html=0.6', /add up to 1.2, more than 1/],
    ['1.5', /between 0 and 1/],
  ])('%s is refused with a message naming the bad part', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
  });
});

describe('connection faults (Allocadence)', () => {
  test('reset drops the connection before the handler: nothing is created; the log says status 0', async () => {
    const { sim } = await startAllocadence({ faults: { reset: 1 } });
    await expect(call(sim, 'POST', '/rest/customer-orders', order('R-1'))).rejects.toThrow();
    expect(sim.orders()).toEqual([]);
    expect(sim.requests).toEqual([expect.objectContaining({ method: 'POST', status: 0, fault: 'reset' })]);
    expect(sim.requests[0]?.handledStatus).toBeUndefined();
  });

  test('reset-after drops it once the handler ran: the order exists, the log keeps what the handler answered', async () => {
    const { sim } = await startAllocadence({ faults: { 'reset-after': 1 } });
    await expect(call(sim, 'POST', '/rest/customer-orders', order('R-2'))).rejects.toThrow();
    expect(sim.orders().map((o) => o.orderNumber)).toEqual(['R-2']);
    expect(sim.requests).toEqual([expect.objectContaining({ status: 0, fault: 'reset-after', handledStatus: 201 })]);
  });

  test('timeout holds the answer past a client’s patience, then drops it; the write took effect', async () => {
    const { sim } = await startAllocadence({ faults: { timeout: 1 }, holdMs: 400 });
    const impatient = fetch(`${sim.origin}/rest/items?page=1`, { headers: { authorization: 'Basic x' }, signal: AbortSignal.timeout(50) });
    await expect(impatient).rejects.toThrow(/timeout|aborted/i);
    // A patient client is not answered either: the connection closes after the hold.
    await expect(call(sim, 'POST', '/rest/customer-orders', order('T-1'))).rejects.toThrow();
    expect(sim.orders().map((o) => o.orderNumber)).toEqual(['T-1']);
    expect(sim.requests.map((r) => [r.status, r.fault, r.handledStatus])).toEqual([
      [0, 'timeout', 401],
      [0, 'timeout', 201],
    ]);
  });

  test('html answers a proxy page (200, 502 or 503) without reaching the handler', async () => {
    const { sim } = await startAllocadence({ faults: { html: 1 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await call(sim, 'POST', '/rest/customer-orders', order(`H-${i}`));
      statuses.add(res.status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toMatch(/^<!DOCTYPE html>/);
    }
    expect([...statuses].sort()).toEqual([200, 502, 503]);
    expect(sim.orders()).toEqual([]);
    expect(sim.requests.every((r) => r.fault === 'html' && r.handledStatus === undefined)).toBe(true);
  });

  test('Amazon-only kinds never fire here; setFaults switches faults at run time', async () => {
    const { sim } = await startAllocadence({ faults: { expire: 0.5, fatal: 0.25, cancelled: 0.25 } });
    expect((await call(sim, 'POST', '/rest/customer-orders', order('S-1'))).status).toBe(201);
    sim.setFaults({ '503': 1 });
    expect((await call(sim, 'POST', '/rest/customer-orders', order('S-2'))).status).toBe(503);
    sim.setFaults(undefined);
    expect((await call(sim, 'POST', '/rest/customer-orders', order('S-3'))).status).toBe(201);
    expect(sim.requests.map((r) => r.fault)).toEqual([undefined, '503', undefined]);
  });
});

describe('Amazon-only faults', () => {
  const FAST = { rate: 100, burst: 1000 };
  const amazon = useAmazonSim({
    rates: { createFeedDocument: FAST, createFeed: FAST, getFeed: FAST, createReport: FAST, getReport: FAST },
  });
  const feeds = feedSteps(amazon);
  const FEED = JSON.stringify({
    header: { sellerId: 'A1SELLER', version: '2.0' },
    messages: [
      {
        messageId: 1,
        sku: 'MFN-1',
        operationType: 'PATCH',
        productType: 'LUGGAGE',
        patches: [
          { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }] },
        ],
      },
    ],
  });
  beforeEach(() => {
    amazon.sim.addListings({ listings: [{ sku: 'MFN-1', productType: 'LUGGAGE', quantity: 1 }] });
  });

  test('expire ends every access token just before the request: Amazon’s expired-token 403', async () => {
    amazon.sim.setFaults({ expire: 1 });
    const res = await amazon.get('/listings/2021-08-01/items/A1SELLER', { marketplaceIds: 'ATVPDKIKX0DER' });
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'Unauthorized', details: 'The access token you provided has expired.' });
    expect(amazon.sim.requests.at(-1)?.fault).toBe('expire');
  });

  test('fatal ends the feed a createFeed creates; the other requests pass unharmed', async () => {
    amazon.sim.setFaults({ fatal: 1 });
    const feedId = await feeds.submit('JSON_LISTINGS_FEED', FEED, { contentType: 'application/json; charset=UTF-8' });
    expect((await feeds.finish(feedId)).processingStatus).toBe('FATAL');
    expect(amazon.sim.listings()[0]?.quantity).toBe(1);
    expect(amazon.sim.requests.filter((r) => r.fault).map((r) => [r.method, r.path, r.fault])).toEqual([
      ['POST', '/feeds/2021-06-30/feeds', 'fatal'],
    ]);
  });

  test('a createFeed refused anyway creates no job to end: not logged as faulted, and no later feed inherits the outcome', async () => {
    amazon.sim.setFaults({ fatal: 1 });
    const refused = await fetch(`${amazon.sim.origin}/feeds/2021-06-30/feeds`, {
      method: 'POST',
      headers: { 'x-amz-access-token': 'Atza|unknown', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(amazon.sim.requests.at(-1)?.fault).toBeUndefined();
    amazon.sim.setFaults(undefined);
    const feedId = await feeds.submit('JSON_LISTINGS_FEED', FEED, { contentType: 'application/json; charset=UTF-8' });
    expect((await feeds.finish(feedId)).processingStatus).toBe('DONE');
  });

  test('cancelled ends the report a createReport creates', async () => {
    amazon.sim.setFaults({ cancelled: 1 });
    const created = await amazon.call('POST', '/reports/2021-06-30/reports', {
      body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: ['ATVPDKIKX0DER'] },
    });
    expect(created.status).toBe(202);
    amazon.sim.setFaults(undefined);
    expect((await pollJob(amazon, `/reports/2021-06-30/reports/${created.body.reportId}`, 'report')).processingStatus).toBe('CANCELLED');
  });

  test('finishJobs finishes what nobody polled: a feed submitted and left still takes effect', async () => {
    const feedId = await feeds.submit('JSON_LISTINGS_FEED', FEED, { contentType: 'application/json; charset=UTF-8' });
    expect(amazon.sim.feeds().map((f) => [f.feedId, f.processingStatus])).toEqual([[feedId, 'IN_QUEUE']]);
    expect(amazon.sim.finishJobs()).toBe(1);
    expect(amazon.sim.feeds().map((f) => f.processingStatus)).toEqual(['DONE']);
    expect(amazon.sim.listings()[0]?.quantity).toBe(9);
    expect(amazon.sim.finishJobs()).toBe(0);
  });
});

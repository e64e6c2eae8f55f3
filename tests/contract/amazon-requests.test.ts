import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { MODELS_DIR } from '../helpers/spapi-models';
import { checkBody, checkRequest, haveModels, loadOperations, SKIP_REASON, type ModelOperation } from '../helpers/spapi-models';
import type { RecordedRequest } from '../../src/simulator/server';
import { testWorld } from '../helpers/world-run';

const describeWithModels = haveModels ? describe : describe.skip;
if (!haveModels) test.skip(SKIP_REASON, () => undefined);

describeWithModels("requests sent to Amazon match Amazon's models", () => {
  let ops: ModelOperation[];
  beforeAll(() => {
    ops = [
      'orders_2026-01-01.json',
      'ordersV0.json',
      'listingsItems_2021-08-01.json',
      'reports_2021-06-30.json',
      'feeds_2021-06-30.json',
    ].flatMap(loadOperations);
  });

  /** Every request sent to Amazon matched to its operation and checked; returns the operations seen. */
  function checkSent(requests: readonly RecordedRequest[]): Set<string> {
    const seen = new Set<string>();
    for (const r of requests) {
      if (r.path === '/auth/o2/token') continue;
      if (r.path.startsWith('/documents/')) {
        // Presigned document URLs: never an SP-API token.
        expect(r.headers['x-amz-access-token']).toBeUndefined();
        continue;
      }
      const op = ops.find((o) => o.method === r.method && o.pattern.test(r.path));
      expect(op ? 'matched' : `no operation for ${r.method} ${r.path}`).toBe('matched');
      if (!op) continue;
      seen.add(op.operationId);
      expect(checkRequest(op, r.query)).toEqual([]);
      expect(checkBody(op, r.body)).toEqual([]);
      expect(r.headers['x-amz-access-token']).toBeTruthy();
      expect(r.headers.authorization).toBeUndefined();
      // The model gives this range in prose only ("between 1 and 100").
      if (r.query.maxResultsPerPage) expect(Number(r.query.maxResultsPerPage)).toBeLessThanOrEqual(100);
    }
    return seen;
  }

  test('pull-orders: searchOrders over several pages, getOrder for a retried order', async () => {
    const w = await testWorld({ seed: 12, orders: 0 });
    try {
      const t = new Date(Date.now() - 30 * 60_000).toISOString();
      w.amazon.addOrders({
        orders: Array.from({ length: 130 }, () => ({
          status: 'UNSHIPPED' as const,
          fulfilledBy: 'MERCHANT' as const,
          createdTime: t,
          lastUpdatedTime: t,
          items: [{ sku: 'SKU-0001', quantity: 1 }],
        })),
      });
      w.amazon.addOrders({
        orders: [
          {
            status: 'UNSHIPPED',
            fulfilledBy: 'MERCHANT',
            createdTime: t,
            lastUpdatedTime: t,
            items: [{ sku: 'UNKNOWN-SKU', quantity: 1 }],
          },
        ],
      });
      expect((await w.run(['pull-orders'])).code).toBe(1);
      expect((await w.run(['pull-orders'])).code).toBe(1);

      const seenOps = checkSent(w.amazon.requests);
      // The v0 read operations are deprecated: only the 2026-01-01 API may be used for reading orders.
      expect(w.amazon.requests.filter((r) => r.path.startsWith('/orders/v0/'))).toEqual([]);
      expect([...seenOps].sort()).toEqual(['getOrder', 'searchOrders']);
      expect(w.amazon.requests.filter((r) => r.query.paginationToken).length).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  });

  test('pull-items and push-stock: reports, listings (search and patch), feeds', async () => {
    const w = await testWorld({ seed: 13, orders: 0, listings: 120, fakeClock: true });
    try {
      expect((await w.run(['pull-items'])).code).toBe(0);
      w.amazon.addListings({ listings: [{ sku: 'CONTRACT-NEW', title: 'New', quantity: 1 }] });
      expect((await w.run(['pull-items'])).code).toBe(0);
      expect((await w.run(['push-stock', '--full'])).code).toBe(0);
      const sku = w.amazon.listings().find((l) => l.fulfillment === 'MERCHANT' && !l.isParent)?.sku ?? '';
      w.allocadence.setStock(sku, 'Main', 99);
      expect((await w.run(['push-stock'])).code).toBe(0);

      const seen = checkSent(w.amazon.requests);
      expect([...seen].sort()).toEqual([
        'createFeed',
        'createFeedDocument',
        'createReport',
        'getFeed',
        'getFeedDocument',
        'getReport',
        'getReportDocument',
        'patchListingsItem',
        'searchListingsItems',
      ]);
      // The uploaded feed document: Amazon's schema, and the Content-Type promised to createFeedDocument.
      const declared = JSON.parse(w.amazon.requests.find((r) => r.path === '/feeds/2021-06-30/documents')?.body ?? '{}').contentType;
      const upload = w.amazon.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/documents/'));
      expect(upload?.headers['content-type']).toBe(declared);
      const ajv = new Ajv({ strict: false, allErrors: true });
      const schema = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'listings-feed-schema-v2.json'), 'utf8')) as object;
      expect(ajv.validate(schema, JSON.parse(upload?.body ?? '{}')) ? [] : ajv.errors).toEqual([]);
      const patch = w.amazon.requests.find((r) => r.method === 'PATCH');
      const patchOp = JSON.parse(patch?.body ?? '{}').patches[0];
      expect(patchOp.op).toBe('merge');
    } finally {
      await w.close();
    }
  });

  test('push-shipments and push-status: confirmShipment and the flat-file order feeds', async () => {
    const w = await testWorld({ seed: 14, orders: 0, fakeClock: true });
    try {
      const t = new Date(w.time?.clock() ?? Date.now()).toISOString();
      const orders = w.amazon.addOrders({
        orders: Array.from({ length: 3 }, () => ({
          status: 'UNSHIPPED' as const,
          fulfilledBy: 'MERCHANT' as const,
          createdTime: t,
          lastUpdatedTime: t,
          items: [{ sku: 'SKU-0001', quantity: 1 }],
        })),
      });
      w.time?.advance(10 * 60_000);
      expect((await w.run(['pull-orders'])).code).toBe(0);
      const [a, b, c] = orders.map((o) => o.orderId);
      w.allocadence.ship({
        orderNumber: a ?? '',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: '1ZC',
        lines: [{ sku: 'SKU-0001', quantity: 1 }],
      });
      w.allocadence.cancelOrder(b ?? '', 'Out of stock');
      w.allocadence.completeOrder(c ?? '');
      w.amazon.requests.length = 0;
      expect((await w.run(['push-shipments'])).code).toBe(0);
      expect((await w.run(['push-status'])).code).toBe(0);

      const seen = checkSent(w.amazon.requests);
      expect([...seen]).toEqual(
        expect.arrayContaining(['confirmShipment', 'createFeedDocument', 'createFeed', 'getFeed', 'getFeedDocument', 'getOrder']),
      );
      // One level deeper than checkBody looks: the package itself.
      const confirm = JSON.parse(w.amazon.requests.find((r) => r.path.endsWith('/shipmentConfirmation'))?.body ?? '{}') as {
        marketplaceId?: string;
        packageDetail?: Record<string, unknown>;
      };
      expect(Object.keys(confirm).sort()).toEqual(['marketplaceId', 'packageDetail']);
      for (const k of ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate', 'orderItems'])
        expect(confirm.packageDetail).toHaveProperty(k);
      const uploads = w.amazon.requests
        .filter((r) => r.method === 'PUT' && r.path.startsWith('/documents/'))
        .map((r) => r.body.split('\n')[0]);
      expect(uploads.sort()).toEqual([
        'order-id\tamazon-order-item-code\tcancellation-reason-code',
        'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
      ]);
    } finally {
      await w.close();
    }
  });

  test('the checker itself catches a bad request', () => {
    const search = ops.find((o) => o.operationId === 'searchOrders') as ModelOperation;
    expect(checkRequest(search, { lastUpdatedAfter: 'yesterday', fulfillmentStatuses: 'OPEN', bogus: '1' })).toHaveLength(3);
  });
});

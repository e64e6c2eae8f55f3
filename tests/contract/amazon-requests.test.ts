import { checkRequest, haveModels, loadOperations, SKIP_REASON, type ModelOperation } from '../helpers/spapi-models';
import { testWorld } from '../helpers/world-run';

const describeWithModels = haveModels ? describe : describe.skip;
if (!haveModels) test.skip(SKIP_REASON, () => undefined);

describeWithModels("requests sent to Amazon match Amazon's models", () => {
  let ops: ModelOperation[];
  beforeAll(() => {
    ops = ['orders_2026-01-01.json', 'ordersV0.json'].flatMap(loadOperations);
  });

  test('pull-orders: searchOrders over several pages, getOrder for a retried order', async () => {
    const w = await testWorld({ seed: 12, orders: 0 });
    try {
      const t = new Date(Date.now() - 30 * 60_000).toISOString();
      w.amazon.addOrders({ orders: Array.from({ length: 130 }, () => ({ status: 'UNSHIPPED' as const, fulfilledBy: 'MERCHANT' as const, createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0001', quantity: 1 }] })) });
      w.amazon.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'UNKNOWN-SKU', quantity: 1 }] }] });
      expect((await w.run(['pull-orders'])).code).toBe(1);
      expect((await w.run(['pull-orders'])).code).toBe(1);

      const sent = w.amazon.requests.filter((r) => r.path !== '/auth/o2/token');
      const seenOps = new Set<string>();
      for (const r of sent) {
        const op = ops.find((o) => o.method === r.method && o.pattern.test(r.path));
        expect(op ? op.operationId : `no operation for ${r.method} ${r.path}`).toMatch(/^(searchOrders|getOrder)$/);
        if (!op) continue;
        // The v0 read operations are deprecated: only the 2026-01-01 API may be used for reading orders.
        expect(op.pathTemplate.startsWith('/orders/2026-01-01/')).toBe(true);
        seenOps.add(op.operationId);
        expect(checkRequest(op, r.query)).toEqual([]);
        // The model gives this range in prose only ("between 1 and 100").
        if (r.query.maxResultsPerPage) expect(Number(r.query.maxResultsPerPage)).toBeLessThanOrEqual(100);
        expect(r.body).toBe('');
        expect(r.headers['x-amz-access-token']).toBeTruthy();
        expect(r.headers.authorization).toBeUndefined();
      }
      expect([...seenOps].sort()).toEqual(['getOrder', 'searchOrders']);
      expect(sent.filter((r) => r.query.paginationToken).length).toBeGreaterThan(0);
    } finally {
      await w.close();
    }
  });

  test('the checker itself catches a bad request', () => {
    const search = ops.find((o) => o.operationId === 'searchOrders') as ModelOperation;
    expect(checkRequest(search, { lastUpdatedAfter: 'yesterday', fulfillmentStatuses: 'OPEN', bogus: '1' })).toHaveLength(3);
  });
});

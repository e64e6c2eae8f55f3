import type { NewOrderInput } from '../../src/simulator/amazon';
import { T0, at, useAmazonSim, type Json } from '../helpers/amazon-sim';

const amazon = useAmazonSim({
  marketplaces: { A1SELLER: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] },
  // These tests are about the rules, not throttling.
  rates: { searchOrders: { rate: 100, burst: 1000 } },
});

const search = (params: Record<string, string>, seller?: string) => amazon.get('/orders/2026-01-01/orders', params, seller);

function order(id: string, minutesAgo: number, extra: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    orderId: id,
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: at(minutesAgo + 60),
    lastUpdatedTime: at(minutesAgo),
    items: [{ sku: 'SKU-0001', quantity: 1 }],
    ...extra,
  };
}

describe('searchOrders parameter rules', () => {
  const after = at(600);
  test.each<[string, Record<string, string>, RegExp]>([
    ['neither after', {}, /Exactly one of createdAfter and lastUpdatedAfter/],
    ['both afters', { createdAfter: after, lastUpdatedAfter: after }, /exactly one of createdAfter and lastUpdatedAfter/],
    [
      'createdAfter with lastUpdatedBefore',
      { createdAfter: after, lastUpdatedBefore: at(10) },
      /lastUpdatedBefore cannot be used with createdAfter/,
    ],
    [
      'lastUpdatedAfter with createdBefore',
      { lastUpdatedAfter: after, createdBefore: at(10) },
      /createdBefore cannot be used with lastUpdatedAfter/,
    ],
    ['a non-ISO date', { lastUpdatedAfter: '03/01/2026' }, /lastUpdatedAfter '03\/01\/2026' is not an ISO 8601/],
    [
      'before earlier than after',
      { lastUpdatedAfter: at(10), lastUpdatedBefore: at(20) },
      /lastUpdatedBefore must be equal to or after lastUpdatedAfter/,
    ],
    ['before within 2 minutes of now', { createdAfter: after, createdBefore: at(1) }, /createdBefore must be at least 2 minutes before/],
    ['after within 2 minutes of now', { lastUpdatedAfter: at(1) }, /lastUpdatedAfter must be at least 2 minutes before/],
    [
      'an unknown status',
      { lastUpdatedAfter: after, fulfillmentStatuses: 'UNSHIPPED,Shipped' },
      /fulfillmentStatuses has invalid value\(s\) Shipped/,
    ],
    ['an unknown fulfilledBy', { lastUpdatedAfter: after, fulfilledBy: 'AFN' }, /fulfilledBy has invalid value\(s\) AFN/],
    ['an unknown includedData', { lastUpdatedAfter: after, includedData: 'BUYER,ADDRESS' }, /includedData has invalid value\(s\) ADDRESS/],
    ['51 marketplaces', { lastUpdatedAfter: after, marketplaceIds: Array.from({ length: 51 }, (_, i) => `M${i}`).join(',') }, /at most 50/],
    ['maxResultsPerPage 0', { lastUpdatedAfter: after, maxResultsPerPage: '0' }, /maxResultsPerPage must be an integer from 1 to 100/],
    ['maxResultsPerPage 101', { lastUpdatedAfter: after, maxResultsPerPage: '101' }, /from 1 to 100/],
    ['axios-style brackets', { lastUpdatedAfter: after, 'fulfilledBy[]': 'MERCHANT' }, /comma-separated/],
    ['a garbage paginationToken', { lastUpdatedAfter: after, paginationToken: 'abc' }, /paginationToken is not valid/],
  ])('%s is 400 InvalidInput', async (_name, params, message) => {
    const { status, body, headers } = await search(params);
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe('InvalidInput');
    expect(body.errors[0].message).toMatch(message);
    expect(headers.get('x-amzn-ratelimit-limit')).toBe('100');
  });

  test('a repeated parameter is refused rather than half-read', async () => {
    const url = `${amazon.sim.origin}/orders/2026-01-01/orders?lastUpdatedAfter=${at(600)}&fulfilledBy=MERCHANT&fulfilledBy=AMAZON`;
    const res = await fetch(url, { headers: { 'x-amz-access-token': amazon.tokens.A1SELLER as string } });
    expect(res.status).toBe(400);
  });

  test('a before exactly 2 minutes ago is accepted and echoed', async () => {
    const { status, body } = await search({ lastUpdatedAfter: at(600), lastUpdatedBefore: at(2) });
    expect(status).toBe(200);
    expect(body.lastUpdatedBefore).toBe(at(2));
  });
});

describe('searchOrders results', () => {
  test('the window defaults to now - 2 min, is echoed, and hides newer changes until they settle', async () => {
    amazon.sim.addOrders({ orders: [order('111-0000001-0000001', 30), order('111-0000001-0000002', 1)] });
    const first = await search({ lastUpdatedAfter: at(600) });
    expect(first.body.lastUpdatedBefore).toBe(at(2));
    expect(first.body.createdBefore).toBeUndefined();
    expect(first.body.orders.map((o: Json) => o.orderId)).toEqual(['111-0000001-0000001']);
    expect(first.body.pagination).toBeUndefined();
    amazon.clock.set(T0 + 60_000);
    const later = await search({ lastUpdatedAfter: at(600) });
    expect(later.body.orders.map((o: Json) => o.orderId)).toEqual(['111-0000001-0000001', '111-0000001-0000002']);
  });

  test('an update becomes visible to lastUpdated windows 2 minutes later', async () => {
    amazon.sim.addOrders({ orders: [order('111-0000002-0000001', 300)] });
    amazon.sim.updateOrder('111-0000002-0000001', { status: 'CANCELLED' });
    const now = await search({ lastUpdatedAfter: at(60) });
    expect(now.body.orders).toHaveLength(0);
    amazon.clock.set(T0 + 2 * 60_000);
    const later = await search({ lastUpdatedAfter: at(60), includedData: 'FULFILLMENT' });
    expect(later.body.orders[0].fulfillment.fulfillmentStatus).toBe('CANCELLED');
  });

  test('created windows sort by createdTime, filter, and echo createdBefore', async () => {
    amazon.sim.addOrders({
      orders: [
        order('111-0000003-0000003', 10, { createdTime: at(50) }),
        order('111-0000003-0000001', 10, { createdTime: at(40), fulfilledBy: 'AMAZON' }),
        order('111-0000003-0000002', 10, { createdTime: at(50), marketplaceId: 'A2EUQ1WTGCTBG2' }),
        order('111-0000003-0000004', 10, { createdTime: at(45), status: 'SHIPPED' }),
      ],
    });
    const all = await search({ createdAfter: at(100), createdBefore: at(5) });
    expect(all.body.createdBefore).toBe(at(5));
    expect(all.body.orders.map((o: Json) => o.orderId)).toEqual([
      '111-0000003-0000002',
      '111-0000003-0000003',
      '111-0000003-0000004',
      '111-0000003-0000001',
    ]);
    const filtered = await search({
      createdAfter: at(100),
      marketplaceIds: 'ATVPDKIKX0DER',
      fulfilledBy: 'MERCHANT',
      fulfillmentStatuses: 'UNSHIPPED,PENDING',
    });
    expect(filtered.body.orders.map((o: Json) => o.orderId)).toEqual(['111-0000003-0000003']);
  });

  test("a token sees only its own seller's orders", async () => {
    amazon.sim.addOrders({ orders: [order('111-0000004-0000001', 10)] });
    amazon.sim.addOrders({ orders: [order('111-0000004-0000002', 10)] }, 'A2SELLER');
    const one = await search({ lastUpdatedAfter: at(600) }, 'A1SELLER');
    const two = await search({ lastUpdatedAfter: at(600) }, 'A2SELLER');
    expect(one.body.orders.map((o: Json) => o.orderId)).toEqual(['111-0000004-0000001']);
    expect(two.body.orders.map((o: Json) => o.orderId)).toEqual(['111-0000004-0000002']);
  });
});

import type { AnswerRewrite } from '../../src/simulator/answer-rewrites';
import { checkpoints, scenario as startScenario, type ScenarioName } from '../helpers/remote-answer-scenarios';
import { worldsClosedAfterEach } from '../helpers/world-run';

/**
 * Answers of every operation the tool reads, as the remote systems might send them: with fields
 * we never heard of (accepted), or without a field we need (a clear error naming the operation,
 * never a TypeError, and no checkpoint moved past what was not done).
 */
const world = worldsClosedAfterEach();
const scenario = (name: ScenarioName) => startScenario(world, name);

type System = 'amazon' | 'allocadence';

describe('a required field missing: an error naming the operation', () => {
  test.each<[ScenarioName, System, string, AnswerRewrite, number, RegExp]>([
    ['pull-orders', 'amazon', 'token', { remove: ['access_token'] }, 3, /lwa token: HTTP 200 the answer had no access_token/],
    ['pull-orders', 'amazon', 'searchOrders', { remove: ['orders'] }, 3, /amazon searchOrders: HTTP 200 unexpected answer: orders/],
    [
      'pull-orders',
      'amazon',
      'searchOrders',
      { remove: ['orders.0.orderId'] },
      1,
      /"key":"\(order without id\)","reason":"unexpected order shape at orderId/,
    ],
    [
      'pull-orders',
      'amazon',
      'searchOrders',
      { remove: ['orders.*.orderItems.0.orderItemId'] },
      1,
      /"reason":"unexpected order shape at orderItems\.0\.orderItemId/,
    ],
    [
      'pull-items, first run',
      'amazon',
      'createReport',
      { remove: ['reportId'] },
      3,
      /amazon createReport: HTTP 200 unexpected answer: reportId/,
    ],
    [
      'pull-items, first run',
      'amazon',
      'getReport',
      { remove: ['processingStatus'] },
      3,
      /amazon getReport: HTTP 200 unexpected answer: processingStatus/,
    ],
    [
      'pull-items, first run',
      'amazon',
      'getReportDocument',
      { remove: ['url'] },
      3,
      /amazon getReportDocument: HTTP 200 unexpected answer: url/,
    ],
    // A download that does not unpack is fetched again: the odd answer is sent to every attempt the world's retry policy allows.
    [
      'pull-items, first run',
      'amazon',
      'downloadDocument',
      { raw: 'seller-sku\tquantity\nSKU-0001\t3\n', times: 7 },
      3,
      /amazon downloadReport: HTTP 200 the answer could not be read \(the document was announced as GZIP but is not gzip data\)/,
    ],
    [
      'pull-items, later run',
      'amazon',
      'searchListingsItems',
      { remove: ['items'] },
      3,
      /amazon searchListingsItems: HTTP 200 unexpected answer: items/,
    ],
    [
      'pull-items, later run',
      'amazon',
      'searchListingsItems',
      { remove: ['items.*.sku'] },
      3,
      /amazon searchListingsItems: HTTP 200 unexpected answer: items\.0\.sku/,
    ],
    [
      'push-stock, by patch',
      'amazon',
      'patchListingsItem',
      { remove: ['status'] },
      3,
      /amazon patchListingsItem: HTTP 200 unexpected answer: status/,
    ],
    [
      'push-stock, by feed',
      'amazon',
      'createFeedDocument',
      { remove: ['url'] },
      3,
      /amazon createFeedDocument: HTTP 200 unexpected answer: url/,
    ],
    ['push-stock, by feed', 'amazon', 'createFeed', { remove: ['feedId'] }, 3, /amazon createFeed: HTTP 200 unexpected answer: feedId/],
    [
      'push-stock, by feed',
      'amazon',
      'getFeed',
      { remove: ['processingStatus'] },
      3,
      /amazon getFeed: HTTP 200 unexpected answer: processingStatus/,
    ],
    ['push-stock, by feed', 'amazon', 'getFeedDocument', { remove: ['url'] }, 3, /amazon getFeedDocument: HTTP 200 unexpected answer: url/],
    ['push-status', 'amazon', 'getOrder', { remove: ['order'] }, 3, /amazon getOrder: HTTP 200 unexpected answer: order/],
    [
      'push-status',
      'amazon',
      'getOrder',
      { remove: ['order.orderItems'] },
      1,
      /"reason":"amazon getOrder: HTTP 200 unexpected order shape at orderItems/,
    ],
    [
      'pull-items, first run',
      'allocadence',
      'listItems',
      { remove: ['items.*.sku'] },
      3,
      /allocadence listItems: HTTP 200 unexpected answer: items\.0\.sku/,
    ],
    [
      'push-stock, by patch',
      'allocadence',
      'listInventory',
      { remove: ['meta'] },
      3,
      /allocadence listInventory: HTTP 200 unexpected answer: meta/,
    ],
    [
      'push-stock, by patch',
      'allocadence',
      'listInventory',
      { remove: ['inventory.*.sellable'] },
      3,
      /allocadence listInventory: HTTP 200 unexpected answer: inventory\.0\.sellable/,
    ],
    [
      'pull-orders, a cancellation',
      'allocadence',
      'getOrder',
      { remove: ['orderNumber'] },
      3,
      /allocadence getCustomerOrder: HTTP 200 unexpected answer: orderNumber/,
    ],
    [
      'pull-orders, a cancellation',
      'allocadence',
      'cancelOrder',
      { remove: ['success'] },
      1,
      /"reason":"allocadence cancelCustomerOrder: HTTP 200 not confirmed"/,
    ],
    [
      'push-status',
      'allocadence',
      'listOrders',
      { remove: ['customerOrders'] },
      3,
      /allocadence listCustomerOrders: HTTP 200 unexpected answer: customerOrders/,
    ],
    [
      'push-shipments',
      'allocadence',
      'listShippingOrders',
      { remove: ['*.shipments.*.shipmentid'] },
      3,
      /allocadence listShippingOrders: HTTP 200 unexpected answer: 0\.shipments\.0\.shipmentid: /,
    ],
    [
      'push-shipments',
      'allocadence',
      'listShippingOrders',
      { body: { orders: [] } },
      3,
      /allocadence listShippingOrders: HTTP 200 unexpected answer: expected a list of shipping orders/,
    ],
    [
      'push-shipments',
      'allocadence',
      'getShippingOrderItems',
      { remove: ['*.quantity'] },
      3,
      /allocadence getShippingOrderItems: HTTP 200 unexpected answer: 0\.quantity: /,
    ],
  ])('%s: %s %s %j → exit %i', async (name, system, operation, rewrite, code, message) => {
    const { w, argv } = await scenario(name);
    const before = checkpoints(w);
    w[system].rewriteNext(operation, rewrite);
    const r = await w.run(['--json', ...argv]);
    expect({ code: r.code, said: `${r.out}\n${r.err}` }).toEqual({ code, said: expect.stringMatching(message) });
    expect(r.err).not.toMatch(/TypeError|Cannot read propert|is not a function|unexpected error/);
    // The odd answer really was sent.
    expect(w[system].pendingRewrites()).toEqual({});
    if (code === 3) expect(checkpoints(w)).toEqual(before);
  });

  test('a create whose answer is unreadable is looked up, not made twice', async () => {
    const { w, argv } = await scenario('pull-orders');
    w.allocadence.rewriteNext('createOrder', { remove: ['id'], times: 3 });
    const r = await w.run(['--json', ...argv]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).runs[0].totals).toEqual({ 'found-existing': 3 });
    expect(w.allocadence.orders()).toHaveLength(3);
    expect(w.allocadence.requests.filter((q) => q.method === 'GET' && q.query.orderNumber)).toHaveLength(3);
  });
});

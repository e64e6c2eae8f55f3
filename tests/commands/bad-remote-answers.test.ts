import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { AnswerRewrite } from '../../src/simulator/answer-rewrites';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

/**
 * Answers of every operation the tool reads, as the remote systems might send them: with fields
 * we never heard of (accepted), or without a field we need (a clear error naming the operation,
 * never a TypeError, and no checkpoint moved past what was not done).
 */
const world = worldsClosedAfterEach();
type Seller = Record<string, unknown>;
const seller = (c: Record<string, unknown>): Seller => (c.sellers as Seller[])[0] as Seller;

/** An Amazon order, imported into Allocadence by a first pull-orders run. */
async function imported(w: TestWorld, sku = 'SKU-0001'): Promise<string> {
  const t = minutesAgo(30);
  const [o] = w.amazon.addOrders({
    orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku, quantity: 2 }] }],
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return o?.orderId ?? '';
}

/** Each scenario leaves one command with real work to do, through the operations named in the table. */
const SCENARIOS = {
  'pull-items, first run': () => Promise.resolve(['pull-items']),
  'pull-items, later run': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    w.amazon.addListings({ listings: [{ sku: 'NEW-LISTING-1', title: 'New', quantity: 3, createdDate: minutesAgo(5) }] });
    return ['pull-items'];
  },
  'pull-orders': (w: TestWorld) => {
    const t = minutesAgo(20);
    w.amazon.addOrders({
      orders: [1, 2, 3].map((n) => ({
        status: 'UNSHIPPED' as const,
        fulfilledBy: 'MERCHANT' as const,
        createdTime: t,
        lastUpdatedTime: t,
        items: [{ sku: `SKU-000${n}`, quantity: n }],
      })),
    });
    // A window under a day is one searchOrders call: the one the table's rewrite applies to.
    return Promise.resolve(['pull-orders', '--since', minutesAgo(60)]);
  },
  'pull-orders, a cancellation': async (w: TestWorld) => {
    const id = await imported(w);
    w.amazon.updateOrder(id, { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
    return ['pull-orders'];
  },
  'push-stock, by patch': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    expect((await w.run(['push-stock'])).code).toBe(0);
    const merchant = w.amazon.listings().find((l) => !l.isParent && l.fulfillment === 'MERCHANT');
    w.allocadence.setStock(merchant?.sku ?? '', 'Main', 777);
    return ['push-stock'];
  },
  'push-stock, by feed': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    return ['push-stock', '--full'];
  },
  'push-shipments': async (w: TestWorld) => {
    const id = await imported(w);
    w.allocadence.ship({
      orderNumber: id,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZODD0001',
      lines: [{ sku: 'SKU-0001', quantity: 2 }],
    });
    // One slice, so the rewritten answer is the one that lists this shipment.
    return ['push-shipments', '--since', minutesAgo(60)];
  },
  'push-status': async (w: TestWorld) => {
    const cancelled = await imported(w, 'SKU-0003');
    const completed = await imported(w, 'SKU-0004');
    w.allocadence.cancelOrder(cancelled, 'Out of stock');
    w.allocadence.completeOrder(completed);
    return ['push-status'];
  },
} as const;
type ScenarioName = keyof typeof SCENARIOS;

async function scenario(name: ScenarioName): Promise<{ w: TestWorld; argv: string[] }> {
  const w = await world({ seed: 71, orders: 0, listings: 30, fakeClock: true }, (c) => {
    // Few enough changes go by patch; a --full push of every listing goes by feed.
    seller(c).stock = { patchThreshold: 5 };
  });
  const argv = await SCENARIOS[name](w);
  w.amazon.requests.length = 0;
  w.allocadence.requests.length = 0;
  return { w, argv };
}

function checkpoints(w: TestWorld): unknown[] {
  if (!fs.existsSync(w.stateFile)) return [];
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM checkpoints ORDER BY direction, marketplace').all();
  } finally {
    db.close();
  }
}

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

/** The whole life of a few orders and listings, with each command's totals. */
async function wholeFlow(w: TestWorld): Promise<unknown[]> {
  const totals: unknown[] = [];
  const run = async (...argv: string[]): Promise<void> => {
    const r = await w.run(['--json', ...argv]);
    totals.push([argv[0], r.code, JSON.parse(r.out).runs[0].totals]);
  };
  await run('pull-items');
  await run('push-stock', '--full');
  const merchant = w.amazon.listings().find((l) => !l.isParent && l.fulfillment === 'MERCHANT');
  w.allocadence.setStock(merchant?.sku ?? '', 'Main', 555);
  await run('push-stock');
  const t = minutesAgo(20);
  const ids = w.amazon
    .addOrders({
      orders: [5, 6, 7, 8].map((n) => ({
        status: 'UNSHIPPED' as const,
        fulfilledBy: 'MERCHANT' as const,
        createdTime: t,
        lastUpdatedTime: t,
        items: [{ sku: `SKU-000${n}`, quantity: 2 }],
      })),
    })
    .map((o) => o.orderId);
  await run('pull-orders');
  w.allocadence.ship({
    orderNumber: ids[0] ?? '',
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZEXTRA',
    lines: [{ sku: 'SKU-0005', quantity: 2 }],
  });
  w.allocadence.cancelOrder(ids[1] ?? '', 'Out of stock');
  w.allocadence.completeOrder(ids[2] ?? '');
  await run('push-shipments');
  await run('push-status');
  w.amazon.updateOrder(ids[3] ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  await run('pull-orders');
  return totals;
}

test('fields nobody told us about, in every answer of both systems, change nothing', async () => {
  const extra = { zzUnexpected: { nested: [1, 'two', null] }, zzFlag: true };
  const everywhere = (paths: string[]): AnswerRewrite => ({
    set: Object.fromEntries(paths.flatMap((p) => Object.entries(extra).map(([k, v]) => [p ? `${p}.${k}` : k, v]))),
    times: 1000,
  });
  const amazonAnswers: Record<string, string[]> = {
    token: [''],
    searchOrders: ['', 'orders.*', 'orders.*.orderItems.*', 'orders.*.recipient.deliveryAddress'],
    getOrder: ['', 'order', 'order.orderItems.*'],
    searchListingsItems: ['', 'items.*', 'items.*.summaries.*'],
    createReport: [''],
    getReport: [''],
    getReportDocument: [''],
    createFeedDocument: [''],
    createFeed: [''],
    getFeed: [''],
    getFeedDocument: [''],
    patchListingsItem: ['', 'issues.*'],
    confirmShipment: [''],
  };
  const allocadenceAnswers: Record<string, string[]> = {
    listOrders: ['', 'meta', 'customerOrders.*', 'customerOrders.*.items.*'],
    createOrder: ['', 'items.*'],
    getOrder: [''],
    listItems: ['', 'items.*'],
    createItem: [''],
    listInventory: ['', 'inventory.*', 'inventory.*.item'],
    createAdjustment: [''],
    // Bare arrays (the legacy tree's default): the extra fields go into every row and what it holds.
    listShippingOrders: ['*', '*.customerorder', '*.carrier', '*.shipments.*', '*.shipments.*.service'],
    getShippingOrderItems: ['*'],
    cancelOrder: [''],
  };
  // Initial quantities on, on an account that has the (unconfirmed) adjustment call, so every call is answered oddly once.
  const quantities = (c: Record<string, unknown>): void => void (seller(c).items = { importQuantities: true });
  const plain = await world({ seed: 72, orders: 0, listings: 30, fakeClock: true }, quantities);
  const odd = await world({ seed: 72, orders: 0, listings: 30, fakeClock: true }, quantities);
  for (const w of [plain, odd]) w.allocadence.setBehaviour({ adjustments: true });
  for (const [op, paths] of Object.entries(amazonAnswers)) odd.amazon.rewriteNext(op, everywhere(paths));
  for (const [op, paths] of Object.entries(allocadenceAnswers)) odd.allocadence.rewriteNext(op, everywhere(paths));
  const want = await wholeFlow(plain);
  expect(want.every((row) => (row as unknown[])[1] === 0)).toBe(true);
  expect(await wholeFlow(odd)).toEqual(want);
  // Every rewritten operation really was answered with the extra fields.
  const used = (pending: Record<string, number>): Record<string, boolean> =>
    Object.fromEntries(Object.entries(pending).map(([op, left]) => [op, left < 1000]));
  const all = (answers: Record<string, string[]>): Record<string, boolean> =>
    Object.fromEntries(Object.keys(answers).map((op) => [op, true]));
  expect(used(odd.amazon.pendingRewrites())).toEqual(all(amazonAnswers));
  expect(used(odd.allocadence.pendingRewrites())).toEqual(all(allocadenceAnswers));
});

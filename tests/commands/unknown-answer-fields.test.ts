import type { AnswerRewrite } from '../../src/simulator/answer-rewrites';
import { seller } from '../helpers/remote-answer-scenarios';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();

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

import { crashSuite } from '../helpers/crash-suite';
import { countBy, excess, missing } from '../helpers/crash-tally';
import { isGetFeed } from '../helpers/kill-points';
import { minutesAgo, type TestWorld } from '../helpers/world-run';

const FEED_KIND = { POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA: 'cancel', POST_FLAT_FILE_FULFILLMENT_DATA: 'complete' } as const;
/** Which of the four imported orders the warehouse cancels or completes (without a shipment record); the fourth stays open. */
const CHANGES = ['cancel', 'cancel', 'complete'] as const;
const orderIds = new WeakMap<TestWorld, string[]>();

/** `kind order` once per status feed that carried the order (a cancel feed has a row per order item). */
function feedEntries(w: TestWorld): string[] {
  return w.amazon.feeds().flatMap((f) => {
    const kind = (FEED_KIND as Record<string, (typeof FEED_KIND)[keyof typeof FEED_KIND] | undefined>)[f.feedType];
    if (!kind) return [];
    const orders = new Set(
      f.input.content
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => row.split('\t')[0]),
    );
    return [...orders].map((id) => `${kind} ${id}`);
  });
}

crashSuite({
  direction: 'push-status',
  args: ['push-status'],
  world: { orders: 0, feedPolls: 1 },
  async prepare(w) {
    const t = minutesAgo(30);
    const ids = w.amazon
      .addOrders({
        orders: [0, 1, 2, 3].map(() => ({
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          createdTime: t,
          lastUpdatedTime: t,
          items: [
            { sku: 'SKU-0001', quantity: 1 },
            { sku: 'SKU-0002', quantity: 2 },
          ],
        })),
      })
      .map((o) => o.orderId);
    orderIds.set(w, ids);
    expect((await w.run(['pull-orders'])).code).toBe(0);
    for (const [n, change] of CHANGES.entries()) {
      if (change === 'cancel') w.allocadence.cancelOrder(ids[n] ?? '', 'Out of stock');
      else w.allocadence.completeOrder(ids[n] ?? '');
    }
  },
  // Per feed: createFeedDocument, the upload, createFeed.
  writes: 6,
  ciWrites: [3, 6],
  extra: [
    { label: 'getFeed 1 received', phase: 'received', match: isGetFeed, n: 1, fullOnly: true },
    { label: 'getFeed 2 received', phase: 'received', match: isGetFeed, n: 2 },
    { label: 'getFeed 1 of 2 received', phase: 'received', match: isGetFeed, n: 1, world: { feedPolls: 2 } },
  ],
  snapshot: (w) => (orderIds.get(w) ?? []).map((id) => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus),
  tally(w) {
    const ids = orderIds.get(w) ?? [];
    const status = new Map(w.amazon.orders().map((o) => [o.orderId, o.fulfillment?.fulfillmentStatus]));
    const want = CHANGES.map((c, n) => [ids[n] ?? '', c === 'cancel' ? 'CANCELLED' : 'SHIPPED'] as const);
    return {
      duplicates: excess(countBy(feedEntries(w), (e) => e)),
      losses: missing(want, ([id, s]) => status.get(id) === s) + missing(ids.slice(CHANGES.length), (id) => status.get(id) === 'UNSHIPPED'),
    };
  },
});

/** Per world: which order items one run of push-status must cancel on Amazon, and with what reason. */
const wanted = new WeakMap<TestWorld, { cancel: string[]; untouched: string[] }>();

/** `order item reason` once per cancellation feed row sent. */
const cancelRows = (w: TestWorld): string[] =>
  w.amazon
    .feeds()
    .filter((f) => f.feedType === 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')
    .flatMap((f) =>
      f.input.content
        .trim()
        .split('\n')
        .slice(1)
        .map((r) => r.split('\t').join(' ')),
    );

// One run, one cancellation feed: a whole order and a line the buyer asked to cancel (taken off by
// pull-orders, so cancelled as BuyerCanceled from the state's queue), and an order the warehouse cancelled.
crashSuite({
  direction: 'push-status, buyer requests',
  args: ['push-status'],
  world: { orders: 0, feedPolls: 1 },
  async prepare(w) {
    const t = minutesAgo(30);
    const [whole, line, warehouse, open] = w.amazon.addOrders({
      orders: [0, 1, 2, 3].map(() => ({
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: t,
        lastUpdatedTime: t,
        items: [
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 2 },
        ],
      })),
    });
    expect((await w.run(['pull-orders'])).code).toBe(0);
    const item = (o: typeof whole, n: number): string => o?.orderItems[n]?.orderItemId ?? '';
    w.amazon.requestCancellation(whole?.orderId ?? '', { lastUpdatedTime: minutesAgo(5) });
    w.amazon.requestCancellation(line?.orderId ?? '', { orderItemIds: [item(line, 1)], lastUpdatedTime: minutesAgo(5) });
    expect((await w.run(['pull-orders'])).code).toBe(0);
    w.allocadence.cancelOrder(warehouse?.orderId ?? '', 'Out of stock');
    wanted.set(w, {
      cancel: [
        `${whole?.orderId} ${item(whole, 0)} BuyerCanceled`,
        `${whole?.orderId} ${item(whole, 1)} BuyerCanceled`,
        `${line?.orderId} ${item(line, 1)} BuyerCanceled`,
        `${warehouse?.orderId} ${item(warehouse, 0)} NoInventory`,
        `${warehouse?.orderId} ${item(warehouse, 1)} NoInventory`,
      ],
      untouched: [`${line?.orderId} ${item(line, 0)}`, `${open?.orderId} ${item(open, 0)}`, `${open?.orderId} ${item(open, 1)}`],
    });
  },
  writes: 3,
  ciWrites: [1, 3],
  extra: [
    { label: 'getFeed 1 received', phase: 'received', match: isGetFeed, n: 1 },
    { label: 'getFeed 1 of 2 received', phase: 'received', match: isGetFeed, n: 1, world: { feedPolls: 2 }, fullOnly: true },
  ],
  snapshot: (w) =>
    w.amazon
      .orders()
      .map(
        (o) =>
          `${o.fulfillment?.fulfillmentStatus} ${o.orderItems.map((i) => i.cancellation?.cancellationExecution?.cancelReason ?? '-').join(',')}`,
      ),
  tally(w) {
    const want = wanted.get(w);
    if (!want) throw new Error('no scenario');
    const executed = new Set(
      w.amazon
        .orders()
        .flatMap((o) =>
          o.orderItems
            .filter((i) => i.cancellation?.cancellationExecution)
            .map((i) => `${o.orderId} ${i.orderItemId} ${i.cancellation?.cancellationExecution?.cancelReason}`),
        ),
    );
    return {
      duplicates: excess(countBy(cancelRows(w), (r) => r)),
      losses:
        missing(want.cancel, (row) => executed.has(row)) +
        missing(want.untouched, (row) => ![...executed].some((e) => e.startsWith(`${row} `))),
    };
  },
});

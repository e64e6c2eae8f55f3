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
    const kind = FEED_KIND[f.feedType as keyof typeof FEED_KIND];
    if (!kind) return [];
    const orders = new Set(f.input.content.trim().split('\n').slice(1).map((row) => row.split('\t')[0]));
    return [...orders].map((id) => `${kind} ${id}`);
  });
}

crashSuite({
  direction: 'push-status',
  args: ['push-status'],
  world: { orders: 0, feedPolls: 1 },
  async prepare(w) {
    const t = minutesAgo(30);
    const ids = w.amazon.addOrders({ orders: [0, 1, 2, 3].map(() => ({ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0001', quantity: 1 }, { sku: 'SKU-0002', quantity: 2 }] })) }).map((o) => o.orderId);
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

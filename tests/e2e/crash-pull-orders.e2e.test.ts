import { crashSuite } from '../helpers/crash-suite';
import { countBy, excess, missing, succeeded } from '../helpers/crash-tally';
import { eligibleOrderIds, minutesAgo, type TestWorld } from '../helpers/world-run';

const placed = (w: TestWorld, n: number, age: number): string[] =>
  w.amazon
    .addOrders({
      orders: Array.from({ length: n }, (_, i) => ({
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: minutesAgo(age),
        lastUpdatedTime: minutesAgo(age),
        items: [{ sku: `SKU-000${i + 1}`, quantity: 1 + i }],
      })),
    })
    .map((o) => o.orderId);

/** Amazon orders cancelled after pull-orders imported them. */
const cancelledOnAmazon = (w: TestWorld): string[] =>
  w.amazon
    .orders()
    .filter((o) => o.fulfillment?.fulfillmentStatus === 'CANCELLED')
    .map((o) => o.orderId);

// One run: four orders to create and two imported orders to cancel.
crashSuite({
  direction: 'pull-orders',
  args: ['pull-orders'],
  world: { orders: 0 },
  async prepare(w) {
    const old = placed(w, 4, 40);
    expect((await w.run(['pull-orders'])).code).toBe(0);
    for (const id of old.slice(0, 2)) w.amazon.updateOrder(id, { status: 'CANCELLED', lastUpdatedTime: minutesAgo(5) });
    placed(w, 4, 20);
  },
  writes: 6,
  ciWrites: [2, 6],
  snapshot: (w) =>
    w.allocadence
      .orders()
      .map((o) => `${o.orderNumber} ${o.cancelled ? 'cancelled' : 'open'} ${o.items.map((i) => `${i.sku}×${i.orderQuantity}`).join(',')}`)
      .sort(),
  tally(w) {
    const orders = w.allocadence.orders();
    const byNumber = new Map(orders.map((o) => [o.orderNumber, o]));
    const cancels = succeeded(w.allocadence.requests, 'PUT', /^\/services\/rest\/customerorders\/[^/]+\/cancel$/);
    return {
      duplicates: excess(countBy(orders, (o) => o.orderNumber)) + excess(countBy(cancels, (r) => r.path)),
      losses:
        missing(eligibleOrderIds(w), (id) => byNumber.get(id)?.cancelled === false) +
        missing(cancelledOnAmazon(w), (id) => byNumber.get(id)?.cancelled === true),
    };
  },
});

/** Per world: the orders whose changes one run of pull-orders applies, by what changed. */
const changed = new WeakMap<TestWorld, { asked: string; askedLine: string; cancelledLine: string; edited: string }>();

const addressOf = (w: TestWorld, id: string): string =>
  w.allocadence.orders().find((o) => o.orderNumber === id)?.shippingAddress.line1 ?? '';
const linesOf = (w: TestWorld, id: string): string =>
  (w.allocadence.orders().find((o) => o.orderNumber === id)?.items ?? []).map((i) => `${i.sku}×${i.quantity}`).join(',');

// One run: a buyer's request for a whole order (legacy cancel), one for a line, a line cancelled on
// Amazon, and a quantity lowered with the address corrected (a line update each).
crashSuite({
  direction: 'pull-orders, order changes',
  args: ['pull-orders'],
  world: { orders: 0 },
  async prepare(w) {
    const t = minutesAgo(40);
    const items = [
      { sku: 'SKU-0001', quantity: 3 },
      { sku: 'SKU-0002', quantity: 2 },
    ];
    const [asked, askedLine, cancelledLine, edited] = w.amazon.addOrders({
      orders: [0, 1, 2, 3].map(() => ({
        status: 'UNSHIPPED' as const,
        fulfilledBy: 'MERCHANT' as const,
        createdTime: t,
        lastUpdatedTime: t,
        items,
      })),
    });
    expect((await w.run(['pull-orders'])).code).toBe(0);
    const second = (o: typeof asked): string => o?.orderItems[1]?.orderItemId ?? '';
    const at = minutesAgo(5);
    w.amazon.requestCancellation(asked?.orderId ?? '', { lastUpdatedTime: at });
    w.amazon.requestCancellation(askedLine?.orderId ?? '', { orderItemIds: [second(askedLine)], lastUpdatedTime: at });
    w.amazon.cancelItems(cancelledLine?.orderId ?? '', {
      orderItemIds: [second(cancelledLine)],
      cancelledBy: 'AMAZON',
      lastUpdatedTime: at,
    });
    w.amazon.editOrder(edited?.orderId ?? '', {
      items: [{ orderItemId: edited?.orderItems[0]?.orderItemId ?? '', quantity: 1 }],
      address: { line1: '7 Moved Road' },
      lastUpdatedTime: at,
    });
    changed.set(w, {
      asked: asked?.orderId ?? '',
      askedLine: askedLine?.orderId ?? '',
      cancelledLine: cancelledLine?.orderId ?? '',
      edited: edited?.orderId ?? '',
    });
  },
  writes: 4,
  ciWrites: [1, 4],
  snapshot: (w) =>
    w.allocadence
      .orders()
      .map(
        (o) =>
          `${o.cancelled ? `cancelled: ${o.cancelledReason}` : 'open'} ${o.items.map((i) => `${i.sku}×${i.quantity}`).join(',')} ${o.shippingAddress.line1.startsWith('7 ') ? 'moved' : ''}`,
      )
      .sort(),
  tally(w) {
    const c = changed.get(w);
    if (!c) throw new Error('no scenario');
    const byNumber = new Map(w.allocadence.orders().map((o) => [o.orderNumber, o]));
    const writes = [
      ...succeeded(w.allocadence.requests, 'PUT', /^\/services\/rest\/customerorders\/[^/]+\/cancel$/),
      ...succeeded(w.allocadence.requests, 'PUT', /^\/rest\/customer-orders\/[^/]+$/),
    ];
    const want: [string, boolean][] = [
      [
        c.asked,
        byNumber.get(c.asked)?.cancelled === true && byNumber.get(c.asked)?.cancelledReason === 'Buyer requested cancellation on Amazon',
      ],
      [c.askedLine, linesOf(w, c.askedLine) === 'SKU-0001×3'],
      [c.cancelledLine, linesOf(w, c.cancelledLine) === 'SKU-0001×3'],
      [c.edited, linesOf(w, c.edited) === 'SKU-0001×1,SKU-0002×2' && addressOf(w, c.edited) === '7 Moved Road'],
    ];
    return {
      // Each change is one write; a second (a line lowered twice, a cancel sent again) is a duplicate.
      duplicates: excess(countBy(writes, (r) => r.path)),
      losses: missing(want, ([, ok]) => ok),
    };
  },
});

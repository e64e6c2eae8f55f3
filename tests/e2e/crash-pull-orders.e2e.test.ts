import { crashSuite } from '../helpers/crash-suite';
import { countBy, excess, missing, succeeded } from '../helpers/crash-tally';
import { eligibleOrderIds, minutesAgo, type TestWorld } from '../helpers/world-run';

const placed = (w: TestWorld, n: number, age: number): string[] =>
  w.amazon
    .addOrders({ orders: Array.from({ length: n }, (_, i) => ({ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: minutesAgo(age), lastUpdatedTime: minutesAgo(age), items: [{ sku: `SKU-000${i + 1}`, quantity: 1 + i }] })) })
    .map((o) => o.orderId);

/** Amazon orders cancelled after pull-orders imported them. */
const cancelledOnAmazon = (w: TestWorld): string[] => w.amazon.orders().filter((o) => o.fulfillment?.fulfillmentStatus === 'CANCELLED').map((o) => o.orderId);

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
      losses: missing(eligibleOrderIds(w), (id) => byNumber.get(id)?.cancelled === false) + missing(cancelledOnAmazon(w), (id) => byNumber.get(id)?.cancelled === true),
    };
  },
});

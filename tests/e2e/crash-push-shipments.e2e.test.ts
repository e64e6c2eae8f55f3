import { crashSuite } from '../helpers/crash-suite';
import { countBy, excess, missing, succeeded } from '../helpers/crash-tally';
import { minutesAgo, type TestWorld } from '../helpers/world-run';

/** Order number → the tracking numbers of its packages: the first order ships in two, the second in one. */
const PACKAGES: readonly (readonly string[])[] = [['TRK-A1', 'TRK-A2'], ['TRK-B1']];

const shippedOrders = (w: TestWorld): number => w.amazon.orders().filter((o) => o.fulfillment?.fulfillmentStatus === 'SHIPPED').length;

crashSuite({
  direction: 'push-shipments',
  args: ['push-shipments'],
  world: { orders: 0 },
  async prepare(w) {
    const t = minutesAgo(30);
    const ids = w.amazon
      .addOrders({
        orders: PACKAGES.map(() => ({
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          createdTime: t,
          lastUpdatedTime: t,
          items: [
            { sku: 'SKU-0001', quantity: 1 },
            { sku: 'SKU-0002', quantity: 1 },
          ],
        })),
      })
      .map((o) => o.orderId);
    expect((await w.run(['pull-orders'])).code).toBe(0);
    for (const [n, trackings] of PACKAGES.entries()) {
      const lines =
        trackings.length === 1
          ? [
              [
                { sku: 'SKU-0001', quantity: 1 },
                { sku: 'SKU-0002', quantity: 1 },
              ],
            ]
          : [[{ sku: 'SKU-0001', quantity: 1 }], [{ sku: 'SKU-0002', quantity: 1 }]];
      for (const [i, trackingNumber] of trackings.entries())
        w.allocadence.ship({ orderNumber: ids[n] ?? '', carrier: 'UPS', service: 'Ground', trackingNumber, lines: lines[i] ?? [] });
    }
  },
  writes: 3,
  ciWrites: [1, 3],
  snapshot: (w) =>
    w.amazon
      .orders()
      .map(
        (o) =>
          `${o.fulfillment?.fulfillmentStatus} ${(o.packages ?? [])
            .map((p) => p.trackingNumber)
            .sort()
            .join(',')}`,
      )
      .sort(),
  tally(w) {
    const packages = w.amazon.orders().flatMap((o) => (o.packages ?? []).map((p) => p.trackingNumber ?? ''));
    const confirmed = succeeded(w.amazon.requests, 'POST', /\/shipmentConfirmation$/).map(
      (r) => (JSON.parse(r.body) as { packageDetail: { trackingNumber: string } }).packageDetail.trackingNumber,
    );
    return {
      duplicates: excess(countBy(packages, (t) => t)) + excess(countBy(confirmed, (t) => t)),
      losses: missing(PACKAGES.flat(), (t) => packages.includes(t)) + (PACKAGES.length - shippedOrders(w)),
    };
  },
});

import { createRng } from '../../src/simulator/random';
import { worldSeller } from '../../src/simulator/world';
import type { TestWorld } from '../helpers/world-run';
import { ago, extraOccurrences, MINUTE, projectionOf, runClean, sellerOf, tookEffect, type Projection, type Scenario } from './scenario';

const sku = (n: number): string => `SKU-${String(n).padStart(4, '0')}`;

/** `count` open merchant orders of two lines each (A ×2, B ×1). */
function addOpenOrders(w: TestWorld, count: number, seed: number, minutesAgo = 90, sellerId?: string): string[] {
  const rng = createRng(seed);
  const placed = ago(w, minutesAgo);
  const orders = Array.from({ length: count }, () => {
    const a = rng.int(1, 20);
    return {
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: placed,
      lastUpdatedTime: placed,
      items: [
        { sku: sku(a), quantity: 2 },
        { sku: sku(a + 20), quantity: 1 },
      ],
    };
  });
  return w.amazon.addOrders({ orders }, sellerId).map((o) => o.orderId);
}

function amazonOrders(w: TestWorld): Projection {
  return projectionOf(
    'amazon',
    w.amazon.orders(),
    (o) => o.orderId,
    (o) => ({
      status: o.fulfillment?.fulfillmentStatus,
      cancelled: o.orderItems.map((i) => i.cancellation?.cancellationExecution?.cancelReason ?? null),
      packages: (o.packages ?? [])
        .map((p) => ({
          ref: p.packageReferenceId,
          carrier: p.carrier,
          tracking: p.trackingNumber,
          items: p.packageItems?.map((i) => i.quantity),
        }))
        .sort((a, b) => a.ref.localeCompare(b.ref)),
    }),
  );
}

function allocadenceOrders(w: TestWorld): Projection {
  return projectionOf(
    'allocadence',
    w.allocadence.orders(),
    (o) => o.orderNumber,
    (o) => ({
      lines: o.items.map((i) => `${i.sku}×${i.quantity}`).sort(),
      shipped: o.items.map((i) => i.shippedQuantity),
      line1: o.shippingAddress.line1,
      warehouse: o.shipFromWarehouse.name,
      cancelled: o.cancelled,
      reason: o.cancelledReason,
      completed: o.completed,
    }),
  );
}

const bothOrderViews = (w: TestWorld): Projection => ({ ...amazonOrders(w), ...allocadenceOrders(w) });

/** Orders created in Allocadence more than once: by create requests that took effect, and by what it holds. */
function ordersCreatedTwice(w: TestWorld): number {
  const creates = tookEffect(w.allocadence.requests, 'POST', /^\/rest\/customer-orders$/).map(
    (r) => (JSON.parse(r.body) as { orderNumber: string }).orderNumber,
  );
  return Math.max(extraOccurrences(creates), extraOccurrences(w.allocadence.orders().map((o) => o.orderNumber)));
}

/** Order ids named in processed (DONE) feeds of a type, once per feed. */
function ordersInDoneFeeds(w: TestWorld, feedType: string): string[] {
  return w.amazon
    .feeds()
    .filter((f) => f.feedType === feedType && f.processingStatus === 'DONE')
    .flatMap((f) => [
      ...new Set(
        f.input.content
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => line.split('\t')[0] ?? ''),
      ),
    ]);
}

/**
 * Changes on Amazon to four imported open orders: the buyer asks to cancel all of one and the
 * second line of another, Amazon cancels the second line of a third, and the fourth's first line is
 * lowered to 1 with its address corrected.
 */
function changeOpenOrders(w: TestWorld, ids: readonly string[]): void {
  const [whole, line, cancelled, edited] = ids;
  const order = (id: string | undefined) => w.amazon.orders().find((o) => o.orderId === id);
  const itemOf = (id: string | undefined, n: number): string => order(id)?.orderItems[n]?.orderItemId ?? '';
  const at = ago(w, 4);
  w.amazon.requestCancellation(whole ?? '', { lastUpdatedTime: at });
  w.amazon.requestCancellation(line ?? '', { orderItemIds: [itemOf(line, 1)], lastUpdatedTime: at });
  w.amazon.cancelItems(cancelled ?? '', { orderItemIds: [itemOf(cancelled, 1)], cancelledBy: 'AMAZON', lastUpdatedTime: at });
  w.amazon.editOrder(edited ?? '', {
    items: [{ orderItemId: itemOf(edited, 0), quantity: 1 }],
    address: { line1: '12 Corrected Road' },
    lastUpdatedTime: at,
  });
}

/** `order item` once per row of processed (DONE) feeds of a type: an item cancelled twice shows twice. */
function rowsInDoneFeeds(w: TestWorld, feedType: string): string[] {
  return w.amazon
    .feeds()
    .filter((f) => f.feedType === feedType && f.processingStatus === 'DONE')
    .flatMap((f) =>
      f.input.content
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t').slice(0, 2).join(' ')),
    );
}

export const pullOrders: Scenario = {
  direction: 'pull-orders',
  world: { orders: 40 },
  async setup(w) {
    const toChange = addOpenOrders(w, 4, 5, 30);
    await runClean(w, ['pull-orders']);
    w.time?.advance(20 * MINUTE);
    const imported = new Set(w.allocadence.orders().map((o) => o.orderNumber));
    const open = w.amazon
      .orders()
      .filter((o) => imported.has(o.orderId) && !toChange.includes(o.orderId) && o.fulfillment?.fulfillmentStatus === 'UNSHIPPED')
      .map((o) => o.orderId)
      .sort();
    addOpenOrders(w, 20, 7, 6);
    // Cancelled by buyers since: four still open in the warehouse, one the warehouse already completed.
    for (const id of open.slice(0, 5)) w.amazon.updateOrder(id, { status: 'CANCELLED', lastUpdatedTime: ago(w, 4) });
    w.allocadence.completeOrder(open[4] ?? '');
    changeOpenOrders(w, toChange);
  },
  phases: [{ argv: ['pull-orders'] }],
  project: bothOrderViews,
  duplicates: ordersCreatedTwice,
};

/**
 * Two sellers sharing the warehouse, run side by side by one pull-orders: each imports its own new
 * orders and applies its own cancellations, while faults hit both at once.
 */
export const pullOrdersTwoSellers: Scenario = {
  direction: 'pull-orders, two sellers side by side',
  world: { orders: 0, sellers: 2 },
  async setup(w) {
    const sellers = [worldSeller(1).sellerId, worldSeller(2).sellerId];
    const first = sellers.map((id, n) => addOpenOrders(w, 6, 21 + n, 30, id));
    await runClean(w, ['pull-orders']);
    w.time?.advance(20 * MINUTE);
    sellers.forEach((id, n) => addOpenOrders(w, 12, 31 + n, 6, id));
    for (const ids of first)
      for (const id of ids.slice(0, 2)) w.amazon.updateOrder(id, { status: 'CANCELLED', lastUpdatedTime: ago(w, 4) });
  },
  phases: [{ argv: ['pull-orders'] }],
  project: bothOrderViews,
  duplicates: ordersCreatedTwice,
};

export const pushShipments: Scenario = {
  direction: 'push-shipments',
  world: { orders: 0 },
  edit: (c) => {
    sellerOf(c).carriers = { UPS: { carrierCode: 'UPS' } };
  },
  async setup(w) {
    const ids = addOpenOrders(w, 20, 11);
    await runClean(w, ['pull-orders']);
    const lines = (id: string) =>
      w.allocadence
        .orders()
        .find((o) => o.orderNumber === id)
        ?.items.map((i) => ({ sku: i.sku, quantity: i.quantity })) ?? [];
    ids.forEach((id, i) => {
      const [a, b] = lines(id);
      if (!a || !b) throw new Error(`order ${id} was not imported with two lines`);
      const ups = { orderNumber: id, carrier: 'UPS', service: 'Ground', trackingNumber: `1ZFAULT${String(i).padStart(4, '0')}` };
      if (i < 6 || (i > 11 && i < 16)) w.allocadence.ship({ ...ups, lines: [a, b] });
      else if (i < 9) {
        // Two packages: the second with a carrier the seller did not map.
        w.allocadence.ship({ ...ups, lines: [a] });
        w.allocadence.ship({ orderNumber: id, carrier: 'Speedy Post', service: 'Express', trackingNumber: `SP-${i}`, lines: [b] });
      } else if (i === 9 || i > 15) w.allocadence.ship({ ...ups, lines: [{ sku: a.sku, quantity: 1 }] });
      else if (i === 10 || i === 11) w.allocadence.voidShipment(w.allocadence.ship({ ...ups, lines: [a, b] }).shippingorderid);
    });
  },
  phases: [{ argv: ['push-shipments'] }],
  project: bothOrderViews,
  duplicates(w) {
    const confirms = tookEffect(w.amazon.requests, 'POST', /\/shipmentConfirmation$/).map(
      (r) => `${r.path}#${(JSON.parse(r.body) as { packageDetail: { packageReferenceId: string } }).packageDetail.packageReferenceId}`,
    );
    const packages = w.amazon.orders().flatMap((o) => (o.packages ?? []).map((p) => `${o.orderId}#${p.trackingNumber}`));
    return Math.max(extraOccurrences(confirms), extraOccurrences(packages));
  },
};

export const pushStatus: Scenario = {
  direction: 'push-status',
  world: { orders: 0 },
  edit: (c) => {
    sellerOf(c).status = { cancelReasons: { 'Address problem': 'ShippingAddressUndeliverable' } };
  },
  async setup(w) {
    const ids = addOpenOrders(w, 20, 13);
    await runClean(w, ['pull-orders']);
    w.time?.advance(5 * MINUTE);
    const id = (i: number): string => ids[i] ?? '';
    for (const i of [0, 1, 12]) w.allocadence.cancelOrder(id(i), 'Address problem');
    for (const i of [2, 3, 13, 14]) w.allocadence.cancelOrder(id(i), 'Out of stock');
    for (const i of [4, 5, 6, 15, 16]) w.allocadence.completeOrder(id(i));
    const shipped = w.allocadence.orders().find((o) => o.orderNumber === id(7));
    w.allocadence.ship({
      orderNumber: id(7),
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZSTATUS',
      lines: shipped?.items.map((l) => ({ sku: l.sku, quantity: l.quantity })) ?? [],
    });
    // Too late on one side or the other: warnings, nothing sent.
    w.amazon.updateOrder(id(8), { status: 'SHIPPED', lastUpdatedTime: ago(w, 1) });
    w.allocadence.cancelOrder(id(8), 'Out of stock');
    w.amazon.updateOrder(id(9), { status: 'CANCELLED', lastUpdatedTime: ago(w, 1) });
    w.allocadence.completeOrder(id(9));
    // Buyers asked to cancel one whole order and a line of another; pull-orders took them off the warehouse.
    changeOpenOrders(w, [id(10), id(11), id(17), id(18)]);
    w.time?.advance(5 * MINUTE);
    await runClean(w, ['pull-orders']);
  },
  phases: [{ argv: ['push-status'] }],
  project: bothOrderViews,
  duplicates: (w) =>
    extraOccurrences(rowsInDoneFeeds(w, 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA')) +
    extraOccurrences(ordersInDoneFeeds(w, 'POST_FLAT_FILE_FULFILLMENT_DATA')),
};

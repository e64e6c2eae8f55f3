import { getOrder, searchOrders } from '../../amazon/orders-api';
import type { FulfillmentStatus, Order, UnreadableOrder } from '../../amazon/orders-types';
import type { SellerConfig } from '../../config/schema';
import { writeEach } from '../../sync/write-each';
import type { RunContext } from '../../sync/context';
import type { DirectionFactory, WindowDirection } from '../../sync/direction';
import type { ItemResult, Window } from '../../sync/types';
import { cancelOrder } from './cancel';
import { failure, importOrder } from './import';
import { skuLookup, type SkuLookup } from './predict';

/** Amazon refuses a `lastUpdatedBefore` later than two minutes ago. */
const AMAZON_ORDERS_LAG_MS = 2 * 60_000;
/** Orders written to Allocadence at once: enough to hide latency, few enough to be polite to an API with unpublished limits. */
const WRITE_CONCURRENCY = 4;

/** An order as read: usable, or one whose shape we could not read (reported and fetched again by id). */
type PulledOrder = Order | UnreadableOrder;

/** Statuses worth fetching: open orders to import, cancelled ones to cancel. Shipped orders never concern us. */
function statusesToRead(seller: SellerConfig): FulfillmentStatus[] {
  return ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'CANCELLED', ...(seller.orders.importPending ? (['PENDING'] as const) : [])];
}

function isImportable(o: Order, seller: SellerConfig): boolean {
  const status = o.fulfillment?.fulfillmentStatus;
  const by = o.fulfillment?.fulfilledBy;
  if (!by || !seller.orders.fulfilledBy.includes(by)) return false;
  return status === 'UNSHIPPED' || status === 'PARTIALLY_SHIPPED' || (status === 'PENDING' && seller.orders.importPending);
}

async function* readOrders(ctx: RunContext, window: Window): AsyncGenerator<PulledOrder[]> {
  const pages = searchOrders(ctx.sp, {
    lastUpdatedAfter: window.from,
    lastUpdatedBefore: window.to,
    marketplaceIds: [ctx.marketplaceId],
    // Orders of other channels are never imported, so their cancellations do not concern us either.
    fulfilledBy: ctx.seller.orders.fulfilledBy,
    fulfillmentStatuses: statusesToRead(ctx.seller),
    ...(ctx.deadline === undefined ? {} : { notAfter: ctx.deadline }),
  });
  for await (const page of pages) yield [...page.orders, ...page.unreadable];
}

async function* refetchOrders(ctx: RunContext, keys: readonly string[]): AsyncGenerator<{ items: PulledOrder[]; missing: ItemResult[] }> {
  for (const key of keys) {
    try {
      const o = await getOrder(ctx.sp, key, undefined, ctx.deadline);
      yield o
        ? { items: [o], missing: [] }
        : { items: [], missing: [{ key, ok: false, reason: 'Amazon does not know this order (404)', retriable: false }] };
    } catch (err) {
      yield { items: [], missing: [failure(key, err)] };
    }
  }
}

async function writeOrder(ctx: RunContext, o: PulledOrder, lookup: SkuLookup): Promise<ItemResult> {
  // With its id it is fetched again next run; without one there is nothing to fetch.
  if ('problem' in o) return { key: o.orderId ?? '(order without id)', ok: false, reason: o.problem, retriable: o.orderId !== undefined };
  try {
    if (o.fulfillment?.fulfillmentStatus === 'CANCELLED') return await cancelOrder(ctx, o);
    if (isImportable(o, ctx.seller)) return await importOrder(ctx, o, lookup);
    return { key: o.orderId, ok: true, action: 'skipped' };
  } catch (err) {
    return failure(o.orderId, err);
  }
}

/**
 * `pull-orders`: new Amazon orders become Allocadence customer orders; Amazon cancellations cancel
 * them; later changes (cancelled lines, a buyer's request to cancel, lower quantities, a corrected
 * address) reach them too. Orders are read by last update, in slices of the window.
 */
export const pullOrders: DirectionFactory = (): WindowDirection<PulledOrder> => {
  // A dry run's SKU lookups, once per SKU for the seller's run.
  const lookup = skuLookup();
  return {
    kind: 'window',
    bounds: {
      lagMs: AMAZON_ORDERS_LAG_MS,
      initialLookbackMs: (s) => s.orders.initialLookbackDays * 86_400_000,
      lookbackMs: (s) => s.orders.lookbackMinutes * 60_000,
    },
    read: {
      kind: 'slices',
      readBudget: (ctx) => (ctx.deadline === undefined ? undefined : ctx.sp.affordable('searchOrders', ctx.deadline)),
      read: readOrders,
    },
    // Said once per run: what the seller's switch leaves undone (each such order is listed as a warning).
    prepare: (ctx) => {
      if (!ctx.seller.orders.cancelInWarehouse)
        ctx.log.info(
          'orders.cancelInWarehouse is false: orders Amazon cancels are not cancelled in Allocadence by this run; each is listed (not-cancelled) for a person to cancel there',
        );
      return Promise.resolve();
    },
    keyOf: (o) => o.orderId,
    refetch: (ctx, keys) => refetchOrders(ctx, keys),
    write: (ctx, orders) => writeEach(orders, WRITE_CONCURRENCY, (o) => writeOrder(ctx, o, lookup)),
  };
};

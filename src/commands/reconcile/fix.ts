import { getOrder } from '../../amazon/orders-api';
import { LockHeldError } from '../../errors';
import { marketplaceContext, type SellerContext } from '../../sync/context';
import type { Direction } from '../../sync/direction';
import type { ItemResult } from '../../sync/types';
import { pullOrders } from '../pull-orders';
import { pushShipments } from '../push-shipments';
import { pushStatus } from '../push-status';
import { pushStock } from '../push-stock';
import { StockChanges } from '../push-stock/changes';
import type { Finding, Repair } from './types';

/** Why a finding was not repaired, by `kind key`. */
export type NotFixed = Map<string, string>;

export const findingId = (f: Pick<Finding, 'kind' | 'key'>): string => `${f.kind} ${f.key}`;

type Repairable = Finding & { repair: Repair };

/** What a direction's write said of one item: undefined when done, else why not (its failure, or its warning). */
function reasonOf(results: readonly ItemResult[], key: string): string | undefined {
  const mine = results.filter((r) => r.key === key || r.key.startsWith(`${key}/`));
  const failed = mine.find((r): r is Extract<ItemResult, { ok: false }> => !r.ok);
  if (failed) return failed.reason;
  for (const r of mine) if (r.ok && r.warning) return r.warning;
  return undefined;
}

function window(d: Direction<unknown>): Extract<Direction<unknown>, { kind: 'window' }> {
  if (d.kind !== 'window') throw new Error('expected a windowed direction');
  return d;
}

/** Imports, cancels and applies buyer requests as pull-orders does, on the order read again whole (its address included). */
async function viaPullOrders(ctx: SellerContext, f: Repairable & { repair: { via: 'pull-orders' } }): Promise<string | undefined> {
  const mctx = marketplaceContext(ctx, f.repair.marketplaceId);
  const order = await getOrder(ctx.sp, f.repair.orderId);
  if (!order) return 'Amazon no longer knows this order';
  return reasonOf(await window(pullOrders(ctx, {})).write(mctx, [order]), f.key);
}

async function viaPushShipments(ctx: SellerContext, f: Repairable & { repair: { via: 'push-shipments' } }): Promise<string | undefined> {
  const mctx = marketplaceContext(ctx, f.repair.marketplaceId);
  const results = await window(pushShipments(ctx, {})).write(mctx, f.repair.shipments);
  return reasonOf(results, f.key);
}

/** A warehouse cancel or completion, or lines taken off at the buyer's request, told to Amazon by push-status' feeds. */
async function viaPushStatus(ctx: SellerContext, f: Repairable & { repair: { via: 'push-status' } }): Promise<string | undefined> {
  const { marketplaceId, alloc, orderId } = f.repair;
  const mctx = marketplaceContext(ctx, marketplaceId);
  const d = window(pushStatus(ctx, {}));
  await d.setup?.(mctx, undefined);
  // An order pull-orders cancelled at the buyer's request is told through push-status' buyer-cancel queue, not as a warehouse cancel.
  const queued = ctx.state.orders.buyerCancels
    .waiting(ctx.seller.name, marketplaceId)
    .filter((q) => q.amazonOrderId === orderId)
    .map((q) => ({ from: 'lines', queued: q }));
  const work: unknown[] = [...(alloc ? [{ from: 'window', alloc, kind: alloc.cancelled ? 'cancel' : 'complete' }] : []), ...queued];
  if (work.length === 0) return "no cancellation of this order is waiting in push-status' queue (run pull-orders first)";
  const results = [...(await d.write(mctx, work)), ...((await d.finish?.(mctx)) ?? [])];
  return reasonOf(results, orderId);
}

/** The quantity push-stock would offer now, pushed through push-stock's own send (never more than the warehouse holds). */
async function viaPushStock(ctx: SellerContext, f: Repairable & { repair: { via: 'push-stock' } }): Promise<string | undefined> {
  const { marketplaceId, sku, quantity } = f.repair;
  const listing = ctx.state.listings.get(ctx.seller.name, marketplaceId, sku);
  if (!listing?.productType) return "the listing's product type is unknown; run pull-items";
  const lastPushed = ctx.state.listings.lastPushed(ctx.seller.name, marketplaceId).get(sku)?.quantity;
  const d = pushStock(ctx, {});
  if (d.kind !== 'whole-set') throw new Error('expected a whole-set direction');
  const changes = StockChanges.of([{ sku, productType: listing.productType, quantity, lastPushed }]);
  const written = await d.write(marketplaceContext(ctx, marketplaceId), [changes]);
  return written.left ? 'not pushed before the deadline' : reasonOf(written.results, sku);
}

async function repairOne(ctx: SellerContext, f: Repairable): Promise<string | undefined> {
  switch (f.repair.via) {
    case 'pull-orders':
      return viaPullOrders(ctx, f as Repairable & { repair: { via: 'pull-orders' } });
    case 'push-shipments':
      return viaPushShipments(ctx, f as Repairable & { repair: { via: 'push-shipments' } });
    case 'push-status':
      return viaPushStatus(ctx, f as Repairable & { repair: { via: 'push-status' } });
    case 'push-stock':
      return viaPushStock(ctx, f as Repairable & { repair: { via: 'push-stock' } });
  }
}

/**
 * Repairs each finding through the write path of the direction that would have done it, holding
 * that direction's lock for the seller so a scheduled run of it cannot write the same thing at
 * once. The directions' guards decide: what one refuses is not done, and its reason is returned.
 * No checkpoint or retry queue moves. A finding without a repair stays as it is.
 */
export async function repairAll(ctx: SellerContext, findings: readonly Finding[]): Promise<NotFixed> {
  const notFixed: NotFixed = new Map();
  const byDirection = new Map<string, Repairable[]>();
  for (const f of findings) {
    if (!f.repair) continue;
    // A repair is named for the direction whose write path it takes.
    const d = f.repair.via;
    byDirection.set(d, [...(byDirection.get(d) ?? []), f as Repairable]);
  }
  for (const [direction, group] of byDirection) {
    try {
      ctx.state.locks.acquire(direction, ctx.seller.name, new Date(ctx.clock()));
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      for (const f of group) notFixed.set(findingId(f), `not repaired: ${err.message}`);
      continue;
    }
    try {
      for (const f of group) {
        const reason = await repairOne(ctx, f);
        ctx.log.info(reason ? 'not repaired' : 'repaired', { kind: f.kind, key: f.key, via: direction, ...(reason ? { reason } : {}) });
        if (reason) notFixed.set(findingId(f), reason);
      }
    } finally {
      ctx.state.locks.release(direction, ctx.seller.name);
    }
  }
  return notFixed;
}

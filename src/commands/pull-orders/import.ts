import type { AllocadenceOrders } from '../../allocadence/orders';
import type { Order } from '../../amazon/orders-types';
import { RemoteError } from '../../errors';
import type { NewLine } from '../../state/order-map';
import { atomically } from '../../state/statements';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { applyChanges } from './changes';
import { importLines } from './lines';
import { lineIdsOf, mapOrder, wrongWarehouse } from './map';
import { predictCreate, type SkuLookup } from './predict';

/** A failed remote call as the order's failure, retried next run; anything but an item's refusal stops the run. */
export function failure(key: string, err: unknown): ItemResult {
  if (err instanceof RemoteError && err.kind === 'item') return { key, ok: false, reason: err.message, retriable: true };
  throw err;
}

function mapRow(
  ctx: RunContext,
  o: Order,
): { seller: string; marketplace: string; amazonOrderId: string; amazonStatus: string; fulfilledBy: string } {
  return {
    seller: ctx.seller.name,
    marketplace: ctx.marketplaceId,
    amazonOrderId: o.orderId,
    amazonStatus: o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED',
    fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT',
  };
}

/**
 * An open order: created in Allocadence once (an intent row before the call, so a crash finds it
 * again by number rather than creating it twice), or, when it was imported before, brought in line
 * with what changed on Amazon since.
 */
export async function importOrder(ctx: RunContext, o: Order, lookup: SkuLookup): Promise<ItemResult> {
  const key = o.orderId;
  const status = o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED';
  const mapped = ctx.state.orders.get(key);
  if (mapped?.state === 'cancelled') return { key, ok: true, action: 'already-cancelled' };
  const m = mapOrder(o, ctx.seller);
  if (mapped && mapped.state !== 'creating') {
    if (mapped.amazonStatus === 'PENDING' && status !== 'PENDING') return released(ctx, o, mapped.allocOrderId, m);
    if (!ctx.dryRun && mapped.amazonStatus !== status) ctx.state.orders.setAmazonStatus(key, status, ctx.iso());
    return applyChanges(ctx, o, mapped);
  }
  const lines = importLines(o);
  if (!m.ok) {
    const allAsked = lines.some((l) => l.cancel === 'buyer') && lines.every((l) => l.cancel || l.quantity <= 0);
    return allAsked ? askedBeforeImport(ctx, o, lines) : { key, ok: false, reason: m.reason, retriable: true };
  }
  const skus = m.lines.map((l) => `${l.sku}×${l.quantity}`).join(', ');
  if (ctx.dryRun) return predictCreate(ctx, key, m, lookup);
  const row = mapRow(ctx, o);
  // One commit per step of the create: an import writes thousands of orders.
  atomically(ctx.state.db, () => {
    ctx.state.orders.markCreating(row, lines, ctx.iso());
    ctx.state.shipBy.set(key, m.promised.shipBy);
  });
  let created: Awaited<ReturnType<AllocadenceOrders['create']>>;
  try {
    created = await ctx.allocadence.orders.create(m.order);
  } catch (err) {
    // Refused outright (unknown SKU, bad address): it does not exist in Allocadence, so forget the intent.
    if (err instanceof RemoteError && err.kind === 'item') ctx.state.orders.forget(key);
    return failure(key, err);
  }
  const { order, existed } = created;
  atomically(ctx.state.db, () => {
    ctx.state.orders.markCreated(key, order.id, ctx.iso());
    ctx.state.orders.setLineIds(key, lineIdsOf(m.lines, order.items));
  });
  // The order exists now: on a wrong warehouse it is reported, never made again.
  const wrong = wrongWarehouse(order, ctx.seller.warehouse);
  if (wrong) {
    ctx.log.error(`order ${key} ${wrong}`, { order: key, allocadenceOrder: order.id });
    return { key, ok: false, reason: wrong, retriable: false };
  }
  // Lines not sent are settled against what Allocadence holds: nothing for a new order; a found one may still have them.
  const settled = await applyChanges(ctx, o, { ...row, allocOrderId: order.id, state: 'created' }, order);
  if (!settled.ok) return settled;
  const note = settled.action === 'already-imported' ? {} : { detail: `${skus}; ${settled.detail ?? settled.action}` };
  return {
    key,
    ok: true,
    action: existed ? 'found-existing' : 'created',
    detail: skus,
    ...note,
    ...(settled.warning ? { warning: settled.warning } : {}),
  };
}

/**
 * Not imported yet, and the buyer asked to cancel every line: it is not sent to the warehouse. An
 * Allocadence order with its number (a state file lost, or a create whose answer was lost) is
 * cancelled; either way push-status cancels it on Amazon with the buyer's reason.
 */
async function askedBeforeImport(ctx: RunContext, o: Order, lines: NewLine[]): Promise<ItemResult> {
  const key = o.orderId;
  const alloc = await ctx.allocadence.orders.findByNumber(key);
  const row = mapRow(ctx, o);
  if (alloc) {
    if (!ctx.dryRun) ctx.state.orders.adopt({ ...row, allocOrderId: alloc.id }, lines, ctx.iso());
    return applyChanges(ctx, o, { ...row, allocOrderId: alloc.id, state: 'created' }, alloc);
  }
  if (ctx.dryRun) return { key, ok: true, action: 'would-skip', detail: 'the buyer asked to cancel it before it was imported' };
  ctx.state.orders.markCreating(
    row,
    lines.map((l) => ({ ...l, pending: null })),
    ctx.iso(),
  );
  ctx.state.orders.updateLines(key, [], { cancelCause: 'buyer', amazonUpdated: o.lastUpdatedTime, now: ctx.iso() });
  return {
    key,
    ok: true,
    action: 'buyer-cancel-requested',
    detail: 'not imported: the buyer asked to cancel it; push-status cancels it on Amazon',
  };
}

/** A PENDING order was imported without an address; now that Amazon released it, the warehouse gets one. */
async function released(ctx: RunContext, o: Order, allocOrderId: string | null, m: ReturnType<typeof mapOrder>): Promise<ItemResult> {
  const key = o.orderId;
  if (!m.ok) return { key, ok: false, reason: m.reason, retriable: true };
  if (!allocOrderId) return { key, ok: false, reason: 'imported order has no Allocadence id', retriable: false };
  if (ctx.dryRun) return { key, ok: true, action: 'would-update-address', detail: `Allocadence order ${allocOrderId}` };
  await ctx.allocadence.orders.updateAddress(allocOrderId, { customer: m.order.customer, shippingAddress: m.order.shippingAddress });
  ctx.state.orders.setAmazonStatus(key, o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED', ctx.iso());
  return { key, ok: true, action: 'address-updated' };
}

import { AMAZON_CANCEL_REASON } from '../../allocadence/cancel-reasons';
import type { Order } from '../../amazon/orders-types';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';

/**
 * Amazon cancelled the order: its Allocadence twin is cancelled, unless the warehouse already
 * completed it (warned once). An order the state file does not know (lost or moved, or created by
 * a run that crashed) is looked up by its number, so a lost state file never lets a cancelled
 * order ship; one Allocadence does not have either was never imported.
 */
export async function cancelOrder(ctx: RunContext, o: Order): Promise<ItemResult> {
  const key = o.orderId;
  const mapped = ctx.state.orders.get(key);
  if (mapped?.state === 'cancelled') {
    if (!ctx.dryRun && mapped.amazonStatus !== 'CANCELLED') ctx.state.orders.setAmazonStatus(key, 'CANCELLED', ctx.iso());
    return { key, ok: true, action: 'already-cancelled' };
  }
  // Already found completed in the warehouse and warned about: once is enough.
  if (mapped?.amazonStatus === 'CANCELLED') return { key, ok: true, action: 'cancel-too-late' };
  const alloc = mapped?.allocOrderId
    ? await ctx.allocadence.orders.get(mapped.allocOrderId)
    : await ctx.allocadence.orders.findByNumber(key);
  if (!alloc) {
    // An intent row whose create never took effect, or an order never imported: nothing to cancel.
    if (!ctx.dryRun && mapped) ctx.state.orders.forget(key);
    return { key, ok: true, action: 'skipped' };
  }
  if (!ctx.dryRun && !mapped) {
    // Met without a row: this seller's order (its own search found it), recorded before anything is done to it.
    const row = {
      seller: ctx.seller.name,
      marketplace: ctx.marketplaceId,
      amazonOrderId: key,
      allocOrderId: alloc.id,
      amazonStatus: 'UNSHIPPED',
      fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT',
    };
    ctx.state.orders.adopt(row, [], ctx.iso());
  }
  if (alloc.cancelled) {
    if (!ctx.dryRun) ctx.state.orders.markCancelled(key, alloc.id, 'CANCELLED', ctx.iso());
    return { key, ok: true, action: 'already-cancelled' };
  }
  if (alloc.completed) {
    if (!ctx.dryRun) ctx.state.orders.setAmazonStatus(key, 'CANCELLED', ctx.iso());
    return {
      key,
      ok: true,
      action: 'cancel-too-late',
      warning: `cancelled on Amazon but already completed in Allocadence (order ${alloc.id}): stop the shipment by hand`,
    };
  }
  if (ctx.dryRun) return { key, ok: true, action: 'would-cancel', detail: `Allocadence order ${alloc.id}` };
  await ctx.allocadence.orders.cancel(alloc.id, AMAZON_CANCEL_REASON);
  ctx.state.orders.markCancelled(key, alloc.id, 'CANCELLED', ctx.iso());
  return {
    key,
    ok: true,
    action: 'cancelled',
    ...(mapped ? {} : { detail: 'found in Allocadence by its number (not in the state file)' }),
  };
}

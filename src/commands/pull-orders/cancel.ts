import { AMAZON_CANCEL_REASON } from '../../allocadence/cancel-reasons';
import type { Order } from '../../amazon/orders-types';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { looksLikeNoSuchCall } from '../../allocadence/client';
import { RemoteError } from '../../errors';
import type { OrderMapRow } from '../../state/order-map';

const NO_CANCEL_HINT =
  'if this account has no legacy cancel call (`check` says), set sellers[].orders.cancelInWarehouse: false and cancel such orders in Allocadence by hand';

/**
 * orders.cancelInWarehouse is off: the Allocadence order is left as it is, and the order is
 * listed once (a warning in the summary) for a person to cancel there.
 */
function leftForHand(ctx: RunContext, key: string, mapped: OrderMapRow | undefined): ItemResult {
  if (!mapped?.allocOrderId) return { key, ok: true, action: 'skipped' };
  if (mapped.amazonStatus === 'CANCELLED') return { key, ok: true, action: 'not-cancelled' };
  if (!ctx.dryRun) ctx.state.orders.setAmazonStatus(key, 'CANCELLED', ctx.iso());
  return {
    key,
    ok: true,
    action: 'not-cancelled',
    warning: `cancelled on Amazon; Allocadence order ${mapped.allocOrderId} is left as it is (orders.cancelInWarehouse is false): cancel it there by hand`,
  };
}

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
  if (!ctx.seller.orders.cancelInWarehouse) return leftForHand(ctx, key, mapped);
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
  try {
    await ctx.allocadence.orders.cancel(alloc.id, AMAZON_CANCEL_REASON);
  } catch (err) {
    // One cancel that fails is this order's failure, retried next run: the other orders of the run go on.
    if (!(err instanceof RemoteError)) throw err;
    const hint = looksLikeNoSuchCall(err) || err.status === 401 || err.status === 403 ? `; ${NO_CANCEL_HINT}` : '';
    return { key, ok: false, reason: `${err.message}${hint}`, retriable: true };
  }
  ctx.state.orders.markCancelled(key, alloc.id, 'CANCELLED', ctx.iso());
  return {
    key,
    ok: true,
    action: 'cancelled',
    ...(mapped ? {} : { detail: 'found in Allocadence by its number (not in the state file)' }),
  };
}

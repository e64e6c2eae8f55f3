import { AMAZON_CANCEL_REASON } from '../../allocadence/cancel-reasons';
import type { Order } from '../../amazon/orders-types';
import type { ItemResult, MarketplaceScope } from '../../sync/types';
import type { ChangesEnv } from './changes';

/**
 * Amazon cancelled the order: its Allocadence twin is cancelled, unless the warehouse already
 * completed it (warned once). An order the state file does not know (lost or moved, or created by
 * a run that crashed) is looked up by its number, so a lost state file never lets a cancelled
 * order ship; one Allocadence does not have either was never imported.
 */
export async function cancelOrder(env: ChangesEnv, o: Order, scope: MarketplaceScope): Promise<ItemResult> {
  const key = o.orderId;
  const mapped = env.state.orders.get(key);
  if (mapped?.state === 'cancelled') {
    if (!scope.dryRun && mapped.amazonStatus !== 'CANCELLED') env.state.orders.setAmazonStatus(key, 'CANCELLED', env.now());
    return { key, ok: true, action: 'already-cancelled' };
  }
  // Already found completed in the warehouse and warned about: once is enough.
  if (mapped?.amazonStatus === 'CANCELLED') return { key, ok: true, action: 'cancel-too-late' };
  const alloc = mapped?.allocOrderId ? await env.allocadence.get(mapped.allocOrderId) : await env.allocadence.findByNumber(key);
  if (!alloc) {
    // An intent row whose create never took effect, or an order never imported: nothing to cancel.
    if (!scope.dryRun && mapped) env.state.orders.forget(key);
    return { key, ok: true, action: 'skipped' };
  }
  if (!scope.dryRun && !mapped) {
    // Met without a row: this seller's order (its own search found it), recorded before anything is done to it.
    const row = { seller: scope.seller.name, marketplace: scope.marketplaceId, amazonOrderId: key, allocOrderId: alloc.id, amazonStatus: 'UNSHIPPED', fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT' };
    env.state.orders.adopt(row, [], env.now());
  }
  if (alloc.cancelled) {
    if (!scope.dryRun) env.state.orders.markCancelled(key, alloc.id, 'CANCELLED', env.now());
    return { key, ok: true, action: 'already-cancelled' };
  }
  if (alloc.completed) {
    if (!scope.dryRun) env.state.orders.setAmazonStatus(key, 'CANCELLED', env.now());
    return { key, ok: true, action: 'cancel-too-late', warning: `cancelled on Amazon but already completed in Allocadence (order ${alloc.id}): stop the shipment by hand` };
  }
  if (scope.dryRun) return { key, ok: true, action: 'would-cancel', detail: `Allocadence order ${alloc.id}` };
  await env.allocadence.cancel(alloc.id, AMAZON_CANCEL_REASON);
  env.state.orders.markCancelled(key, alloc.id, 'CANCELLED', env.now());
  return { key, ok: true, action: 'cancelled', ...(mapped ? {} : { detail: 'found in Allocadence by its number (not in the state file)' }) };
}

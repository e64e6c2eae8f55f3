import { parseAccountDate } from '../../allocadence/account-time';
import type { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { CustomerOrder } from '../../allocadence/types';
import type { OrderRebuilder } from '../../amazon/order-rebuild';
import { getOrder } from '../../amazon/orders-api';
import type { Order } from '../../amazon/orders-types';
import { RemoteError } from '../../errors';
import type { OrderMapRow } from '../../state/order-map';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import type { StatusBatch } from './batch';
import type { Kind } from './send';

const SHIPPED = new Set(['SHIPPED', 'PARTIALLY_SHIPPED']);

/** What looking at an order works with, besides the run's context: shared by the seller's marketplaces. */
export interface Lookers {
  shipped: ShippingOrderReader;
  rebuild: OrderRebuilder;
}

/** When the order was placed, as an instant (API 2.0 dates carry the account's offset; one without is read in its zone). */
export function orderedMs(o: CustomerOrder, zone: string): number | undefined {
  return o.orderedDate ? parseAccountDate(o.orderedDate, zone) : undefined;
}

/** One order Amazon answers oddly for is that order's failure, retried next run; not the whole run's. */
function failed(key: string, err: unknown): ItemResult[] {
  if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
  return [{ key, ok: false, reason: err.message, retriable: true }];
}

/** The order's row; one the state does not know (lost, moved, or come in another way) is this seller's when Amazon says so. */
async function mappedOf(
  ctx: RunContext,
  look: Lookers,
  alloc: CustomerOrder,
): Promise<{ mapped?: OrderMapRow; amazon?: Order } | ItemResult[]> {
  const mapped = ctx.state.orders.get(alloc.orderNumber);
  if (mapped) return { mapped };
  let amazon: Order | undefined;
  try {
    amazon = await look.rebuild.find(alloc.orderNumber, ctx.deadline);
  } catch (err) {
    return failed(alloc.orderNumber, err);
  }
  if (!amazon || (amazon.salesChannel.marketplaceId ?? ctx.marketplaceId) !== ctx.marketplaceId) return {};
  look.rebuild.adopt(amazon, ctx.marketplaceId, alloc.id);
  return {
    amazon,
    mapped: {
      seller: ctx.seller.name,
      marketplace: ctx.marketplaceId,
      amazonOrderId: alloc.orderNumber,
      allocOrderId: alloc.id,
      amazonStatus: '',
      fulfilledBy: '',
      state: 'created',
    },
  };
}

/**
 * Whether an order the warehouse cancelled or completed needs telling Amazon: settled here when
 * it needs no feed (told before, shipped with a record, already so on Amazon), else a candidate of
 * the batch's feed. Another seller's or marketplace's order is left alone.
 */
export async function consider(
  ctx: RunContext,
  look: Lookers,
  batch: StatusBatch,
  alloc: CustomerOrder,
  kind: Kind,
): Promise<ItemResult[]> {
  const id = alloc.orderNumber;
  if (batch.seen.has(`${kind}:${id}`)) return [];
  batch.seen.add(`${kind}:${id}`);
  const found = await mappedOf(ctx, look, alloc);
  if (Array.isArray(found)) return found;
  const { mapped } = found;
  if (mapped?.seller !== ctx.seller.name || mapped.marketplace !== ctx.marketplaceId) return [];
  // Cancelled here by pull-orders: Amazon cancelled first, or the buyer asked (then the buyer-cancel queue tells Amazon).
  if (kind === 'cancel' && mapped.state === 'cancelled') return [];
  const ledger = ctx.state.ledgers.statusPush(id, kind);
  if (ledger?.status === 'done' || ledger?.status === 'rejected') return [{ key: id, ok: true, action: 'already-sent' }];
  // An earlier run sent it and stopped before reading the result: read that feed, do not send again.
  if (ledger?.status === 'submitted' && ledger.feedId) {
    batch.resumed.push({ id, kind, feedId: ledger.feedId });
    return [];
  }
  if (
    kind === 'complete' &&
    (ctx.state.ledgers.hasShipments(id) || (await look.shipped.hasShipments(id, orderedMs(alloc, look.shipped.zone), ctx.now)))
  )
    return [{ key: id, ok: true, action: 'has-shipments' }];
  let amazon = found.amazon;
  try {
    amazon ??= await getOrder(ctx.sp, id, undefined, ctx.deadline);
  } catch (err) {
    return failed(id, err);
  }
  if (!amazon) return [{ key: id, ok: false, reason: 'Amazon does not know this order', retriable: false }];
  return decide(ctx, batch, alloc, kind, amazon);
}

/** What Amazon's own status settles without a feed; anything else goes in the feed. */
function decide(ctx: RunContext, batch: StatusBatch, alloc: CustomerOrder, kind: Kind, amazon: Order): ItemResult[] {
  const id = alloc.orderNumber;
  const status = amazon.fulfillment?.fulfillmentStatus ?? '';
  const settle = (action: string, warning?: string): ItemResult[] => {
    if (!ctx.dryRun)
      ctx.state.ledgers.setStatusPush(ctx.seller.name, id, kind, warning ? 'rejected' : 'done', null, warning ?? null, ctx.iso());
    return [{ key: id, ok: true, action, ...(warning ? { warning } : {}) }];
  };
  if (kind === 'cancel' && SHIPPED.has(status))
    return settle('not-cancelled', `cancelled in Allocadence but Amazon shows it ${status}: not cancelled there`);
  if (kind === 'cancel' && status === 'CANCELLED') return settle('already-cancelled');
  if (kind === 'complete' && status === 'SHIPPED') return settle('already-shipped');
  if (kind === 'complete' && status === 'CANCELLED') return settle('not-shipped', 'completed in Allocadence but cancelled on Amazon');
  batch.candidates.push({ kind, alloc, amazon });
  return [];
}

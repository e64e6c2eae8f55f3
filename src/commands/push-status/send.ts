import type { CustomerOrder } from '../../allocadence/types';
import { acknowledgementFeed, fulfillmentFeed, type CancelRow } from '../../amazon/order-feeds';
import type { Order } from '../../amazon/orders-types';
import type { SellerConfig } from '../../config/schema';
import type { RunContext } from '../../sync/context';
import type { FeedFailure, ItemResult } from '../../sync/types';
import { BUYER_CANCEL_REASON } from '../../allocadence/cancel-reasons';
import { itemNow } from '../../amazon/order-items';
import { sendOrderFeed, type OrderFeedOutcome } from '../../amazon/order-feed';
import { iso } from '../../time';

export type Kind = 'cancel' | 'complete';
export const FEED_TYPES: Record<Kind, string> = {
  cancel: 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
  complete: 'POST_FLAT_FILE_FULFILLMENT_DATA',
};
/** The order acknowledgement feed's code for a cancellation the buyer asked for. */
export const BUYER_CANCELED = 'BuyerCanceled';

/** An order the warehouse cancelled or completed, and Amazon's view of it. */
export interface Candidate {
  kind: Kind;
  alloc: CustomerOrder;
  amazon: Order;
}

/** Lines of an open Amazon order a buyer asked to cancel, which the warehouse no longer ships. */
export interface LineCandidate {
  amazon: Order;
  orderItemIds: string[];
}

export function cancelReason(seller: SellerConfig, allocadenceReason: string | null | undefined): string {
  return (allocadenceReason ? seller.status.cancelReasons[allocadenceReason] : undefined) ?? seller.status.defaultCancelReason;
}

/**
 * The rows cancelling a whole order: one per item not cancelled yet (Amazon refuses a row for a
 * cancelled one). An item the buyer asked to cancel, or an order the warehouse cancelled because
 * the buyer asked, goes as BuyerCanceled whatever the seller's reason map says.
 */
function orderRows(seller: SellerConfig, c: Candidate): CancelRow[] {
  const buyer = c.alloc.cancelledReason === BUYER_CANCEL_REASON;
  return c.amazon.orderItems
    .filter((i) => !itemNow(i).cancelled)
    .map((i) => ({
      orderId: c.amazon.orderId,
      orderItemId: i.orderItemId,
      reason: buyer || itemNow(i).requested ? BUYER_CANCELED : cancelReason(seller, c.alloc.cancelledReason),
    }));
}

/** Every line of the order still open is in it: cancelling them cancels the order. */
function wholeOrder(l: LineCandidate): boolean {
  return l.amazon.orderItems.every((i) => itemNow(i).cancelled || l.orderItemIds.includes(i.orderItemId));
}

/** One feed for the run's batch of this kind (whole orders, and for cancels also buyer-requested lines), sent and settled. */
export async function send(ctx: RunContext, kind: Kind, batch: Candidate[], lines: LineCandidate[]): Promise<ItemResult[]> {
  const ids = batch.map((c) => c.amazon.orderId);
  if (ctx.dryRun) {
    return [
      ...ids.map((id) => ({ key: id, ok: true as const, action: kind === 'cancel' ? 'would-cancel' : 'would-mark-shipped' })),
      ...lines.map((l) => ({
        key: l.amazon.orderId,
        ok: true as const,
        action: 'would-cancel-items',
        detail: `${l.orderItemIds.join(', ')} (${BUYER_CANCELED})`,
      })),
    ];
  }
  let body: string;
  let rowOrders: string[];
  if (kind === 'cancel') {
    const rows = [
      ...batch.flatMap((c) => orderRows(ctx.seller, c)),
      ...lines.flatMap((l) => l.orderItemIds.map((orderItemId) => ({ orderId: l.amazon.orderId, orderItemId, reason: BUYER_CANCELED }))),
    ];
    body = acknowledgementFeed(rows);
    rowOrders = rows.map((r) => r.orderId);
  } else {
    const rows = batch.map((c) => ({
      orderId: c.amazon.orderId,
      shipDate: iso(Date.parse(c.alloc.completedDate ?? '') || ctx.now),
      carrierCode: 'Other',
      carrierName: 'Not recorded',
    }));
    body = fulfillmentFeed(rows);
    rowOrders = rows.map((r) => r.orderId);
  }
  const mark = (feedId: string | null): void => {
    for (const id of ids) ctx.state.ledgers.setStatusPush(ctx.seller.name, id, kind, 'submitted', feedId, null, ctx.iso());
    for (const l of lines) ctx.state.orders.buyerCancels.mark(l.amazon.orderId, l.orderItemIds, 'submitted', feedId);
  };
  mark(null);
  const outcome = await sendOrderFeed(ctx, FEED_TYPES[kind], body, rowOrders, mark);
  const whole = new Set(lines.filter(wholeOrder).map((l) => l.amazon.orderId));
  return [...settleFeed(ctx, kind, ids, outcome, outcome.feedId), ...settleLines(ctx, lines, outcome, outcome.feedId, whole)];
}

type Outcome = OrderFeedOutcome;
type Verdict =
  { status: 'done'; warned?: string } | { status: 'rejected'; error: string } | { status: 'again'; reason: string; feed?: FeedFailure };

/** What the feed's report says of one order's rows. */
function verdictOf(outcome: Outcome, id: string, feedId: string): Verdict {
  if (!outcome.ok) return { status: 'again', reason: `${outcome.reason}; sent again next run`, feed: outcome.feed };
  const retry = outcome.retry.get(id) ?? (outcome.errors.has(id) ? undefined : outcome.othersFailed);
  if (retry) return { status: 'again', reason: `feed ${feedId}: Amazon did not apply it: ${retry}; sent again next run` };
  const error = outcome.errors.get(id);
  if (error) return { status: 'rejected', error };
  const warned = outcome.warnings.get(id);
  return warned ? { status: 'done', warned } : { status: 'done' };
}

/** Records each whole order's outcome from its feed's report. */
export function settleFeed(ctx: RunContext, kind: Kind, ids: readonly string[], outcome: Outcome, feedId: string): ItemResult[] {
  return ids.map((id): ItemResult => {
    const v = verdictOf(outcome, id, feedId);
    if (v.status === 'again') {
      // Amazon applied nothing of it: without a ledger entry the next run considers the order afresh.
      ctx.state.ledgers.forgetStatusPush(id, kind);
      return { key: id, ok: false, reason: v.reason, retriable: true, ...(v.feed ? { feed: v.feed } : {}) };
    }
    ctx.state.ledgers.setStatusPush(ctx.seller.name, id, kind, v.status, feedId, v.status === 'rejected' ? v.error : null, ctx.iso());
    if (v.status === 'rejected') return { key: id, ok: false, reason: `Amazon refused: ${v.error}`, retriable: false };
    const said = v.warned ? ` (Amazon warned: ${v.warned})` : '';
    if (kind === 'cancel') {
      // Lines a buyer asked for went in the order's rows.
      ctx.state.orders.buyerCancels.mark(
        id,
        ctx.state.orders.lines(id).map((l) => l.orderItemId),
        'done',
        feedId,
      );
      return { key: id, ok: true, action: 'cancelled', ...(v.warned ? { warning: `cancelled on Amazon${said}` } : {}) };
    }
    return {
      key: id,
      ok: true,
      action: 'marked-shipped',
      warning: `completed in Allocadence without a shipment record: marked shipped on Amazon without tracking, which counts against the seller's valid tracking rate${said}`,
    };
  });
}

/** Records the outcome of buyer-requested lines; `whole` names orders whose every open line was in the feed. */
export function settleLines(
  ctx: RunContext,
  lines: readonly LineCandidate[] | readonly { amazonOrderId: string; orderItemIds: string[] }[],
  outcome: Outcome,
  feedId: string,
  whole = new Set<string>(),
): ItemResult[] {
  return lines.map((l): ItemResult => {
    const id = 'amazon' in l ? l.amazon.orderId : l.amazonOrderId;
    const v = verdictOf(outcome, id, feedId);
    ctx.state.orders.buyerCancels.mark(id, l.orderItemIds, v.status === 'again' ? null : v.status, v.status === 'again' ? null : feedId);
    if (v.status === 'again') return { key: id, ok: false, reason: v.reason, retriable: true, ...(v.feed ? { feed: v.feed } : {}) };
    if (v.status === 'rejected')
      return {
        key: id,
        ok: false,
        reason: `Amazon refused to cancel the items the buyer asked to cancel (${l.orderItemIds.join(', ')}): ${v.error}`,
        retriable: false,
      };
    return {
      key: id,
      ok: true,
      action: whole.has(id) ? 'cancelled' : 'items-cancelled',
      detail: `${l.orderItemIds.join(', ')} (${BUYER_CANCELED})`,
      ...(v.warned ? { warning: `cancelled on Amazon (Amazon warned: ${v.warned})` } : {}),
    };
  });
}

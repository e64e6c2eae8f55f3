import type { OrderItem } from './orders-types';

/** What Amazon says of one order item now (Orders API 2026-01-01 `ItemCancellation`, `ItemFulfillment`). */
export interface ItemNow {
  /** Cancelled on Amazon (`cancellationExecution`, by anyone). */
  cancelled: boolean;
  /** A buyer asked to cancel (`cancellationRequest`, requester BUYER) and nothing is cancelled yet. */
  requested: boolean;
  /** Units left to ship: none once cancelled. */
  left: number;
}

export function itemNow(item: OrderItem): ItemNow {
  const c = item.cancellation;
  const cancelled = c?.cancellationExecution !== undefined;
  const request = c?.cancellationRequest;
  const requested = !cancelled && request !== undefined && (request.requester ?? 'BUYER') === 'BUYER';
  const left = cancelled ? 0 : (item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered - (item.fulfillment?.quantityFulfilled ?? 0));
  return { cancelled, requested, left: Math.max(0, left) };
}

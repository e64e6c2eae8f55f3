import { SimInputError } from './errors';
import { settleStatus, touchOrder, type StoredItem, type StoredOrder } from './stored-order';
import type { CancelledBy } from './types';

/**
 * What happens to an order on Amazon's side after it was placed, short of a status change: a buyer
 * asks to cancel, a line is cancelled, a quantity goes down, the address is corrected. Orders API
 * 2026-01-01 shows the first two per item (`orderItems[].cancellation.cancellationRequest` with
 * requester BUYER, and `cancellationExecution` with `cancelledBy` BUYER | MERCHANT | AMAZON:
 * `ItemCancellation` in models/orders-api-model/orders_2026-01-01.json). Every such change is an
 * order change, so it moves `lastUpdatedTime` and the order shows in a `lastUpdatedAfter` search
 * (the `ORDER_CHANGE` notification covers buyer-requested cancellations: reference/spapi-2026-12.md §2).
 */

const OPEN = new Set(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED']);

function itemsOf(order: StoredOrder, orderItemIds: readonly string[] | undefined): StoredItem[] {
  if (orderItemIds === undefined) return order.items;
  return orderItemIds.map((id) => {
    const item = order.items.find((i) => i.orderItemId === id);
    if (!item) throw new SimInputError(`order ${order.orderId} has no order item ${id}`);
    return item;
  });
}

function requireOpen(order: StoredOrder, what: string): void {
  if (!OPEN.has(order.status))
    throw new SimInputError(`order ${order.orderId} is ${order.status}: ${what} only while it is not shipped or cancelled`);
}

/**
 * The buyer asks to cancel some items (all when none are named). Nothing is cancelled yet: the
 * request waits for the seller, and the order keeps its status. A shipped or cancelled line cannot
 * be asked for.
 */
export function requestCancellation(order: StoredOrder, orderItemIds: readonly string[] | undefined, reason: string, atMs: number): void {
  requireOpen(order, 'a buyer can ask to cancel');
  const items = itemsOf(order, orderItemIds).filter((i) => i.cancelReason === undefined && i.shipped < i.quantity);
  if (items.length === 0) throw new SimInputError(`order ${order.orderId}: no item left that a buyer could ask to cancel`);
  for (const item of items) item.cancellationRequest = { reason };
  touchOrder(order, atMs);
}

/**
 * Lines cancelled outright (by the buyer before the seller confirmed, or by Amazon): the order
 * stays open for its other lines and is CANCELLED once none is left. Only lines with nothing shipped.
 */
export function cancelItems(order: StoredOrder, orderItemIds: readonly string[], by: CancelledBy, reason: string, atMs: number): void {
  requireOpen(order, 'lines can be cancelled');
  const items = itemsOf(order, orderItemIds);
  for (const item of items) {
    if (item.cancelReason !== undefined) throw new SimInputError(`order item ${item.orderItemId} is already cancelled`);
    if (item.shipped > 0) throw new SimInputError(`order item ${item.orderItemId} has shipped units and cannot be cancelled`);
  }
  for (const item of items) {
    item.cancelReason = reason;
    item.cancelledBy = by;
  }
  settleStatus(order, by);
  touchOrder(order, atMs);
}

export interface OrderEdit {
  items?: { orderItemId: string; quantity: number }[];
  address?: Partial<StoredOrder['address']>;
}

/**
 * A quantity lowered (never below what shipped, never raised: a buyer orders more in a new order)
 * or the delivery address corrected, while the order is still open.
 */
export function editOrder(order: StoredOrder, edit: OrderEdit, atMs: number): void {
  requireOpen(order, 'an order can be changed');
  for (const change of edit.items ?? []) {
    const [item] = itemsOf(order, [change.orderItemId]) as [StoredItem];
    if (item.cancelReason !== undefined) throw new SimInputError(`order item ${item.orderItemId} is cancelled`);
    if (change.quantity > item.quantity)
      throw new SimInputError(`order item ${item.orderItemId}: a quantity can only go down (${item.quantity} → ${change.quantity})`);
    if (change.quantity < Math.max(1, item.shipped))
      throw new SimInputError(
        `order item ${item.orderItemId}: quantity ${change.quantity} is below ${Math.max(1, item.shipped)} (shipped units stay; cancel the line instead)`,
      );
  }
  for (const change of edit.items ?? []) (itemsOf(order, [change.orderItemId])[0] as StoredItem).quantity = change.quantity;
  if (edit.address) order.address = { ...order.address, ...edit.address };
  settleStatus(order, 'BUYER');
  touchOrder(order, atMs);
}

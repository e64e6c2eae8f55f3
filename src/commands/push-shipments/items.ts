import type { WarehouseShipment } from '../../allocadence/shipments';
import type { Order } from '../../amazon/orders-types';
import type { PackageDetail } from '../../amazon/shipments-api';
import type { OrderItemRow } from '../../state/order-map';
import { itemNow } from '../../amazon/order-items';

/** Per Amazon order item, the units Amazon still expects: from the state in the normal path, from Amazon after a re-read. */
export type Expected = readonly OrderItemRow[];

/** Amazon's own count of what each item still expects (cancelled lines expect nothing). */
export function expectedFromAmazon(o: Order): Expected {
  return o.orderItems.map((i) => ({ orderItemId: i.orderItemId, sku: i.product.sellerSku ?? '', quantity: itemNow(i).left }));
}

export type PackageItems = { ok: true; orderItems: PackageDetail['orderItems']; dropped: string[] } | { ok: false; reason: string };

/**
 * Shipped lines → Amazon order items by SKU. Each unit goes to an item of that SKU that still
 * expects units, in the order's item order, so two items with one SKU shipped in two packages each
 * get their own. Units no item expects any more (a line cancelled on Amazon, a buyer's request the
 * warehouse honoured late) are left out and named in `dropped`: the live lines are confirmed
 * without them. A SKU not on the Amazon order at all is an error, not a guess.
 */
export function orderItemsFor(s: WarehouseShipment, expected: Expected): PackageItems {
  const left = new Map(expected.map((i) => [i.orderItemId, Math.max(0, i.quantity)]));
  const byItem = new Map<string, number>();
  const dropped: string[] = [];
  for (const line of s.lines) {
    const candidates = expected.filter((i) => i.sku === line.sku);
    if (candidates.length === 0) return { ok: false, reason: `SKU ${line.sku} is not on the Amazon order` };
    let rest = line.quantity;
    for (const item of candidates) {
      const take = Math.min(rest, left.get(item.orderItemId) ?? 0);
      if (take <= 0) continue;
      left.set(item.orderItemId, (left.get(item.orderItemId) ?? 0) - take);
      byItem.set(item.orderItemId, (byItem.get(item.orderItemId) ?? 0) + take);
      rest -= take;
    }
    if (rest > 0) dropped.push(`${rest} × ${line.sku}`);
  }
  if (s.lines.length === 0) return { ok: false, reason: 'the package has no lines' };
  if (byItem.size === 0)
    return {
      ok: false,
      reason: `Amazon no longer expects anything this package holds (${dropped.join(', ')}): cancelled on Amazon, or confirmed already`,
    };
  return { ok: true, orderItems: [...byItem].map(([orderItemId, quantity]) => ({ orderItemId, quantity })), dropped };
}

/** Whether two item lists carry the same units (order aside). */
export function sameItems(a: PackageDetail['orderItems'], b: PackageDetail['orderItems']): boolean {
  const key = (x: PackageDetail['orderItems']): string =>
    [...x]
      .map((i) => `${i.orderItemId}:${i.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

export function droppedWarning(s: WarehouseShipment, dropped: readonly string[]): string | undefined {
  return dropped.length
    ? `package ${s.id}: ${dropped.join(', ')} not confirmed: Amazon no longer expects them (cancelled there?); the rest is`
    : undefined;
}

import type { CustomerOrder, NewCustomerOrder } from '../../allocadence/types';
import type { SellerConfig } from '../../config/schema';
import type { Order } from '../../amazon/orders-types';
import type { OrderItemRow } from '../../state/order-map';
import { itemNow } from '../../amazon/order-items';
import { promiseNote, promisedOf, type Promised } from './ship-by';

export type MappedOrder = { ok: true; order: NewCustomerOrder; lines: OrderItemRow[]; promised: Promised } | { ok: false; reason: string };

/** Amazon withholds the address of a PENDING order; an imported pending order carries this until Amazon releases it. */
export const PENDING_ADDRESS_LINE = 'Address pending on Amazon';

/** Stands in for a surname Amazon's one-word name does not have: invisible, yet not empty (what Theseus sends, evidence §2.4 [Z]). */
export const NO_SURNAME = '\u200b';

/**
 * Amazon gives one name; Allocadence wants `name` and, for a new customer, a non-empty `surname`
 * (evidence §2.4). The split is at the last space, so `name + " " + surname` is Amazon's text
 * again wherever Allocadence joins them: "Ana María García López" becomes "Ana María García" and
 * "López". Which part is the family name cannot be known from one string, so none is guessed;
 * the shipping address keeps its own `name`, the full text, for labels. A one-word name stays
 * whole, with an invisible surname.
 */
export function splitName(full: string): { name: string; surname: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const cut = text.lastIndexOf(' ');
  if (cut <= 0) return { name: text, surname: NO_SURNAME };
  return { name: text.slice(0, cut), surname: text.slice(cut + 1) };
}

/**
 * The one place an Amazon order becomes an Allocadence customer order. Lines carry what is still
 * to ship: an order imported while partially shipped must not ship its shipped units again; lines
 * cancelled on Amazon, or that the buyer asked to cancel, are not sent at all.
 */
export function mapOrder(o: Order, seller: SellerConfig): MappedOrder {
  const lines: OrderItemRow[] = [];
  const items: NewCustomerOrder['items'] = [];
  for (const item of o.orderItems) {
    const sku = item.product.sellerSku;
    if (!sku) return { ok: false, reason: `order item ${item.orderItemId} has no seller SKU` };
    const now = itemNow(item);
    if (now.left <= 0 || now.requested) continue;
    lines.push({ orderItemId: item.orderItemId, sku, quantity: now.left });
    const price = item.product.price?.unitPrice?.amount;
    items.push({ sku, quantity: now.left, ...(price !== undefined && Number.isFinite(Number(price)) ? { price: Number(price) } : {}) });
  }
  if (items.length === 0) return { ok: false, reason: 'nothing left to ship on this order' };
  const to = recipientOf(o);
  if ('problem' in to) return { ok: false, reason: to.problem };
  const marketplace = o.salesChannel.marketplaceId ? ` (${o.salesChannel.marketplaceId})` : '';
  const promised = promisedOf(o);
  const promise = promiseNote(promised);
  const origin = `Amazon order ${o.orderId}${marketplace}, seller ${seller.name}${seller.importingUser ? `, imported by ${seller.importingUser}` : ''}`;
  const order: NewCustomerOrder = {
    orderNumber: o.orderId,
    orderReference: o.orderId,
    orderSource: 'Amazon',
    orderedDate: o.createdTime,
    shipFromWarehouseName: seller.warehouse,
    ...to,
    billingAddress: { sameAsShipping: true },
    items,
    // `notes` is no order field; `internalNote` is (evidence §2.4): staff see where the order came
    // from and, no ship-by field being known (ship-by.ts), when it is due.
    internalNote: promise ? `${origin}. ${promise}` : origin,
  };
  return { ok: true, order, lines, promised };
}

/** The customer and delivery address of an order; a PENDING order's stand-ins while Amazon withholds them. */
export function recipientOf(o: Order): Pick<NewCustomerOrder, 'customer' | 'shippingAddress'> | { problem: string } {
  const address = o.recipient?.deliveryAddress;
  const pending = o.fulfillment?.fulfillmentStatus === 'PENDING';
  if (!pending && (!address?.addressLine1 || !address.city || !address.countryCode)) {
    return { problem: 'Amazon returned no complete delivery address (does the application have the Direct-to-Consumer Delivery role?)' };
  }
  const name = address?.name?.trim() || o.buyer?.buyerName?.trim() || 'Amazon customer';
  return {
    customer: {
      ...splitName(name),
      ...(o.buyer?.buyerEmail ? { email: o.buyer.buyerEmail } : {}),
      ...(o.buyer?.buyerCompanyName ? { company: o.buyer.buyerCompanyName } : {}),
    },
    shippingAddress: {
      name,
      line1: address?.addressLine1 ?? PENDING_ADDRESS_LINE,
      city: address?.city ?? '-',
      countryCode: address?.countryCode ?? 'US',
      ...optional('company', address?.companyName),
      ...optional('line2', address?.addressLine2),
      ...optional('line3', address?.addressLine3),
      ...optional('state', address?.stateOrRegion),
      ...optional('zip', address?.postalCode),
      ...optional('phone', address?.phone),
    },
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/**
 * Each Amazon order item's Allocadence line id, from the create answer's `items[].id` (evidence §3,
 * "Order line identifiers"). Lines come back in the order sent; when they do not (other count or
 * SKUs), a SKU that appears once on both sides is still matched, and the rest stay unknown.
 */
export function lineIdsOf(sent: readonly OrderItemRow[], answer: CustomerOrder['items']): { orderItemId: string; lineId: string }[] {
  const got = (answer ?? []).filter((l): l is typeof l & { id: string } => typeof l.id === 'string' && l.id !== '');
  if (got.length === sent.length && got.every((l, i) => l.sku === sent[i]?.sku))
    return sent.map((s, i) => ({ orderItemId: s.orderItemId, lineId: got[i]?.id ?? '' }));
  const once = <T extends { sku: string }>(rows: readonly T[], sku: string): T | undefined =>
    rows.filter((r) => r.sku === sku).length === 1 ? rows.find((r) => r.sku === sku) : undefined;
  return sent.flatMap((s) => {
    const line = once(sent, s.sku) && once(got, s.sku);
    return line ? [{ orderItemId: s.orderItemId, lineId: line.id }] : [];
  });
}

/**
 * Why an order created (or found) in Allocadence is not where it should ship from, if it is not.
 * What happens to a `shipFromWarehouseName` that names no warehouse is unknown; falling back to the
 * API user's current warehouse is plausible (evidence §2.4), so the answer's `shipFromWarehouse` is
 * checked. Case aside: a name differing only in case is the same warehouse.
 */
export function wrongWarehouse(order: CustomerOrder, warehouse: string): string | undefined {
  const actual = order.shipFromWarehouse?.name;
  if (!actual || actual.trim().toLowerCase() === warehouse.trim().toLowerCase()) return undefined;
  return (
    `created in Allocadence as order ${order.id}, but it ships from warehouse "${actual}", not "${warehouse}" ` +
    `(is sellers[].warehouse spelled as in Allocadence?). Move the order to "${warehouse}" in Allocadence, or cancel it there; it will not be created again`
  );
}

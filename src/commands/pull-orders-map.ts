import type { NewCustomerOrder } from '../allocadence/types';
import type { SellerConfig } from '../config';
import type { Order } from '../amazon/orders-types';
import type { OrderItemRow } from '../state/order-map';

export type MappedOrder =
  | { ok: true; order: NewCustomerOrder; lines: OrderItemRow[] }
  | { ok: false; reason: string };

/** Amazon withholds the address of a PENDING order; an imported pending order carries this until Amazon releases it. */
export const PENDING_ADDRESS_LINE = 'Address pending on Amazon';

/**
 * The one place an Amazon order becomes an Allocadence customer order. Lines carry what is still
 * to ship: an order imported while partially shipped must not ship its shipped units again.
 */
export function mapOrder(o: Order, seller: SellerConfig): MappedOrder {
  const lines: OrderItemRow[] = [];
  const items: NewCustomerOrder['items'] = [];
  for (const item of o.orderItems) {
    const sku = item.product.sellerSku;
    if (!sku) return { ok: false, reason: `order item ${item.orderItemId} has no seller SKU` };
    const quantity = item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered;
    if (quantity <= 0) continue;
    lines.push({ orderItemId: item.orderItemId, sku, quantity });
    const price = item.product.price?.unitPrice?.amount;
    items.push({ sku, quantity, ...(price !== undefined && Number.isFinite(Number(price)) ? { price: Number(price) } : {}) });
  }
  if (items.length === 0) return { ok: false, reason: 'nothing left to ship on this order' };

  const address = o.recipient?.deliveryAddress;
  const pending = o.fulfillment?.fulfillmentStatus === 'PENDING';
  if (!pending && (!address?.addressLine1 || !address.city || !address.countryCode)) {
    return { ok: false, reason: 'Amazon returned no complete delivery address (does the application have the Direct-to-Consumer Delivery role?)' };
  }
  const name = address?.name ?? o.buyer?.buyerName ?? 'Amazon customer';
  const order: NewCustomerOrder = {
    orderNumber: o.orderId,
    orderReference: o.orderId,
    orderSource: 'Amazon',
    orderedDate: o.createdTime,
    shipFromWarehouseName: seller.warehouse,
    customer: {
      name,
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
    items,
    notes: `Amazon order ${o.orderId}${o.salesChannel.marketplaceId ? ` (${o.salesChannel.marketplaceId})` : ''}${seller.importingUser ? `, imported by ${seller.importingUser}` : ''}`,
  };
  return { ok: true, order, lines };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

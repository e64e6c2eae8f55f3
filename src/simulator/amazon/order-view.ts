import { marketplaceInfo, money } from './marketplaces';
import type { StoredItem, StoredOrder } from './stored-order';
import { DAY, iso } from './time';
import {
  INCLUDED_DATA,
  type AmazonOrder,
  type CancelledBy,
  type IncludedData,
  type OrderItem,
  type OrderPackage,
  type SimOrder,
} from './types';

export const ALL_DATA: ReadonlySet<IncludedData> = new Set(INCLUDED_DATA);

export const CANCEL_REASON = {
  BUYER: 'Buyer requested cancellation',
  MERCHANT: 'Seller cancelled the order',
  AMAZON: 'Cancelled by Amazon',
} as const;

// Amazon releases buyer and address data only once payment is through.
function withholdsPii(order: StoredOrder): boolean {
  return order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY';
}

function renderItem(order: StoredOrder, item: StoredItem, data: ReadonlySet<IncludedData>): OrderItem {
  const cancelled = order.status === 'CANCELLED' || item.cancelReason !== undefined;
  const out: OrderItem = {
    orderItemId: item.orderItemId,
    quantityOrdered: item.quantity,
    product: {
      asin: item.asin,
      title: item.title,
      sellerSku: item.sku,
      condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
      price: { unitPrice: money(item.unitMinor, order.marketplaceId) },
    },
  };
  if (data.has('PROCEEDS')) {
    // A cancelled line earns the seller nothing.
    const total = money(cancelled ? 0 : item.unitMinor * item.quantity, order.marketplaceId);
    out.proceeds = { proceedsTotal: total, breakdowns: [{ type: 'ITEM', subtotal: total }] };
  }
  if (data.has('CANCELLATION')) {
    const cancellation = renderCancellation(order, item);
    if (cancellation) out.cancellation = cancellation;
  }
  if (data.has('FULFILLMENT')) {
    // Nothing of a cancelled line remains to be shipped.
    out.fulfillment = { quantityFulfilled: item.shipped, quantityUnfulfilled: cancelled ? 0 : item.quantity - item.shipped };
  }
  return out;
}

/**
 * `ItemCancellation` (orders_2026-01-01.json): a buyer's open request (`requester` BUYER only) and/or
 * how the line was cancelled. A request can exist before any execution, and stays shown after it.
 */
function renderCancellation(order: StoredOrder, item: StoredItem): OrderItem['cancellation'] {
  const request = item.cancellationRequest && { requester: 'BUYER', cancelReason: item.cancellationRequest.reason };
  let execution: { cancelledBy: CancelledBy; cancelReason: string } | undefined;
  if (item.cancelReason !== undefined) execution = { cancelledBy: item.cancelledBy ?? 'MERCHANT', cancelReason: item.cancelReason };
  else if (order.status === 'CANCELLED' && order.cancelledBy)
    execution = { cancelledBy: order.cancelledBy, cancelReason: CANCEL_REASON[order.cancelledBy] };
  // A buyer's cancellation starts with a request.
  const asked = request ?? (execution?.cancelledBy === 'BUYER' ? { requester: 'BUYER', cancelReason: execution.cancelReason } : undefined);
  if (!asked && !execution) return undefined;
  return { ...(asked ? { cancellationRequest: asked } : {}), ...(execution ? { cancellationExecution: execution } : {}) };
}

/**
 * The API view of an order: the core fields always, each optional dataset only when asked for
 * (the mapping in Amazon's searchOrders guide). `showPending` lifts PENDING's PII embargo for
 * the simulator's own state view.
 */
export function renderOrder(order: StoredOrder, data: ReadonlySet<IncludedData>, showPending = false): AmazonOrder {
  const market = marketplaceInfo(order.marketplaceId);
  const pii = showPending || !withholdsPii(order);
  const merchant = order.fulfilledBy === 'MERCHANT';
  const buyerName = `Test Buyer ${order.buyerNo}`;
  // Built in the model's field order so responses read like Amazon's examples.
  const out: AmazonOrder = {
    orderId: order.orderId,
    createdTime: iso(order.createdMs),
    lastUpdatedTime: iso(order.lastUpdatedMs),
    salesChannel: { channelName: 'AMAZON', marketplaceId: order.marketplaceId, marketplaceName: market.name },
  } as AmazonOrder;
  if (data.has('BUYER') && pii) {
    // The model gives buyerEmail for merchant-fulfilled orders only.
    out.buyer = merchant ? { buyerName, buyerEmail: `test-buyer-${order.buyerNo}@marketplace.invalid` } : { buyerName };
  }
  if (data.has('RECIPIENT') && pii) {
    const a = order.address;
    out.recipient = {
      deliveryAddress: {
        name: buyerName,
        addressLine1: a.line1,
        city: a.city,
        stateOrRegion: a.state,
        postalCode: a.postalCode,
        countryCode: market.country,
        // Amazon suppresses the phone on Amazon-fulfilled orders.
        ...(merchant ? { phone: a.phone } : {}),
        addressType: 'RESIDENTIAL',
      },
    };
  }
  if (data.has('PROCEEDS')) {
    const cancelled = order.status === 'CANCELLED';
    const sum = cancelled ? 0 : order.items.reduce((n, i) => n + (i.cancelReason === undefined ? i.unitMinor * i.quantity : 0), 0);
    const total = money(sum, order.marketplaceId);
    out.proceeds = { grandTotal: total, breakdowns: [{ type: 'ITEM', subtotal: total }] };
  }
  if (data.has('FULFILLMENT')) {
    out.fulfillment = {
      fulfillmentStatus: order.status,
      fulfilledBy: order.fulfilledBy,
      fulfillmentServiceLevel: order.serviceLevel,
    };
    if (merchant) {
      out.fulfillment.shipByWindow = { earliestDateTime: iso(order.createdMs), latestDateTime: iso(order.createdMs + 2 * DAY) };
      out.fulfillment.deliverByWindow = {
        earliestDateTime: iso(order.createdMs + 3 * DAY),
        latestDateTime: iso(order.createdMs + 7 * DAY),
      };
    }
  }
  out.orderItems = order.items.map((item) => renderItem(order, item, data));
  if (data.has('PACKAGES') && merchant && order.packages.length > 0) {
    out.packages = order.packages.map((p) => renderPackage(p, market.country));
  }
  return out;
}

/** A shipped package in the Orders 2026-01-01 model's shape, shipped from the simulator's one warehouse. */
function renderPackage(p: StoredOrder['packages'][number], country: string): OrderPackage {
  const pkg: OrderPackage = {
    packageReferenceId: p.packageReferenceId,
    createdTime: iso(p.createdMs ?? p.shipMs),
    packageStatus: { status: 'SHIPPED' },
    carrier: p.carrier,
    shipTime: iso(p.shipMs),
  };
  if (p.shippingService !== undefined) pkg.shippingService = p.shippingService;
  if (p.trackingNumber !== undefined) pkg.trackingNumber = p.trackingNumber;
  pkg.shipFromAddress = {
    name: 'Sim Warehouse',
    addressLine1: '1 Depot Way',
    city: 'Springfield',
    stateOrRegion: 'WA',
    postalCode: '98001',
    countryCode: country,
  };
  pkg.packageItems = p.items.map((i) => (i.transparencyCodes ? { ...i, transparencyCodes: [...i.transparencyCodes] } : { ...i }));
  return pkg;
}

/** The simulator's full view of an order (every dataset, PII even while PENDING) and its seller. */
export function fullOrder(order: StoredOrder): SimOrder {
  return { ...renderOrder(order, ALL_DATA, true), sellerId: order.sellerId };
}

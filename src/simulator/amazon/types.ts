/**
 * The subset of Orders API 2026-01-01 shapes the simulator produces, written by hand from the
 * field names in Amazon's model. Every field the simulator emits is declared here; nothing else.
 */

export const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export const FULFILLED_BY = ['MERCHANT', 'AMAZON'] as const;
export type FulfilledBy = (typeof FULFILLED_BY)[number];

export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

export const SERVICE_LEVELS = [
  'EXPEDITED',
  'FREE_ECONOMY',
  'NEXT_DAY',
  'PRIORITY',
  'SAME_DAY',
  'SECOND_DAY',
  'SCHEDULED',
  'STANDARD',
] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const CANCELLED_BY = ['BUYER', 'MERCHANT', 'AMAZON'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

/** Decimal amounts are strings on the wire (the model's `Decimal`), never JSON numbers. */
export interface Money {
  amount: string;
  currencyCode: string;
}

export interface DateTimeRange {
  earliestDateTime?: string;
  latestDateTime?: string;
}

export interface OrderItem {
  orderItemId: string;
  quantityOrdered: number;
  product: {
    asin: string;
    title: string;
    sellerSku: string;
    condition?: { conditionType: string; conditionSubtype?: string };
    price?: { unitPrice: Money };
  };
  proceeds?: { proceedsTotal: Money; breakdowns: { type: string; subtotal: Money }[] };
  cancellation?: {
    cancellationRequest?: { requester: string; cancelReason: string };
    cancellationExecution?: { cancelledBy: CancelledBy; cancelReason: string };
  };
  fulfillment?: { quantityFulfilled: number; quantityUnfulfilled: number };
}

export interface OrderPackage {
  packageReferenceId: string;
  createdTime?: string;
  packageStatus?: { status: 'PENDING' | 'IN_TRANSIT' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'UNDELIVERABLE'; detailedStatus?: string };
  carrier?: string;
  shipTime?: string;
  shippingService?: string;
  trackingNumber?: string;
  shipFromAddress?: { name: string; addressLine1: string; city: string; stateOrRegion?: string; postalCode: string; countryCode: string };
  packageItems?: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
}

export interface AmazonOrder {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  salesChannel: { channelName: 'AMAZON' | 'NON_AMAZON'; marketplaceId: string; marketplaceName: string };
  buyer?: { buyerName: string; buyerEmail?: string };
  recipient?: {
    deliveryAddress: {
      name: string;
      addressLine1: string;
      city: string;
      stateOrRegion?: string;
      postalCode: string;
      countryCode: string;
      phone?: string;
      addressType: 'RESIDENTIAL' | 'COMMERCIAL' | 'PICKUP_POINT';
    };
  };
  proceeds?: { grandTotal: Money; breakdowns: { type: string; subtotal: Money }[] };
  fulfillment?: {
    fulfillmentStatus: FulfillmentStatus;
    fulfilledBy: FulfilledBy;
    fulfillmentServiceLevel: ServiceLevel;
    shipByWindow?: DateTimeRange;
    deliverByWindow?: DateTimeRange;
  };
  orderItems: OrderItem[];
  packages?: OrderPackage[];
}

/**
 * An order as the simulator holds it: every dataset present (buyer data too, even while PENDING
 * hides it from the API), plus the owning seller, which is not an Amazon field.
 */
export type SimOrder = AmazonOrder & { sellerId: string };

/** One order to create through `addOrders` or `POST /__sim/orders`. */
export interface NewOrderInput {
  orderId?: string;
  status: FulfillmentStatus;
  fulfilledBy: FulfilledBy;
  marketplaceId?: string;
  createdTime?: string;
  lastUpdatedTime?: string;
  serviceLevel?: ServiceLevel;
  /** Who cancelled, when `status` is CANCELLED (default BUYER). */
  cancelledBy?: CancelledBy;
  /** `price` is the unit price in major units (12.99); default: the catalogue price. */
  items: { sku: string; quantity: number; price?: number | string }[];
}

export interface AddOrdersInput {
  sellerId?: string;
  orders: NewOrderInput[];
}

export interface OrderChange {
  status: FulfillmentStatus;
  lastUpdatedTime?: string;
  cancelledBy?: CancelledBy;
}

import { marketplaceInfo, money } from './marketplaces';
import { CANCEL_REASON } from './order-view';
import { unshippedUnits, type StoredItem, type StoredOrder } from './stored-order';
import { DAY, iso } from './time';
import type { FulfilledBy, FulfillmentStatus, ServiceLevel } from './types';

/**
 * The Orders v0 shapes the simulator produces, written by hand from the field names in Amazon's
 * model: the same stored orders as the 2026-01-01 view, in the older names and enums.
 */
export const V0_ORDER_STATUSES = [
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'Canceled',
  'Unfulfillable',
  'InvoiceUnconfirmed',
  'PendingAvailability',
] as const;
export type V0OrderStatus = (typeof V0_ORDER_STATUSES)[number];

export const V0_FULFILLMENT_CHANNELS = ['MFN', 'AFN'] as const;
export type V0FulfillmentChannel = (typeof V0_FULFILLMENT_CHANNELS)[number];

// v0 spells "cancelled" with one l; InvoiceUnconfirmed has no 2026 counterpart, so no stored order has it.
const STATUS: Record<FulfillmentStatus, V0OrderStatus> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};

const CHANNEL: Record<FulfilledBy, V0FulfillmentChannel> = { MERCHANT: 'MFN', AMAZON: 'AFN' };

const SERVICE_CATEGORY: Record<ServiceLevel, string> = {
  EXPEDITED: 'Expedited',
  FREE_ECONOMY: 'FreeEconomy',
  NEXT_DAY: 'NextDay',
  PRIORITY: 'Priority',
  SAME_DAY: 'SameDay',
  SECOND_DAY: 'SecondDay',
  SCHEDULED: 'Scheduled',
  STANDARD: 'Standard',
};

/** getOrders' OrderStatuses filter in the stored statuses (InvoiceUnconfirmed matches none). */
export function storedStatuses(v0: readonly V0OrderStatus[]): FulfillmentStatus[] {
  return (Object.keys(STATUS) as FulfillmentStatus[]).filter((s) => v0.includes(STATUS[s]));
}

/** getOrders' FulfillmentChannels filter in the stored terms. */
export function storedFulfilledBy(v0: readonly V0FulfillmentChannel[]): FulfilledBy[] {
  return (Object.keys(CHANNEL) as FulfilledBy[]).filter((by) => v0.includes(CHANNEL[by]));
}

interface V0Money {
  CurrencyCode: string;
  Amount: string;
}

export interface V0Order {
  AmazonOrderId: string;
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: V0OrderStatus;
  FulfillmentChannel: V0FulfillmentChannel;
  SalesChannel: string;
  OrderTotal?: V0Money;
  NumberOfItemsShipped: number;
  NumberOfItemsUnshipped: number;
  MarketplaceId: string;
  ShipmentServiceLevelCategory: string;
  OrderType: 'StandardOrder';
  EarliestShipDate?: string;
  LatestShipDate?: string;
  IsBusinessOrder: boolean;
  IsPrime: boolean;
  IsPremiumOrder: boolean;
}

export interface V0OrderItem {
  ASIN: string;
  SellerSKU: string;
  OrderItemId: string;
  Title: string;
  QuantityOrdered: number;
  QuantityShipped: number;
  ItemPrice?: V0Money;
  IsGift?: 'true' | 'false';
  ConditionId: 'New';
  ConditionSubtypeId: 'New';
  BuyerRequestedCancel?: { IsBuyerRequestedCancel: 'true'; BuyerCancelReason: string };
}

function v0Money(minor: number, marketplaceId: string): V0Money {
  const m = money(minor, marketplaceId);
  return { CurrencyCode: m.currencyCode, Amount: m.amount };
}

// The model: pricing (and gift status) stays out of the answer while payment is not through.
function pricesHidden(order: StoredOrder): boolean {
  return order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY';
}

/** An order as getOrders lists it. No ShippingAddress or BuyerInfo: those need a Restricted Data Token. */
export function renderV0Order(order: StoredOrder): V0Order {
  const live = order.items.filter((i) => i.cancelReason === undefined);
  const out: V0Order = {
    AmazonOrderId: order.orderId,
    PurchaseDate: iso(order.createdMs),
    LastUpdateDate: iso(order.lastUpdatedMs),
    OrderStatus: STATUS[order.status],
    FulfillmentChannel: CHANNEL[order.fulfilledBy],
    SalesChannel: marketplaceInfo(order.marketplaceId).name,
    NumberOfItemsShipped: order.items.reduce((n, i) => n + i.shipped, 0),
    NumberOfItemsUnshipped: order.status === 'CANCELLED' ? 0 : order.items.reduce((n, i) => n + unshippedUnits(i), 0),
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: SERVICE_CATEGORY[order.serviceLevel],
    OrderType: 'StandardOrder',
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
  };
  if (!pricesHidden(order) && order.status !== 'CANCELLED') {
    out.OrderTotal = v0Money(
      live.reduce((n, i) => n + i.unitMinor * i.quantity, 0),
      order.marketplaceId,
    );
  }
  if (order.fulfilledBy === 'MERCHANT') {
    out.EarliestShipDate = iso(order.createdMs);
    out.LatestShipDate = iso(order.createdMs + 2 * DAY);
  }
  return out;
}

function renderV0Item(order: StoredOrder, item: StoredItem): V0OrderItem {
  const out: V0OrderItem = {
    ASIN: item.asin,
    SellerSKU: item.sku,
    OrderItemId: item.orderItemId,
    Title: item.title,
    QuantityOrdered: item.quantity,
    QuantityShipped: item.shipped,
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
  };
  if (!pricesHidden(order)) {
    // ItemPrice is the line's price: unit price times quantity.
    out.ItemPrice = v0Money(item.unitMinor * item.quantity, order.marketplaceId);
    out.IsGift = 'false';
  }
  if (order.status === 'CANCELLED' && order.cancelledBy === 'BUYER') {
    out.BuyerRequestedCancel = { IsBuyerRequestedCancel: 'true', BuyerCancelReason: CANCEL_REASON.BUYER };
  }
  return out;
}

/** The lines of an order as getOrderItems returns them. */
export function renderV0Items(order: StoredOrder): V0OrderItem[] {
  return order.items.map((item) => renderV0Item(order, item));
}

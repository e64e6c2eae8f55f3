import { SimInputError } from './errors';
import type { Rng } from '../random';
import type { CancelledBy, FulfilledBy, FulfillmentStatus, ServiceLevel } from './types';

/** One order line as the simulator keeps it; money in integer minor units to avoid float drift. */
export interface StoredItem {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  unitMinor: number;
  shipped: number;
}

export interface StoredPackage {
  packageReferenceId: string;
  shipMs: number;
  carrier: string;
  shippingService: string;
  trackingNumber: string;
  items: { orderItemId: string; quantity: number }[];
}

/** The simulator's record of an order; the API view is rendered from it per request. */
export interface StoredOrder {
  sellerId: string;
  orderId: string;
  marketplaceId: string;
  createdMs: number;
  lastUpdatedMs: number;
  status: FulfillmentStatus;
  fulfilledBy: FulfilledBy;
  serviceLevel: ServiceLevel;
  buyerNo: number;
  address: { line1: string; city: string; state: string; postalCode: string; phone: string };
  items: StoredItem[];
  packages: StoredPackage[];
  cancelledBy?: CancelledBy;
}

// Orders only move forward on Amazon; equal ranks may replace each other.
const RANK: Record<FulfillmentStatus, number> = {
  PENDING_AVAILABILITY: 0,
  PENDING: 1,
  UNSHIPPED: 2,
  UNFULFILLABLE: 2,
  PARTIALLY_SHIPPED: 3,
  SHIPPED: 4,
  CANCELLED: 4,
};

/** Throws a SimInputError naming the rule when Amazon could not produce this order state. */
export function checkStatusFits(order: Pick<StoredOrder, 'orderId' | 'fulfilledBy' | 'items'>, status: FulfillmentStatus): void {
  if (status === 'UNFULFILLABLE' && order.fulfilledBy !== 'AMAZON') {
    throw new SimInputError(`order ${order.orderId}: UNFULFILLABLE applies only to AMAZON-fulfilled orders`);
  }
  if (status === 'PARTIALLY_SHIPPED' && totalUnits(order.items) < 2) {
    throw new SimInputError(`order ${order.orderId}: PARTIALLY_SHIPPED needs at least 2 units in the order`);
  }
}

export function checkTransition(order: StoredOrder, next: FulfillmentStatus): void {
  const from = order.status;
  if (from === next) return;
  const terminal = from === 'SHIPPED' || from === 'CANCELLED';
  if (terminal || RANK[next] < RANK[from] || (from === 'PARTIALLY_SHIPPED' && next === 'CANCELLED')) {
    throw new SimInputError(`order ${order.orderId}: Amazon does not move an order from ${from} to ${next}`);
  }
  checkStatusFits(order, next);
}

function totalUnits(items: readonly { quantity: number }[]): number {
  return items.reduce((n, i) => n + i.quantity, 0);
}

/**
 * Brings lines and packages in line with a new status: shipping creates a package for the units
 * that newly left (merchant orders only, as Amazon reports packages only for those).
 */
export function applyStatus(order: StoredOrder, status: FulfillmentStatus, atMs: number, rng: Rng): void {
  order.status = status;
  if (status === 'CANCELLED') order.cancelledBy ??= 'BUYER';
  else delete order.cancelledBy;
  const shippedNow: { orderItemId: string; quantity: number }[] = [];
  const ship = (item: StoredItem, units: number): void => {
    if (units <= 0) return;
    item.shipped += units;
    shippedNow.push({ orderItemId: item.orderItemId, quantity: units });
  };
  if (status === 'SHIPPED') for (const item of order.items) ship(item, item.quantity - item.shipped);
  if (status === 'PARTIALLY_SHIPPED' && order.items.every((i) => i.shipped === 0)) {
    // Half the units (at least one, never all) leave in the first package.
    let budget = Math.max(1, Math.floor(totalUnits(order.items) / 2));
    for (const item of order.items) {
      const units = Math.min(budget, item.quantity);
      ship(item, units);
      budget -= units;
    }
  }
  if (shippedNow.length > 0 && order.fulfilledBy === 'MERCHANT') {
    order.packages.push({
      packageReferenceId: String(order.packages.length + 1),
      shipMs: atMs,
      carrier: 'UPS',
      shippingService: 'UPS Ground',
      trackingNumber: `1ZSIM${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      items: shippedNow,
    });
  }
}

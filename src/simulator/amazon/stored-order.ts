import { SimInputError } from './errors';
import type { Rng } from '../random';
import { floorSecond } from './time';
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
  /** Set when this line was cancelled: the seller's reason code (order acknowledgement feed), or the buyer's or Amazon's reason. */
  cancelReason?: string;
  /** Who cancelled the line; absent with `cancelReason` means the seller did (older records). */
  cancelledBy?: CancelledBy;
  /** A buyer's request to cancel this line, not acted on yet (see order-edits.ts). */
  cancellationRequest?: { reason: string };
}

export interface StoredPackage {
  packageReferenceId: string;
  /** When Amazon recorded the package; defaults to shipMs for packages the simulator made itself. */
  createdMs?: number;
  shipMs: number;
  carrier: string;
  shippingService?: string;
  /** Absent for a package confirmed by a fulfillment feed row without one. */
  trackingNumber?: string;
  items: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
}

/** The simulator's record of an order; the API view is rendered from it per request. */
export interface StoredOrder {
  readonly sellerId: string;
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
  // Lines the seller cancelled never ship.
  const live = order.items.filter((i) => i.cancelReason === undefined);
  if (status === 'SHIPPED') for (const item of live) ship(item, item.quantity - item.shipped);
  if (status === 'PARTIALLY_SHIPPED' && order.items.every((i) => i.shipped === 0)) {
    // Half the units (at least one, never all) leave in the first package.
    let budget = Math.max(1, Math.floor(totalUnits(live) / 2));
    for (const item of live) {
      const units = Math.min(budget, item.quantity);
      ship(item, units);
      budget -= units;
    }
  }
  if (shippedNow.length > 0 && order.fulfilledBy === 'MERCHANT') {
    order.packages.push({
      packageReferenceId: nextPackageReferenceId(order),
      shipMs: atMs,
      carrier: 'UPS',
      shippingService: 'UPS Ground',
      trackingNumber: `1ZSIM${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      items: shippedNow,
    });
  }
}

/** Units of a line still to ship: none once the line is cancelled. */
export function unshippedUnits(item: StoredItem): number {
  return item.cancelReason === undefined ? item.quantity - item.shipped : 0;
}

/** The smallest positive integer above every numeric packageReferenceId the order has. */
export function nextPackageReferenceId(order: StoredOrder): string {
  const used = order.packages.map((p) => (/^\d+$/.test(p.packageReferenceId) ? Number(p.packageReferenceId) : 0));
  return String(Math.max(0, ...used) + 1);
}

/**
 * Records a confirmed package (confirmShipment or a fulfillment feed row; the caller has checked
 * every quantity against `unshippedUnits`): lines, status (SHIPPED once nothing is left to ship,
 * else PARTIALLY_SHIPPED) and lastUpdatedTime move with it.
 */
export function recordPackage(order: StoredOrder, pkg: StoredPackage, nowMs: number): void {
  for (const line of pkg.items) {
    const item = order.items.find((i) => i.orderItemId === line.orderItemId);
    if (!item || line.quantity > unshippedUnits(item)) throw new Error(`recordPackage: ${line.orderItemId} cannot ship ${line.quantity}`);
    item.shipped += line.quantity;
  }
  order.packages.push(pkg);
  order.status = order.items.every((i) => unshippedUnits(i) === 0) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
  touchOrder(order, nowMs);
}

/** Adds units to a package recorded earlier in the same feed (rows sharing a tracking number). */
export function addToPackage(order: StoredOrder, pkg: StoredPackage, line: { orderItemId: string; quantity: number }, nowMs: number): void {
  const item = order.items.find((i) => i.orderItemId === line.orderItemId);
  if (!item || line.quantity > unshippedUnits(item)) throw new Error(`addToPackage: ${line.orderItemId} cannot ship ${line.quantity}`);
  item.shipped += line.quantity;
  const same = pkg.items.find((i) => i.orderItemId === line.orderItemId);
  if (same) same.quantity += line.quantity;
  else pkg.items.push({ ...line });
  order.status = order.items.every((i) => unshippedUnits(i) === 0) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
  touchOrder(order, nowMs);
}

/**
 * The seller cancels one line of an order with nothing shipped yet (order acknowledgement feed).
 * Once every line is cancelled the order is CANCELLED by the MERCHANT.
 */
export function cancelLine(order: StoredOrder, item: StoredItem, reason: string, nowMs: number): void {
  item.cancelReason = reason;
  item.cancelledBy = 'MERCHANT';
  settleStatus(order, 'MERCHANT');
  touchOrder(order, nowMs);
}

/**
 * The status once lines changed: CANCELLED when every line is cancelled, SHIPPED when what is not
 * cancelled has all shipped (a partly shipped order whose rest was cancelled or lowered).
 */
export function settleStatus(order: StoredOrder, cancelledBy: CancelledBy): void {
  if (order.items.every((i) => i.cancelReason !== undefined)) {
    order.status = 'CANCELLED';
    order.cancelledBy = cancelledBy;
  } else if (order.items.some((i) => i.shipped > 0) && order.items.every((i) => unshippedUnits(i) === 0)) {
    order.status = 'SHIPPED';
  }
}

/** An order change: it moves lastUpdatedTime (never before the order was created). */
export function touchOrder(order: StoredOrder, nowMs: number): void {
  order.lastUpdatedMs = Math.max(order.createdMs, floorSecond(nowMs));
}

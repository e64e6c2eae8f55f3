import type { SimRequest, SimResponse } from '../server';
import { readBody } from './body';
import { amazonError, InvalidInputError } from './errors';
import type { OperationContext } from './operation-types';
import { isObject } from './patch-shape';
import { recordPackage, unshippedUnits, type StoredOrder, type StoredPackage } from './stored-order';
import { floorSecond, parseIso } from './time';

const JP = 'A1VC38T7YXB528';
/** The fields of ConfirmShipmentRequest, PackageDetail and ConfirmShipmentOrderItem the simulator takes: all of the model's. */
export const CONFIRM_SHIPMENT_FIELDS = {
  request: ['marketplaceId', 'packageDetail', 'codCollectionMethod'],
  packageDetail: [
    'packageReferenceId',
    'carrierCode',
    'carrierName',
    'shippingMethod',
    'trackingNumber',
    'shipDate',
    'shipFromSupplySourceId',
    'orderItems',
  ],
  orderItem: ['orderItemId', 'quantity', 'transparencyCodes'],
} as const;
const { request: REQUEST_FIELDS, packageDetail: PACKAGE_FIELDS, orderItem: ITEM_FIELDS } = CONFIRM_SHIPMENT_FIELDS;

/** A ConfirmShipmentRequest that passed the shape checks. */
export interface ShipmentConfirmation {
  marketplaceId: string;
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipMs: number;
  orderItems: { orderItemId: string; quantity: number; transparencyCodes?: string[] }[];
}

function fail(message: string): never {
  throw new InvalidInputError(message);
}

// Stricter than Amazon, which ignores unknown fields: a misspelt field is a client bug worth a 400.
function onlyKnown(value: Record<string, unknown>, known: readonly string[], where: string): void {
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  if (extra.length > 0) fail(`${where}${extra.join(', ')}: not a field of the ConfirmShipmentRequest model`);
}

function str(value: Record<string, unknown>, name: string, where: string, required: boolean): string | undefined {
  const v = value[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '') fail(`${where}${name} ${required ? 'is required and ' : ''}must be a non-empty string`);
  return v;
}

/** Shape checks of the body, in the model's field order; every problem is a 400 naming the field. */
export function parseConfirmation(body: Record<string, unknown>): ShipmentConfirmation {
  onlyKnown(body, REQUEST_FIELDS, '');
  const marketplaceId = str(body, 'marketplaceId', '', true) as string;
  if (body.codCollectionMethod !== undefined) {
    if (body.codCollectionMethod !== 'DirectPayment') fail(`codCollectionMethod must be DirectPayment`);
    if (marketplaceId !== JP) fail('codCollectionMethod is only supported in the JP marketplace');
  }
  const d = body.packageDetail;
  if (!isObject(d)) fail('packageDetail is required and must be an object');
  const at = 'packageDetail.';
  onlyKnown(d, PACKAGE_FIELDS, at);
  const packageReferenceId = str(d, 'packageReferenceId', at, true) as string;
  if (!/^[1-9]\d*$/.test(packageReferenceId))
    fail(`packageDetail.packageReferenceId '${packageReferenceId}' must be a positive integer written as a string, e.g. "1"`);
  const carrierCode = str(d, 'carrierCode', at, true) as string;
  const carrierName = str(d, 'carrierName', at, carrierCode === 'Other');
  const shippingMethod = str(d, 'shippingMethod', at, false);
  const trackingNumber = str(d, 'trackingNumber', at, true) as string;
  const shipDate = str(d, 'shipDate', at, true) as string;
  const shipMs = parseIso(shipDate);
  if (shipMs === undefined) fail(`packageDetail.shipDate '${shipDate}' must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00Z`);
  str(d, 'shipFromSupplySourceId', at, false);
  const items = d.orderItems;
  if (!Array.isArray(items) || items.length === 0) fail('packageDetail.orderItems is required and must be a non-empty array');
  const seen = new Set<string>();
  const orderItems = items.map((item, i) => {
    const where = `packageDetail.orderItems[${i}].`;
    if (!isObject(item)) fail(`${where.slice(0, -1)} must be an object`);
    onlyKnown(item, ITEM_FIELDS, where);
    const orderItemId = str(item, 'orderItemId', where, true) as string;
    if (seen.has(orderItemId)) fail(`${where}orderItemId ${orderItemId} is listed twice in one package`);
    seen.add(orderItemId);
    const quantity = item.quantity;
    if (!Number.isInteger(quantity) || (quantity as number) < 1) fail(`${where}quantity is required and must be a positive integer`);
    const out: ShipmentConfirmation['orderItems'][number] = { orderItemId, quantity: quantity as number };
    const codes = item.transparencyCodes;
    if (codes !== undefined) {
      if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string' && c !== ''))
        fail(`${where}transparencyCodes must be an array of non-empty strings`);
      out.transparencyCodes = [...(codes as string[])];
    }
    return out;
  });
  const out: ShipmentConfirmation = { marketplaceId, packageReferenceId, carrierCode, trackingNumber, shipMs, orderItems };
  if (carrierName !== undefined) out.carrierName = carrierName;
  if (shippingMethod !== undefined) out.shippingMethod = shippingMethod;
  return out;
}

/** The rules that need the order; a 400 naming the first one broken. */
export function checkAgainstOrder(order: StoredOrder, c: ShipmentConfirmation): void {
  const id = order.orderId;
  if (c.marketplaceId !== order.marketplaceId)
    fail(`marketplaceId ${c.marketplaceId} is not the marketplace of order ${id} (${order.marketplaceId})`);
  if (order.fulfilledBy !== 'MERCHANT')
    fail(`order ${id} is fulfilled by Amazon; only merchant-fulfilled orders take shipment confirmations`);
  if (order.status === 'CANCELLED') fail(`order ${id} is cancelled and cannot be shipped`);
  if (order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY')
    fail(`order ${id} is ${order.status}; it cannot be shipped until payment is complete`);
  if (c.shipMs < order.createdMs) fail(`packageDetail.shipDate is before the order was placed`);
  if (order.packages.some((p) => p.packageReferenceId === c.packageReferenceId)) {
    fail(`packageReferenceId ${c.packageReferenceId} is already confirmed for order ${id}; use a new packageReferenceId for each package`);
  }
  for (const line of c.orderItems) {
    const item = order.items.find((i) => i.orderItemId === line.orderItemId);
    if (!item) fail(`orderItemId ${line.orderItemId} is not an item of order ${id}`);
    const left = unshippedUnits(item);
    if (line.quantity > left) {
      const why = item.cancelReason !== undefined ? 'it is cancelled' : `${item.shipped} of ${item.quantity} already shipped`;
      fail(`orderItemId ${line.orderItemId}: quantity ${line.quantity} is more than the ${left} unit(s) left to ship (${why})`);
    }
  }
}

/** `POST /orders/v0/orders/{orderId}/shipmentConfirmation`: one package per call; 204 with no body. */
export function confirmShipment(ctx: OperationContext, req: SimRequest, [orderId]: string[]): SimResponse {
  const confirmation = parseConfirmation(readBody(req));
  const order = orderId === undefined ? undefined : ctx.store.get(orderId);
  // Another seller's order is as invisible as a missing one.
  if (order?.sellerId !== ctx.sellerId) return amazonError(404, 'NotFound', `Order ${orderId ?? ''} was not found`);
  checkAgainstOrder(order, confirmation);
  const pkg: StoredPackage = {
    packageReferenceId: confirmation.packageReferenceId,
    createdMs: floorSecond(ctx.nowMs),
    shipMs: confirmation.shipMs,
    carrier: confirmation.carrierCode === 'Other' ? (confirmation.carrierName as string) : confirmation.carrierCode,
    trackingNumber: confirmation.trackingNumber,
    items: confirmation.orderItems.map((i) => ({ ...i })),
  };
  if (confirmation.shippingMethod !== undefined) pkg.shippingService = confirmation.shippingMethod;
  recordPackage(order, pkg, ctx.nowMs);
  return { status: 204 };
}

import { parseInstant, type AccountClock } from './dates';
import { AdminError } from './responses';
import type { AllocadenceStore, NewShipment, ShippingOrderRecord } from './store';
import type { SimCodeName } from './types';
import { Invalid, isObject, required, type Body } from './validation';

function amount(body: Body, key: string): number {
  const v = body[key];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Invalid(key, `${key} must be a non-negative number.`);
  return v;
}

/** A text field that may be blank or absent (''), unlike `required`. */
function text(body: Body, key: string): string {
  const v = body[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new Invalid(key, `${key} must be a string.`);
  return v.trim();
}

/**
 * Production rows carry carrier and service as `{code, name}`, and about fifteen in a month had a
 * blank carrier (reference/allocadence-evidence-2026-12.md §2.1). Without a code, one is made from
 * the name, as carrier codes are short capitals.
 */
function codeName(body: Body, nameKey: string, codeKey: string): SimCodeName {
  const name = text(body, nameKey);
  const code = body[codeKey] === undefined ? name.toUpperCase().replace(/[^A-Z0-9]/g, '') : text(body, codeKey);
  return { code, name };
}

function into(body: Body, store: AllocadenceStore, orderNumber: string): ShippingOrderRecord | undefined {
  const raw = body.shippingOrderId;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) throw new Invalid('shippingOrderId', 'shippingOrderId must be an integer.');
  const record = store.findShippingOrderById(raw);
  if (!record) throw new AdminError(404, 'not_found', 'Shipping order not found.');
  if (record.order.orderNumber !== orderNumber)
    throw new Invalid('shippingOrderId', `Shipping order ${raw} is not for order ${orderNumber}.`);
  if (record.packages.every((p) => p.voidedAt !== null))
    throw new AdminError(400, 'invalid_state', 'Shipping order is cancelled and cannot take another package.');
  return record;
}

function validate(body: Body, store: AllocadenceStore, clock: AccountClock): NewShipment {
  const orderNumber = required(body, 'orderNumber', 'orderNumber');
  const order = store.findOrderByNumber(orderNumber);
  if (!order) throw new AdminError(404, 'not_found', 'Customer order not found.');
  if (order.cancelledAt !== null) throw new AdminError(400, 'invalid_state', 'Order is cancelled and cannot be shipped.');
  const target = into(body, store, orderNumber);
  const carrier = codeName(body, 'carrier', 'carrierCode');
  const service = codeName(body, 'service', 'serviceCode');
  // Seven of 2,776 production shipments had no tracking number (§2.1 "Data quality").
  const trackingNumber = text(body, 'trackingNumber');

  const shippedText = text(body, 'shippedDate');
  const shippedAt = shippedText === '' ? undefined : parseInstant(shippedText, clock);
  if (shippedText !== '' && shippedAt === undefined) throw new Invalid('shippedDate', `Invalid date: ${shippedText}`);
  const weight = amount(body, 'weight');
  const total = amount(body, 'total');

  const raw = body.lines;
  if (!Array.isArray(raw) || raw.length === 0) throw new Invalid('lines', 'At least one line is required.');
  const bySku = new Map<string, number>();
  raw.forEach((entry: unknown, i) => {
    if (!isObject(entry)) throw new Invalid(`lines[${i}]`, 'Each line must be an object.');
    const sku = required(entry, 'sku', `lines[${i}].sku`);
    if (!order.lines.some((l) => l.sku === sku)) throw new Invalid(`lines[${i}].sku`, `SKU ${sku} is not on order ${orderNumber}.`);
    const quantity = entry.quantity;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw new Invalid(`lines[${i}].quantity`, `Quantity for ${sku} must be a positive integer.`);
    }
    const wanted = (bySku.get(sku) ?? 0) + quantity;
    const left = store.leftToShip(order, sku);
    if (wanted > left) throw new Invalid(`lines[${i}].quantity`, `Quantity for ${sku} exceeds what is left to ship (${left}).`);
    bySku.set(sku, wanted);
  });
  const lines = [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
  return { order, into: target, carrier, service, trackingNumber, shippedAt, weight, total, lines };
}

/**
 * A `POST /__sim/shipments` body (or `ship` input), checked in the order below; the first problem
 * wins. Throws AdminError: 404 for an unknown order or shipping order, 400 for everything else.
 */
export function newShipmentOf(body: unknown, store: AllocadenceStore, clock: AccountClock): NewShipment {
  if (!isObject(body)) throw new AdminError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    return validate(body, store, clock);
  } catch (err) {
    if (err instanceof Invalid) throw new AdminError(400, 'invalid_parameter', err.message, err.parameter);
    throw err;
  }
}

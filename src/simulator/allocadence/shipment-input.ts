import { parseInstant, type AccountOffset } from './dates';
import { AdminError } from './responses';
import type { AllocadenceStore, NewShipment } from './store';
import { Invalid, isObject, optional, required, type Body } from './validation';

function amount(body: Body, key: string): number {
  const v = body[key];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Invalid(key, `${key} must be a non-negative number.`);
  return v;
}

function validate(body: Body, store: AllocadenceStore, offset: AccountOffset): NewShipment {
  const orderNumber = required(body, 'orderNumber', 'orderNumber');
  const order = store.findOrderByNumber(orderNumber);
  if (!order) throw new AdminError(404, 'not_found', 'Customer order not found.');
  if (order.cancelledAt !== null) throw new AdminError(400, 'invalid_state', 'Order is cancelled and cannot be shipped.');
  const carrier = required(body, 'carrier', 'carrier');
  const service = required(body, 'service', 'service');
  const trackingNumber = required(body, 'trackingNumber', 'trackingNumber');

  const shippedText = optional(body, 'shippedDate', 'shippedDate');
  const shippedAt = shippedText === null ? undefined : parseInstant(shippedText, offset);
  if (shippedText !== null && shippedAt === undefined) throw new Invalid('shippedDate', `Invalid date: ${shippedText}`);
  const weight = amount(body, 'weight');
  const total = amount(body, 'total');

  const raw = body['lines'];
  if (!Array.isArray(raw) || raw.length === 0) throw new Invalid('lines', 'At least one line is required.');
  const bySku = new Map<string, number>();
  raw.forEach((entry: unknown, i) => {
    if (!isObject(entry)) throw new Invalid(`lines[${i}]`, 'Each line must be an object.');
    const sku = required(entry, 'sku', `lines[${i}].sku`);
    if (!order.lines.some((l) => l.sku === sku)) throw new Invalid(`lines[${i}].sku`, `SKU ${sku} is not on order ${orderNumber}.`);
    const quantity = entry['quantity'];
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw new Invalid(`lines[${i}].quantity`, `Quantity for ${sku} must be a positive integer.`);
    }
    const wanted = (bySku.get(sku) ?? 0) + quantity;
    const left = store.leftToShip(order, sku);
    if (wanted > left) throw new Invalid(`lines[${i}].quantity`, `Quantity for ${sku} exceeds what is left to ship (${left}).`);
    bySku.set(sku, wanted);
  });
  const lines = [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
  return { order, carrier, service, trackingNumber, shippedAt, weight, total, lines };
}

/**
 * A `POST /__sim/shipments` body (or `ship` input), checked in the order below; the first problem
 * wins. Throws AdminError: 404 for an unknown order, 400 for everything else.
 */
export function newShipmentOf(body: unknown, store: AllocadenceStore, offset: AccountOffset): NewShipment {
  if (!isObject(body)) throw new AdminError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    return validate(body, store, offset);
  } catch (err) {
    if (err instanceof Invalid) throw new AdminError(400, 'invalid_parameter', err.message, err.parameter);
    throw err;
  }
}

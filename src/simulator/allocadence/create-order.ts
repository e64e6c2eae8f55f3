import { parseInstant, type AccountOffset } from './dates';
import { apiError, invalidParameter } from './responses';
import { Invalid, isObject, optional, required, type Body } from './validation';
import type { AllocadenceStore, NewOrder } from './store';
import type { SimResponse } from '../server';

function section(body: Body, key: string): Body {
  const v = body[key];
  if (!isObject(v)) throw new Invalid(key, `${key} is required.`);
  return v;
}

function lines(body: Body, store: AllocadenceStore): NewOrder['lines'] {
  const raw = body['items'];
  if (!Array.isArray(raw) || raw.length === 0) throw new Invalid('items', 'At least one item is required.');
  return raw.map((entry: unknown) => {
    if (!isObject(entry)) throw new Invalid('items', 'Each item must be an object.');
    const sku = required(entry, 'sku', 'items.sku');
    const item = store.findItemBySku(sku);
    if (!item) throw new Invalid('items.sku', `Unknown item SKU: ${sku}`);
    const quantity = entry['quantity'];
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw new Invalid('items.quantity', `Quantity for ${sku} must be a positive integer.`);
    }
    const price = entry['price'];
    if (price !== undefined && price !== null && (typeof price !== 'number' || !Number.isFinite(price) || price < 0)) {
      throw new Invalid('items.price', `Price for ${sku} must be a non-negative number.`);
    }
    return { item, quantity, price: typeof price === 'number' ? price : item.price };
  });
}

function customerOf(c: Body): NewOrder['customer'] {
  return {
    name: required(c, 'name', 'customer.name'),
    surname: optional(c, 'surname', 'customer.surname'),
    email: optional(c, 'email', 'customer.email'),
    company: optional(c, 'company', 'customer.company'),
  };
}

function addressOf(a: Body): NewOrder['shippingAddress'] {
  const addr = (key: string): string | null => optional(a, key, `shippingAddress.${key}`);
  return {
    name: addr('name'),
    company: addr('company'),
    line1: required(a, 'line1', 'shippingAddress.line1'),
    line2: addr('line2'),
    line3: addr('line3'),
    city: required(a, 'city', 'shippingAddress.city'),
    state: addr('state'),
    zip: addr('zip'),
    country: addr('country'),
    countryCode: required(a, 'countryCode', 'shippingAddress.countryCode'),
    phone: addr('phone'),
  };
}

function validate(body: Body, store: AllocadenceStore, offset: AccountOffset): NewOrder {
  const orderNumber = required(body, 'orderNumber', 'orderNumber');
  if (store.findOrderByNumber(orderNumber)) throw new Invalid('orderNumber', 'Invalid value for parameter.');
  const warehouseName = required(body, 'shipFromWarehouseName', 'shipFromWarehouseName');
  const warehouse = store.findWarehouse(warehouseName);
  if (!warehouse) throw new Invalid('shipFromWarehouseName', `Unknown warehouse: ${warehouseName}`);
  const orderLines = lines(body, store);

  const orderedText = optional(body, 'orderedDate', 'orderedDate');
  const orderedAt = orderedText === null ? undefined : parseInstant(orderedText, offset);
  if (orderedText !== null && orderedAt === undefined) throw new Invalid('orderedDate', `Invalid date: ${orderedText}`);

  return {
    orderNumber,
    orderReference: optional(body, 'orderReference', 'orderReference'),
    orderSource: optional(body, 'orderSource', 'orderSource') ?? 'API',
    orderedAt,
    warehouse,
    customer: customerOf(section(body, 'customer')),
    shippingAddress: addressOf(section(body, 'shippingAddress')),
    lines: orderLines,
    notes: {
      internalNote: optional(body, 'internalNote', 'internalNote'),
      noteFromCustomer: optional(body, 'noteFromCustomer', 'noteFromCustomer'),
      noteToCustomer: optional(body, 'noteToCustomer', 'noteToCustomer'),
    },
  };
}

/**
 * Validates a `POST /customer-orders` body field by field, answering the first problem the way the
 * API does; unknown fields are ignored. Returns the input for the store, or the 400 to send.
 */
export function validateNewOrder(body: unknown, store: AllocadenceStore, offset: AccountOffset): NewOrder | SimResponse {
  if (!isObject(body)) return apiError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    return validate(body, store, offset);
  } catch (err) {
    if (err instanceof Invalid) return invalidParameter(err.parameter, err.message);
    throw err;
  }
}

/** What `PUT /customer-orders/{id}` may change here: the customer and the shipping address. */
export type OrderUpdate = Partial<Pick<NewOrder, 'customer' | 'shippingAddress'>>;

export function validateOrderUpdate(body: unknown): OrderUpdate | SimResponse {
  if (!isObject(body)) return apiError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    return {
      ...(isObject(body['customer']) ? { customer: customerOf(body['customer']) } : {}),
      ...(isObject(body['shippingAddress']) ? { shippingAddress: addressOf(body['shippingAddress']) } : {}),
    };
  } catch (err) {
    if (err instanceof Invalid) return invalidParameter(err.parameter, err.message);
    throw err;
  }
}

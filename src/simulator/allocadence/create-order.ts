import { parseInstant, type AccountOffset } from './dates';
import { apiError, invalidParameter } from './responses';
import { Invalid, isObject, optional, required, type Body } from './validation';
import type { AllocadenceStore, NewOrder, OrderRecord } from './store';
import type { OrderChange } from './customer-orders';
import { lineChangesOf } from './order-update';
import type { SimWarehouse } from './types';
import { chosenWarehouse, optionalFlag } from './warehouse-choice';
import type { SimResponse } from '../server';

function section(body: Body, key: string): Body {
  const v = body[key];
  if (!isObject(v)) throw new Invalid(key, `${key} is required.`);
  return v;
}

function lines(body: Body, store: AllocadenceStore, warehouse: SimWarehouse): NewOrder['lines'] {
  const raw = body.items;
  if (!Array.isArray(raw) || raw.length === 0) throw new Invalid('items', 'At least one item is required.');
  return raw.map((entry: unknown) => {
    if (!isObject(entry)) throw new Invalid('items', 'Each item must be an object.');
    const sku = required(entry, 'sku', 'items.sku');
    const item = store.findItemBySku(sku);
    if (!item) throw new Invalid('items.sku', `Unknown item SKU: ${sku}`);
    if (!store.isAssigned(item, warehouse) && store.behaviour.unassignedItems === 'refuse') {
      throw new Invalid('items.sku', `Item ${sku} is not assigned to warehouse ${warehouse.name}`);
    }
    const quantity = entry.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw new Invalid('items.quantity', `Quantity for ${sku} must be a positive integer.`);
    }
    const price = entry.price;
    if (price !== undefined && price !== null && (typeof price !== 'number' || !Number.isFinite(price) || price < 0)) {
      throw new Invalid('items.price', `Price for ${sku} must be a non-negative number.`);
    }
    return { item, quantity, price: typeof price === 'number' ? price : item.price };
  });
}

/**
 * A customer is new unless the body names an existing one by `id`. "A combination of name and
 * surname is required if the customer is new" (§2.4 [A]); a blank surname counts as none, a
 * zero-width space (what Theseus sends, §2.4 [Z]) does not.
 */
function customerOf(c: Body, surnameRequired: boolean): NewOrder['customer'] {
  const name = required(c, 'name', 'customer.name');
  const surname = surnameRequired ? required(c, 'surname', 'customer.surname') : optional(c, 'surname', 'customer.surname');
  return { name, surname, email: optional(c, 'email', 'customer.email'), company: optional(c, 'company', 'customer.company') };
}

function existingCustomer(c: Body, store: AllocadenceStore): NewOrder['customer'] | undefined {
  const id = c.id;
  if (id === undefined || id === null) return undefined;
  const known = typeof id === 'number' ? store.allOrders().find((o) => o.customer.id === id)?.customer : undefined;
  if (!known) throw new Invalid('customer.id', `Unknown customer id: ${typeof id === 'string' ? id : JSON.stringify(id)}`);
  const { id: _id, ...rest } = known;
  return rest;
}

function addressOf(a: Body, section: string): NewOrder['shippingAddress'] {
  const addr = (key: string): string | null => optional(a, key, `${section}.${key}`);
  return {
    name: addr('name'),
    company: addr('company'),
    line1: required(a, 'line1', `${section}.line1`),
    line2: addr('line2'),
    line3: addr('line3'),
    city: required(a, 'city', `${section}.city`),
    state: addr('state'),
    zip: addr('zip'),
    country: addr('country'),
    countryCode: required(a, 'countryCode', `${section}.countryCode`),
    phone: addr('phone'),
  };
}

/** `billingAddress: {sameAsShipping: true}` is what working clients send (§2.4 [Z]); a full address is read as one. */
function billingOf(body: Body, shipping: NewOrder['shippingAddress']): NewOrder['billingAddress'] {
  const b = body.billingAddress;
  if (b === undefined || b === null) return null;
  if (!isObject(b)) throw new Invalid('billingAddress', 'billingAddress must be an object.');
  if (optionalFlag(b, 'sameAsShipping', 'billingAddress.sameAsShipping')) return { ...shipping };
  return addressOf(b, 'billingAddress');
}

function validate(body: Body, store: AllocadenceStore, offset: AccountOffset): NewOrder {
  const orderNumber = required(body, 'orderNumber', 'orderNumber');
  if (store.findOrderByNumber(orderNumber)) throw new Invalid('orderNumber', 'Invalid value for parameter.');
  const warehouse = chosenWarehouse(store, body, { id: 'shipFromWarehouseId', name: 'shipFromWarehouseName' });
  const orderLines = lines(body, store, warehouse);

  const orderedText = optional(body, 'orderedDate', 'orderedDate');
  const orderedAt = orderedText === null ? undefined : parseInstant(orderedText, offset);
  if (orderedText !== null && orderedAt === undefined) throw new Invalid('orderedDate', `Invalid date: ${orderedText}`);

  const customerBody = section(body, 'customer');
  const customer = existingCustomer(customerBody, store) ?? customerOf(customerBody, store.behaviour.surnameRequired);
  const shippingAddress = addressOf(section(body, 'shippingAddress'), 'shippingAddress');
  return {
    orderNumber,
    orderReference: optional(body, 'orderReference', 'orderReference'),
    orderSource: optional(body, 'orderSource', 'orderSource') ?? 'API',
    orderedAt,
    warehouse,
    customer,
    shippingAddress,
    billingAddress: billingOf(body, shippingAddress),
    // Theseus creates drafts with `saveAsDraft` (§2.4 [Z]): not placed, so not worked by the warehouse.
    draft: optionalFlag(body, 'saveAsDraft', 'saveAsDraft') ?? false,
    lines: orderLines,
    // `internalNote`, `noteFromCustomer`, `noteToCustomer` are the order's note fields; `notes` is an
    // item field and, like any unknown field here, ignored (§2.4 [Z], zenventory-mcp and the Pipedream sample).
    notes: {
      internalNote: optional(body, 'internalNote', 'internalNote'),
      noteFromCustomer: optional(body, 'noteFromCustomer', 'noteFromCustomer'),
      noteToCustomer: optional(body, 'noteToCustomer', 'noteToCustomer'),
    },
  };
}

/**
 * Validates a `POST /customer-orders` body field by field, answering the first problem the way the
 * API does (`invalid_parameter` naming it, §2.4); unknown fields are ignored. Returns the input for
 * the store, or the 400 to send. The warehouse comes first: the lines are checked against it.
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

/**
 * What `PUT /customer-orders/{id}` may change here: the customer, the addresses and the lines. A
 * partial body (§2.7 [Z]); the customer exists already, so no surname is required; lines go by
 * their own `id` (order-update.ts).
 */
export type OrderUpdate = OrderChange;

export function validateOrderUpdate(body: unknown, store: AllocadenceStore, order: OrderRecord): OrderUpdate | SimResponse {
  if (!isObject(body)) return apiError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    const shippingAddress = isObject(body.shippingAddress) ? addressOf(body.shippingAddress, 'shippingAddress') : undefined;
    const billing = shippingAddress && isObject(body.billingAddress) ? billingOf(body, shippingAddress) : undefined;
    const lines = lineChangesOf(body, store, order);
    return {
      ...(isObject(body.customer) ? { customer: customerOf(body.customer, false) } : {}),
      ...(shippingAddress ? { shippingAddress } : {}),
      ...(billing ? { billingAddress: billing } : {}),
      ...(lines ? { lines } : {}),
    };
  } catch (err) {
    if (err instanceof Invalid) return invalidParameter(err.parameter, err.message);
    throw err;
  }
}

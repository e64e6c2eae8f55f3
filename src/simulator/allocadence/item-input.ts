import { noUserFields, USER_FIELDS, type AllocadenceStore, type ItemChange, type NewItem, type UserFields } from './store';
import { Invalid, optional, required, type Body } from './validation';

export const MAX_SKU_LENGTH = 64;

/** `null` clears a text field (upc, user fields); any other non-string is refused. */
function nullableText(obj: Body, key: string, param: string): string | null | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'string') return v;
  throw new Invalid(param, `${param} must be a string.`);
}

/** Absent and null leave the default (or the current value); anything but a finite number ≥ 0 is refused. */
function amount(obj: Body, key: string, param: string, integer: boolean): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new Invalid(param, `${param} must be a non-negative ${integer ? 'integer' : 'number'}.`);
  }
  return v;
}

function userFieldsOf(obj: Body, prefix: string): Partial<UserFields> {
  const out: Partial<UserFields> = {};
  for (const key of USER_FIELDS) {
    const v = nullableText(obj, key, prefix + key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export interface NewItemRules {
  /** The API requires a description; a warehouse user adding items through the admin route need not give one. */
  descriptionRequired: boolean;
  /** Prefix for parameter names, e.g. `items[3].` for the admin batch. */
  prefix?: string;
  /** SKUs taken earlier in the same batch. */
  taken?: ReadonlySet<string>;
}

/**
 * A `POST /items` body, checked field by field in the order below; the first problem wins.
 * Unknown fields are ignored.
 */
export function newItemOf(body: Body, store: AllocadenceStore, rules: NewItemRules): NewItem {
  const p = rules.prefix ?? '';
  const sku = required(body, 'sku', `${p}sku`);
  if (sku.length > MAX_SKU_LENGTH) throw new Invalid(`${p}sku`, `sku must be at most ${MAX_SKU_LENGTH} characters.`);
  // The same answer the API gives a duplicate order number.
  if (store.findItemBySku(sku) || rules.taken?.has(sku)) throw new Invalid(`${p}sku`, 'Invalid value for parameter.');
  const description = rules.descriptionRequired ? required(body, 'description', `${p}description`) : optional(body, 'description', `${p}description`);
  if (description !== null && description.trim() === '') throw new Invalid(`${p}description`, `${p}description is required.`);
  const upc = nullableText(body, 'upc', `${p}upc`) ?? null;
  const price = amount(body, 'price', `${p}price`, false) ?? 0;
  const safetyStock = amount(body, 'safetyStock', `${p}safetyStock`, true) ?? 0;
  const userFields = { ...noUserFields(), ...userFieldsOf(body, p) };
  const warehouseName = optional(body, 'warehouseName', `${p}warehouseName`);
  const warehouse = warehouseName === null ? undefined : store.findWarehouse(warehouseName);
  if (warehouseName !== null && !warehouse) throw new Invalid(`${p}warehouseName`, `Unknown warehouse: ${warehouseName}`);
  return { sku, description: description ?? sku, upc, price, safetyStock, userFields, warehouse };
}

/** A `PUT /items/{id}` body. The sku cannot change (it is ignored, like every unknown field). */
export function itemChangeOf(body: Body): ItemChange {
  const change: ItemChange = {};
  const description = body['description'];
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string' || description.trim() === '') throw new Invalid('description', 'description must be a non-empty string.');
    change.description = description;
  }
  const upc = nullableText(body, 'upc', 'upc');
  if (upc !== undefined) change.upc = upc;
  const price = amount(body, 'price', 'price', false);
  if (price !== undefined) change.price = price;
  const safetyStock = amount(body, 'safetyStock', 'safetyStock', true);
  if (safetyStock !== undefined) change.safetyStock = safetyStock;
  const userFields = userFieldsOf(body, '');
  if (Object.keys(userFields).length > 0) change.userFields = userFields;
  return change;
}

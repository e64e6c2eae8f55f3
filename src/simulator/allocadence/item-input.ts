import {
  noUserFields,
  USER_FIELDS,
  type AllocadenceStore,
  type ItemChange,
  type KitComponent,
  type NewItem,
  type UserFields,
} from './store';
import type { SimWarehouse } from './types';
import { Invalid, isObject, optional, required, type Body } from './validation';
import { chosenWarehouse, optionalFlag } from './warehouse-choice';

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
  /** Whether `components` (a kit's bill of materials) is read: the admin route only, since no API field for it is known. */
  components?: boolean;
}

/**
 * §2.10 [Z]: `assignToAllWarehouses`, or one warehouse by `warehouseId`/`warehouseName` (with
 * `assignToWarehouse: true` in the documented call); "If no warehouse parameters are given, then
 * the user's current warehouse will be used". Assignment is what lets the warehouse stock and ship
 * the item (see RestBehaviour.unassignedItems).
 */
function assignedWarehouses(body: Body, store: AllocadenceStore, p: string): SimWarehouse[] {
  const all = optionalFlag(body, 'assignToAllWarehouses', `${p}assignToAllWarehouses`);
  optionalFlag(body, 'assignToWarehouse', `${p}assignToWarehouse`);
  if (all) return [...store.warehouses];
  return [chosenWarehouse(store, body, { id: 'warehouseId', name: 'warehouseName' }, p)];
}

function componentsOf(body: Body, store: AllocadenceStore, p: string): KitComponent[] {
  const raw = body.components;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Invalid(`${p}components`, 'components must be a list.');
  return raw.map((entry: unknown, i) => {
    const param = `${p}components[${i}]`;
    if (!isObject(entry)) throw new Invalid(param, 'Each component must be an object.');
    const sku = required(entry, 'sku', `${param}.sku`);
    const item = store.findItemBySku(sku);
    if (!item || item.kit) throw new Invalid(`${param}.sku`, `Unknown component SKU: ${sku}`);
    const quantity = entry.quantity;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1)
      throw new Invalid(`${param}.quantity`, 'quantity must be a positive integer.');
    return { item, quantity };
  });
}

/**
 * A `POST /items` body, checked field by field in the order below; the first problem wins.
 * Unknown fields are ignored. The duplicate-SKU answer is [—] (§2.10): the duplicate-order one is used.
 */
export function newItemOf(body: Body, store: AllocadenceStore, rules: NewItemRules): NewItem {
  const p = rules.prefix ?? '';
  const sku = required(body, 'sku', `${p}sku`);
  if (sku.length > MAX_SKU_LENGTH) throw new Invalid(`${p}sku`, `sku must be at most ${MAX_SKU_LENGTH} characters.`);
  // The same answer the API gives a duplicate order number.
  if (store.findItemBySku(sku) || rules.taken?.has(sku)) throw new Invalid(`${p}sku`, 'Invalid value for parameter.');
  const description = rules.descriptionRequired
    ? required(body, 'description', `${p}description`)
    : optional(body, 'description', `${p}description`);
  if (description !== null && description.trim() === '') throw new Invalid(`${p}description`, `${p}description is required.`);
  const upc = nullableText(body, 'upc', `${p}upc`) ?? null;
  const price = amount(body, 'price', `${p}price`, false) ?? 0;
  const safetyStock = amount(body, 'safetyStock', `${p}safetyStock`, true) ?? 0;
  const userFields = { ...noUserFields(), ...userFieldsOf(body, p) };
  const active = optionalFlag(body, 'active', `${p}active`) ?? true;
  const kit = optionalFlag(body, 'kit', `${p}kit`) ?? false;
  const components = rules.components ? componentsOf(body, store, p) : [];
  if (components.length > 0 && !kit) throw new Invalid(`${p}components`, 'Only a kit has components.');
  const warehouses = assignedWarehouses(body, store, p);
  return { sku, description: description ?? sku, upc, price, safetyStock, active, kit, components, userFields, warehouses };
}

/** A `PUT /items/{id}` body. The sku cannot change (it is ignored, like every unknown field). */
export function itemChangeOf(body: Body): ItemChange {
  const change: ItemChange = {};
  const description = body.description;
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string' || description.trim() === '')
      throw new Invalid('description', 'description must be a non-empty string.');
    change.description = description;
  }
  const upc = nullableText(body, 'upc', 'upc');
  if (upc !== undefined) change.upc = upc;
  const price = amount(body, 'price', 'price', false);
  if (price !== undefined) change.price = price;
  const safetyStock = amount(body, 'safetyStock', 'safetyStock', true);
  if (safetyStock !== undefined) change.safetyStock = safetyStock;
  const active = optionalFlag(body, 'active', 'active');
  if (active !== undefined) change.active = active;
  const userFields = userFieldsOf(body, '');
  if (Object.keys(userFields).length > 0) change.userFields = userFields;
  return change;
}

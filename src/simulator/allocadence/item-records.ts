import { buildCatalog } from '../catalog';
import type { Rng } from '../random';
import { formatInstant, toSecond, type AccountOffset } from './dates';
import type { SimItem, SimUserFieldKey, SimWarehouse } from './types';

export const USER_FIELDS: readonly SimUserFieldKey[] = ['userField1', 'userField2', 'userField3', 'userField4', 'userField5', 'userField6'];

export type UserFields = Record<SimUserFieldKey, string | null>;

export function noUserFields(): UserFields {
  return { userField1: null, userField2: null, userField3: null, userField4: null, userField5: null, userField6: null };
}

/** One unit of a kit: `quantity` of `item` go into each kit. */
export interface KitComponent {
  item: ItemRecord;
  quantity: number;
}

export interface ItemRecord {
  id: number;
  sku: string;
  upc: string | null;
  description: string;
  price: number;
  safetyStock: number;
  /** "Inactive items are hidden from most processes" (Pipedream create-item prop, §2.9 [Z]). */
  active: boolean;
  /** "A kit item made up of other items" (same source): no stock of its own, see stock.ts. */
  kit: boolean;
  /** A kit's bill of materials; empty for other items (and for a kit nobody described: it can never be built). */
  components: KitComponent[];
  userFields: UserFields;
  createdAt: number;
  modifiedAt: number;
}

/** What a validated item create carries into the store (see item-input.ts). */
export interface NewItem {
  sku: string;
  description: string;
  upc: string | null;
  price: number;
  safetyStock: number;
  active: boolean;
  kit: boolean;
  components: KitComponent[];
  userFields: UserFields;
  /** The warehouses the item is assigned to: each gets a stock record with nothing in stock. */
  warehouses: SimWarehouse[];
}

/** What `PUT /items/{id}` may change; undefined leaves a field alone. */
export interface ItemChange {
  description?: string;
  upc?: string | null;
  price?: number;
  safetyStock?: number;
  active?: boolean;
  userFields?: Partial<UserFields>;
}

const DAY = 86_400_000;

/** Builds a check-digited UPC-A so clients that validate barcodes accept the seeded ones. */
function upcFrom(digits: number[]): string {
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

/**
 * The seeded catalogue and the last id it used. The draw order is part of every seeded value the
 * store makes after it, so reordering anything here shifts them all.
 */
export function seedItems(rng: Rng, seed: number, catalogSize: number, start: number): { items: ItemRecord[]; lastId: number } {
  let itemId = rng.int(100, 900);
  const items = buildCatalog(seed, catalogSize).map((p) => {
    const createdAt = toSecond(start - rng.int(30, 400) * DAY - rng.int(0, DAY - 1));
    return {
      id: (itemId += rng.int(1, 3)),
      sku: p.sku,
      upc: upcFrom(Array.from({ length: 11 }, () => rng.int(0, 9))),
      description: p.title,
      price: p.price,
      safetyStock: rng.int(0, 5),
      active: true,
      kit: false,
      components: [],
      userFields: noUserFields(),
      createdAt,
      modifiedAt: toSecond(createdAt + rng.int(0, Math.floor((start - createdAt) / 1000)) * 1000),
    };
  });
  return { items, lastId: itemId };
}

export function newItemRecord(id: number, input: NewItem, at: number): ItemRecord {
  return {
    id,
    sku: input.sku,
    upc: input.upc,
    description: input.description,
    price: input.price,
    safetyStock: input.safetyStock,
    active: input.active,
    kit: input.kit,
    components: input.components.map((c) => ({ ...c })),
    userFields: { ...input.userFields },
    createdAt: at,
    modifiedAt: at,
  };
}

/** Bumps modifiedDate even when nothing changed, as a save in the UI would. */
export function applyItemChange(item: ItemRecord, change: ItemChange, now: () => number): ItemRecord {
  if (change.description !== undefined) item.description = change.description;
  if (change.upc !== undefined) item.upc = change.upc;
  if (change.price !== undefined) item.price = change.price;
  if (change.safetyStock !== undefined) item.safetyStock = change.safetyStock;
  if (change.active !== undefined) item.active = change.active;
  if (change.userFields) item.userFields = { ...item.userFields, ...change.userFields };
  item.modifiedAt = toSecond(now());
  return item;
}

export function renderItemRecord(i: ItemRecord, offset: AccountOffset): SimItem {
  return {
    id: i.id,
    sku: i.sku,
    upc: i.upc,
    description: i.description,
    category: null,
    price: i.price,
    safetyStock: i.safetyStock,
    active: i.active,
    kit: i.kit,
    ...i.userFields,
    createdDate: formatInstant(i.createdAt, offset),
    modifiedDate: formatInstant(i.modifiedAt, offset),
  };
}

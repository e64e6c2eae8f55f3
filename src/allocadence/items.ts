import { z } from 'zod';
import type { AllocadenceClients } from './client';
import { createOrFind } from './create-or-find';
import { pages } from './paging';

const USER_FIELDS = ['userField1', 'userField2', 'userField3', 'userField4', 'userField5', 'userField6'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export const itemSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  sku: z.string(),
  safetyStock: z.number().nullish(),
  active: z.boolean().nullish(),
  kit: z.boolean().nullish(),
  ...Object.fromEntries(USER_FIELDS.map((f) => [f, z.string().nullish()])),
}) as z.ZodType<AllocadenceItem>;

export interface AllocadenceItem {
  id: string;
  sku: string;
  safetyStock?: number | null;
  /** False for an item hidden from most processes; absent counts as active. */
  active?: boolean | null;
  /** A kit: its stock is read from `GET /inventory/kits`, not `GET /inventory`. */
  kit?: boolean | null;
  userField1?: string | null;
  userField2?: string | null;
  userField3?: string | null;
  userField4?: string | null;
  userField5?: string | null;
  userField6?: string | null;
}

export interface NewItem {
  sku: string;
  description: string;
  /** The seller's warehouse: the item is assigned to it, not only to the API user's current one. */
  warehouse: string;
  price?: number;
  upc?: string;
  fields?: Partial<Record<UserField, string>>;
}

/**
 * Active items are listed by default and inactive ones only with `active=false` ("'true' for active
 * items (default)", evidence §2.9 [Z]). Both are read wherever an item must not be missed: an
 * inactive SKU is still taken, and still has its safety stock.
 */
const BOTH: readonly Record<string, string>[] = [{}, { active: 'false' }];

/** What stock needs of the items; `kitsUnsaid` is set when an item's row does not say whether it is a kit. */
export interface ItemStockFacts {
  safety: Map<string, number>;
  kits: Set<string>;
  kitsUnsaid: boolean;
  count: number;
}

export function emptyStockFacts(): ItemStockFacts {
  return { safety: new Map(), kits: new Set(), kitsUnsaid: false, count: 0 };
}

/** Adds one item (each SKU once) to `facts`. */
export function addStockFacts(facts: ItemStockFacts, item: AllocadenceItem): void {
  if (item.safetyStock) facts.safety.set(item.sku, item.safetyStock);
  if (item.kit) facts.kits.add(item.sku);
  if (item.kit !== false) facts.kitsUnsaid = facts.kitsUnsaid || item.kit !== true;
  facts.count++;
}

/** Items: the one place that knows Allocadence's item paths. */
export class AllocadenceItems {
  constructor(private readonly clients: AllocadenceClients) {}

  /** Every item, active or not, by SKU: one pass instead of a lookup per SKU when many SKUs are checked. */
  async bySku(): Promise<Map<string, AllocadenceItem>> {
    const out = new Map<string, AllocadenceItem>();
    for (const params of BOTH) {
      // An account that ignores `active` answers the same list twice: the first reading of a SKU stays.
      for await (const page of pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema, params))
        for (const item of page) if (!out.has(item.sku)) out.set(item.sku, item);
    }
    return out;
  }

  /**
   * What stock needs of every item, active or not, page by page: safety stock (where not 0) and
   * which SKUs are kits. Only these few facts are kept, not the items: a catalogue of 300,000
   * would otherwise be held whole.
   */
  async stockFacts(): Promise<ItemStockFacts> {
    const seen = new Set<string>();
    const facts = emptyStockFacts();
    for (const params of BOTH) {
      for await (const page of pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema, params))
        for (const item of page) {
          // An account that ignores `active` answers the same list twice: the first reading of a SKU stays.
          if (seen.has(item.sku)) continue;
          seen.add(item.sku);
          addStockFacts(facts, item);
        }
    }
    return facts;
  }

  /**
   * The item with exactly this SKU, active or not. No source shows a `sku` filter; `searchFor`
   * "matches SKU, UPC, and description (partial matches supported)" (§2.9 [Z]), so every page of
   * the search is read and the SKU matched here. An account that ignored `searchFor` too would
   * answer every item: slower, still right.
   */
  async findBySku(sku: string): Promise<AllocadenceItem | undefined> {
    for (const params of BOTH) {
      for await (const page of pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema, { ...params, searchFor: sku })) {
        const match = page.find((i) => i.sku === sku);
        if (match) return match;
      }
    }
    return undefined;
  }

  /**
   * Creates the item in the seller's warehouse, or returns the existing one when the SKU is taken
   * (see createOrFind). Without warehouse parameters it would be assigned only to the API user's
   * current warehouse, where orders and stock for another warehouse may fail (§2.10).
   */
  async create(item: NewItem): Promise<{ item: AllocadenceItem; existed: boolean }> {
    const { value, existed } = await createOrFind({
      client: this.clients.rest,
      operation: 'createItem',
      path: '/items',
      data: {
        sku: item.sku,
        description: item.description,
        assignToWarehouse: true,
        warehouseName: item.warehouse,
        ...(item.price !== undefined ? { price: item.price } : {}),
        ...(item.upc ? { upc: item.upc } : {}),
        ...item.fields,
      },
      schema: itemSchema,
      key: 'sku',
      value: item.sku,
      find: () => this.findBySku(item.sku),
    });
    return { item: value, existed };
  }

  async setField(id: string, field: UserField, value: string): Promise<void> {
    await this.clients.rest.request({
      operation: 'updateItem',
      method: 'PUT',
      path: `/items/${encodeURIComponent(id)}`,
      data: { [field]: value },
    });
  }
}

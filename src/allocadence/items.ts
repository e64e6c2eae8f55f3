import { z } from 'zod';
import type { AllocadenceClients } from './client';
import { createOrFind } from './create-or-find';
import { findExact, pages } from './paging';

const USER_FIELDS = ['userField1', 'userField2', 'userField3', 'userField4', 'userField5', 'userField6'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export const itemSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  sku: z.string(),
  safetyStock: z.number().nullish(),
  ...Object.fromEntries(USER_FIELDS.map((f) => [f, z.string().nullish()])),
}) as z.ZodType<AllocadenceItem>;

export interface AllocadenceItem {
  id: string;
  sku: string;
  safetyStock?: number | null;
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
  price?: number;
  upc?: string;
  fields?: Partial<Record<UserField, string>>;
}

/** Items: the one place that knows Allocadence's item paths. */
export class AllocadenceItems {
  constructor(private readonly clients: AllocadenceClients) {}

  /** Every item, by SKU: one pass instead of a lookup per SKU when many SKUs are checked. */
  async bySku(): Promise<Map<string, AllocadenceItem>> {
    const out = new Map<string, AllocadenceItem>();
    for await (const page of pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema)) for (const item of page) out.set(item.sku, item);
    return out;
  }

  /** Safety stock by SKU, and nothing else: push-stock reads every item and needs only this number. */
  async safetyStockBySku(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for await (const page of pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema)) for (const item of page) out.set(item.sku, item.safetyStock ?? 0);
    return out;
  }

  async findBySku(sku: string): Promise<AllocadenceItem | undefined> {
    return findExact(pages(this.clients.rest, 'listItems', '/items', 'items', itemSchema, { sku }), (i) => i.sku === sku, 'listItems', 'sku');
  }

  /** Creates the item, or returns the existing one when the SKU is taken (see createOrFind). */
  async create(item: NewItem): Promise<{ item: AllocadenceItem; existed: boolean }> {
    const { value, existed } = await createOrFind({
      client: this.clients.rest,
      operation: 'createItem',
      path: '/items',
      data: { sku: item.sku, description: item.description, ...(item.price !== undefined ? { price: item.price } : {}), ...(item.upc ? { upc: item.upc } : {}), ...item.fields },
      schema: itemSchema,
      key: 'sku',
      value: item.sku,
      find: () => this.findBySku(item.sku),
    });
    return { item: value, existed };
  }

  async setField(id: string, field: UserField, value: string): Promise<void> {
    await this.clients.rest.request({ operation: 'updateItem', method: 'PUT', path: `/items/${encodeURIComponent(id)}`, data: { [field]: value } });
  }
}

import type { ItemRecord } from './item-records';
import type { OrderRecord } from './order-record';
import type { SimOrderLine } from './types';
import { Invalid, isObject, required, type Body } from './validation';

/**
 * One entry of `items` in `PUT /customer-orders/{id}`: a line of the order by its own `id`, with a
 * new quantity (0 deletes it), or, without an `id`, a new line by `sku`. The body is partial and
 * carries the line `id` as the order JSON gave it; "quantity: 0 on a line id deletes that line"
 * (reference/allocadence-evidence-2026-12.md §2.7 [Z], Theseus `try_zenventory_update!`; the
 * `items[{id?, sku, quantity, price}]` shape: reference/allocadence.md, "Endpoints seen in working code").
 */
export type LineChange = { line: SimOrderLine; quantity: number; price?: number } | { item: ItemRecord; quantity: number; price: number };

/** What a new line of an update needs of the store: its item, by SKU. */
export interface ItemsBySku {
  findItemBySku(sku: string): ItemRecord | undefined;
}

function quantityOf(entry: Body, min: number, what: string): number {
  const q = entry.quantity;
  if (typeof q !== 'number' || !Number.isInteger(q) || q < min)
    throw new Invalid('items.quantity', `Quantity for ${what} must be ${min === 0 ? 'a whole number, 0 or more' : 'a positive integer'}.`);
  return q;
}

function priceOf(entry: Body, what: string): number | undefined {
  const price = entry.price;
  if (price === undefined || price === null) return undefined;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0)
    throw new Invalid('items.price', `Price for ${what} must be a non-negative number.`);
  return price;
}

/** An id as read from the order JSON (a number); a string of digits is taken too, as a PHP API would. */
function lineIdOf(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return undefined;
}

/** The line changes of an update body, checked against the order; undefined when the body has no `items`. */
export function lineChangesOf(body: Body, store: ItemsBySku, order: OrderRecord): LineChange[] | undefined {
  const raw = body.items;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new Invalid('items', 'items must be an array.');
  const seen = new Set<number>();
  return raw.map((entry: unknown): LineChange => {
    if (!isObject(entry)) throw new Invalid('items', 'Each item must be an object.');
    if (entry.id === undefined || entry.id === null) {
      const sku = required(entry, 'sku', 'items.sku');
      const item = store.findItemBySku(sku);
      if (!item) throw new Invalid('items.sku', `Unknown item SKU: ${sku}`);
      return { item, quantity: quantityOf(entry, 1, sku), price: priceOf(entry, sku) ?? item.price };
    }
    const id = lineIdOf(entry.id);
    const line = id === undefined ? undefined : order.lines.find((l) => l.id === id);
    if (!line || id === undefined)
      throw new Invalid(
        'items.id',
        `Order ${order.orderNumber} has no line ${typeof entry.id === 'string' ? entry.id : JSON.stringify(entry.id)}.`,
      );
    if (seen.has(id)) throw new Invalid('items.id', `Line ${id} is given twice.`);
    seen.add(id);
    const quantity = quantityOf(entry, 0, `line ${id}`);
    // Shipped units left the building; no edit takes them back. (Picked ones are not refused: no evidence either way.)
    if (quantity < line.shippedQuantity)
      throw new Invalid('items.quantity', `Line ${id} has ${line.shippedQuantity} unit(s) shipped; its quantity cannot go below that.`);
    const price = priceOf(entry, `line ${id}`);
    return { line, quantity, ...(price === undefined ? {} : { price }) };
  });
}

/** Applies checked line changes to an open order; `nextId` gives a new line its id. */
export function applyLineChanges(order: OrderRecord, changes: readonly LineChange[], nextId: () => number): void {
  for (const c of changes) {
    if ('item' in c) {
      order.lines.push({
        id: nextId(),
        itemId: c.item.id,
        sku: c.item.sku,
        description: c.item.description,
        orderQuantity: c.quantity,
        quantity: c.quantity,
        price: c.price,
        shippedQuantity: 0,
        pickedQuantity: 0,
      });
      continue;
    }
    if (c.quantity === 0) {
      order.lines = order.lines.filter((l) => l !== c.line);
      continue;
    }
    c.line.quantity = c.quantity;
    c.line.orderQuantity = c.quantity;
    c.line.pickedQuantity = Math.min(c.line.pickedQuantity, c.quantity);
    if (c.price !== undefined) c.line.price = c.price;
  }
}

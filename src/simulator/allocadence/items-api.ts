import { json, parseJsonBody, type SimRequest, type SimResponse } from '../server';
import { itemChangeOf, newItemOf } from './item-input';
import { apiError, invalidParameter, isResponse, pageOf, parsePaging, readFlag, type Paging } from './responses';
import { NegativeStockError, type StockRecord } from './stock';
import type { AllocadenceStore, ItemRecord } from './store';
import type { SimListMeta } from './types';
import { Invalid, optional, required, validated } from './validation';

/** `pageOf` over `rows` read backwards, without copying or reversing the whole array. */
function pageOfDescending<T>(rows: readonly T[], paging: Paging): { rows: T[]; meta: SimListMeta } {
  const count = rows.length;
  const end = count - (paging.page - 1) * paging.perPage;
  const out: T[] = [];
  for (let i = end - 1; i >= Math.max(0, end - paging.perPage); i--) out.push(rows[i] as T);
  return { rows: out, meta: { count, page: paging.page, perPage: paging.perPage, totalPages: Math.ceil(count / paging.perPage) } };
}

function matchesSearch(needle: string) {
  const lower = needle.toLowerCase();
  return (item: ItemRecord): boolean => item.sku.toLowerCase().includes(lower) || item.description.toLowerCase().includes(lower);
}

/**
 * `GET /items`: exact `sku` (an index lookup), `searchFor` (substring of sku or description, any
 * case), `orderBy=id` with `orderDir=asc|desc`. Other parameters are ignored, like the real API.
 */
export function listItems(req: SimRequest, store: AllocadenceStore): SimResponse {
  const paging = parsePaging(req);
  if (isResponse(paging)) return paging;
  const orderBy = req.query.get('orderBy');
  if (orderBy !== null && orderBy !== '' && orderBy !== 'id') return invalidParameter('orderBy');
  const orderDir = (req.query.get('orderDir') ?? '').toLowerCase();
  if (orderDir !== '' && orderDir !== 'asc' && orderDir !== 'desc') return invalidParameter('orderDir');

  let matching: readonly ItemRecord[] = store.items;
  const sku = req.query.get('sku');
  if (sku !== null && sku !== '') {
    const item = store.findItemBySku(sku);
    matching = item ? [item] : [];
  }
  const searchFor = req.query.get('searchFor');
  if (searchFor !== null && searchFor !== '') matching = matching.filter(matchesSearch(searchFor));
  const { rows, meta } = orderDir === 'desc' ? pageOfDescending(matching, paging) : pageOf(matching, paging);
  return json(200, { items: rows.map((i) => store.renderItem(i)), meta });
}

export function createItem(req: SimRequest, store: AllocadenceStore): SimResponse {
  const input = validated(parseJsonBody(req), (body) => newItemOf(body, store, { descriptionRequired: true }));
  if (isResponse(input)) return input;
  return json(201, store.renderItem(store.addItem(input)));
}

export function updateItem(req: SimRequest, store: AllocadenceStore, item: ItemRecord | undefined): SimResponse {
  if (!item) return apiError(404, 'not_found', 'Item not found.');
  const change = validated(parseJsonBody(req), itemChangeOf);
  if (isResponse(change)) return change;
  return json(200, store.renderItem(store.updateItem(item, change)));
}

/**
 * `GET /inventory`: one row per stock record, by item id (then warehouse id). `warehouseId` must
 * be a number; an unknown id or name is a filter that matches nothing. Also `searchFor` and `inStock`.
 */
export function listInventory(req: SimRequest, store: AllocadenceStore): SimResponse {
  const paging = parsePaging(req);
  if (isResponse(paging)) return paging;
  const idText = req.query.get('warehouseId');
  const name = req.query.get('warehouseName');
  let warehouseId: number | undefined;
  if (idText !== null && idText !== '') {
    if (!/^\d+$/.test(idText)) return invalidParameter('warehouseId');
    warehouseId = Number(idText);
  }
  if (name !== null && name !== '') {
    const byName = store.findWarehouse(name)?.id ?? -1;
    warehouseId = warehouseId === undefined || warehouseId === byName ? byName : -1;
  }
  const inStock = readFlag(req, 'inStock');
  if (inStock === 'invalid') return invalidParameter('inStock');

  let matching = store.stock.rows(warehouseId);
  const searchFor = req.query.get('searchFor');
  if (searchFor !== null && searchFor !== '') {
    const test = matchesSearch(searchFor);
    matching = matching.filter((r) => test(r.item));
  }
  if (inStock !== undefined) matching = matching.filter((r) => r.sellable > 0 === inStock);
  const { rows, meta } = pageOf(matching, paging);
  return json(200, { inventory: rows.map((r: StockRecord) => store.renderInventoryRow(r)), meta });
}

/**
 * `POST /inventory/adjustments` (our proposal; the real path is unconfirmed): a signed, non-zero
 * delta to an item's sellable stock in a warehouse, creating the stock record when missing.
 */
export function createAdjustment(req: SimRequest, store: AllocadenceStore): SimResponse {
  const input = validated(parseJsonBody(req), (body) => {
    const sku = required(body, 'sku', 'sku');
    const item = store.findItemBySku(sku);
    if (!item) throw new Invalid('sku', `Unknown item SKU: ${sku}`);
    const warehouseName = required(body, 'warehouseName', 'warehouseName');
    const warehouse = store.findWarehouse(warehouseName);
    if (!warehouse) throw new Invalid('warehouseName', `Unknown warehouse: ${warehouseName}`);
    const quantity = body['quantity'];
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity === 0) {
      throw new Invalid('quantity', 'quantity must be a non-zero integer.');
    }
    return { item, warehouse, quantity, reason: optional(body, 'reason', 'reason') };
  });
  if (isResponse(input)) return input;
  try {
    const record = store.adjustStock(input.item, input.warehouse, input.quantity, input.reason);
    return json(201, { ...store.renderStockLevel(record), adjustment: input.quantity });
  } catch (err) {
    if (err instanceof NegativeStockError) return invalidParameter('quantity', err.message);
    throw err;
  }
}

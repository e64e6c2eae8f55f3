import { json, parseJsonBody, type SimRequest, type SimResponse } from '../server';
import { itemChangeOf, newItemOf } from './item-input';
import { apiError, invalidParameter, isResponse, pageOf, parsePaging, readFlag, type Paging } from './responses';
import { NegativeStockError, type StockRecord } from './stock';
import type { AllocadenceStore, ItemRecord } from './store';
import type { SimInventoryRow } from './types';
import { Invalid, optional, required, validated } from './validation';

/** §2.9 [Z]: `searchFor` "matches SKU, UPC, and description (partial matches supported)"; any case here. */
function matchesSearch(needle: string) {
  const lower = needle.toLowerCase();
  return (item: ItemRecord): boolean =>
    item.sku.toLowerCase().includes(lower) ||
    (item.upc ?? '').toLowerCase().includes(lower) ||
    item.description.toLowerCase().includes(lower);
}

/**
 * `GET /items`, in id order (new items last). The documented filters are `searchFor`, `category` and
 * `active` ("'true' for active items (default)") (transcental/zenventory-mcp, evidence §2.9 [Z]).
 * `active=false` is read as the same flag the other way: inactive items only [I]. Every other
 * parameter is ignored, like the real API ignores what it does not know (§2.5): `sku` included, for
 * which no source shows a filter (§2.9), so `?sku=X` lists every active item.
 */
export function listItems(req: SimRequest, store: AllocadenceStore): SimResponse {
  const paging = parsePaging(req);
  if (isResponse(paging)) return paging;
  const active = readFlag(req, 'active');
  if (active === 'invalid') return invalidParameter('active');
  const wantActive = active ?? true;
  const searchFor = req.query.get('searchFor');
  const search = searchFor !== null && searchFor !== '' ? matchesSearch(searchFor) : undefined;
  const matching = store.items.filter((i) => i.active === wantActive && (!search || search(i)));
  const { rows, meta } = pageOf(matching, paging);
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

/** The stock records a `GET /inventory` or `GET /inventory/kits` request asks for, or its 400. */
function stockQuery(
  req: SimRequest,
  store: AllocadenceStore,
  records: (warehouseId?: number) => readonly StockRecord[],
): { paging: Paging; rows: readonly StockRecord[] } | SimResponse {
  const paging = parsePaging(req);
  if (isResponse(paging)) return paging;
  const idText = req.query.get('warehouseId');
  const name = req.query.get('warehouseName');
  let warehouseId: number | undefined;
  if (idText !== null && idText !== '') {
    if (!/^\d+$/.test(idText)) return invalidParameter('warehouseId');
    warehouseId = Number(idText);
  }
  // "warehouseName (ignored if warehouse_id is set)" (zenventory-mcp, §2.11 [Z]); a name or id that
  // matches no warehouse is taken as a filter that matches nothing, which no source confirms [I].
  if (name !== null && name !== '' && warehouseId === undefined) warehouseId = store.findWarehouse(name)?.id ?? -1;
  const inStock = readFlag(req, 'inStock');
  if (inStock === 'invalid') return invalidParameter('inStock');

  let rows = records(warehouseId);
  const searchFor = req.query.get('searchFor');
  if (searchFor !== null && searchFor !== '') {
    const test = matchesSearch(searchFor);
    rows = rows.filter((r) => test(r.item));
  }
  if (inStock !== undefined) rows = rows.filter((r) => store.sellableOf(r) > 0 === inStock);
  return { paging, rows };
}

/**
 * `GET /inventory`: one row per item per warehouse, by item id (then warehouse id), kits left out
 * (§2.11). Filters `warehouseId`, `warehouseName`, `searchFor`, `inStock` (zenventory-mcp, §2.11 [Z]).
 */
export function listInventory(req: SimRequest, store: AllocadenceStore): SimResponse {
  const q = stockQuery(req, store, (w) => store.stock.rows(w));
  if (isResponse(q)) return q;
  const { rows, meta } = store.inventoryQuirks.page('inventory', q.rows, q.paging, (r) => store.renderInventoryRow(r), bumped);
  return json(200, { inventory: rows, meta });
}

/**
 * `GET /inventory/kits`: kit stock, under the key `inventory` (Theseus `get_kit_inventory`, §2.11
 * [Z]); the same filters and row shape as `GET /inventory` [I], `sellable` being what the
 * warehouse's components make.
 */
export function listKitInventory(req: SimRequest, store: AllocadenceStore): SimResponse {
  const q = stockQuery(req, store, (w) => store.stock.kitRows(w));
  if (isResponse(q)) return q;
  const { rows, meta } = store.inventoryQuirks.page('kits', q.rows, q.paging, (r) => store.renderKitRow(r), bumped);
  return json(200, { inventory: rows, meta });
}

function bumped(row: SimInventoryRow): SimInventoryRow {
  return { ...row, sellable: row.sellable + 1, inStock: true };
}

/**
 * `POST /inventory/adjustments`, routed only with `RestBehaviour.adjustments` (no source shows any
 * stock adjustment call, §2.12 [—]): this tool's old guess, a signed, non-zero delta to an item's
 * sellable stock in a warehouse, creating the stock record when missing.
 */
export function createAdjustment(req: SimRequest, store: AllocadenceStore): SimResponse {
  const input = validated(parseJsonBody(req), (body) => {
    const sku = required(body, 'sku', 'sku');
    const item = store.findItemBySku(sku);
    if (!item) throw new Invalid('sku', `Unknown item SKU: ${sku}`);
    if (item.kit) throw new Invalid('sku', `A kit has no stock of its own: ${sku}`);
    const warehouseName = required(body, 'warehouseName', 'warehouseName');
    const warehouse = store.findWarehouse(warehouseName);
    if (!warehouse) throw new Invalid('warehouseName', `Unknown warehouse: ${warehouseName}`);
    const quantity = body.quantity;
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

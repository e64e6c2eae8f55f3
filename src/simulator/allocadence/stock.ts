import { formatInstant, type AccountOffset } from './dates';
import type { ItemRecord } from './item-records';
import type { SimAdjustment, SimInventoryRow, SimStockLevel, SimWarehouse } from './types';

/** An item's stock in one warehouse. The item is held by reference, so rows render its current sku. */
export interface StockRecord {
  item: ItemRecord;
  warehouse: SimWarehouse;
  sellable: number;
  inbound: number;
}

export interface AdjustmentRecord {
  item: ItemRecord;
  warehouse: SimWarehouse;
  quantity: number;
  reason: string | null;
  at: number;
}

export class NegativeStockError extends Error {}

interface WarehouseStock {
  index: Map<number, StockRecord>;
  /** Sorted by item id. */
  rows: StockRecord[];
}

/** Inserts keeping `rows` sorted by `before`; appending (the usual case: seeding, new items) is O(1). */
function insertSorted(rows: StockRecord[], record: StockRecord, before: (a: StockRecord, b: StockRecord) => boolean): void {
  const last = rows[rows.length - 1];
  if (last === undefined || before(last, record)) {
    rows.push(record);
    return;
  }
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(rows[mid] as StockRecord, record)) lo = mid + 1;
    else hi = mid;
  }
  rows.splice(lo, 0, record);
}

const byItem = (a: StockRecord, b: StockRecord): boolean => a.item.id < b.item.id;
const byItemThenWarehouse = (a: StockRecord, b: StockRecord): boolean =>
  a.item.id < b.item.id || (a.item.id === b.item.id && a.warehouse.id < b.warehouse.id);

/** One list's records: per warehouse in item order, and all of them in item-then-warehouse order. */
class Shelf {
  readonly byWarehouse = new Map<number, WarehouseStock>();
  readonly all: StockRecord[] = [];

  constructor(warehouses: readonly SimWarehouse[]) {
    for (const w of warehouses) this.byWarehouse.set(w.id, { index: new Map(), rows: [] });
  }

  add(record: StockRecord): void {
    const stock = this.byWarehouse.get(record.warehouse.id);
    if (!stock) throw new Error(`No warehouse ${record.warehouse.id}`);
    stock.index.set(record.item.id, record);
    insertSorted(stock.rows, record, byItem);
    insertSorted(this.all, record, byItemThenWarehouse);
  }

  rows(warehouseId?: number): readonly StockRecord[] {
    if (warehouseId === undefined) return this.all;
    return this.byWarehouse.get(warehouseId)?.rows ?? [];
  }
}

/**
 * Stock per item per warehouse, kept as sorted arrays so a page of `GET /inventory` is a slice, and
 * indexed by item id for adjustments. Only `sellable` moves; `inbound` stays 0 (no purchase orders).
 * A record is also the item's assignment to that warehouse (§2.10). Kits are kept apart: they are
 * listed by `GET /inventory/kits`, not `GET /inventory` (§2.11 [Z]), and hold no stock of their own:
 * what can be built from the components in that warehouse is their sellable (kitSellable).
 */
export class StockBook {
  private readonly plain: Shelf;
  private readonly kits: Shelf;
  readonly adjustments: AdjustmentRecord[] = [];

  constructor(warehouses: readonly SimWarehouse[]) {
    this.plain = new Shelf(warehouses);
    this.kits = new Shelf(warehouses);
  }

  private shelf(item: ItemRecord): Shelf {
    return item.kit ? this.kits : this.plain;
  }

  get(item: ItemRecord, warehouse: SimWarehouse): StockRecord | undefined {
    return this.shelf(item).byWarehouse.get(warehouse.id)?.index.get(item.id);
  }

  /** The record (the item's assignment to the warehouse), created with nothing in stock when missing. */
  ensure(item: ItemRecord, warehouse: SimWarehouse): StockRecord {
    let record = this.get(item, warehouse);
    if (!record) {
      record = { item, warehouse, sellable: 0, inbound: 0 };
      this.shelf(item).add(record);
    }
    return record;
  }

  /** All `GET /inventory` rows in item-then-warehouse order, or one warehouse's in item order (empty if unknown). */
  rows(warehouseId?: number): readonly StockRecord[] {
    return this.plain.rows(warehouseId);
  }

  /** The same for `GET /inventory/kits`. */
  kitRows(warehouseId?: number): readonly StockRecord[] {
    return this.kits.rows(warehouseId);
  }

  /** How many kits the warehouse's stock of their components makes; a kit without components makes none. */
  kitSellable(r: StockRecord): number {
    if (r.item.components.length === 0) return 0;
    return Math.min(...r.item.components.map((c) => Math.floor((this.get(c.item, r.warehouse)?.sellable ?? 0) / c.quantity)));
  }

  set(item: ItemRecord, warehouse: SimWarehouse, sellable: number): StockRecord {
    const record = this.ensure(item, warehouse);
    record.sellable = sellable;
    return record;
  }

  /** Applies a signed delta and logs it; refuses (changing nothing) a result below zero. */
  adjust(item: ItemRecord, warehouse: SimWarehouse, quantity: number, reason: string | null, at: number): StockRecord {
    const current = this.get(item, warehouse)?.sellable ?? 0;
    if (current + quantity < 0) throw new NegativeStockError('Adjustment would make stock negative.');
    const record = this.ensure(item, warehouse);
    record.sellable = current + quantity;
    this.adjustments.push({ item, warehouse, quantity, reason, at });
    return record;
  }
}

/**
 * One row of `GET /inventory` or (with the kit's buildable count as `sellable`) of
 * `GET /inventory/kits`. `item.sku`, `item.id`, `sellable`, `inbound` are read by Theseus [Z]
 * (§2.11); the kit rows' shape is unpublished and taken to be the same [I] (both are read with one
 * paging helper under the key `inventory`).
 */
export function renderInventoryRow(r: StockRecord, sellable = r.sellable): SimInventoryRow {
  const { item, warehouse } = r;
  return {
    item: { id: item.id, sku: item.sku, upc: item.upc, description: item.description },
    warehouse: { ...warehouse },
    sellable,
    inbound: r.inbound,
    inStock: sellable > 0,
  };
}

export function renderStockLevel(r: StockRecord): SimStockLevel {
  return { item: { id: r.item.id, sku: r.item.sku }, warehouse: { ...r.warehouse }, sellable: r.sellable };
}

export function renderAdjustment(a: AdjustmentRecord, offset: AccountOffset): SimAdjustment {
  return { sku: a.item.sku, warehouse: a.warehouse.name, quantity: a.quantity, reason: a.reason, at: formatInstant(a.at, offset) };
}

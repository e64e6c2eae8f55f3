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

/**
 * Stock per item per warehouse, kept as sorted arrays so a page of `GET /inventory` is a slice, and
 * indexed by item id for adjustments. Only `sellable` moves; `inbound` stays 0 (no purchase orders).
 */
export class StockBook {
  private readonly byWarehouse = new Map<number, WarehouseStock>();
  /** Every record, sorted by item id then warehouse id. */
  private readonly all: StockRecord[] = [];
  readonly adjustments: AdjustmentRecord[] = [];

  constructor(warehouses: readonly SimWarehouse[]) {
    for (const w of warehouses) this.byWarehouse.set(w.id, { index: new Map(), rows: [] });
  }

  get(item: ItemRecord, warehouse: SimWarehouse): StockRecord | undefined {
    return this.byWarehouse.get(warehouse.id)?.index.get(item.id);
  }

  /** The record, created with nothing in stock when missing. */
  ensure(item: ItemRecord, warehouse: SimWarehouse): StockRecord {
    const stock = this.byWarehouse.get(warehouse.id);
    if (!stock) throw new Error(`No warehouse ${warehouse.id}`);
    let record = stock.index.get(item.id);
    if (!record) {
      record = { item, warehouse, sellable: 0, inbound: 0 };
      stock.index.set(item.id, record);
      insertSorted(stock.rows, record, byItem);
      insertSorted(this.all, record, byItemThenWarehouse);
    }
    return record;
  }

  /** All rows in item-then-warehouse order, or one warehouse's rows in item order (empty if unknown). */
  rows(warehouseId?: number): readonly StockRecord[] {
    if (warehouseId === undefined) return this.all;
    return this.byWarehouse.get(warehouseId)?.rows ?? [];
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

export function renderInventoryRow(r: StockRecord): SimInventoryRow {
  const { item, warehouse } = r;
  return {
    item: { id: item.id, sku: item.sku, upc: item.upc, description: item.description },
    warehouse: { ...warehouse },
    sellable: r.sellable,
    inbound: r.inbound,
    inStock: r.sellable > 0,
  };
}

export function renderStockLevel(r: StockRecord): SimStockLevel {
  return { item: { id: r.item.id, sku: r.item.sku }, warehouse: { ...r.warehouse }, sellable: r.sellable };
}

export function renderAdjustment(a: AdjustmentRecord, offset: AccountOffset): SimAdjustment {
  return { sku: a.item.sku, warehouse: a.warehouse.name, quantity: a.quantity, reason: a.reason, at: formatInstant(a.at, offset) };
}

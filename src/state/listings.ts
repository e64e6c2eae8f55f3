import type { Statement } from 'better-sqlite3';
import type { Db } from './db';
import { atomically, statement } from './statements';

export type Fulfillment = 'MERCHANT' | 'AMAZON';

/** What we keep of an Amazon listing: enough to push stock and to link variations. */
export interface ListingRow {
  sku: string;
  asin: string | null;
  productType: string | null;
  fulfillment: Fulfillment;
  isParent: boolean;
  parentSku: string | null;
  variationTheme: string | null;
  allocItemId: string | null;
}

interface RawRow extends Omit<ListingRow, 'isParent'> {
  isParent: number;
}

const COLUMNS = `sku, asin, product_type AS productType, fulfillment, is_parent AS isParent, parent_sku AS parentSku,
  variation_theme AS variationTheme, alloc_item_id AS allocItemId`;

const toRow = (r: RawRow): ListingRow => ({ ...r, isParent: r.isParent === 1 });

/** A merchant-fulfilled listing as push-stock compares it: the quantity last pushed (null: never). */
export interface StockCandidate {
  sku: string;
  productType: string | null;
  lastQuantity: number | null;
}

/** Listings per seller × marketplace × SKU, with the last quantity pushed for each. */
export class ListingStore {
  // Iterated, so not one of the shared statements (see statement()).
  private candidates?: Statement;

  constructor(private readonly db: Db) {}

  /**
   * Merchant-fulfilled listings that are not parents, with their last push, longest unpushed first
   * (never pushed first, then by SKU): read one row at a time, so a catalogue is never held whole.
   * No statement may write on this connection until the iteration ends.
   */
  stockCandidates(seller: string, marketplace: string): IterableIterator<StockCandidate> {
    this.candidates ??= this.db.prepare(
      `SELECT l.sku, l.product_type AS productType, p.quantity AS lastQuantity
       FROM listings l LEFT JOIN pushed_stock p ON p.seller = l.seller AND p.marketplace = l.marketplace AND p.sku = l.sku
       WHERE l.seller = ? AND l.marketplace = ? AND l.fulfillment = 'MERCHANT' AND l.is_parent = 0
       ORDER BY COALESCE(p.pushed_at, ''), l.sku`,
    );
    return this.candidates.iterate(seller, marketplace) as IterableIterator<StockCandidate>;
  }

  get(seller: string, marketplace: string, sku: string): ListingRow | undefined {
    const r = statement(this.db, `SELECT ${COLUMNS} FROM listings WHERE seller = ? AND marketplace = ? AND sku = ?`).get(
      seller,
      marketplace,
      sku,
    ) as RawRow | undefined;
    return r && toRow(r);
  }

  all(seller: string, marketplace: string): ListingRow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM listings WHERE seller = ? AND marketplace = ? ORDER BY sku`)
        .all(seller, marketplace) as RawRow[]
    ).map(toRow);
  }

  /** Keeps what we knew when the new value is unknown: a later page may know less than an earlier one. */
  upsert(seller: string, marketplace: string, l: ListingRow, now: string): void {
    this.putStatement().run({ seller, marketplace, ...l, isParent: l.isParent ? 1 : 0, now });
  }

  /** Like upsert, for many rows in one transaction: one write to the file instead of one per row. */
  upsertMany(seller: string, marketplace: string, rows: Iterable<ListingRow>, now: string): void {
    const put = this.putStatement();
    atomically(this.db, () => {
      for (const l of rows) put.run({ seller, marketplace, ...l, isParent: l.isParent ? 1 : 0, now });
    });
  }

  private putStatement(): Statement {
    return statement(
      this.db,
      `INSERT INTO listings (seller, marketplace, sku, asin, product_type, fulfillment, is_parent, parent_sku, variation_theme, alloc_item_id, updated_at)
         VALUES (@seller, @marketplace, @sku, @asin, @productType, @fulfillment, @isParent, @parentSku, @variationTheme, @allocItemId, @now)
         ON CONFLICT (seller, marketplace, sku) DO UPDATE SET
           asin = COALESCE(excluded.asin, asin), product_type = COALESCE(excluded.product_type, product_type),
           fulfillment = excluded.fulfillment, is_parent = MAX(is_parent, excluded.is_parent),
           parent_sku = COALESCE(excluded.parent_sku, parent_sku), variation_theme = COALESCE(excluded.variation_theme, variation_theme),
           alloc_item_id = COALESCE(excluded.alloc_item_id, alloc_item_id), updated_at = excluded.updated_at`,
    );
  }

  /** Per SKU, the quantity last pushed and when. */
  lastPushed(seller: string, marketplace: string): Map<string, { quantity: number; at: string }> {
    const rows = this.db
      .prepare('SELECT sku, quantity, pushed_at AS at FROM pushed_stock WHERE seller = ? AND marketplace = ?')
      .all(seller, marketplace) as { sku: string; quantity: number; at: string }[];
    return new Map(rows.map((r) => [r.sku, { quantity: r.quantity, at: r.at }]));
  }

  recordPushed(seller: string, marketplace: string, pushed: readonly { sku: string; quantity: number }[], now: string): void {
    const put = statement(
      this.db,
      `INSERT INTO pushed_stock (seller, marketplace, sku, quantity, pushed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (seller, marketplace, sku) DO UPDATE SET quantity = excluded.quantity, pushed_at = excluded.pushed_at`,
    );
    atomically(this.db, () => {
      for (const p of pushed) put.run(seller, marketplace, p.sku, p.quantity, now);
    });
  }
}

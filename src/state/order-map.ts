import type { Db } from './db';

export type OrderMapState = 'creating' | 'created' | 'cancelled';

export interface OrderMapRow {
  seller: string;
  marketplace: string;
  amazonOrderId: string;
  allocOrderId: string | null;
  amazonStatus: string;
  fulfilledBy: string;
  state: OrderMapState;
}

export interface OrderItemRow {
  orderItemId: string;
  sku: string;
  quantity: number;
}

/**
 * Amazon order id ↔ Allocadence order id, with the order item ids later directions need.
 * A row in state `creating` is written before the create call, so a crash between the call and
 * its bookkeeping is visible to the next run. No buyer data is kept here.
 */
export class OrderMapStore {
  constructor(private readonly db: Db) {}

  get(amazonOrderId: string): OrderMapRow | undefined {
    return this.db
      .prepare(
        `SELECT seller, marketplace, amazon_order_id AS amazonOrderId, alloc_order_id AS allocOrderId,
                amazon_status AS amazonStatus, fulfilled_by AS fulfilledBy, state
         FROM order_map WHERE amazon_order_id = ?`,
      )
      .get(amazonOrderId) as OrderMapRow | undefined;
  }

  items(amazonOrderId: string): OrderItemRow[] {
    return this.db
      .prepare('SELECT order_item_id AS orderItemId, sku, quantity FROM order_items WHERE amazon_order_id = ? ORDER BY order_item_id')
      .all(amazonOrderId) as OrderItemRow[];
  }

  /** Records the intent to create, before the remote call. */
  markCreating(row: Omit<OrderMapRow, 'allocOrderId' | 'state'>, items: OrderItemRow[], now: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO order_map (seller, marketplace, amazon_order_id, alloc_order_id, amazon_status, fulfilled_by, state, created_at, updated_at)
           VALUES (?, ?, ?, NULL, ?, ?, 'creating', ?, ?)
           ON CONFLICT (amazon_order_id) DO UPDATE SET amazon_status = excluded.amazon_status, updated_at = excluded.updated_at`,
        )
        .run(row.seller, row.marketplace, row.amazonOrderId, row.amazonStatus, row.fulfilledBy, now, now);
      const put = this.db.prepare(
        `INSERT INTO order_items (amazon_order_id, order_item_id, sku, quantity) VALUES (?, ?, ?, ?)
         ON CONFLICT (amazon_order_id, order_item_id) DO UPDATE SET sku = excluded.sku, quantity = excluded.quantity`,
      );
      for (const item of items) put.run(row.amazonOrderId, item.orderItemId, item.sku, item.quantity);
    })();
  }

  markCreated(amazonOrderId: string, allocOrderId: string, now: string): void {
    this.db
      .prepare(`UPDATE order_map SET alloc_order_id = ?, state = 'created', updated_at = ? WHERE amazon_order_id = ?`)
      .run(allocOrderId, now, amazonOrderId);
  }

  markCancelled(amazonOrderId: string, allocOrderId: string | null, amazonStatus: string, now: string): void {
    this.db
      .prepare(
        `UPDATE order_map SET state = 'cancelled', alloc_order_id = COALESCE(?, alloc_order_id), amazon_status = ?, updated_at = ?
         WHERE amazon_order_id = ?`,
      )
      .run(allocOrderId, amazonStatus, now, amazonOrderId);
  }

  /** An order created but never confirmed (crash, or a create that failed for good). */
  forget(amazonOrderId: string): void {
    this.db.transaction(() => {
      const gone = this.db.prepare(`DELETE FROM order_map WHERE amazon_order_id = ? AND state = 'creating'`);
      // Items go only with an intent row: a created order keeps the item ids later directions need.
      this.db.prepare(`DELETE FROM order_items WHERE amazon_order_id = ? AND EXISTS (SELECT 1 FROM order_map WHERE amazon_order_id = ? AND state = 'creating')`).run(amazonOrderId, amazonOrderId);
      gone.run(amazonOrderId);
    })();
  }

  /**
   * The Allocadence line id of each Amazon order item, read from the create answer: what a later
   * change to one line (the API's line `id`) needs. Items without one are left as they are.
   */
  setLineIds(amazonOrderId: string, lines: ReadonlyArray<{ orderItemId: string; lineId: string }>): void {
    const put = this.db.prepare('UPDATE order_items SET alloc_line_id = ? WHERE amazon_order_id = ? AND order_item_id = ?');
    this.db.transaction(() => {
      for (const l of lines) put.run(l.lineId, amazonOrderId, l.orderItemId);
    })();
  }

  /** Amazon order item id → Allocadence line id, for the items whose line id is known. */
  lineIds(amazonOrderId: string): Map<string, string> {
    const rows = this.db
      .prepare('SELECT order_item_id AS orderItemId, alloc_line_id AS lineId FROM order_items WHERE amazon_order_id = ? AND alloc_line_id IS NOT NULL')
      .all(amazonOrderId) as Array<{ orderItemId: string; lineId: string }>;
    return new Map(rows.map((r) => [r.orderItemId, r.lineId]));
  }

  setAmazonStatus(amazonOrderId: string, status: string, now: string): void {
    this.db
      .prepare('UPDATE order_map SET amazon_status = ?, updated_at = ? WHERE amazon_order_id = ?')
      .run(status, now, amazonOrderId);
  }

}

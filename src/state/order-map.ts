import { BuyerCancelQueue } from './buyer-cancels';
import type { Db } from './db';
import { atomically, statement } from './statements';

export type OrderMapState = 'creating' | 'created' | 'cancelled';
/** Why pull-orders cancelled an Allocadence order: Amazon cancelled it, or the buyer asked to (Amazon's order stays open). */
export type CancelCause = 'amazon' | 'buyer';

export interface OrderMapRow {
  seller: string;
  marketplace: string;
  amazonOrderId: string;
  allocOrderId: string | null;
  amazonStatus: string;
  fulfilledBy: string;
  state: OrderMapState;
  /** Amazon's `lastUpdatedTime` whose changes pull-orders has handled; null until it has (or in older state). */
  amazonUpdated?: string | null;
  /** Set with state `cancelled`; null in older state, where every cancel was Amazon's. */
  cancelCause?: CancelCause | null;
}

export interface OrderItemRow {
  orderItemId: string;
  sku: string;
  /** Units Amazon still expects from us: what was left to ship when recorded, less what push-shipments confirmed since. */
  quantity: number;
}

/**
 * Why a line is not to ship: cancelled on Amazon; asked for by the buyer (the seller cancels it
 * on Amazon once the warehouse no longer ships it); or asked for when the warehouse had already
 * picked or shipped it, so it ships and the request is left to the seller.
 */
export type LineCancel = 'amazon' | 'buyer' | 'buyer-kept';

export interface OrderLineRow extends OrderItemRow {
  /** Amazon's `quantityOrdered` the Allocadence line stands for (null in older state). */
  ordered: number | null;
  cancel: LineCancel | null;
  /** A line quantity still to be set in Allocadence (written before the call, cleared after it). */
  pending: number | null;
  lineId: string | null;
}

/** A line as recorded when an order is imported or rebuilt. */
export type NewLine = OrderItemRow & Partial<Pick<OrderLineRow, 'ordered' | 'cancel' | 'pending'>>;

/** What one reconciliation changes on a line; fields left out stay as they are. */
export type LineUpdate = { orderItemId: string } & Partial<Pick<OrderLineRow, 'quantity' | 'ordered' | 'cancel' | 'pending' | 'lineId'>>;

/** What a reconciliation changes on the order itself. */
export interface OrderUpdate {
  amazonUpdated?: string;
  allocOrderId?: string;
  /** The order is cancelled in Allocadence now, for this reason. */
  cancelCause?: CancelCause;
  now?: string;
}

const ROW = `SELECT seller, marketplace, amazon_order_id AS amazonOrderId, alloc_order_id AS allocOrderId, amazon_status AS amazonStatus,
  fulfilled_by AS fulfilledBy, state, amazon_updated AS amazonUpdated, cancel_cause AS cancelCause FROM order_map WHERE amazon_order_id = ?`;

/**
 * Amazon order id ↔ Allocadence order id, with the order item ids later directions need.
 * A row in state `creating` is written before the create call, so a crash between the call and
 * its bookkeeping is visible to the next run. No buyer data is kept here.
 */
export class OrderMapStore {
  /** Lines a buyer asked to cancel that push-status still has to cancel on Amazon. */
  readonly buyerCancels: BuyerCancelQueue;

  constructor(private readonly db: Db) {
    this.buyerCancels = new BuyerCancelQueue(db);
  }

  get(amazonOrderId: string): OrderMapRow | undefined {
    return statement(this.db, ROW).get(amazonOrderId) as OrderMapRow | undefined;
  }

  items(amazonOrderId: string): OrderItemRow[] {
    return statement(
      this.db,
      'SELECT order_item_id AS orderItemId, sku, quantity FROM order_items WHERE amazon_order_id = ? ORDER BY order_item_id',
    ).all(amazonOrderId) as OrderItemRow[];
  }

  /** Every line with what later changes need, in the order Amazon listed them when recorded. */
  lines(amazonOrderId: string): OrderLineRow[] {
    return statement(
      this.db,
      `SELECT order_item_id AS orderItemId, sku, quantity, ordered, cancel, pending, alloc_line_id AS lineId
         FROM order_items WHERE amazon_order_id = ? ORDER BY rowid`,
    ).all(amazonOrderId) as OrderLineRow[];
  }

  /** Records the intent to create, before the remote call. */
  markCreating(row: Omit<OrderMapRow, 'allocOrderId' | 'state'>, items: readonly NewLine[], now: string): void {
    atomically(this.db, () => {
      statement(
        this.db,
        `INSERT INTO order_map (seller, marketplace, amazon_order_id, alloc_order_id, amazon_status, fulfilled_by, state, created_at, updated_at)
           VALUES (?, ?, ?, NULL, ?, ?, 'creating', ?, ?)
           ON CONFLICT (amazon_order_id) DO UPDATE SET amazon_status = excluded.amazon_status, updated_at = excluded.updated_at`,
      ).run(row.seller, row.marketplace, row.amazonOrderId, row.amazonStatus, row.fulfilledBy, now, now);
      this.putLines(row.amazonOrderId, items);
    });
  }

  private putLines(amazonOrderId: string, items: readonly NewLine[]): void {
    const put = statement(
      this.db,
      `INSERT INTO order_items (amazon_order_id, order_item_id, sku, quantity, ordered, cancel, pending) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (amazon_order_id, order_item_id) DO UPDATE SET sku = excluded.sku, quantity = excluded.quantity,
         ordered = excluded.ordered, cancel = excluded.cancel, pending = excluded.pending`,
    );
    for (const i of items) put.run(amazonOrderId, i.orderItemId, i.sku, i.quantity, i.ordered ?? null, i.cancel ?? null, i.pending ?? null);
  }

  /**
   * An order another direction met without a row (a lost or moved state file), rebuilt from both
   * systems. An existing row is left as it is.
   */
  adopt(row: Omit<OrderMapRow, 'state'> & { state?: OrderMapState }, items: readonly NewLine[], now: string): void {
    atomically(this.db, () => {
      const added = statement(
        this.db,
        `INSERT INTO order_map (seller, marketplace, amazon_order_id, alloc_order_id, amazon_status, fulfilled_by, state, created_at, updated_at, amazon_updated, cancel_cause)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (amazon_order_id) DO NOTHING`,
      ).run(
        row.seller,
        row.marketplace,
        row.amazonOrderId,
        row.allocOrderId,
        row.amazonStatus,
        row.fulfilledBy,
        row.state ?? 'created',
        now,
        now,
        row.amazonUpdated ?? null,
        row.cancelCause ?? null,
      );
      if (added.changes) this.putLines(row.amazonOrderId, items);
    });
  }

  markCreated(amazonOrderId: string, allocOrderId: string, now: string): void {
    statement(this.db, `UPDATE order_map SET alloc_order_id = ?, state = 'created', updated_at = ? WHERE amazon_order_id = ?`).run(
      allocOrderId,
      now,
      amazonOrderId,
    );
  }

  markCancelled(
    amazonOrderId: string,
    allocOrderId: string | null,
    amazonStatus: string,
    now: string,
    cause: CancelCause = 'amazon',
  ): void {
    statement(
      this.db,
      `UPDATE order_map SET state = 'cancelled', alloc_order_id = COALESCE(?, alloc_order_id), amazon_status = ?, cancel_cause = ?, updated_at = ?
         WHERE amazon_order_id = ?`,
    ).run(allocOrderId, amazonStatus, cause, now, amazonOrderId);
  }

  /** An order created but never confirmed (crash, or a create that failed for good). */
  forget(amazonOrderId: string): void {
    atomically(this.db, () => {
      const gone = statement(this.db, `DELETE FROM order_map WHERE amazon_order_id = ? AND state = 'creating'`);
      // Items go only with an intent row: a created order keeps the item ids later directions need.
      statement(
        this.db,
        `DELETE FROM order_items WHERE amazon_order_id = ? AND EXISTS (SELECT 1 FROM order_map WHERE amazon_order_id = ? AND state = 'creating')`,
      ).run(amazonOrderId, amazonOrderId);
      gone.run(amazonOrderId);
    });
  }

  /**
   * The Allocadence line id of each Amazon order item, read from the create answer: what a later
   * change to one line (the API's line `id`) needs. Items without one are left as they are.
   */
  setLineIds(amazonOrderId: string, lines: readonly { orderItemId: string; lineId: string }[]): void {
    this.updateLines(
      amazonOrderId,
      lines.map((l) => ({ orderItemId: l.orderItemId, lineId: l.lineId })),
    );
  }

  /** Amazon order item id → Allocadence line id, for the items whose line id is known. */
  lineIds(amazonOrderId: string): Map<string, string> {
    return new Map(this.lines(amazonOrderId).flatMap((l) => (l.lineId ? [[l.orderItemId, l.lineId] as const] : [])));
  }

  /**
   * Line changes of one order in one transaction, and with them (when given) the Amazon
   * `lastUpdatedTime` they bring the order up to, its Allocadence id, and its cancellation.
   */
  updateLines(amazonOrderId: string, updates: readonly LineUpdate[], order: OrderUpdate = {}): void {
    const columns = { quantity: 'quantity', ordered: 'ordered', cancel: 'cancel', pending: 'pending', lineId: 'alloc_line_id' } as const;
    atomically(this.db, () => {
      for (const u of updates) {
        const set = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => u[k] !== undefined);
        if (!set.length) continue;
        statement(
          this.db,
          `UPDATE order_items SET ${set.map((k) => `${columns[k]} = ?`).join(', ')} WHERE amazon_order_id = ? AND order_item_id = ?`,
        ).run(...set.map((k) => u[k] ?? null), amazonOrderId, u.orderItemId);
      }
      const at = order.now ?? null;
      if (order.amazonUpdated !== undefined)
        statement(this.db, 'UPDATE order_map SET amazon_updated = ?, updated_at = COALESCE(?, updated_at) WHERE amazon_order_id = ?').run(
          order.amazonUpdated,
          at,
          amazonOrderId,
        );
      if (order.allocOrderId !== undefined)
        statement(this.db, 'UPDATE order_map SET alloc_order_id = ? WHERE amazon_order_id = ?').run(order.allocOrderId, amazonOrderId);
      if (order.cancelCause !== undefined) {
        statement(
          this.db,
          `UPDATE order_map SET state = 'cancelled', cancel_cause = ?, updated_at = COALESCE(?, updated_at) WHERE amazon_order_id = ?`,
        ).run(order.cancelCause, at, amazonOrderId);
      }
    });
  }

  setAmazonStatus(amazonOrderId: string, status: string, now: string): void {
    statement(this.db, 'UPDATE order_map SET amazon_status = ?, updated_at = ? WHERE amazon_order_id = ?').run(status, now, amazonOrderId);
  }
}

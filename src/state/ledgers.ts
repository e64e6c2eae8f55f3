import type { Db } from './db';

export type ShipmentStatus = 'confirming' | 'confirmed' | 'rejected';

export interface ShipmentRow {
  allocShipmentId: string;
  amazonOrderId: string;
  packageReferenceId: string;
  /** What was sent (carrier, tracking, lines): a changed shipment is sent again. */
  fingerprint: string;
  status: ShipmentStatus;
  error: string | null;
  retriable: boolean;
  /** The order items and units the confirmation carried (null in older state). */
  orderItems?: ShipmentItems | null;
}

export type ShipmentItems = readonly { orderItemId: string; quantity: number }[];

export type StatusKind = 'cancel' | 'complete';

/**
 * What was told to Amazon, per Allocadence shipment and per order status change. A row in
 * `confirming` or `submitted` is written before the call, so a crash leaves a trace the next run
 * checks against Amazon instead of sending twice.
 */
export class LedgerStore {
  constructor(private readonly db: Db) {}

  shipment(allocShipmentId: string): ShipmentRow | undefined {
    const r = this.db
      .prepare(
        `SELECT alloc_shipment_id AS allocShipmentId, amazon_order_id AS amazonOrderId, package_reference_id AS packageReferenceId,
                fingerprint, status, error, retriable, order_items AS orderItems FROM shipments WHERE alloc_shipment_id = ?`,
      )
      .get(allocShipmentId) as
      (Omit<ShipmentRow, 'retriable' | 'orderItems'> & { retriable: number; orderItems: string | null }) | undefined;
    return (
      r && { ...r, retriable: r.retriable === 1, orderItems: r.orderItems === null ? null : (JSON.parse(r.orderItems) as ShipmentItems) }
    );
  }

  /** Whether every package confirmed for the order says which items it carried (older state did not record it). */
  itemsKnown(amazonOrderId: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM shipments WHERE amazon_order_id = ? AND status = 'confirmed' AND order_items IS NULL")
        .get(amazonOrderId) === undefined
    );
  }

  hasShipments(amazonOrderId: string): boolean {
    return this.db.prepare("SELECT 1 FROM shipments WHERE amazon_order_id = ? AND status = 'confirmed'").get(amazonOrderId) !== undefined;
  }

  /**
   * Records a shipment's state. The first time it turns `confirmed`, the units it carried are taken
   * off what the order map says Amazon still expects, in the same transaction: a package counts once.
   */
  setShipment(seller: string, row: Omit<ShipmentRow, 'error' | 'retriable'> & { error?: string; retriable?: boolean }, now: string): void {
    this.db.transaction(() => {
      const before = this.shipment(row.allocShipmentId);
      this.db
        .prepare(
          `INSERT INTO shipments (seller, alloc_shipment_id, amazon_order_id, package_reference_id, fingerprint, status, error, retriable, attempts, updated_at, order_items)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
           ON CONFLICT (alloc_shipment_id) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status, error = excluded.error,
             retriable = excluded.retriable, attempts = attempts + (excluded.status = 'confirming'), updated_at = excluded.updated_at,
             order_items = COALESCE(excluded.order_items, order_items)`,
        )
        .run(
          seller,
          row.allocShipmentId,
          row.amazonOrderId,
          row.packageReferenceId,
          row.fingerprint,
          row.status,
          row.error ?? null,
          row.retriable ? 1 : 0,
          now,
          row.orderItems ? JSON.stringify(row.orderItems) : null,
        );
      if (row.status !== 'confirmed' || before?.status === 'confirmed') return;
      const carried = row.orderItems ?? before?.orderItems ?? [];
      const less = this.db.prepare(
        'UPDATE order_items SET quantity = MAX(0, quantity - ?) WHERE amazon_order_id = ? AND order_item_id = ?',
      );
      for (const i of carried) less.run(i.quantity, row.amazonOrderId, i.orderItemId);
    })();
  }

  statusPush(amazonOrderId: string, kind: StatusKind): { status: string; feedId: string | null; error: string | null } | undefined {
    return this.db
      .prepare('SELECT status, feed_id AS feedId, error FROM status_pushes WHERE amazon_order_id = ? AND kind = ?')
      .get(amazonOrderId, kind) as { status: string; feedId: string | null; error: string | null } | undefined;
  }

  forgetStatusPush(amazonOrderId: string, kind: StatusKind): void {
    this.db.prepare('DELETE FROM status_pushes WHERE amazon_order_id = ? AND kind = ?').run(amazonOrderId, kind);
  }

  /** Orders marked submitted whose feed id never got recorded: the run stopped around createFeed. */
  unsentStatusPushes(seller: string, kind: StatusKind): string[] {
    return (
      this.db
        .prepare(
          "SELECT amazon_order_id AS id FROM status_pushes WHERE seller = ? AND kind = ? AND status = 'submitted' AND feed_id IS NULL",
        )
        .all(seller, kind) as { id: string }[]
    ).map((r) => r.id);
  }

  setStatusPush(
    seller: string,
    amazonOrderId: string,
    kind: StatusKind,
    status: 'submitted' | 'done' | 'rejected',
    feedId: string | null,
    error: string | null,
    now: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO status_pushes (amazon_order_id, kind, seller, status, feed_id, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (amazon_order_id, kind) DO UPDATE SET status = excluded.status, feed_id = excluded.feed_id, error = excluded.error, updated_at = excluded.updated_at`,
      )
      .run(amazonOrderId, kind, seller, status, feedId, error, now);
  }
}

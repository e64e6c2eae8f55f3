import type { Db } from './db';

export type RedactionStatus = 'redacting' | 'done';

/**
 * The Allocadence orders whose buyer data redact-pii blanked. A `redacting` row is written before
 * the call: after a crash the next run finds it and trusts what Allocadence shows rather than this
 * row. Holds ids and dates only, never the data blanked.
 */
export class RedactionStore {
  constructor(private readonly db: Db) {}

  status(allocOrderId: string): RedactionStatus | undefined {
    const row = this.db.prepare('SELECT status FROM pii_redactions WHERE alloc_order_id = ?').get(allocOrderId) as
      { status: RedactionStatus } | undefined;
    return row?.status;
  }

  mark(
    row: { allocOrderId: string; seller: string; orderNumber: string; completedAt: string | null },
    status: RedactionStatus,
    now: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO pii_redactions (alloc_order_id, seller, order_number, status, completed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (alloc_order_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
      )
      .run(row.allocOrderId, row.seller, row.orderNumber, status, row.completedAt, now);
  }

  count(seller: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM pii_redactions WHERE seller = ? AND status = 'done'`).get(seller) as { n: number })
      .n;
  }
}

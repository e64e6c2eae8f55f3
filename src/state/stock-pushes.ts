import type { Db } from './db';
import type { ListingStore } from './listings';
import { atomically, statement } from './statements';

/** A quantity sent to Amazon whose outcome this program has not learnt yet. */
export interface PushInFlight {
  sku: string;
  quantity: number;
  /** The feed's input document; null for a patchListingsItem. */
  documentId: string | null;
  /** The SKU's message in that feed. */
  messageId: number | null;
  startedAt: string;
}

/**
 * Quantities on their way to Amazon, written before the request that carries them. A run that
 * stops before the answer leaves them here, and the next run finds out what became of them
 * instead of sending them again.
 */
export class StockPushStore {
  constructor(
    private readonly db: Db,
    private readonly listings: ListingStore,
  ) {}

  begin(
    seller: string,
    marketplace: string,
    pushes: readonly { sku: string; quantity: number; messageId?: number }[],
    documentId: string | null,
    now: string,
  ): void {
    const put = statement(
      this.db,
      `INSERT OR REPLACE INTO stock_pushes (seller, marketplace, sku, quantity, document_id, message_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    atomically(this.db, () => {
      for (const p of pushes) put.run(seller, marketplace, p.sku, p.quantity, documentId, p.messageId ?? null, now);
    });
  }

  inFlight(seller: string, marketplace: string): PushInFlight[] {
    return this.db
      .prepare(
        `SELECT sku, quantity, document_id AS documentId, message_id AS messageId, started_at AS startedAt
         FROM stock_pushes WHERE seller = ? AND marketplace = ? ORDER BY document_id, message_id, sku`,
      )
      .all(seller, marketplace) as PushInFlight[];
  }

  /**
   * The outcome is known: `accepted` become the last pushed quantities, and every one of `skus`
   * leaves flight, at once. `shown` are quantities Amazon offers instead of what it accepted: they
   * take the place of the last pushed ones, so the next comparison is with what buyers see.
   */
  settle(
    seller: string,
    marketplace: string,
    skus: readonly string[],
    accepted: readonly { sku: string; quantity: number }[],
    now: string,
    shown: readonly { sku: string; quantity: number }[] = [],
  ): void {
    const drop = statement(this.db, 'DELETE FROM stock_pushes WHERE seller = ? AND marketplace = ? AND sku = ?');
    atomically(this.db, () => {
      this.listings.recordPushed(seller, marketplace, [...accepted, ...shown], now);
      for (const sku of skus) drop.run(seller, marketplace, sku);
    });
  }
}

import type { Db } from './db';
import { statement } from './statements';

export interface RetryKey {
  seller: string;
  marketplace: string;
  direction: string;
}

export interface RetryItem {
  key: string;
  lastError: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
}

/**
 * Items a run could not process. The checkpoint still moves on (a window is not held hostage by one
 * order with an unknown SKU); the next run fetches these again by id before its window.
 */
export class RetryQueue {
  constructor(private readonly db: Db) {}

  list(k: RetryKey): RetryItem[] {
    return statement(
      this.db,
      `SELECT item_key AS key, last_error AS lastError, attempts, first_failed_at AS firstFailedAt, last_failed_at AS lastFailedAt
         FROM retry_queue WHERE seller = ? AND marketplace = ? AND direction = ? ORDER BY first_failed_at, item_key`,
    ).all(k.seller, k.marketplace, k.direction) as RetryItem[];
  }

  fail(k: RetryKey, itemKey: string, error: string, now: string): void {
    statement(
      this.db,
      `INSERT INTO retry_queue (seller, marketplace, direction, item_key, last_error, attempts, first_failed_at, last_failed_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (seller, marketplace, direction, item_key)
         DO UPDATE SET last_error = excluded.last_error, attempts = attempts + 1, last_failed_at = excluded.last_failed_at`,
    ).run(k.seller, k.marketplace, k.direction, itemKey, error, now, now);
  }

  clear(k: RetryKey, itemKey: string): void {
    statement(this.db, 'DELETE FROM retry_queue WHERE seller = ? AND marketplace = ? AND direction = ? AND item_key = ?').run(
      k.seller,
      k.marketplace,
      k.direction,
      itemKey,
    );
  }

  /** Every waiting item of one seller and direction, over all marketplaces, oldest failure first. */
  listFor(seller: string, direction: string): (RetryItem & { marketplace: string })[] {
    return statement(
      this.db,
      `SELECT marketplace, item_key AS key, last_error AS lastError, attempts, first_failed_at AS firstFailedAt, last_failed_at AS lastFailedAt
         FROM retry_queue WHERE seller = ? AND direction = ? ORDER BY first_failed_at, marketplace, item_key`,
    ).all(seller, direction) as (RetryItem & { marketplace: string })[];
  }
}

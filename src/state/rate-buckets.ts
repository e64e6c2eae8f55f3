import type { BucketLevel } from '../http/rate-limiter';
import { hasTable, type Db } from './db';

/**
 * Amazon's token buckets outlive a run: they are per seller and application, whichever process
 * spends them. What a run left in each bucket lets the next run pace itself from there instead of
 * from a full bucket the server has not refilled yet, which would earn 429s.
 */
export class RateBucketStore {
  constructor(private readonly db: Db) {}

  load(seller: string): Record<string, BucketLevel> {
    if (!hasTable(this.db, 'rate_buckets')) return {};
    const rows = this.db.prepare('SELECT operation, tokens, at_ms AS at FROM rate_buckets WHERE seller = ?').all(seller) as (BucketLevel & {
      operation: string;
    })[];
    return Object.fromEntries(rows.map((r) => [r.operation, { tokens: r.tokens, at: r.at }]));
  }

  save(seller: string, levels: Readonly<Record<string, BucketLevel>>, now: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO rate_buckets (seller, operation, tokens, at_ms, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (seller, operation) DO UPDATE SET tokens = excluded.tokens, at_ms = excluded.at_ms, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const [operation, l] of Object.entries(levels)) upsert.run(seller, operation, l.tokens, Math.round(l.at), now);
    })();
  }
}

import { hasTable, type Db } from './db';
import type { CheckpointKey } from './checkpoints';
import { statement } from './statements';

/**
 * How long a time slice of a direction's window was last read in, per checkpoint key: a seller
 * whose days hold more orders than a run can page through is read in shorter slices from the start.
 */
export class ReadSpanStore {
  constructor(private readonly db: Db) {}

  get(key: CheckpointKey): number | undefined {
    if (!hasTable(this.db, 'read_spans')) return undefined;
    const row = statement(this.db, 'SELECT span_ms AS spanMs FROM read_spans WHERE seller = ? AND marketplace = ? AND direction = ?').get(
      key.seller,
      key.marketplace,
      key.direction,
    ) as { spanMs: number } | undefined;
    return row?.spanMs;
  }

  set(key: CheckpointKey, spanMs: number, now: string): void {
    statement(
      this.db,
      `INSERT INTO read_spans (seller, marketplace, direction, span_ms, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (seller, marketplace, direction) DO UPDATE SET span_ms = excluded.span_ms, updated_at = excluded.updated_at`,
    ).run(key.seller, key.marketplace, key.direction, Math.round(spanMs), now);
  }
}

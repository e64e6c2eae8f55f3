import type { Db } from './db';
import { statement } from './statements';

export interface CheckpointKey {
  seller: string;
  marketplace: string;
  direction: string;
}

/** One ISO-8601 UTC instant per seller × marketplace × direction: where the next window starts. */
export class CheckpointStore {
  constructor(private readonly db: Db) {}

  get(key: CheckpointKey): string | undefined {
    return this.row(key)?.value;
  }

  /** The checkpoint with the run that set it (null when unknown). */
  row(key: CheckpointKey): { value: string; runId: number | null } | undefined {
    return statement(this.db, 'SELECT value, run_id AS runId FROM checkpoints WHERE seller = ? AND marketplace = ? AND direction = ?').get(
      key.seller,
      key.marketplace,
      key.direction,
    ) as { value: string; runId: number | null } | undefined;
  }

  set(key: CheckpointKey, value: string, runId: number | undefined, now: string): void {
    statement(
      this.db,
      `INSERT INTO checkpoints (seller, marketplace, direction, value, run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (seller, marketplace, direction) DO UPDATE SET value = excluded.value, run_id = excluded.run_id, updated_at = excluded.updated_at`,
    ).run(key.seller, key.marketplace, key.direction, value, runId ?? null, now);
  }

  list(seller?: string): (CheckpointKey & { value: string; updatedAt: string })[] {
    const rows = statement(
      this.db,
      `SELECT seller, marketplace, direction, value, updated_at AS updatedAt FROM checkpoints
         WHERE ? IS NULL OR seller = ? ORDER BY seller, direction, marketplace`,
    ).all(seller ?? null, seller ?? null);
    return rows as (CheckpointKey & { value: string; updatedAt: string })[];
  }
}

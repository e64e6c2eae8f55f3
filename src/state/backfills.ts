import type { CheckpointKey } from './checkpoints';
import { hasTable, type Db } from './db';

/** An unfinished `--since` back-fill: it has read, contiguously, from `since` up to `cursor`. */
export interface Backfill {
  since: string;
  cursor: string;
  updatedAt: string;
}

/**
 * Per seller × marketplace × direction, the back-fill a `--since` run left unfinished at its
 * deadline. It is kept apart from the checkpoint so that re-reading the past never moves the live
 * checkpoint back; the next `--since` run for the same period continues from the cursor.
 */
export class BackfillStore {
  constructor(private readonly db: Db) {}

  get(key: CheckpointKey): Backfill | undefined {
    // A dry run opens an older state file without migrating it.
    if (!hasTable(this.db, 'backfills')) return undefined;
    return this.db
      .prepare('SELECT since, cursor, updated_at AS updatedAt FROM backfills WHERE seller = ? AND marketplace = ? AND direction = ?')
      .get(key.seller, key.marketplace, key.direction) as Backfill | undefined;
  }

  set(key: CheckpointKey, since: string, cursor: string, runId: number | undefined, now: string): void {
    this.db
      .prepare(
        `INSERT INTO backfills (seller, marketplace, direction, since, cursor, run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (seller, marketplace, direction) DO UPDATE SET
           since = excluded.since, cursor = excluded.cursor, run_id = excluded.run_id, updated_at = excluded.updated_at`,
      )
      .run(key.seller, key.marketplace, key.direction, since, cursor, runId ?? null, now);
  }

  clear(key: CheckpointKey): void {
    this.db
      .prepare('DELETE FROM backfills WHERE seller = ? AND marketplace = ? AND direction = ?')
      .run(key.seller, key.marketplace, key.direction);
  }

  list(seller?: string): (CheckpointKey & Backfill)[] {
    if (!hasTable(this.db, 'backfills')) return [];
    return this.db
      .prepare(
        `SELECT seller, marketplace, direction, since, cursor, updated_at AS updatedAt FROM backfills
         WHERE ? IS NULL OR seller = ? ORDER BY seller, direction, marketplace`,
      )
      .all(seller ?? null, seller ?? null) as (CheckpointKey & Backfill)[];
  }
}

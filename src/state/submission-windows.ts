import type { WindowStore } from '../http/submission-window';
import { hasTable, type Db } from './db';

/**
 * When each request under a rolling-window limit went (JSON_LISTINGS_FEED submissions), per
 * seller and region as Amazon counts them. Kept as each one is counted, so a run that dies after
 * submitting still leaves the next run (or another process on the same state file) waiting for
 * the window instead of meeting a 429.
 */
export class SubmissionWindowStore {
  private readonly select;
  private readonly clear;
  private readonly insert;

  constructor(private readonly db: Db) {
    const ready = hasTable(db, 'submission_windows');
    this.select = ready
      ? db.prepare('SELECT sent_at_ms AS at FROM submission_windows WHERE seller = ? AND region = ? AND name = ?')
      : undefined;
    this.clear = ready ? db.prepare('DELETE FROM submission_windows WHERE seller = ? AND region = ? AND name = ?') : undefined;
    this.insert = ready ? db.prepare('INSERT INTO submission_windows (seller, region, name, sent_at_ms) VALUES (?, ?, ?, ?)') : undefined;
  }

  /** The window store of one seller in one region. */
  of(seller: string, region: string): WindowStore {
    return {
      load: (name) => ((this.select?.all(seller, region, name) ?? []) as { at: number }[]).map((r) => r.at),
      save: (name, times) =>
        this.db.transaction(() => {
          this.clear?.run(seller, region, name);
          for (const t of times) this.insert?.run(seller, region, name, Math.round(t));
        })(),
    };
  }
}

import type { Db } from './db';

/** Every feed we submitted, so a run can tell its own feeds apart and `status` can show them. */
export class FeedStore {
  constructor(private readonly db: Db) {}

  known(feedId: string): boolean {
    return this.db.prepare('SELECT 1 FROM feeds WHERE feed_id = ?').get(feedId) !== undefined;
  }

  /** `changes`: what the feed's messages carry, in message order, when a later run may need to read its result. */
  submitted(f: { feedId: string; seller: string; marketplace: string; feedType: string; documentId: string; messages: number; changes?: unknown[] }, now: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO feeds (feed_id, seller, marketplace, feed_type, document_id, messages, status, created_at, updated_at, changes)
         VALUES (?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?)`,
      )
      .run(f.feedId, f.seller, f.marketplace, f.feedType, f.documentId, f.messages, now, now, f.changes ? JSON.stringify(f.changes) : null);
  }

  /** Feeds of a type submitted and never finished (their run stopped), oldest first, with what they carried. */
  unfinished(seller: string, marketplace: string, feedType: string): Array<{ feedId: string; changes: unknown[] }> {
    const rows = this.db
      .prepare(`SELECT feed_id AS feedId, changes FROM feeds WHERE seller = ? AND marketplace = ? AND feed_type = ? AND status = 'SUBMITTED' AND changes IS NOT NULL ORDER BY created_at, feed_id`)
      .all(seller, marketplace, feedType) as Array<{ feedId: string; changes: string }>;
    return rows.map((r) => ({ feedId: r.feedId, changes: JSON.parse(r.changes) as unknown[] }));
  }

  finished(feedId: string, status: string, summary: unknown, now: string): void {
    this.db.prepare('UPDATE feeds SET status = ?, summary = ?, updated_at = ? WHERE feed_id = ?').run(status, JSON.stringify(summary ?? null), now, feedId);
  }
}

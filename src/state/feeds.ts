import type { Db } from './db';

/** Every feed we submitted, so a run can tell its own feeds apart and `status` can show them. */
export class FeedStore {
  constructor(private readonly db: Db) {}

  known(feedId: string): boolean {
    return this.db.prepare('SELECT 1 FROM feeds WHERE feed_id = ?').get(feedId) !== undefined;
  }

  submitted(f: { feedId: string; seller: string; marketplace: string; feedType: string; documentId: string; messages: number }, now: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO feeds (feed_id, seller, marketplace, feed_type, document_id, messages, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?)`,
      )
      .run(f.feedId, f.seller, f.marketplace, f.feedType, f.documentId, f.messages, now, now);
  }

  finished(feedId: string, status: string, summary: unknown, now: string): void {
    this.db.prepare('UPDATE feeds SET status = ?, summary = ?, updated_at = ? WHERE feed_id = ?').run(status, JSON.stringify(summary ?? null), now, feedId);
  }
}

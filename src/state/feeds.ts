import type { Db } from './db';

/** A feed about to be created: its content is uploaded, and from createFeed on it may exist on Amazon. */
export interface FeedIntent {
  documentId: string;
  seller: string;
  marketplace: string;
  feedType: string;
  messages: number;
}

/**
 * Every feed we submitted, so a run can tell its own feeds apart and `status` can show them; and
 * every feed we were about to submit, so a run that stopped before learning a feed's id leaves a
 * trace the next run looks for on Amazon instead of sending the same content again.
 */
export class FeedStore {
  constructor(private readonly db: Db) {}

  known(feedId: string): boolean {
    return this.db.prepare('SELECT 1 FROM feeds WHERE feed_id = ?').get(feedId) !== undefined;
  }

  /** The feed created from an uploaded document, once its id is known. */
  byDocument(documentId: string): string | undefined {
    return (this.db.prepare('SELECT feed_id AS feedId FROM feeds WHERE document_id = ?').get(documentId) as { feedId: string } | undefined)
      ?.feedId;
  }

  /** Written before createFeed is sent. */
  creating(f: FeedIntent, now: string): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO feed_intents (document_id, seller, marketplace, feed_type, messages, started_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(f.documentId, f.seller, f.marketplace, f.feedType, f.messages, now);
  }

  intents(seller: string, marketplace: string, feedType: string): (FeedIntent & { startedAt: string })[] {
    return this.db
      .prepare(
        `SELECT document_id AS documentId, seller, marketplace, feed_type AS feedType, messages, started_at AS startedAt
         FROM feed_intents WHERE seller = ? AND marketplace = ? AND feed_type = ? ORDER BY started_at`,
      )
      .all(seller, marketplace, feedType) as (FeedIntent & { startedAt: string })[];
  }

  /** An intent whose feed Amazon does not have: createFeed never reached it. */
  abandon(documentId: string): void {
    this.db.prepare('DELETE FROM feed_intents WHERE document_id = ?').run(documentId);
  }

  submitted(f: FeedIntent & { feedId: string }, now: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO feeds (feed_id, seller, marketplace, feed_type, document_id, messages, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?)`,
        )
        .run(f.feedId, f.seller, f.marketplace, f.feedType, f.documentId, f.messages, now, now);
      this.abandon(f.documentId);
    })();
  }

  finished(feedId: string, status: string, summary: unknown, now: string): void {
    this.db
      .prepare('UPDATE feeds SET status = ?, summary = ?, updated_at = ? WHERE feed_id = ?')
      .run(status, JSON.stringify(summary ?? null), now, feedId);
  }
}

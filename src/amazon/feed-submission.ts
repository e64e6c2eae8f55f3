import type { FeedIntent } from '../state/feeds';
import type { RunContext } from '../sync/context';
import { iso } from '../time';
import { FEED_CLOCK_SLACK_MS, findNewFeed, submitFeed } from './feeds-api';

export interface FeedContent {
  feedType: string;
  contentType: string;
  body: string;
  messages: number;
  /** Called with the input document just before createFeed, in the transaction that records the intent. */
  onCreating?: (documentId: string) => void;
  /** Called with the feed id in the transaction that records it. */
  onSubmitted?: (feedId: string) => void;
}

/** Submits a feed recorded twice in state: as an intent before createFeed, then with its id. Returns the feed id. */
export async function submitRecordedFeed(ctx: RunContext, f: FeedContent): Promise<string> {
  const intent = (documentId: string): FeedIntent => ({
    documentId,
    seller: ctx.seller.name,
    marketplace: ctx.marketplaceId,
    feedType: f.feedType,
    messages: f.messages,
  });
  const { feedId, documentId } = await submitFeed(ctx.sp, ctx.documents, {
    feedType: f.feedType,
    marketplaceId: ctx.marketplaceId,
    contentType: f.contentType,
    body: f.body,
    isKnown: (id) => ctx.state.feeds.known(id),
    clock: ctx.clock,
    // One transaction: the intent and what the caller keeps about the content leave one trace or none.
    onCreating: (documentId) =>
      ctx.state.db.transaction(() => {
        ctx.state.feeds.creating(intent(documentId), ctx.iso());
        f.onCreating?.(documentId);
      })(),
  });
  ctx.state.db.transaction(() => {
    ctx.state.feeds.submitted({ ...intent(documentId), feedId }, ctx.iso());
    f.onSubmitted?.(feedId);
  })();
  return feedId;
}

/**
 * Feeds of `feedType` an interrupted run was creating without learning their ids: each is looked
 * for on Amazon (a feed of that type we do not know, created since) and recorded, or forgotten when
 * Amazon has none. Returns input document id → feed id, or undefined for a feed never created.
 */
export async function recoverFeeds(ctx: RunContext, feedType: string): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const intent of ctx.state.feeds.intents(ctx.seller.name, ctx.marketplaceId, feedType)) {
    const since = iso(Date.parse(intent.startedAt) - FEED_CLOCK_SLACK_MS);
    const feedId = await findNewFeed(ctx.sp, feedType, since, (id) => ctx.state.feeds.known(id));
    if (feedId) ctx.state.feeds.submitted({ ...intent, feedId }, ctx.iso());
    else ctx.state.feeds.abandon(intent.documentId);
    out.set(intent.documentId, feedId);
  }
  return out;
}

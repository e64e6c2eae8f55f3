import { FEED_CLOCK_SLACK_MS, findNewFeed, submitFeed } from './feeds-api';
import type { HttpClient } from '../http/client';
import type { State } from '../state';
import type { FeedIntent } from '../state/feeds';

export interface FeedSubmissionEnv {
  sp: HttpClient;
  docs: HttpClient;
  state: State;
  clock: () => number;
  seller: string;
  marketplaceId: string;
}

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

const iso = (env: FeedSubmissionEnv): string => new Date(env.clock()).toISOString();

/** Submits a feed recorded twice in state: as an intent before createFeed, then with its id. Returns the feed id. */
export async function submitRecordedFeed(env: FeedSubmissionEnv, f: FeedContent): Promise<string> {
  const intent = (documentId: string): FeedIntent => ({ documentId, seller: env.seller, marketplace: env.marketplaceId, feedType: f.feedType, messages: f.messages });
  const { feedId, documentId } = await submitFeed(env.sp, env.docs, {
    feedType: f.feedType,
    marketplaceId: env.marketplaceId,
    contentType: f.contentType,
    body: f.body,
    isKnown: (id) => env.state.feeds.known(id),
    clock: env.clock,
    // One transaction: the intent and what the caller keeps about the content leave one trace or none.
    onCreating: (documentId) =>
      env.state.db.transaction(() => {
        env.state.feeds.creating(intent(documentId), iso(env));
        f.onCreating?.(documentId);
      })(),
  });
  env.state.db.transaction(() => {
    env.state.feeds.submitted({ ...intent(documentId), feedId }, iso(env));
    f.onSubmitted?.(feedId);
  })();
  return feedId;
}

/**
 * Feeds of `feedType` an interrupted run was creating without learning their ids: each is looked
 * for on Amazon (a feed of that type we do not know, created since) and recorded, or forgotten when
 * Amazon has none. Returns input document id → feed id, or undefined for a feed never created.
 */
export async function recoverFeeds(env: FeedSubmissionEnv, feedType: string): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const intent of env.state.feeds.intents(env.seller, env.marketplaceId, feedType)) {
    const since = new Date(Date.parse(intent.startedAt) - FEED_CLOCK_SLACK_MS).toISOString();
    const feedId = await findNewFeed(env.sp, feedType, since, (id) => env.state.feeds.known(id));
    if (feedId) env.state.feeds.submitted({ ...intent, feedId }, iso(env));
    else env.state.feeds.abandon(intent.documentId);
    out.set(intent.documentId, feedId);
  }
  return out;
}

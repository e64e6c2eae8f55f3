import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { HttpClient } from '../http/client';
import { downloadDocument, uploadDocument } from './documents';
import { pollUntilFinished, type PollDeps } from './poll';
import { iso } from '../time';

const BASE = '/feeds/2021-06-30';

export const feedSchema = z.object({
  feedId: z.string(),
  feedType: z.string(),
  createdTime: z.string(),
  processingStatus: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'FATAL', 'CANCELLED']),
  resultFeedDocumentId: z.string().optional(),
});
export type Feed = z.infer<typeof feedSchema>;

export interface FeedInput {
  feedType: string;
  marketplaceId: string;
  contentType: string;
  body: string;
  /** Whether a feed id is one this program already knows (so a found feed is not mistaken for ours). */
  isKnown: (feedId: string) => boolean;
  clock: () => number;
  /** Called once the content is uploaded, just before createFeed: from here on the feed may exist. */
  onCreating?: (documentId: string) => void;
}

/** How far before a moment a feed created then may carry an earlier createdTime: Amazon's clock is not ours. */
export const FEED_CLOCK_SLACK_MS = 60_000;

/**
 * createFeedDocument → upload → createFeed. createFeed is not safe to repeat: when its answer is
 * lost, Amazon is asked first (getFeeds) whether the feed exists, and only then is it sent again.
 */
export async function submitFeed(sp: HttpClient, docs: HttpClient, f: FeedInput): Promise<{ feedId: string; documentId: string }> {
  const doc = parseAnswer(
    z.object({ feedDocumentId: z.string(), url: z.string() }),
    (
      await sp.request<unknown>({
        operation: 'createFeedDocument',
        method: 'POST',
        path: `${BASE}/documents`,
        data: { contentType: f.contentType },
        idempotent: true,
      })
    ).data,
    'createFeedDocument',
  );
  await uploadDocument(docs, doc.url, f.contentType, f.body);
  const spec = { feedType: f.feedType, marketplaceIds: [f.marketplaceId], inputFeedDocumentId: doc.feedDocumentId };
  f.onCreating?.(doc.feedDocumentId);
  const send = async (): Promise<string> =>
    parseAnswer(
      z.object({ feedId: z.string() }),
      (
        await sp.request<unknown>({
          operation: 'createFeed',
          method: 'POST',
          path: `${BASE}/feeds`,
          data: spec,
          alsoLimitedBy: `feedType:${f.feedType}`,
        })
      ).data,
      'createFeed',
    ).feedId;
  const since = iso(f.clock() - FEED_CLOCK_SLACK_MS);
  try {
    return { feedId: await send(), documentId: doc.feedDocumentId };
  } catch (err) {
    if (!(err instanceof RemoteError && err.kind === 'uncertain')) throw err;
    const found = await findNewFeed(sp, f.feedType, since, f.isKnown);
    return { feedId: found ?? (await send()), documentId: doc.feedDocumentId };
  }
}

/** The newest feed of `feedType` created since `createdSince` that this program does not know: one whose createFeed answer was lost. */
export async function findNewFeed(
  sp: HttpClient,
  feedType: string,
  createdSince: string,
  isKnown: (id: string) => boolean,
): Promise<string | undefined> {
  const res = await sp.request<unknown>({
    operation: 'getFeeds',
    method: 'GET',
    path: `${BASE}/feeds`,
    params: { feedTypes: [feedType], createdSince, pageSize: 100 },
  });
  const feeds = parseAnswer(z.object({ feeds: z.array(feedSchema) }), res.data, 'getFeeds').feeds;
  return feeds.filter((x) => !isKnown(x.feedId)).sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0]?.feedId;
}

/** Waits for the feed, then downloads its processing report (absent when the feed was cancelled). */
export async function awaitFeed(
  sp: HttpClient,
  docs: HttpClient,
  deps: PollDeps,
  feedId: string,
  onWait?: (status: string, waitedMs: number) => void,
): Promise<{ feed: Feed; result?: string }> {
  const feed = await pollUntilFinished(
    async () =>
      parseAnswer(
        feedSchema,
        (await sp.request<unknown>({ operation: 'getFeed', method: 'GET', path: `${BASE}/feeds/${encodeURIComponent(feedId)}` })).data,
        'getFeed',
      ),
    deps,
    { what: `feed ${feedId}`, ...(onWait ? { onWait } : {}) },
  );
  if (!feed.resultFeedDocumentId) return { feed };
  const doc = parseAnswer(
    z.object({ url: z.string(), compressionAlgorithm: z.enum(['GZIP']).optional() }),
    (
      await sp.request<unknown>({
        operation: 'getFeedDocument',
        method: 'GET',
        path: `${BASE}/documents/${encodeURIComponent(feed.resultFeedDocumentId)}`,
      })
    ).data,
    'getFeedDocument',
  );
  return { feed, result: await downloadDocument(docs, doc.url, doc.compressionAlgorithm, 'downloadFeedResult') };
}

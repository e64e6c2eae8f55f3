import { awaitFeed } from '../amazon/feeds-api';
import { FLAT_FILE_CONTENT_TYPE, readFlatFileReport } from '../amazon/order-feeds';
import type { PollDeps } from '../amazon/poll';
import type { HttpClient } from '../http/client';
import type { Logger } from '../log';
import type { State } from '../state';
import { recoverFeeds, submitRecordedFeed, type FeedSubmissionEnv } from './feed-submission';

export interface OrderFeedEnv {
  sp: HttpClient;
  docs: HttpClient;
  state: State;
  poll: PollDeps;
  seller: string;
  marketplaceId: string;
  logger: Logger;
}

/** Per order: undefined when Amazon accepted every row of it, else what Amazon said. */
export type OrderFeedOutcome = { ok: true; errors: Map<string, string> } | { ok: false; reason: string };

/**
 * Sends one flat-file order feed and reads its processing report. `rowOrders[i]` is the order of
 * data row i + 1. This is the one place that knows how an order status reaches Amazon, so a move
 * to a per-order cancel operation (Amazon documents one, not yet in our models) changes only here.
 */
export async function sendOrderFeed(
  env: OrderFeedEnv,
  feedType: string,
  body: string,
  rowOrders: readonly string[],
  onSubmitted: (feedId: string) => void,
): Promise<OrderFeedOutcome & { feedId: string }> {
  const feedId = await submitRecordedFeed(submissionEnv(env), { feedType, contentType: FLAT_FILE_CONTENT_TYPE, body, messages: rowOrders.length, onSubmitted });
  return { ...(await feedOutcome(env, feedId, rowOrders)), feedId };
}

function submissionEnv(env: OrderFeedEnv): FeedSubmissionEnv {
  return { sp: env.sp, docs: env.docs, state: env.state, clock: env.poll.clock, seller: env.seller, marketplaceId: env.marketplaceId };
}

/**
 * The feed of `feedType` an interrupted run created without learning its id, if Amazon has it.
 * A run sends at most one feed per type and recovers before it sends, so there is at most one.
 */
export async function recoverOrderFeed(env: OrderFeedEnv, feedType: string): Promise<string | undefined> {
  return [...(await recoverFeeds(submissionEnv(env), feedType)).values()].find((id) => id !== undefined);
}

/** Waits for a submitted feed (this run's, or one an interrupted run left) and reads its report per order. */
export async function feedOutcome(env: OrderFeedEnv, feedId: string, rowOrders: readonly string[] = []): Promise<OrderFeedOutcome> {
  const at = (): string => new Date(env.poll.clock()).toISOString();
  const { feed, result } = await awaitFeed(env.sp, env.docs, env.poll, feedId, (status, waitedMs) => env.logger.progress(`waiting for order feed ${feedId}: ${status}, ${Math.round(waitedMs / 1000)} s`));
  if (feed.processingStatus !== 'DONE' || result === undefined) {
    env.state.feeds.finished(feedId, feed.processingStatus, null, at());
    return { ok: false, reason: `feed ${feedId} ended ${feed.processingStatus}` };
  }
  const report = readFlatFileReport(result);
  env.state.feeds.finished(feedId, feed.processingStatus, { processed: report.processed, successful: report.successful, errors: report.errors.length }, at());
  const errors = new Map<string, string>();
  for (const e of report.errors) {
    const order = e.orderId || rowOrders[e.record - 1] || '';
    errors.set(order, errors.has(order) ? `${errors.get(order)}; ${e.message}` : e.message);
  }
  return { ok: true, errors };
}

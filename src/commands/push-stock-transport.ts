import { awaitFeed } from '../amazon/feeds-api';
import { patchQuantity } from '../amazon/listings-api';
import { buildQuantityFeed, JSON_FEED_CONTENT_TYPE, MAX_FEED_MESSAGES, readProcessingReport, type QuantityChange } from '../amazon/listings-feed';
import type { PollDeps } from '../amazon/poll';
import { RemoteError } from '../errors';
import type { HttpClient } from '../http/client';
import type { Logger } from '../log';
import type { State } from '../state';
import type { ItemResult } from '../sync/types';
import { submitRecordedFeed, type FeedSubmissionEnv } from './feed-submission';

export interface TransportEnv {
  sp: HttpClient;
  docs: HttpClient;
  state: State;
  poll: PollDeps;
  logger: Logger;
  seller: { name: string; sellerId: string };
  marketplaceId: string;
  /** True once the run's deadline has passed: no further patch or feed is started. */
  pastDeadline: () => boolean;
}

/** What a transport did, and how many changes it left for the next run because the deadline came first. */
export interface Pushed {
  results: ItemResult[];
  left: number;
}

/** A quantity as a feed message: message n carries messages[n − 1]. */
export type PushedQuantity = Pick<QuantityChange, 'sku' | 'quantity'>;

const at = (env: TransportEnv): string => new Date(env.poll.clock()).toISOString();

export function feedEnv(env: TransportEnv): FeedSubmissionEnv {
  return { sp: env.sp, docs: env.docs, state: env.state, clock: env.poll.clock, seller: env.seller.name, marketplaceId: env.marketplaceId };
}

/** Records what Amazon said about `skus`: `accepted` are pushed, all of them are no longer in flight. */
export function settle(env: TransportEnv, skus: readonly string[], accepted: readonly PushedQuantity[]): void {
  env.state.stockPushes.settle(env.seller.name, env.marketplaceId, skus, accepted, at(env));
}

/** A handful of SKUs: one patchListingsItem each; Amazon validates them at once. The deadline can stop it between two patches. */
export async function pushByPatch(env: TransportEnv, changes: readonly QuantityChange[]): Promise<Pushed> {
  const results: ItemResult[] = [];
  for (const [i, c] of changes.entries()) {
    if (env.pastDeadline()) return { results, left: changes.length - i };
    env.state.stockPushes.begin(env.seller.name, env.marketplaceId, [c], null, at(env));
    try {
      const res = await patchQuantity(env.sp, { sellerId: env.seller.sellerId, marketplaceId: env.marketplaceId, ...c });
      if (res.status === 'ACCEPTED') {
        settle(env, [c.sku], [c]);
        results.push({ key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity) });
      } else {
        settle(env, [c.sku], []);
        const why = (res.issues ?? []).filter((i) => i.severity === 'ERROR').map((i) => `${i.code}: ${i.message}`).join('; ');
        results.push({ key: c.sku, ok: false, reason: `Amazon refused the quantity: ${why || res.status}`, retriable: true });
      }
    } catch (err) {
      // Anything but a refusal may have reached Amazon: the push stays in flight for the next run to check.
      if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
      settle(env, [c.sku], []);
      results.push({ key: c.sku, ok: false, reason: err.message, retriable: true });
    }
  }
  return { results, left: 0 };
}

/**
 * Waits for a feed of quantities and records its processing report per SKU. A feed that ends
 * FATAL or CANCELLED, or whose report has errors not tied to a message, records nothing.
 */
export async function settleFeed(env: TransportEnv, feedId: string, messages: readonly PushedQuantity[]): Promise<ItemResult[]> {
  const skus = messages.map((m) => m.sku);
  const { feed, result } = await awaitFeed(env.sp, env.docs, env.poll, feedId, (status, waitedMs) => {
    env.logger.debug('waiting for feed', { feedId, status, waitedMs });
    env.logger.progress(`waiting for stock feed ${feedId}: ${status}, ${Math.round(waitedMs / 1000)} s`);
  });
  if (feed.processingStatus !== 'DONE' || result === undefined) {
    env.state.feeds.finished(feedId, feed.processingStatus, null, at(env));
    settle(env, skus, []);
    return skus.map((sku) => ({ key: sku, ok: false, reason: `feed ${feedId} ended ${feed.processingStatus}; nothing was recorded`, retriable: true }));
  }
  const outcome = readProcessingReport(result, messages);
  env.state.feeds.finished(feedId, feed.processingStatus, outcome.summary, at(env));
  if (outcome.general.length) {
    settle(env, skus, []);
    return skus.map((sku) => ({ key: sku, ok: false, reason: `feed ${feedId}: ${outcome.general.join('; ')}`, retriable: true }));
  }
  settle(env, skus, messages.filter((m) => !outcome.rejected.has(m.sku)));
  return messages.map((m): ItemResult => {
    const why = outcome.rejected.get(m.sku);
    return why ? { key: m.sku, ok: false, reason: `Amazon refused the quantity: ${why}`, retriable: true } : { key: m.sku, ok: true, action: 'pushed', detail: String(m.quantity) };
  });
}

/**
 * Many SKUs: JSON_LISTINGS_FEEDs of at most 25,000 messages, each in flight from just before
 * createFeed. The deadline can stop it before a feed is submitted, never after: a submitted feed
 * is waited for and its report read.
 */
export async function pushByFeed(env: TransportEnv, changes: readonly QuantityChange[]): Promise<Pushed> {
  const results: ItemResult[] = [];
  for (let i = 0; i < changes.length; i += MAX_FEED_MESSAGES) {
    if (env.pastDeadline()) return { results, left: changes.length - i };
    const chunk = changes.slice(i, i + MAX_FEED_MESSAGES);
    const feedId = await submitRecordedFeed(feedEnv(env), {
      feedType: 'JSON_LISTINGS_FEED',
      contentType: JSON_FEED_CONTENT_TYPE,
      body: buildQuantityFeed(env.seller.sellerId, chunk),
      messages: chunk.length,
      onCreating: (documentId) =>
        env.state.stockPushes.begin(env.seller.name, env.marketplaceId, chunk.map((c, n) => ({ sku: c.sku, quantity: c.quantity, messageId: n + 1 })), documentId, at(env)),
    });
    env.logger.info('feed submitted', { feedId, messages: chunk.length });
    results.push(...(await settleFeed(env, feedId, chunk)));
  }
  return { results, left: 0 };
}

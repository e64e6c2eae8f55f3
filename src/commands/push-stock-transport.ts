import { awaitFeed, submitFeed } from '../amazon/feeds-api';
import { patchQuantity } from '../amazon/listings-api';
import { buildQuantityFeed, JSON_FEED_CONTENT_TYPE, MAX_FEED_MESSAGES, readProcessingReport, type QuantityChange } from '../amazon/listings-feed';
import type { PollDeps } from '../amazon/poll';
import { RemoteError } from '../errors';
import type { HttpClient } from '../http/client';
import type { Logger } from '../log';
import type { State } from '../state';
import type { ItemResult } from '../sync/types';

export interface TransportEnv {
  sp: HttpClient;
  docs: HttpClient;
  state: State;
  poll: PollDeps;
  logger: Logger;
  seller: { name: string; sellerId: string };
  marketplaceId: string;
  /** Called as soon as some SKUs are accepted, so what was pushed is durable before the next step. */
  accepted: (changes: QuantityChange[]) => void;
}

/** A handful of SKUs: one patchListingsItem each; Amazon validates them at once. */
export async function pushByPatch(env: TransportEnv, changes: readonly QuantityChange[]): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const c of changes) {
    try {
      const res = await patchQuantity(env.sp, { sellerId: env.seller.sellerId, marketplaceId: env.marketplaceId, ...c });
      if (res.status === 'ACCEPTED') {
        env.accepted([c]);
        results.push({ key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity) });
      } else {
        const why = (res.issues ?? []).filter((i) => i.severity === 'ERROR').map((i) => `${i.code}: ${i.message}`).join('; ');
        results.push({ key: c.sku, ok: false, reason: `Amazon refused the quantity: ${why || res.status}`, retriable: true });
      }
    } catch (err) {
      if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
      results.push({ key: c.sku, ok: false, reason: err.message, retriable: true });
    }
  }
  return results;
}

/**
 * Many SKUs: JSON_LISTINGS_FEEDs of at most 25,000 messages. Each feed's processing report
 * decides per SKU; a feed that ends FATAL or CANCELLED changes nothing in state. What a feed
 * carries is kept with it, so a run that stops while it is processed leaves it to the next run to read.
 */
export async function pushByFeed(env: TransportEnv, changes: readonly QuantityChange[]): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (let i = 0; i < changes.length; i += MAX_FEED_MESSAGES) {
    const chunk = changes.slice(i, i + MAX_FEED_MESSAGES);
    const { feedId, documentId } = await submitFeed(env.sp, env.docs, {
      feedType: FEED_TYPE,
      marketplaceId: env.marketplaceId,
      contentType: JSON_FEED_CONTENT_TYPE,
      body: buildQuantityFeed(env.seller.sellerId, chunk),
      isKnown: (id) => env.state.feeds.known(id),
      clock: env.poll.clock,
    });
    env.state.feeds.submitted({ feedId, documentId, seller: env.seller.name, marketplace: env.marketplaceId, feedType: FEED_TYPE, messages: chunk.length, changes: chunk }, at(env));
    env.logger.info('feed submitted', { feedId, messages: chunk.length });
    results.push(...(await settleFeed(env, feedId, chunk)));
  }
  return results;
}

/**
 * Feeds an earlier run submitted but never read, because it stopped: their results are recorded
 * first, so what they carried is not sent a second time (what they failed is sent again as usual).
 */
export async function finishEarlierFeeds(env: TransportEnv): Promise<void> {
  for (const { feedId, changes } of env.state.feeds.unfinished(env.seller.name, env.marketplaceId, FEED_TYPE)) {
    const results = await settleFeed(env, feedId, changes as QuantityChange[]);
    env.logger.info('read the result of a feed an earlier run submitted', { feedId, messages: changes.length, accepted: results.filter((r) => r.ok).length });
  }
}

const FEED_TYPE = 'JSON_LISTINGS_FEED';
const at = (env: TransportEnv): string => new Date(env.poll.clock()).toISOString();

/** Waits for a feed and records, per SKU, what its processing report says. */
async function settleFeed(env: TransportEnv, feedId: string, chunk: readonly QuantityChange[]): Promise<ItemResult[]> {
  const { feed, result } = await awaitFeed(env.sp, env.docs, env.poll, feedId, (status, waitedMs) => env.logger.debug('waiting for feed', { feedId, status, waitedMs }));
  if (feed.processingStatus !== 'DONE' || result === undefined) {
    env.state.feeds.finished(feedId, feed.processingStatus, null, at(env));
    return chunk.map((c) => ({ key: c.sku, ok: false as const, reason: `feed ${feedId} ended ${feed.processingStatus}; nothing was recorded`, retriable: true }));
  }
  const outcome = readProcessingReport(result, chunk);
  env.state.feeds.finished(feedId, feed.processingStatus, outcome.summary, at(env));
  if (outcome.general.length) {
    return chunk.map((c) => ({ key: c.sku, ok: false as const, reason: `feed ${feedId}: ${outcome.general.join('; ')}`, retriable: true }));
  }
  env.accepted(chunk.filter((c) => !outcome.rejected.has(c.sku)));
  return chunk.map((c): ItemResult => {
    const why = outcome.rejected.get(c.sku);
    return why ? { key: c.sku, ok: false, reason: `Amazon refused the quantity: ${why}`, retriable: true } : { key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity) };
  });
}

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
  /** True once the run's deadline has passed: no further patch or feed is started. */
  pastDeadline: () => boolean;
}

/** What a transport did, and how many changes it left for the next run because the deadline came first. */
export interface Pushed {
  results: ItemResult[];
  left: number;
}

/** A handful of SKUs: one patchListingsItem each; Amazon validates them at once. The deadline can stop it between two patches. */
export async function pushByPatch(env: TransportEnv, changes: readonly QuantityChange[]): Promise<Pushed> {
  const results: ItemResult[] = [];
  for (const [i, c] of changes.entries()) {
    if (env.pastDeadline()) return { results, left: changes.length - i };
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
  return { results, left: 0 };
}

/**
 * Many SKUs: JSON_LISTINGS_FEEDs of at most 25,000 messages. Each feed's processing report
 * decides per SKU; a feed that ends FATAL or CANCELLED changes nothing in state. The deadline can
 * stop it before a feed is submitted, never after: no later run picks up a feed it did not send,
 * so a submitted feed is always waited for and its report read.
 */
export async function pushByFeed(env: TransportEnv, changes: readonly QuantityChange[]): Promise<Pushed> {
  const results: ItemResult[] = [];
  for (let i = 0; i < changes.length; i += MAX_FEED_MESSAGES) {
    if (env.pastDeadline()) return { results, left: changes.length - i };
    const chunk = changes.slice(i, i + MAX_FEED_MESSAGES);
    const { feedId, documentId } = await submitFeed(env.sp, env.docs, {
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceId: env.marketplaceId,
      contentType: JSON_FEED_CONTENT_TYPE,
      body: buildQuantityFeed(env.seller.sellerId, chunk),
      isKnown: (id) => env.state.feeds.known(id),
      clock: env.poll.clock,
    });
    const at = (): string => new Date(env.poll.clock()).toISOString();
    env.state.feeds.submitted({ feedId, documentId, seller: env.seller.name, marketplace: env.marketplaceId, feedType: 'JSON_LISTINGS_FEED', messages: chunk.length }, at());
    env.logger.info('feed submitted', { feedId, messages: chunk.length });
    const { feed, result } = await awaitFeed(env.sp, env.docs, env.poll, feedId, (status, waitedMs) => {
      env.logger.debug('waiting for feed', { feedId, status, waitedMs });
      env.logger.progress(`waiting for stock feed ${feedId}: ${status}, ${Math.round(waitedMs / 1000)} s`);
    });
    if (feed.processingStatus !== 'DONE' || result === undefined) {
      env.state.feeds.finished(feedId, feed.processingStatus, null, at());
      results.push(...chunk.map((c) => ({ key: c.sku, ok: false as const, reason: `feed ${feedId} ended ${feed.processingStatus}; nothing was recorded`, retriable: true })));
      continue;
    }
    const outcome = readProcessingReport(result, chunk);
    env.state.feeds.finished(feedId, feed.processingStatus, outcome.summary, at());
    if (outcome.general.length) {
      results.push(...chunk.map((c) => ({ key: c.sku, ok: false as const, reason: `feed ${feedId}: ${outcome.general.join('; ')}`, retriable: true })));
      continue;
    }
    const ok = chunk.filter((c) => !outcome.rejected.has(c.sku));
    env.accepted(ok);
    for (const c of chunk) {
      const why = outcome.rejected.get(c.sku);
      results.push(why ? { key: c.sku, ok: false, reason: `Amazon refused the quantity: ${why}`, retriable: true } : { key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity) });
    }
  }
  return { results, left: 0 };
}

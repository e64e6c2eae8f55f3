import { awaitFeed } from '../../amazon/feeds-api';
import { patchQuantity } from '../../amazon/listings-api';
import {
  buildQuantityFeed,
  feedWideMessage,
  JSON_FEED_CONTENT_TYPE,
  MAX_FEED_MESSAGES,
  readProcessingReport,
  type QuantityChange,
} from '../../amazon/listings-feed';
import { RemoteError } from '../../errors';
import type { FeedFailure, ItemResult } from '../../sync/types';
import { submitRecordedFeed } from '../../amazon/feed-submission';
import type { RunContext } from '../../sync/context';

/**
 * What a transport did, and how many changes it left for the next run because the deadline came
 * first. SKUs a feed pushed are only counted (`counted.pushed`): a --full push of a catalogue would
 * otherwise hold a result per SKU to say one number. `results` has the rest: failures, patches, and
 * anything with a warning.
 */
export interface Pushed {
  results: ItemResult[];
  counted?: Record<string, number>;
  left: number;
  /** Accepted by a feed, but Amazon offers another quantity: no result yet, for the caller to send again. */
  unapplied?: (Unapplied & { productType: string })[];
}

/** A quantity as a feed message: message n carries messages[n − 1]. */
export type PushedQuantity = Pick<QuantityChange, 'sku' | 'quantity'>;

/** A quantity Amazon accepted and does not offer: `shown` is what buyers see instead. */
export interface Unapplied {
  sku: string;
  quantity: number;
  shown: number;
}

/** How many SKUs a run's warnings name one by one before they only count the rest. */
export const NAMED_SKUS = 20;

/** Records what Amazon said about `skus`: `accepted` are pushed, `shown` is what it offers instead; none is in flight any more. */
export function settle(
  ctx: RunContext,
  skus: readonly string[],
  accepted: readonly PushedQuantity[],
  shown: readonly PushedQuantity[] = [],
): void {
  ctx.state.stockPushes.settle(ctx.seller.name, ctx.marketplaceId, skus, accepted, ctx.iso(), shown);
}

/** A handful of SKUs: one patchListingsItem each; Amazon validates them at once. The deadline can stop it between two patches. */
export async function pushByPatch(ctx: RunContext, changes: readonly QuantityChange[]): Promise<Pushed> {
  const results: ItemResult[] = [];
  for (const [i, c] of changes.entries()) {
    if (ctx.pastDeadline()) return { results, left: changes.length - i };
    ctx.state.stockPushes.begin(ctx.seller.name, ctx.marketplaceId, [c], null, ctx.iso());
    try {
      const res = await patchQuantity(ctx.sp, { sellerId: ctx.seller.sellerId, marketplaceId: ctx.marketplaceId, ...c });
      if (res.status === 'ACCEPTED') {
        settle(ctx, [c.sku], [c]);
        results.push({ key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity) });
      } else {
        settle(ctx, [c.sku], []);
        const why = (res.issues ?? [])
          .filter((i) => i.severity === 'ERROR')
          .map((i) => `${i.code}: ${i.message}`)
          .join('; ');
        results.push({ key: c.sku, ok: false, reason: `Amazon refused the quantity: ${why || res.status}`, retriable: true });
      }
    } catch (err) {
      // Anything but a refusal may have reached Amazon: the push stays in flight for the next run to check.
      if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
      settle(ctx, [c.sku], []);
      results.push({ key: c.sku, ok: false, reason: err.message, retriable: true });
    }
  }
  return { results, left: 0 };
}

/** What a feed's processing report said: the messages Amazon took (the caller's own objects), the failures, and what it took but does not offer. */
export interface FeedSettled<M extends PushedQuantity> {
  accepted: M[];
  failures: ItemResult[];
  unapplied: Unapplied[];
}

/**
 * Waits for a feed of quantities and records its processing report per SKU. A feed that ends
 * FATAL or CANCELLED, or whose report has errors not tied to a message, records nothing. A
 * message accepted without error whose item shows another quantity was not applied: it is not
 * pushed, is not among `accepted`, and is returned as `unapplied` (amzn/selling-partner-api-models#5327).
 */
export async function settleFeed<M extends PushedQuantity>(
  ctx: RunContext,
  feedId: string,
  messages: readonly M[],
): Promise<FeedSettled<M>> {
  const skus = messages.map((m) => m.sku);
  const { feed, result } = await awaitFeed(ctx.sp, ctx.documents, ctx, feedId, (status, waitedMs) => {
    ctx.log.debug('waiting for feed', { feedId, status, waitedMs });
    ctx.log.progress(`waiting for stock feed ${feedId}: ${status}, ${Math.round(waitedMs / 1000)} s`);
  });
  if (feed.processingStatus !== 'DONE' || result === undefined) {
    ctx.state.feeds.finished(feedId, feed.processingStatus, null, ctx.iso());
    settle(ctx, skus, []);
    const failed = { feedId, feedType: feed.feedType, status: feed.processingStatus, message: feedWideMessage(result) };
    return {
      accepted: [],
      failures: failedWith(skus, failed, `feed ${feedId} ended ${feed.processingStatus}; nothing was recorded`),
      unapplied: [],
    };
  }
  const outcome = readProcessingReport(result, messages);
  ctx.state.feeds.finished(feedId, feed.processingStatus, outcome.summary, ctx.iso());
  if (outcome.general.length) {
    settle(ctx, skus, []);
    const message = outcome.general.join('; ');
    return {
      accepted: [],
      failures: failedWith(skus, { feedId, feedType: feed.feedType, status: feed.processingStatus, message }, `feed ${feedId}: ${message}`),
      unapplied: [],
    };
  }
  const unapplied: Unapplied[] = [];
  const failures: ItemResult[] = [];
  const accepted: M[] = [];
  for (const m of messages) {
    const why = outcome.rejected.get(m.sku);
    const shown = outcome.shown.get(m.sku);
    if (why) failures.push({ key: m.sku, ok: false, reason: `Amazon refused the quantity: ${why}`, retriable: true });
    else if (shown !== undefined && shown !== m.quantity) unapplied.push({ sku: m.sku, quantity: m.quantity, shown });
    else accepted.push(m);
  }
  settle(
    ctx,
    skus,
    accepted,
    unapplied.map((u) => ({ sku: u.sku, quantity: u.shown })),
  );
  if (unapplied.length) ctx.log.warn('the feed was accepted but Amazon offers other quantities', { feedId, skus: unapplied.length });
  return { accepted, failures, unapplied };
}

const FEED_WINDOW = 'feedType:JSON_LISTINGS_FEED';

/**
 * Amazon counts JSON_LISTINGS_FEED submissions in a rolling window (reference/spapi-2026-12.md §2):
 * a big push waits for it here, before building the next document, rather than meeting a 429.
 * False when the wait would outlast the deadline: nothing is uploaded that could not be submitted.
 */
async function waitForFeedWindow(ctx: RunContext): Promise<boolean> {
  const wait = ctx.sp.rateWait(FEED_WINDOW);
  if (wait <= 0) return true;
  if (ctx.deadline !== undefined && ctx.clock() + wait > ctx.deadline) return false;
  ctx.log.info("waiting for Amazon's listings feed window", { marketplace: ctx.marketplaceId, waitS: Math.ceil(wait / 1000) });
  ctx.log.progress(`waiting ${Math.ceil(wait / 1000)} s for Amazon's listings feed window (5 feeds per 5 minutes)`);
  await ctx.sleep(wait);
  return true;
}

/** Every SKU of a feed Amazon applied none of: retried next run, and reported once for the feed. */
function failedWith(skus: readonly string[], feed: FeedFailure, reason: string): ItemResult[] {
  const said = feed.message && !reason.includes(feed.message) ? ` (Amazon: ${feed.message})` : '';
  return skus.map((sku) => ({ key: sku, ok: false, reason: `${reason}${said}`, retriable: true, feed }));
}

/**
 * Many SKUs: JSON_LISTINGS_FEEDs of at most 25,000 messages, each in flight from just before
 * createFeed. The deadline can stop it before a feed is submitted, never after: a submitted feed
 * is waited for and its report read.
 */
export async function pushByFeed(
  ctx: RunContext,
  changes: { readonly length: number; slice(start: number, end: number): readonly QuantityChange[] },
): Promise<Pushed> {
  const results: ItemResult[] = [];
  const unapplied: NonNullable<Pushed['unapplied']> = [];
  const counted = { pushed: 0 };
  for (let i = 0; i < changes.length; i += MAX_FEED_MESSAGES) {
    if (ctx.pastDeadline() || !(await waitForFeedWindow(ctx))) return { results, counted, left: changes.length - i, unapplied };
    const chunk = changes.slice(i, i + MAX_FEED_MESSAGES);
    const feedId = await submitRecordedFeed(ctx, {
      feedType: 'JSON_LISTINGS_FEED',
      contentType: JSON_FEED_CONTENT_TYPE,
      body: buildQuantityFeed(ctx.seller.sellerId, chunk),
      messages: chunk.length,
      onCreating: (documentId) =>
        ctx.state.stockPushes.begin(
          ctx.seller.name,
          ctx.marketplaceId,
          chunk.map((c, n) => ({ sku: c.sku, quantity: c.quantity, messageId: n + 1 })),
          documentId,
          ctx.iso(),
        ),
    });
    ctx.log.info('feed submitted', { feedId, messages: chunk.length });
    const settled = await settleFeed(ctx, feedId, chunk);
    counted.pushed += settled.accepted.length;
    for (const r of settled.failures) results.push(r);
    if (settled.unapplied.length) {
      const productType = new Map(chunk.map((c) => [c.sku, c.productType]));
      unapplied.push(...settled.unapplied.map((u) => ({ ...u, productType: productType.get(u.sku) ?? '' })));
    }
  }
  return { results, counted, left: 0, unapplied };
}

/**
 * Sends by patch the quantities Amazon accepted and does not offer (their last pushed quantity
 * already says what Amazon shows, so a run stopped here pushes them next time). Each is counted as
 * `repushed`; the first NAMED_SKUS carry a warning, the next one counts the rest.
 */
export async function repush(ctx: RunContext, items: readonly (Unapplied & { productType: string })[], source: string): Promise<Pushed> {
  if (items.length === 0) return { results: [], left: 0 };
  ctx.log.warn('Amazon offers other quantities than it accepted: sending them again by patch', {
    marketplace: ctx.marketplaceId,
    skus: items.length,
    source,
  });
  const { results, left } = await pushByPatch(
    ctx,
    items.map(({ sku, productType, quantity }) => ({ sku, productType, quantity })),
  );
  const bySku = new Map(items.map((i) => [i.sku, i]));
  let named = 0;
  return {
    left,
    results: results.map((r): ItemResult => {
      const u = bySku.get(r.key);
      if (!r.ok || !u) return r;
      named++;
      const warning =
        named <= NAMED_SKUS
          ? `Amazon accepted ${u.quantity} but offered ${u.shown} (${source}): sent again by patch`
          : named === NAMED_SKUS + 1
            ? `one of ${items.length - NAMED_SKUS} more SKU(s) Amazon accepted but did not offer, not named one by one (${source}): sent again by patch`
            : undefined;
      return { ...r, action: 'repushed', ...(warning ? { warning } : {}) };
    }),
  };
}

import { searchListings } from '../../amazon/listings-api';
import type { ItemResult } from '../../sync/types';
import type { PushInFlight } from '../../state/stock-pushes';
import { recoverFeeds } from '../../amazon/feed-submission';
import type { RunContext } from '../../sync/context';
import { settle, settleFeed } from './transport';

const SEARCH_BATCH = 20;

/**
 * Finds out what became of the quantities an interrupted run sent: a feed is looked for and waited
 * for, a patch is compared with the listing's quantity on Amazon. What Amazon took is recorded as
 * pushed and not sent again; the rest is pushed afresh like any other change. On Amazon a patched
 * quantity can take a while to show, so a patch checked soon after may be sent once more, which
 * does no harm: it sets the same quantity.
 */
export async function resumePushes(ctx: RunContext): Promise<ItemResult[]> {
  const inFlight = ctx.state.stockPushes.inFlight(ctx.seller.name, ctx.marketplaceId);
  if (inFlight.length === 0) return [];
  ctx.log.info('checking quantities an interrupted run sent', { marketplace: ctx.marketplaceId, count: inFlight.length });
  await recoverFeeds(ctx, 'JSON_LISTINGS_FEED');
  const results: ItemResult[] = [];
  const byFeed = new Map<string, PushInFlight[]>();
  for (const p of inFlight) {
    if (p.documentId === null) continue;
    const group = byFeed.get(p.documentId);
    if (group) group.push(p);
    else byFeed.set(p.documentId, [p]);
  }
  for (const [documentId, pushes] of byFeed) {
    const feedId = ctx.state.feeds.byDocument(documentId);
    const messages = [...pushes].sort((a, b) => (a.messageId ?? 0) - (b.messageId ?? 0));
    // A quantity the feed left unapplied is settled at what Amazon shows, and so pushed again below.
    if (feedId) {
      const settled = await settleFeed(ctx, feedId, messages);
      // Listed one by one: the comparison with the last pushed quantities needs to know which SKUs these are.
      for (const m of settled.accepted) results.push({ key: m.sku, ok: true, action: 'pushed', detail: String(m.quantity) });
      results.push(...settled.failures);
    } else
      settle(
        ctx,
        messages.map((m) => m.sku),
        [],
      );
  }
  const patches = inFlight.filter((p) => p.documentId === null);
  for (let i = 0; i < patches.length; i += SEARCH_BATCH) results.push(...(await checkPatches(ctx, patches.slice(i, i + SEARCH_BATCH))));
  // Counted apart from this run's own pushes; what Amazon did not take is pushed again below.
  return results.flatMap((r): ItemResult[] => (r.ok ? [{ ...r, action: 'pushed-before' }] : []));
}

async function checkPatches(ctx: RunContext, pushes: readonly PushInFlight[]): Promise<ItemResult[]> {
  const onAmazon = new Map<string, number | undefined>();
  for await (const page of searchListings(ctx.sp, {
    sellerId: ctx.seller.sellerId,
    marketplaceId: ctx.marketplaceId,
    skus: pushes.map((p) => p.sku),
  })) {
    for (const item of page)
      onAmazon.set(item.sku, item.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT')?.quantity);
  }
  const arrived = pushes.filter((p) => onAmazon.get(p.sku) === p.quantity);
  settle(
    ctx,
    pushes.map((p) => p.sku),
    arrived,
  );
  return arrived.map((p) => ({ key: p.sku, ok: true, action: 'pushed', detail: String(p.quantity) }));
}

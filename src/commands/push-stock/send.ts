import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import type { StockChanges } from './changes';
import { pushByFeed, pushByPatch, repush, type Pushed } from './transport';

/**
 * Sends a marketplace's quantity changes. A SKU that sold out (its last pushed quantity was above
 * zero) is withdrawn first, by patchListingsItem: a feed can wait hours in Amazon's queue behind
 * other listing changes (amzn/selling-partner-api-models#4823) while the SKU goes on selling.
 * A SKU never pushed has no offer of ours to withdraw and goes with the rest, so a first push of a
 * large catalogue does not spend its first hour on patches. The rest keeps the feed-or-patch
 * choice by count (more than `patchThreshold` go by feed). Quantities a feed left unapplied are
 * sent again by patch.
 */
export async function sendChanges(ctx: RunContext, changes: StockChanges, patchThreshold: number): Promise<Pushed> {
  const isSoldOut = (i: number): boolean => changes.quantity(i) === 0 && (changes.lastPushed(i) ?? 0) > 0;
  const soldOutAt = changes.where(isSoldOut);
  const soldOut = soldOutAt.slice(0, soldOutAt.length);
  // The rest are positions into the changes, not a copy of them: a --full push holds the whole catalogue's.
  const rest = changes.where((i) => !isSoldOut(i));
  const results: ItemResult[] = [];
  if (soldOut.length) {
    ctx.log.info('withdrawing sold-out SKUs by patch first', { marketplace: ctx.marketplaceId, changes: soldOut.length });
    const first = await pushByPatch(ctx, soldOut);
    for (const r of first.results) results.push(r);
    if (first.left) return { results, left: first.left + rest.length };
  }
  let left = 0;
  let counted: Record<string, number> | undefined;
  if (rest.length) {
    const viaFeed = rest.length > patchThreshold;
    ctx.log.info(viaFeed ? 'pushing by feed' : 'pushing by patch', { marketplace: ctx.marketplaceId, changes: rest.length });
    const sent = await (viaFeed ? pushByFeed(ctx, rest) : pushByPatch(ctx, rest.slice(0, rest.length)));
    for (const r of sent.results) results.push(r);
    counted = sent.counted;
    left = sent.left;
    if (sent.unapplied?.length) {
      const again = await repush(ctx, sent.unapplied, "the feed's processing report");
      for (const r of again.results) results.push(r);
      left += again.left;
    }
  }
  return { results, ...(counted ? { counted } : {}), left };
}

import type { QuantityChange } from '../../amazon/listings-feed';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { pushByFeed, pushByPatch, repush, type Pushed } from './transport';

/** A quantity to push, and the last one pushed for the SKU (undefined: never pushed). */
export interface StockChange extends QuantityChange {
  lastPushed: number | undefined;
}

/**
 * Sends a marketplace's quantity changes. A SKU that sold out (its last pushed quantity was above
 * zero) is withdrawn first, by patchListingsItem: a feed can wait hours in Amazon's queue behind
 * other listing changes (amzn/selling-partner-api-models#4823) while the SKU goes on selling.
 * A SKU never pushed has no offer of ours to withdraw and goes with the rest, so a first push of a
 * large catalogue does not spend its first hour on patches. The rest keeps the feed-or-patch
 * choice by count (more than `patchThreshold` go by feed). Quantities a feed left unapplied are
 * sent again by patch.
 */
export async function sendChanges(ctx: RunContext, changes: readonly StockChange[], patchThreshold: number): Promise<Pushed> {
  // A StockChange is a QuantityChange: the changes are split, not copied (a --full push holds the whole catalogue's).
  const soldOut: QuantityChange[] = changes.filter((c) => c.quantity === 0 && (c.lastPushed ?? 0) > 0);
  const rest: QuantityChange[] = changes.filter((c) => !(c.quantity === 0 && (c.lastPushed ?? 0) > 0));
  const results: ItemResult[] = [];
  if (soldOut.length) {
    ctx.log.info('withdrawing sold-out SKUs by patch first', { marketplace: ctx.marketplaceId, changes: soldOut.length });
    const first = await pushByPatch(ctx, soldOut);
    for (const r of first.results) results.push(r);
    if (first.left) return { results, left: first.left + rest.length };
  }
  let left = 0;
  if (rest.length) {
    const viaFeed = rest.length > patchThreshold;
    ctx.log.info(viaFeed ? 'pushing by feed' : 'pushing by patch', { marketplace: ctx.marketplaceId, changes: rest.length });
    const sent = await (viaFeed ? pushByFeed(ctx, rest) : pushByPatch(ctx, rest));
    for (const r of sent.results) results.push(r);
    left = sent.left;
    if (sent.unapplied?.length) {
      const again = await repush(ctx, sent.unapplied, "the feed's processing report");
      for (const r of again.results) results.push(r);
      left += again.left;
    }
  }
  return { results, left };
}

import type { QuantityChange } from '../../amazon/listings-feed';
import type { ItemResult } from '../../sync/types';
import { pushByFeed, pushByPatch, repush, type Pushed, type TransportEnv } from './transport';
import { verifyAfterFull } from './verify';

export interface SendPlan {
  /** --full: every quantity is sent, then checked against what Amazon offers. */
  full: boolean;
  /** More changes than this go by feed; this many or fewer by patch. */
  patchThreshold: number;
  /** Each SKU's last pushed quantity before this run. */
  last: ReadonlyMap<string, { quantity: number }>;
}

/**
 * Sends a marketplace's quantity changes. A SKU that sold out (its last pushed quantity was above
 * zero) is withdrawn first, by patchListingsItem: a feed can wait hours in Amazon's queue behind
 * other listing changes (amzn/selling-partner-api-models#4823) while the SKU goes on selling.
 * A SKU never pushed has no offer of ours to withdraw and goes with the rest, so a first push of a
 * large catalogue does not spend its first hour on patches. The rest keeps the feed-or-patch
 * choice by count. Quantities a feed left unapplied are sent again by patch, and a --full push
 * ends by checking what Amazon offers.
 */
export async function sendChanges(env: TransportEnv, changes: readonly QuantityChange[], plan: SendPlan): Promise<Pushed> {
  const soldOut = changes.filter((c) => c.quantity === 0 && (plan.last.get(c.sku)?.quantity ?? 0) > 0);
  const withdrawn = new Set(soldOut.map((c) => c.sku));
  const rest = changes.filter((c) => !withdrawn.has(c.sku));
  const results: ItemResult[] = [];
  if (soldOut.length) {
    env.logger.info('withdrawing sold-out SKUs by patch first', { marketplace: env.marketplaceId, changes: soldOut.length });
    const first = await pushByPatch(env, soldOut);
    results.push(...first.results);
    if (first.left) return { results, left: first.left + rest.length };
  }
  let left = 0;
  if (rest.length) {
    const viaFeed = rest.length > plan.patchThreshold;
    env.logger.info(viaFeed ? 'pushing by feed' : 'pushing by patch', { marketplace: env.marketplaceId, changes: rest.length });
    const sent = await (viaFeed ? pushByFeed(env, rest) : pushByPatch(env, rest));
    results.push(...sent.results);
    left = sent.left;
    if (sent.unapplied?.length) {
      const again = await repush(env, sent.unapplied, "the feed's processing report");
      results.push(...again.results);
      left += again.left;
    }
  }
  if (!plan.full || left > 0) return { results, left };
  return verifyAfterFull(env, results, changes);
}

import type { SellerContext } from '../../sync/context';
import { orderFindings } from './orders';
import { readOrderPairs, readStockPairs, readWarehouse } from './read';
import { mergeUnknown, stockFinding } from './stock';
import { sortFindings, type Finding } from './types';

export interface Compared {
  findings: Finding[];
  orders: number;
  listings: number;
}

/**
 * Reads both systems for one seller (orders last updated since `since`, every merchant listing) and
 * lists where they disagree. `recheck`: order ids read by id when the search does not show them.
 */
export async function compareSeller(
  ctx: SellerContext,
  since: string,
  lateWithinMs: number,
  recheck: ReadonlySet<string> = new Set(),
): Promise<Compared> {
  const side = await readWarehouse(ctx);
  const options = { now: ctx.now, lateWithinMs, knownSkus: side.knownSkus };
  const findings: Finding[] = [];
  let orders = 0;
  let listings = 0;
  for (const marketplaceId of ctx.seller.marketplaceIds) {
    const pairs = await readOrderPairs(ctx, marketplaceId, since, recheck);
    orders += pairs.length;
    for (const p of pairs) findings.push(...orderFindings(p, options));
    const stock = await readStockPairs(ctx, marketplaceId, side);
    listings += stock.length;
    for (const s of stock) {
      const f = stockFinding(s, side.knownSkus);
      if (f) findings.push(f);
    }
  }
  return { findings: sortFindings(mergeUnknown(findings)), orders, listings };
}

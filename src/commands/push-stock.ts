import { sellableBySku } from '../allocadence/inventory';
import type { QuantityChange } from '../amazon/listings-feed';
import type { SellerConfig } from '../config';
import type { ItemResult, RunSummary } from '../sync/types';
import { withRun } from '../sync/with-run';
import type { CommandContext } from './context';
import { finishEarlierFeeds, pushByFeed, pushByPatch } from './push-stock-transport';

export interface PushStockOptions {
  /** Push every quantity, not only those that differ from the last successful push. */
  full: boolean;
}

/** Sellable minus the item's safety stock, then the seller's share and cap; never below zero. */
export function offeredQuantity(sellable: number, safetyStock: number, stock: SellerConfig['stock']): number {
  const share = Math.floor((Math.max(0, sellable - safetyStock) * stock.percent) / 100);
  return Math.max(0, stock.max === null ? share : Math.min(stock.max, share));
}

/** `push-stock`: Allocadence's sellable stock becomes the quantity of this seller's merchant-fulfilled listings. */
export async function pushStock(ctx: CommandContext, opts: PushStockOptions): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  const env = { state: ctx.state, logger: ctx.deps.logger, clock: ctx.deps.clock, stats: ctx.stats };
  for (const seller of ctx.sellers) {
    summaries.push(
      await withRun(env, 'push-stock', seller, ctx.options.dryRun, async (run) => {
        // Stock and safety stock are read once per seller: every marketplace ships from the same warehouse.
        const sellable = await sellableBySku(ctx.allocadence, seller.warehouse);
        const safety = await ctx.allocadenceItems.safetyStockBySku();
        for (const marketplaceId of seller.marketplaceIds) {
          const mp = run.marketplace(marketplaceId);
          // Amazon-fulfilled SKUs are stocked by Amazon: pushing a merchant quantity to them would be wrong.
          const listings = ctx.state.listings.all(seller.name, marketplaceId).filter((l) => l.fulfillment === 'MERCHANT' && !l.isParent);
          if (listings.length === 0) {
            run.log.warn('no merchant-fulfilled listings known for this marketplace: run pull-items first', { marketplace: marketplaceId });
            continue;
          }
          mp.read = listings.length;
          const transport = {
            sp: ctx.spApi(seller),
            docs: ctx.documents,
            state: ctx.state,
            poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep },
            logger: run.log,
            seller,
            marketplaceId,
            accepted: (ok: QuantityChange[]) => ctx.state.listings.recordPushed(seller.name, marketplaceId, ok, run.iso()),
          };
          if (!run.dryRun) await finishEarlierFeeds(transport);
          const last = ctx.state.listings.lastPushed(seller.name, marketplaceId);
          const changes: QuantityChange[] = [];
          const skipped: ItemResult[] = [];
          for (const l of listings) {
            const quantity = offeredQuantity(sellable.get(l.sku) ?? 0, safety.get(l.sku) ?? 0, seller.stock);
            if (!opts.full && last.get(l.sku) === quantity) skipped.push({ key: l.sku, ok: true, action: 'unchanged' });
            else if (!l.productType) skipped.push({ key: l.sku, ok: false, reason: 'the listing\'s product type is unknown; run pull-items', retriable: false });
            else changes.push({ sku: l.sku, productType: l.productType, quantity });
          }
          run.record(mp, skipped);
          if (changes.length === 0) continue;
          if (run.dryRun) {
            run.record(mp, changes.map((c) => ({ key: c.sku, ok: true, action: 'would-push', detail: `${c.quantity}${last.has(c.sku) ? ` (was ${last.get(c.sku)})` : ''}` })));
            continue;
          }
          const viaFeed = changes.length > seller.stock.patchThreshold;
          run.log.info(viaFeed ? 'pushing by feed' : 'pushing by patch', { marketplace: marketplaceId, changes: changes.length });
          run.record(mp, await (viaFeed ? pushByFeed(transport, changes) : pushByPatch(transport, changes)));
        }
      }),
    );
  }
  return summaries;
}

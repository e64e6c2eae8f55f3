import type { QuantityChange } from '../../amazon/listings-feed';
import type { SellerConfig } from '../../config/schema';
import { mapLimit } from '../../sync/concurrency';
import type { ItemResult, MarketplaceSummary, RunSummary } from '../../sync/types';
import { withRun, type RunHandle } from '../../sync/with-run';
import type { CommandContext } from '../context';
import { readStockFacts, type StockFacts } from './stock-facts';
import { resumePushes } from './resume';
import { sendChanges } from './send';
import type { TransportEnv } from './transport';

export interface PushStockOptions {
  /** Push every quantity, not only those that differ from the last successful push. */
  full: boolean;
}

/**
 * Sellable minus the item's safety stock, then the seller's share and cap; a whole number, never
 * below zero. A negative safety stock (a typo in the warehouse) must not offer more than is there.
 */
export function offeredQuantity(sellable: number, safetyStock: number, stock: SellerConfig['stock']): number {
  const share = Math.floor((Math.max(0, sellable - Math.max(0, safetyStock)) * stock.percent) / 100);
  return Math.max(0, stock.max === null ? share : Math.min(stock.max, share));
}

/** `push-stock`: Allocadence's sellable stock becomes the quantity of this seller's merchant-fulfilled listings. */
export async function pushStock(ctx: CommandContext, flags: { full?: boolean }): Promise<RunSummary[]> {
  const opts: PushStockOptions = { full: flags.full === true };
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    summaries.push(
      await withRun(ctx.runEnv(seller), 'push-stock', seller, ctx.options.dryRun, async (run) => {
        // Stock and safety stock are read once per seller: every marketplace ships from the same warehouse.
        const stock = await readStockFacts(ctx.allocadence, ctx.allocadenceItems, seller.warehouse, run.log);
        // Marketplaces side by side: one's feed is processed by Amazon while another's patches go out.
        const mps = seller.marketplaceIds.map((id) => ({ id, mp: run.marketplace(id) }));
        await mapLimit(mps, mps.length, ({ id, mp }) => pushMarketplace(ctx, run, seller, id, mp, stock, opts));
      }),
    );
  }
  return summaries;
}

async function pushMarketplace(
  ctx: CommandContext,
  run: RunHandle,
  seller: SellerConfig,
  marketplaceId: string,
  mp: MarketplaceSummary,
  stock: StockFacts,
  opts: PushStockOptions,
): Promise<void> {
  // Amazon-fulfilled SKUs are stocked by Amazon: pushing a merchant quantity to them would be wrong.
  const listings = ctx.state.listings.all(seller.name, marketplaceId).filter((l) => l.fulfillment === 'MERCHANT' && !l.isParent);
  if (listings.length === 0) {
    run.log.warn('no merchant-fulfilled listings known for this marketplace: run pull-items first', { marketplace: marketplaceId });
    return;
  }
  mp.read = listings.length;
  const transport: TransportEnv = {
    sp: ctx.spApi(seller),
    docs: ctx.documents,
    state: ctx.state,
    poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep },
    logger: run.log,
    seller,
    marketplaceId,
    pastDeadline: run.pastDeadline,
  };
  // Before comparing with the last pushed quantities: an interrupted run may have pushed more than it recorded.
  const resumed = run.dryRun ? [] : await resumePushes(transport);
  run.record(mp, resumed);
  // What the interrupted run got through counts as pushed now, even for --full: a rerun finishes its push rather than repeating it.
  const fresh = new Set(resumed.map((r) => r.key));
  const last = ctx.state.listings.lastPushed(seller.name, marketplaceId);
  const changes: QuantityChange[] = [];
  const skipped: ItemResult[] = [];
  for (const l of listings) {
    const unknown = stock.unknown.get(l.sku);
    if (unknown) {
      skipped.push({ key: l.sku, ok: false, reason: unknown, retriable: true });
      continue;
    }
    const quantity = offeredQuantity(stock.sellable.get(l.sku) ?? 0, stock.safety.get(l.sku) ?? 0, seller.stock);
    if ((!opts.full || fresh.has(l.sku)) && last.get(l.sku)?.quantity === quantity) skipped.push({ key: l.sku, ok: true, action: 'unchanged' });
    else if (!l.productType) skipped.push({ key: l.sku, ok: false, reason: 'the listing\'s product type is unknown; run pull-items', retriable: false });
    else changes.push({ sku: l.sku, productType: l.productType, quantity });
  }
  // Longest unpushed first: a run stopped at the deadline leaves the most recently pushed SKUs for
  // later, so with --full, which pushes every SKU, no SKU is left behind run after run.
  const pushedAt = (sku: string): string => last.get(sku)?.at ?? '';
  changes.sort((a, b) => (pushedAt(a.sku) < pushedAt(b.sku) ? -1 : pushedAt(a.sku) > pushedAt(b.sku) ? 1 : 0));
  run.record(mp, skipped);
  if (changes.length === 0) return;
  if (run.dryRun) {
    run.record(mp, changes.map((c) => ({ key: c.sku, ok: true, action: 'would-push', detail: `${c.quantity}${last.has(c.sku) ? ` (was ${last.get(c.sku)?.quantity})` : ''}` })));
    return;
  }
  const { results, left } = await sendChanges(transport, changes, { full: opts.full, patchThreshold: seller.stock.patchThreshold, last });
  run.record(mp, results);
  if (left) run.stopAtDeadline(marketplaceId, `${left} SKU(s) not pushed yet, pushed first next run`);
}

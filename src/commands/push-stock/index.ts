import type { SellerConfig } from '../../config/schema';
import type { RunContext } from '../../sync/context';
import type { DirectionFactory, WholeSetDirection } from '../../sync/direction';
import type { ItemResult } from '../../sync/types';
import { resumePushes } from './resume';
import { StockChanges } from './changes';
import { sendChanges } from './send';
import { readStockFacts, type StockFacts } from './stock-facts';
import { verifyAfterFull } from './verify';

/**
 * Sellable minus the item's safety stock, then the seller's share and cap; a whole number, never
 * below zero. A negative safety stock (a typo in the warehouse) must not offer more than is there.
 */
export function offeredQuantity(sellable: number, safetyStock: number, stock: SellerConfig['stock']): number {
  const share = Math.floor((Math.max(0, sellable - Math.max(0, safetyStock)) * stock.percent) / 100);
  return Math.max(0, stock.max === null ? share : Math.min(stock.max, share));
}

/**
 * One marketplace's listings against the warehouse's stock: what differs from the last push (or,
 * with `full`, everything) is a change. An interrupted run's pushes are settled first: what Amazon
 * took counts as pushed, so a rerun finishes that push rather than repeating it.
 */
async function reconcile(
  ctx: RunContext,
  stock: StockFacts,
  full: boolean,
): Promise<{ read: number; settled: ItemResult[]; counted: Record<string, number>; changes: StockChanges[] }> {
  const { state, seller, marketplaceId } = ctx;
  // Before comparing with the last pushed quantities: an interrupted run may have pushed more than it recorded.
  const resumed = ctx.dryRun ? [] : await resumePushes(ctx);
  // What the interrupted run got through counts as pushed now, even for --full: a rerun finishes its push rather than repeating it.
  const fresh = new Set(resumed.map((r) => r.key));
  const changes = new StockChanges();
  const settled: ItemResult[] = [...resumed];
  // Unchanged SKUs are counted, not listed: a catalogue's worth of results would be held to say one number.
  let unchanged = 0;
  let read = 0;
  // One row at a time, longest unpushed first: a run stopped at the deadline leaves the most recently
  // pushed SKUs for later, so with --full, which pushes every SKU, no SKU is left behind run after run.
  // Amazon-fulfilled SKUs are not among them: stocked by Amazon, a merchant quantity would be wrong.
  for (const l of state.listings.stockCandidates(seller.name, marketplaceId)) {
    read++;
    const unknown = stock.unknown.get(l.sku);
    if (unknown) {
      settled.push({ key: l.sku, ok: false, reason: unknown, retriable: true });
      continue;
    }
    const quantity = offeredQuantity(stock.sellable.get(l.sku) ?? 0, stock.safety.get(l.sku) ?? 0, seller.stock);
    if ((!full || fresh.has(l.sku)) && l.lastQuantity === quantity) unchanged++;
    else if (!l.productType)
      settled.push({ key: l.sku, ok: false, reason: "the listing's product type is unknown; run pull-items", retriable: false });
    else changes.add({ sku: l.sku, productType: l.productType, quantity, lastPushed: l.lastQuantity ?? undefined });
  }
  if (read === 0)
    ctx.log.warn('no merchant-fulfilled listings known for this marketplace: run pull-items first', { marketplace: marketplaceId });
  // The changes travel as one batch: the runner needs no more than whether there are any.
  return { read, settled, counted: { unchanged }, changes: changes.length ? [changes] : [] };
}

/** reconcile makes one batch per marketplace; a caller with changes of its own may pass several. */
function oneBatch(batches: readonly StockChanges[]): StockChanges {
  const [only] = batches;
  if (only && batches.length === 1) return only;
  return StockChanges.of(batches.flatMap((b) => b.slice(0, b.length)));
}

/** `push-stock`: Allocadence's sellable stock becomes the quantity of this seller's merchant-fulfilled listings. */
export const pushStock: DirectionFactory = (_seller, flags): WholeSetDirection<StockChanges> => {
  const full = flags.full === true;
  let stock: StockFacts | undefined;
  let compared = 0;
  return {
    kind: 'whole-set',
    // Stock and safety stock are read once per seller: every marketplace ships from the same warehouse.
    async prepare(ctx) {
      stock = await readStockFacts(ctx.allocadence.clients, ctx.allocadence.items, ctx.seller.warehouse, ctx.log);
    },
    reconcile(ctx) {
      // The runner prepares before any marketplace; without the stock nothing may be offered.
      if (!stock) throw new Error('push-stock: the warehouse stock was not read before the listings');
      const facts = stock;
      // Once every marketplace has compared, the stock is let go: it is not held while feeds go out.
      if (++compared === ctx.seller.marketplaceIds.length) stock = undefined;
      return reconcile(ctx, facts, full);
    },
    async write(ctx, batches) {
      const changes = oneBatch(batches);
      if (!ctx.dryRun) return sendChanges(ctx, changes, ctx.seller.stock.patchThreshold);
      const would = changes.slice(0, changes.length).map((c): ItemResult => ({
        key: c.sku,
        ok: true,
        action: 'would-push',
        detail: `${c.quantity}${c.lastPushed !== undefined ? ` (was ${c.lastPushed})` : ''}`,
      }));
      return { results: would, left: 0 };
    },
    // A --full push ends by checking what Amazon offers.
    finish: (ctx, batches, written) => (full && !ctx.dryRun ? verifyAfterFull(ctx, written, oneBatch(batches)) : Promise.resolve(written)),
    leftOver: (count) => `${count} SKU(s) not pushed yet, pushed first next run`,
  };
};

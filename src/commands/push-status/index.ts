import { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { CustomerOrder } from '../../allocadence/types';
import { OrderRebuilder } from '../../amazon/order-rebuild';
import type { BuyerCancelOrder } from '../../state/buyer-cancels';
import type { RunContext } from '../../sync/context';
import type { DirectionFactory, Listed, WindowDirection } from '../../sync/direction';
import type { ItemResult, Window } from '../../sync/types';
import { StatusBatch } from './batch';
import { consider, orderedMs, type Lookers } from './consider';
import { considerLines } from './lines';
import type { Kind } from './send';

/** Orders looked at side by side: Allocadence's shipment check for one overlaps Amazon's getOrder wait for another. */
const CONSIDER_CONCURRENCY = 4;

/** One thing to look at: an order from the retry queue, lines from the buyer-cancel queue, or an order the window found. */
type StatusWork =
  { from: 'retry'; key: string } | { from: 'lines'; queued: BuyerCancelOrder } | { from: 'window'; alloc: CustomerOrder; kind: Kind };

const keyOf = (w: StatusWork): string => (w.from === 'retry' ? w.key : w.from === 'lines' ? w.queued.amazonOrderId : w.alloc.orderNumber);

/**
 * Allocadence filters orders by modification date from an instant, with no upper bound, and does
 * not promise an order: so every page is read first (cheap, no rate limit), each order placed by
 * its change date for the runner to look at oldest first. The shipping orders the completed ones
 * need are read in one go.
 */
async function listChanged(ctx: RunContext, look: Lookers, window: Window): Promise<Listed<StatusWork>[]> {
  const changed: { alloc: CustomerOrder; kind: Kind }[] = [];
  for await (const page of ctx.allocadence.orders.list({ modifiedSince: window.from, cancelled: true }))
    changed.push(...page.map((alloc) => ({ alloc, kind: 'cancel' as const })));
  for await (const page of ctx.allocadence.orders.list({ modifiedSince: window.from, completed: true }))
    changed.push(...page.map((alloc) => ({ alloc, kind: 'complete' as const })));
  const completed = changed.filter((c) => c.kind === 'complete').map((c) => orderedMs(c.alloc, look.shipped.zone));
  if (completed.length)
    await look.shipped.coverSince(completed.includes(undefined) ? undefined : Math.min(...(completed as number[])), ctx.now);
  return changed.map((c) => ({ item: { from: 'window', ...c }, position: Date.parse(c.alloc.modifiedDate ?? '') || undefined }));
}

/** An order that failed before, found again by its number: told Amazon if the warehouse still has it cancelled or completed. */
async function retry(ctx: RunContext, look: Lookers, batch: StatusBatch, key: string): Promise<ItemResult[]> {
  const alloc = await ctx.allocadence.orders.findByNumber(key);
  if (alloc?.cancelled) return consider(ctx, look, batch, alloc, 'cancel');
  if (alloc?.completed) return consider(ctx, look, batch, alloc, 'complete');
  return [{ key, ok: true, action: 'no-longer-needed' }];
}

/**
 * `push-status`: cancellations and completions without shipment records, and lines the warehouse
 * took off because the buyer asked to cancel them, told to Amazon in one feed of each kind per run,
 * sent once the orders are looked at.
 */
export const pushStatus: DirectionFactory = (seller): WindowDirection<StatusWork> => {
  // One scan of the warehouse's shipping orders per run, shared by its marketplaces; so is the rebuilt order map.
  const look: Lookers = {
    shipped: new ShippingOrderReader(seller.allocadence.clients, seller.allocadence.zone),
    rebuild: new OrderRebuilder(seller),
  };
  const batches = new Map<string, StatusBatch>();
  const batchOf = (ctx: RunContext): StatusBatch => {
    const batch = batches.get(ctx.marketplaceId) ?? new StatusBatch();
    batches.set(ctx.marketplaceId, batch);
    return batch;
  };
  return {
    kind: 'window',
    bounds: {
      lagMs: 0,
      initialLookbackMs: (s) => s.status.initialLookbackDays * 86_400_000,
      lookbackMs: (s) => s.status.lookbackMinutes * 60_000,
    },
    read: {
      kind: 'listed',
      concurrency: CONSIDER_CONCURRENCY,
      unit: 'order(s)',
      list: (ctx, window) => listChanged(ctx, look, window),
      queued: (ctx) =>
        ctx.state.orders.buyerCancels.waiting(ctx.seller.name, ctx.marketplaceId).map((queued) => ({ from: 'lines' as const, queued })),
    },
    keyOf,
    // A feed an interrupted run created without learning its id: its orders are read from it, not sent again.
    setup: (ctx) => batchOf(ctx).recover(ctx),
    // Looked up by number when its turn comes, beside the others.
    // eslint-disable-next-line @typescript-eslint/require-await -- the runner reads retries as an async iterable; these need no call
    async *refetch(_ctx, keys) {
      yield { items: keys.map((key) => ({ from: 'retry' as const, key })), missing: [] };
    },
    async write(ctx, work) {
      const batch = batchOf(ctx);
      const out: ItemResult[] = [];
      for (const w of work) {
        if (w.from === 'retry') out.push(...(await retry(ctx, look, batch, w.key)));
        else if (w.from === 'lines') out.push(...(await considerLines(ctx, w.queued, batch.lines)));
        else out.push(...(await consider(ctx, look, batch, w.alloc, w.kind)));
      }
      return out;
    },
    finish: (ctx) => batchOf(ctx).finish(ctx),
  };
};

import type { CustomerOrder } from '../../allocadence/types';
import { RemoteError } from '../../errors';
import type { RunContext } from '../../sync/context';
import type { DirectionFactory, Listed, WindowDirection } from '../../sync/direction';
import type { ItemResult, Window } from '../../sync/types';
import { iso } from '../../time';
import { blanked, isBlank } from './blank';
import { whoseOrder } from './whose';

const DAY = 86_400_000;
/** A first run (or one after the state file was lost) looks this far back: every completed order there is. */
const FIRST_RUN_DAYS = 3650;
/** Each run reads again two days before its checkpoint: the completion filter compares whole days in the account's zone. */
const LOOKBACK_MS = 2 * DAY;

/**
 * `redact-pii`: the buyer data of Amazon orders completed more than `privacy.redactAfterDays` ago
 * is blanked in Allocadence, once. The window is of completion times and ends that many days
 * before now, so the checkpoint follows the threshold; an order is looked at when it crosses it.
 */
export const redactPii: DirectionFactory = (seller): WindowDirection<CustomerOrder> => {
  const afterMs = (seller.seller.privacy.redactAfterDays ?? 0) * DAY;
  return {
    kind: 'window',
    skip: (s) =>
      s.privacy.redactAfterDays === undefined
        ? 'privacy.redactAfterDays is not set for this seller: no buyer data is redacted (opt-in, see the README "Buyer data")'
        : undefined,
    bounds: { lagMs: afterMs, lookbackMs: () => LOOKBACK_MS, initialLookbackMs: () => FIRST_RUN_DAYS * DAY },
    read: {
      kind: 'listed',
      concurrency: 4,
      unit: 'order(s)',
      list: (ctx, window) => listCompleted(ctx, window),
    },
    keyOf: (o) => o.id,
    async *refetch(ctx, keys) {
      for (const key of keys) {
        const o = await ctx.allocadence.orders.get(key);
        if (o) yield { items: [o], missing: [] };
        else yield { items: [], missing: [{ key, ok: true, action: 'gone' }] };
      }
    },
    write: async (ctx, orders) => Promise.all(orders.map((o) => redact(ctx, o, afterMs))),
  };
};

/** Completed orders of the window, by completion time; only this seller's and marketplace's Amazon orders. */
async function listCompleted(ctx: RunContext, window: Window): Promise<Listed<CustomerOrder>[]> {
  const orders = ctx.allocadence.orders;
  const to = Date.parse(window.to);
  const out: Listed<CustomerOrder>[] = [];
  for await (const page of orders.list({ completed: true, completedSince: window.from })) {
    for (const o of page) {
      const at = orders.completedAt(o);
      if (at !== undefined && at > to) continue;
      const whose = whoseOrder(ctx.state, ctx.seller, o);
      if (!whose.amazon || whose.seller !== ctx.seller.name) continue;
      // An order no marketplace can be told from goes with the seller's first.
      if ((whose.marketplace ?? ctx.seller.marketplaceIds[0]) !== ctx.marketplaceId) continue;
      out.push({ item: o, position: at });
    }
  }
  return out;
}

/**
 * One order: checked again (completed, old enough, Amazon's, this seller's), then blanked with an
 * intent row before the call. What Allocadence shows decides whether it is done already, so a run
 * that stopped between the call and its bookkeeping does not send it again.
 */
async function redact(ctx: RunContext, o: CustomerOrder, afterMs: number): Promise<ItemResult> {
  const key = o.id;
  const whose = whoseOrder(ctx.state, ctx.seller, o);
  if (!whose.amazon || whose.seller !== ctx.seller.name) return { key, ok: true, action: 'not-amazon' };
  const completedAt = ctx.allocadence.orders.completedAt(o);
  if (!o.completed || o.cancelled) return { key, ok: true, action: 'not-completed' };
  if (completedAt === undefined || completedAt > ctx.now - afterMs) return { key, ok: true, action: 'not-due' };
  const ledger = ctx.state.redactions;
  const row = { allocOrderId: key, seller: ctx.seller.name, orderNumber: o.orderNumber, completedAt: iso(completedAt) };
  if (isBlank(o)) {
    if (!ctx.dryRun && ledger.status(key) !== 'done') ledger.mark(row, 'done', ctx.iso());
    return { key, ok: true, action: 'already-redacted' };
  }
  if (ctx.dryRun) return { key, ok: true, action: 'would-redact', detail: `order ${o.orderNumber}, completed ${iso(completedAt)}` };
  ledger.mark(row, 'redacting', ctx.iso());
  try {
    await ctx.allocadence.orders.updateAddress(key, blanked(o));
  } catch (err) {
    if (err instanceof RemoteError && err.kind === 'item')
      return { key, ok: false, reason: `Allocadence refused to edit completed order ${o.orderNumber}: ${err.message}`, retriable: true };
    throw err;
  }
  ledger.mark(row, 'done', ctx.iso());
  return { key, ok: true, action: 'redacted', detail: `order ${o.orderNumber}` };
}

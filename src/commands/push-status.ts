import { parseAccountDate } from '../allocadence/account-time';
import { ShippingOrderReader } from '../allocadence/shipment-reader';
import type { CustomerOrder } from '../allocadence/types';
import { acknowledgementFeed, fulfillmentFeed } from '../amazon/order-feeds';
import { getOrder } from '../amazon/orders-api';
import type { Order } from '../amazon/orders-types';
import type { SellerConfig } from '../config';
import { DeadlineReachedError, RemoteError } from '../errors';
import { mapLimit } from '../sync/concurrency';
import type { ItemResult, RunSummary } from '../sync/types';
import { planWindow } from '../sync/window';
import { withRun, type RunHandle } from '../sync/with-run';
import { accountZone } from './account-zone';
import type { CommandContext } from './context';
import { feedOutcome, recoverOrderFeed, sendOrderFeed, type OrderFeedEnv } from './push-status-feed';

type Kind = 'cancel' | 'complete';
const FEED_TYPES: Record<Kind, string> = { cancel: 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA', complete: 'POST_FLAT_FILE_FULFILLMENT_DATA' };
interface Candidate {
  kind: Kind;
  alloc: CustomerOrder;
  amazon: Order;
}

const SHIPPED = new Set(['SHIPPED', 'PARTIALLY_SHIPPED']);

/** When the order was placed, as an instant (API 2.0 dates carry the account's offset; one without is read in its zone). */
function orderedMs(o: CustomerOrder, zone: string): number | undefined {
  return o.orderedDate ? parseAccountDate(o.orderedDate, zone) : undefined;
}

export function cancelReason(seller: SellerConfig, allocadenceReason: string | null | undefined): string {
  return (allocadenceReason ? seller.status.cancelReasons[allocadenceReason] : undefined) ?? seller.status.defaultCancelReason;
}

/** Orders looked at side by side: Allocadence's shipment check for one overlaps Amazon's getOrder wait for another. */
const CONSIDER_CONCURRENCY = 4;

/** `push-status`: cancellations and completions without shipment records, told to Amazon in one feed each per run. */
export async function pushStatus(ctx: CommandContext, opts: { since?: string }): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    // One scan of the warehouse's shipping orders per run, shared by its marketplaces.
    const shipped = new ShippingOrderReader(ctx.allocadence, accountZone(ctx));
    summaries.push(
      await withRun(ctx.runEnv(seller), 'push-status', seller, ctx.options.dryRun, async (run) => {
        for (const marketplaceId of seller.marketplaceIds) await pushMarketplace(ctx, seller, marketplaceId, run, opts, shipped);
      }),
    );
  }
  return summaries;
}

/** One thing to look at: an order from the retry queue, or one the window found. */
interface Task {
  modifiedMs?: number;
  look(): Promise<void>;
}

/**
 * Allocadence filters orders by modification date from an instant, with no upper bound, and does
 * not promise an order: so every page is read first (cheap, no rate limit), and the orders are
 * looked at oldest change first. At the deadline no further order is looked at; those looked at
 * still get their feed (a feed once submitted is always read to its end), and the checkpoint moves
 * to the change date of the first order not reached, where the next run continues.
 */
async function pushMarketplace(ctx: CommandContext, seller: SellerConfig, marketplaceId: string, run: RunHandle, opts: { since?: string }, shipped: ShippingOrderReader): Promise<void> {
  const sp = ctx.spApi(seller);
  const key = { seller: seller.name, marketplace: marketplaceId, direction: 'push-status' };
  const { window, trusted: checkpoint } = planWindow(ctx.state, run.log, {
    command: 'push-status',
    key,
    now: run.now,
    lagMs: 0,
    lookbackMs: seller.status.lookbackMinutes * 60_000,
    initialLookbackMs: seller.status.initialLookbackDays * 86_400_000,
    since: opts.since,
  });
  const mp = run.marketplace(marketplaceId, window);
  const results: ItemResult[] = [];
  const candidates: Candidate[] = [];
  const resumed: Array<{ id: string; kind: Kind; feedId: string }> = [];
  const seen = new Set<string>();
  const feedEnv: OrderFeedEnv = { sp, docs: ctx.documents, state: ctx.state, poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep }, seller: seller.name, marketplaceId, logger: run.log };
  // A feed an interrupted run created without learning its id: its orders are read from it below, not sent again.
  for (const kind of ['cancel', 'complete'] as const) {
    const feedId = run.dryRun ? undefined : await recoverOrderFeed(feedEnv, FEED_TYPES[kind]);
    if (!feedId) continue;
    for (const id of ctx.state.ledgers.unsentStatusPushes(seller.name, kind)) {
      if (ctx.state.orders.get(id)?.marketplace === marketplaceId) ctx.state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', feedId, null, run.iso());
    }
  }

  /** Decides whether an Allocadence order needs telling Amazon, and settles the cases that need no feed. */
  const consider = async (alloc: CustomerOrder, kind: Kind): Promise<void> => {
    const id = alloc.orderNumber;
    if (seen.has(`${kind}:${id}`)) return;
    seen.add(`${kind}:${id}`);
    mp.read++;
    const mapped = ctx.state.orders.get(id);
    if (!mapped || mapped.seller !== seller.name || mapped.marketplace !== marketplaceId) return;
    // Cancelled on Amazon first (pull-orders cancelled it here): nothing to tell Amazon.
    if (kind === 'cancel' && mapped.state === 'cancelled') return;
    const ledger = ctx.state.ledgers.statusPush(id, kind);
    if (ledger?.status === 'done' || ledger?.status === 'rejected') return void results.push({ key: id, ok: true, action: 'already-sent' });
    // An earlier run sent it and stopped before reading the result: read that feed, do not send again.
    if (ledger?.status === 'submitted' && ledger.feedId) return void resumed.push({ id, kind, feedId: ledger.feedId });
    if (kind === 'complete' && (ctx.state.ledgers.hasShipments(id) || (await shipped.hasShipments(id, orderedMs(alloc, shipped.zone), run.now)))) return void results.push({ key: id, ok: true, action: 'has-shipments' });
    let amazon;
    try {
      amazon = await getOrder(sp, id, undefined, run.deadline);
    } catch (err) {
      // One order Amazon answers oddly for is that order's failure, retried next run; not the whole run's.
      if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
      return void results.push({ key: id, ok: false, reason: err.message, retriable: true });
    }
    if (!amazon) return void results.push({ key: id, ok: false, reason: 'Amazon does not know this order', retriable: false });
    const status = amazon.fulfillment?.fulfillmentStatus ?? '';
    const settle = (action: string, warning?: string): void => {
      if (!run.dryRun) ctx.state.ledgers.setStatusPush(seller.name, id, kind, warning ? 'rejected' : 'done', null, warning ?? null, run.iso());
      results.push({ key: id, ok: true, action, ...(warning ? { warning } : {}) });
    };
    if (kind === 'cancel' && SHIPPED.has(status)) return settle('not-cancelled', `cancelled in Allocadence but Amazon shows it ${status}: not cancelled there`);
    if (kind === 'cancel' && status === 'CANCELLED') return settle('already-cancelled');
    if (kind === 'complete' && status === 'SHIPPED') return settle('already-shipped');
    if (kind === 'complete' && status === 'CANCELLED') return settle('not-shipped', 'completed in Allocadence but cancelled on Amazon');
    candidates.push({ kind, alloc, amazon });
  };

  const tasks: Task[] = ctx.state.retries.list(key).map((waiting) => ({
    look: async () => {
      const alloc = await ctx.allocadenceOrders.findByNumber(waiting.key);
      if (alloc?.cancelled) await consider(alloc, 'cancel');
      else if (alloc?.completed) await consider(alloc, 'complete');
      else results.push({ key: waiting.key, ok: true, action: 'no-longer-needed' });
    },
  }));
  if (window) {
    const changed: Array<{ alloc: CustomerOrder; kind: Kind }> = [];
    for await (const page of ctx.allocadenceOrders.list({ modifiedSince: window.from, cancelled: true })) changed.push(...page.map((alloc) => ({ alloc, kind: 'cancel' as const })));
    for await (const page of ctx.allocadenceOrders.list({ modifiedSince: window.from, completed: true })) changed.push(...page.map((alloc) => ({ alloc, kind: 'complete' as const })));
    const modifiedMs = (o: CustomerOrder): number => Date.parse(o.modifiedDate ?? '') || 0;
    changed.sort((a, b) => modifiedMs(a.alloc) - modifiedMs(b.alloc));
    const completed = changed.filter((c) => c.kind === 'complete').map((c) => orderedMs(c.alloc, shipped.zone));
    if (completed.length) await shipped.coverSince(completed.includes(undefined) ? undefined : Math.min(...(completed as number[])), run.now);
    tasks.push(...changed.map((c) => ({ modifiedMs: modifiedMs(c.alloc), look: () => consider(c.alloc, c.kind) })));
  }
  const reached = await mapLimit(tasks, CONSIDER_CONCURRENCY, async (task) => {
    if (run.pastDeadline()) return false;
    try {
      await task.look();
      return true;
    } catch (err) {
      // Its getOrder would have waited past the deadline: looked at next run.
      if (err instanceof DeadlineReachedError) return false;
      throw err;
    }
  });
  const firstLeft = reached.indexOf(false);

  // Feeds an earlier run left and this run's two feeds are waited for together: each wait is Amazon processing a feed.
  const feeds: Array<() => Promise<ItemResult[]>> = [];
  for (const feedId of new Set(resumed.map((r) => r.feedId))) {
    const mine = resumed.filter((r) => r.feedId === feedId);
    if (!run.dryRun) feeds.push(async () => settleFeed(feedEnv, seller, mine[0]?.kind ?? 'cancel', mine.map((r) => r.id), await feedOutcome(feedEnv, feedId), feedId, run));
  }
  for (const kind of ['cancel', 'complete'] as const) {
    const batch = candidates.filter((c) => c.kind === kind);
    if (batch.length) feeds.push(() => send(feedEnv, seller, kind, batch, run));
  }
  results.push(...(await mapLimit(feeds, feeds.length, (f) => f())).flat());

  run.record(mp, results);
  const left = firstLeft < 0 ? 0 : tasks.length - firstLeft;
  if (!run.dryRun) {
    for (const r of results) {
      if (!r.ok && r.retriable) ctx.state.retries.fail(key, r.key, r.reason, run.iso());
      else ctx.state.retries.clear(key, r.key);
    }
    const signpost = window && Date.parse(window.to);
    // A change date from Allocadence's clock may be later than ours: the checkpoint stops at our signpost.
    const next = left ? Math.min(tasks[firstLeft]?.modifiedMs ?? 0, signpost ?? 0) : signpost;
    // Moving back would only re-read more; an order without a change date gives no place to stop at.
    if (signpost && next && (!left || !checkpoint || next > Date.parse(checkpoint))) run.checkpoint(key, next, signpost);
  }
  if (left) run.stopAtDeadline(marketplaceId, `${left} order(s) not looked at yet; from ${ctx.state.checkpoints.get(key) ?? 'the start of its window'}`);
}

async function send(env: OrderFeedEnv, seller: SellerConfig, kind: Kind, batch: Candidate[], run: RunHandle): Promise<ItemResult[]> {
  const ids = batch.map((c) => c.amazon.orderId);
  if (run.dryRun) return ids.map((id) => ({ key: id, ok: true, action: kind === 'cancel' ? 'would-cancel' : 'would-mark-shipped' }));
  let body: string;
  let rowOrders: string[];
  if (kind === 'cancel') {
    const rows = batch.flatMap((c) => c.amazon.orderItems.map((i) => ({ orderId: c.amazon.orderId, orderItemId: i.orderItemId, reason: cancelReason(seller, c.alloc.cancelledReason) })));
    body = acknowledgementFeed(rows);
    rowOrders = rows.map((r) => r.orderId);
  } else {
    const rows = batch.map((c) => ({ orderId: c.amazon.orderId, shipDate: new Date(Date.parse(c.alloc.completedDate ?? '') || run.now).toISOString(), carrierCode: 'Other', carrierName: 'Not recorded' }));
    body = fulfillmentFeed(rows);
    rowOrders = rows.map((r) => r.orderId);
  }
  for (const id of ids) env.state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', null, null, run.iso());
  const outcome = await sendOrderFeed(env, FEED_TYPES[kind], body, rowOrders, (feedId) => {
    for (const id of ids) env.state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', feedId, null, run.iso());
  });
  return settleFeed(env, seller, kind, ids, outcome, outcome.feedId, run);
}

/** Records each order's outcome from its feed's report. */
function settleFeed(env: OrderFeedEnv, seller: SellerConfig, kind: Kind, ids: readonly string[], outcome: Awaited<ReturnType<typeof feedOutcome>>, feedId: string, run: RunHandle): ItemResult[] {
  return ids.map((id): ItemResult => {
    if (!outcome.ok) {
      // Amazon applied nothing of it: without a ledger entry the next run considers the order afresh.
      env.state.ledgers.forgetStatusPush(id, kind);
      return { key: id, ok: false, reason: `${outcome.reason}; sent again next run`, retriable: true };
    }
    const retry = outcome.retry.get(id) ?? (outcome.errors.has(id) ? undefined : outcome.othersFailed);
    if (retry) {
      // Amazon warned that values of this order were ignored: not done, so considered afresh next run.
      env.state.ledgers.forgetStatusPush(id, kind);
      return { key: id, ok: false, reason: `feed ${feedId}: Amazon did not apply it: ${retry}; sent again next run`, retriable: true };
    }
    const error = outcome.errors.get(id);
    env.state.ledgers.setStatusPush(seller.name, id, kind, error ? 'rejected' : 'done', feedId, error ?? null, run.iso());
    if (error) return { key: id, ok: false, reason: `Amazon refused: ${error}`, retriable: false };
    const warned = outcome.warnings.get(id);
    const said = warned ? ` (Amazon warned: ${warned})` : '';
    return kind === 'cancel'
      ? { key: id, ok: true, action: 'cancelled', ...(warned ? { warning: `cancelled on Amazon${said}` } : {}) }
      : { key: id, ok: true, action: 'marked-shipped', warning: `completed in Allocadence without a shipment record: marked shipped on Amazon without tracking, which counts against the seller's valid tracking rate${said}` };
  });
}

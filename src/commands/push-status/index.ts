import { parseAccountDate } from '../../allocadence/account-time';
import { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { CustomerOrder } from '../../allocadence/types';
import { getOrder } from '../../amazon/orders-api';
import type { Order } from '../../amazon/orders-types';
import type { SellerConfig } from '../../config/schema';
import { DeadlineReachedError, RemoteError } from '../../errors';
import type { BuyerCancelOrder } from '../../state/buyer-cancels';
import { mapLimit } from '../../sync/concurrency';
import type { ItemResult, RunSummary } from '../../sync/types';
import { planWindow } from '../../sync/window';
import { withRun, type RunHandle } from '../../sync/with-run';
import { accountZone } from '../account-zone';
import type { CommandContext } from '../context';
import { OrderRebuilder } from '../../amazon/order-rebuild';
import { feedOutcome, recoverOrderFeed, type OrderFeedEnv } from '../../amazon/order-feed';
import { considerLines } from './lines';
import { FEED_TYPES, send, settleFeed, settleLines, type Candidate, type Kind, type LineCandidate } from './send';

const SHIPPED = new Set(['SHIPPED', 'PARTIALLY_SHIPPED']);

/** When the order was placed, as an instant (API 2.0 dates carry the account's offset; one without is read in its zone). */
function orderedMs(o: CustomerOrder, zone: string): number | undefined {
  return o.orderedDate ? parseAccountDate(o.orderedDate, zone) : undefined;
}

/** Orders looked at side by side: Allocadence's shipment check for one overlaps Amazon's getOrder wait for another. */
const CONSIDER_CONCURRENCY = 4;

/**
 * `push-status`: cancellations and completions without shipment records, and lines the warehouse
 * took off because the buyer asked to cancel them, told to Amazon in one feed of each kind per run.
 */
export async function pushStatus(ctx: CommandContext, opts: { since?: string }): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    // One scan of the warehouse's shipping orders per run, shared by its marketplaces; so is the rebuilt order map.
    const shipped = new ShippingOrderReader(ctx.allocadence, accountZone(ctx));
    const rebuild = new OrderRebuilder({ sp: ctx.spApi(seller), state: ctx.state, seller: seller.name, now: () => new Date(ctx.deps.clock()).toISOString() });
    summaries.push(
      await withRun(ctx.runEnv(seller), 'push-status', seller, ctx.options.dryRun, async (run) => {
        for (const marketplaceId of seller.marketplaceIds) await pushMarketplace(ctx, seller, marketplaceId, run, opts, { shipped, rebuild });
      }),
    );
  }
  return summaries;
}

/** One thing to look at: an order from the retry queue or the buyer-cancel queue, or one the window found. */
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
async function pushMarketplace(ctx: CommandContext, seller: SellerConfig, marketplaceId: string, run: RunHandle, opts: { since?: string }, per: { shipped: ShippingOrderReader; rebuild: OrderRebuilder }): Promise<void> {
  const { shipped, rebuild } = per;
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
  const lineCandidates: LineCandidate[] = [];
  const resumed: Array<{ id: string; kind: Kind; feedId: string }> = [];
  const seen = new Set<string>();
  const queue = ctx.state.orders.buyerCancels;
  const feedEnv: OrderFeedEnv = { sp, docs: ctx.documents, state: ctx.state, poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep }, seller: seller.name, marketplaceId, logger: run.log };
  // A feed an interrupted run created without learning its id: its orders are read from it below, not sent again.
  for (const kind of ['cancel', 'complete'] as const) {
    const feedId = run.dryRun ? undefined : await recoverOrderFeed(feedEnv, FEED_TYPES[kind]);
    if (!feedId) continue;
    for (const id of ctx.state.ledgers.unsentStatusPushes(seller.name, kind)) {
      if (ctx.state.orders.get(id)?.marketplace === marketplaceId) ctx.state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', feedId, null, run.iso());
    }
    if (kind === 'cancel') for (const o of queue.unsent(seller.name, marketplaceId)) queue.mark(o.amazonOrderId, o.orderItemIds, 'submitted', feedId);
  }
  const resumedLines = run.dryRun ? new Map<string, BuyerCancelOrder[]>() : queue.inFeeds(seller.name, marketplaceId);

  /** Decides whether an Allocadence order needs telling Amazon, and settles the cases that need no feed. */
  const consider = async (alloc: CustomerOrder, kind: Kind): Promise<void> => {
    const id = alloc.orderNumber;
    if (seen.has(`${kind}:${id}`)) return;
    seen.add(`${kind}:${id}`);
    mp.read++;
    let mapped = ctx.state.orders.get(id);
    let amazon: Order | undefined;
    const failed = (err: unknown): void => {
      // One order Amazon answers oddly for is that order's failure, retried next run; not the whole run's.
      if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
      results.push({ key: id, ok: false, reason: err.message, retriable: true });
    };
    if (!mapped) {
      // Not in the state file (lost, moved, or the order came in another way): Amazon tells whether it is this seller's.
      try {
        amazon = await rebuild.find(id, run.deadline);
      } catch (err) {
        return failed(err);
      }
      if (!amazon || (amazon.salesChannel.marketplaceId ?? marketplaceId) !== marketplaceId) return;
      rebuild.adopt(amazon, marketplaceId, alloc.id, run.dryRun);
      mapped = { seller: seller.name, marketplace: marketplaceId, amazonOrderId: id, allocOrderId: alloc.id, amazonStatus: '', fulfilledBy: '', state: 'created' };
    }
    if (mapped.seller !== seller.name || mapped.marketplace !== marketplaceId) return;
    // Cancelled here by pull-orders: Amazon cancelled first, or the buyer asked (then the buyer-cancel queue tells Amazon).
    if (kind === 'cancel' && mapped.state === 'cancelled') return;
    const ledger = ctx.state.ledgers.statusPush(id, kind);
    if (ledger?.status === 'done' || ledger?.status === 'rejected') return void results.push({ key: id, ok: true, action: 'already-sent' });
    // An earlier run sent it and stopped before reading the result: read that feed, do not send again.
    if (ledger?.status === 'submitted' && ledger.feedId) return void resumed.push({ id, kind, feedId: ledger.feedId });
    if (kind === 'complete' && (ctx.state.ledgers.hasShipments(id) || (await shipped.hasShipments(id, orderedMs(alloc, shipped.zone), run.now)))) return void results.push({ key: id, ok: true, action: 'has-shipments' });
    try {
      amazon ??= await getOrder(sp, id, undefined, run.deadline);
    } catch (err) {
      return failed(err);
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
  const lineEnv = { sp, state: ctx.state, seller: seller.name, run, results, candidates: lineCandidates };
  tasks.push(...queue.waiting(seller.name, marketplaceId).map((o) => ({ look: () => considerLines(lineEnv, o) })));
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
  for (const feedId of new Set([...resumed.map((r) => r.feedId), ...resumedLines.keys()])) {
    const mine = resumed.filter((r) => r.feedId === feedId);
    const lines = resumedLines.get(feedId) ?? [];
    if (run.dryRun) continue;
    feeds.push(async () => {
      const outcome = await feedOutcome(feedEnv, feedId);
      return [...settleFeed(feedEnv, seller, mine[0]?.kind ?? 'cancel', mine.map((r) => r.id), outcome, feedId, run), ...settleLines(feedEnv, lines, outcome, feedId)];
    });
  }
  // An order cancelled whole in this feed takes its buyer-requested lines with it.
  const whole = new Set(candidates.filter((c) => c.kind === 'cancel').map((c) => c.amazon.orderId));
  const lines = lineCandidates.filter((l) => !whole.has(l.amazon.orderId));
  for (const kind of ['cancel', 'complete'] as const) {
    const batch = candidates.filter((c) => c.kind === kind);
    if (batch.length || (kind === 'cancel' && lines.length)) feeds.push(() => send(feedEnv, seller, kind, batch, kind === 'cancel' ? lines : [], run));
  }
  results.push(...(await mapLimit(feeds, feeds.length, (f) => f())).flat());

  run.record(mp, results);
  const left = firstLeft < 0 ? 0 : tasks.length - firstLeft;
  if (!run.dryRun) {
    // Buyer-requested lines wait in their own queue (the state), not in the retry queue.
    const queued = new Set([...lineCandidates.map((l) => l.amazon.orderId), ...[...resumedLines.values()].flat().map((o) => o.amazonOrderId)]);
    for (const r of results) {
      if (!r.ok && r.retriable && !queued.has(r.key)) ctx.state.retries.fail(key, r.key, r.reason, run.iso());
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

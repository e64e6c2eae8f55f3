import { hasShipments } from '../allocadence/shipments';
import type { CustomerOrder } from '../allocadence/types';
import { acknowledgementFeed, fulfillmentFeed } from '../amazon/order-feeds';
import { getOrder } from '../amazon/orders-api';
import type { Order } from '../amazon/orders-types';
import type { SellerConfig } from '../config';
import type { ItemResult, RunSummary } from '../sync/types';
import { computeWindow } from '../sync/window';
import { withRun, type RunHandle } from '../sync/with-run';
import type { CommandContext } from './context';
import { feedOutcome, sendOrderFeed, type OrderFeedEnv } from './push-status-feed';

type Kind = 'cancel' | 'complete';
interface Candidate {
  kind: Kind;
  alloc: CustomerOrder;
  amazon: Order;
}

const SHIPPED = new Set(['SHIPPED', 'PARTIALLY_SHIPPED']);

export function cancelReason(seller: SellerConfig, allocadenceReason: string | null | undefined): string {
  return (allocadenceReason ? seller.status.cancelReasons[allocadenceReason] : undefined) ?? seller.status.defaultCancelReason;
}

/** `push-status`: cancellations and completions without shipment records, told to Amazon in one feed each per run. */
export async function pushStatus(ctx: CommandContext, opts: { since?: string }): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  const env = { state: ctx.state, logger: ctx.deps.logger, clock: ctx.deps.clock, stats: ctx.stats };
  for (const seller of ctx.sellers) {
    const sp = ctx.spApi(seller);
    summaries.push(
      await withRun(env, 'push-status', seller, ctx.options.dryRun, async (run) => {
        for (const marketplaceId of seller.marketplaceIds) {
          const key = { seller: seller.name, marketplace: marketplaceId, direction: 'push-status' };
          const window = computeWindow({
            now: run.now,
            lagMs: 0,
            checkpoint: ctx.state.checkpoints.get(key),
            lookbackMs: seller.status.lookbackMinutes * 60_000,
            initialLookbackMs: seller.status.initialLookbackDays * 86_400_000,
            since: opts.since,
          });
          const mp = run.marketplace(marketplaceId, window);
          const results: ItemResult[] = [];
          const candidates: Candidate[] = [];
          const resumed: Array<{ id: string; kind: Kind; feedId: string }> = [];
          const seen = new Set<string>();

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
            if (kind === 'complete' && (ctx.state.ledgers.hasShipments(id) || (await hasShipments(ctx.allocadence, id)))) return void results.push({ key: id, ok: true, action: 'has-shipments' });
            const amazon = await getOrder(sp, id);
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

          for (const waiting of ctx.state.retries.list(key)) {
            const alloc = await ctx.allocadenceOrders.findByNumber(waiting.key);
            if (alloc?.cancelled) await consider(alloc, 'cancel');
            else if (alloc?.completed) await consider(alloc, 'complete');
            else results.push({ key: waiting.key, ok: true, action: 'no-longer-needed' });
          }
          if (window) {
            for await (const page of ctx.allocadenceOrders.list({ modifiedSince: window.from, cancelled: true })) for (const o of page) await consider(o, 'cancel');
            for await (const page of ctx.allocadenceOrders.list({ modifiedSince: window.from, completed: true })) for (const o of page) await consider(o, 'complete');
          }
          const feedEnv: OrderFeedEnv = { sp, docs: ctx.documents, state: ctx.state, poll: { clock: ctx.deps.clock, sleep: ctx.deps.sleep }, seller: seller.name, marketplaceId };
          for (const feedId of new Set(resumed.map((r) => r.feedId))) {
            const mine = resumed.filter((r) => r.feedId === feedId);
            if (run.dryRun) continue;
            results.push(...settleFeed(feedEnv, seller, mine[0]?.kind ?? 'cancel', mine.map((r) => r.id), await feedOutcome(feedEnv, feedId), feedId, run));
          }
          for (const kind of ['cancel', 'complete'] as const) {
            const batch = candidates.filter((c) => c.kind === kind);
            if (batch.length) results.push(...(await send(feedEnv, seller, kind, batch, run)));
          }
          run.record(mp, results);
          if (!run.dryRun) {
            for (const r of results) {
              if (!r.ok && r.retriable) ctx.state.retries.fail(key, r.key, r.reason, run.iso());
              else ctx.state.retries.clear(key, r.key);
            }
            if (window) ctx.state.checkpoints.set(key, window.to, run.summary.runId, run.iso());
          }
        }
      }),
    );
  }
  return summaries;
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
  const feedType = kind === 'cancel' ? 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA' : 'POST_FLAT_FILE_FULFILLMENT_DATA';
  const outcome = await sendOrderFeed(env, feedType, body, rowOrders, (feedId) => {
    for (const id of ids) env.state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', feedId, null, run.iso());
  });
  return settleFeed(env, seller, kind, ids, outcome, outcome.feedId, run);
}

/** Records each order's outcome from its feed's report. */
function settleFeed(env: OrderFeedEnv, seller: SellerConfig, kind: Kind, ids: readonly string[], outcome: Awaited<ReturnType<typeof feedOutcome>>, feedId: string, run: RunHandle): ItemResult[] {
  return ids.map((id): ItemResult => {
    if (!outcome.ok) {
      // Amazon applied nothing of that feed: the next run must decide afresh, not wait on it again.
      env.state.ledgers.clearStatusPush(id, kind);
      return { key: id, ok: false, reason: `${outcome.reason}; sent again next run`, retriable: true };
    }
    const error = outcome.errors.get(id);
    env.state.ledgers.setStatusPush(seller.name, id, kind, error ? 'rejected' : 'done', feedId, error ?? null, run.iso());
    if (error) return { key: id, ok: false, reason: `Amazon refused: ${error}`, retriable: false };
    return kind === 'cancel'
      ? { key: id, ok: true, action: 'cancelled' }
      : { key: id, ok: true, action: 'marked-shipped', warning: 'completed in Allocadence without a shipment record: marked shipped on Amazon without tracking, which counts against the seller\'s valid tracking rate' };
  });
}

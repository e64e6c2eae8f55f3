import { feedOutcome, recoverOrderFeed } from '../../amazon/order-feed';
import type { BuyerCancelOrder } from '../../state/buyer-cancels';
import { mapLimit } from '../../sync/concurrency';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { FEED_TYPES, send, settleFeed, settleLines, type Candidate, type Kind, type LineCandidate } from './send';

/**
 * What push-status gathers for one marketplace while it looks at orders, and tells Amazon once they
 * are looked at: one feed of each kind, and the results of feeds an earlier run left unread.
 */
export class StatusBatch {
  /** Orders the warehouse cancelled or completed that Amazon still shows open. */
  readonly candidates: Candidate[] = [];
  /** Lines a buyer asked to cancel that the warehouse no longer ships. */
  readonly lines: LineCandidate[] = [];
  /** Orders an earlier run sent and stopped before reading the result: that feed is read, nothing is sent again. */
  readonly resumed: { id: string; kind: Kind; feedId: string }[] = [];
  /** `kind:order` looked at this run: an order listed twice is looked at once. */
  readonly seen = new Set<string>();
  private resumedLines = new Map<string, BuyerCancelOrder[]>();

  /**
   * A feed an interrupted run created without learning its id: its orders and lines are recorded
   * as sent in it (read from it at the end, not sent again). Then the lines waiting in feeds.
   */
  async recover(ctx: RunContext): Promise<void> {
    if (ctx.dryRun) return;
    const { state, seller, marketplaceId } = ctx;
    const queue = state.orders.buyerCancels;
    for (const kind of ['cancel', 'complete'] as const) {
      const feedId = await recoverOrderFeed(ctx, FEED_TYPES[kind]);
      if (!feedId) continue;
      for (const id of state.ledgers.unsentStatusPushes(seller.name, kind)) {
        if (state.orders.get(id)?.marketplace === marketplaceId)
          state.ledgers.setStatusPush(seller.name, id, kind, 'submitted', feedId, null, ctx.iso());
      }
      if (kind === 'cancel')
        for (const o of queue.unsent(seller.name, marketplaceId)) queue.mark(o.amazonOrderId, o.orderItemIds, 'submitted', feedId);
    }
    this.resumedLines = queue.inFeeds(seller.name, marketplaceId);
  }

  /**
   * Feeds an earlier run left and this run's two feeds, waited for together: each wait is Amazon
   * processing a feed. An order cancelled whole in this feed takes its buyer-requested lines with it.
   */
  async finish(ctx: RunContext): Promise<ItemResult[]> {
    const feeds: (() => Promise<ItemResult[]>)[] = [];
    if (!ctx.dryRun) {
      for (const feedId of new Set([...this.resumed.map((r) => r.feedId), ...this.resumedLines.keys()])) {
        const mine = this.resumed.filter((r) => r.feedId === feedId);
        const lines = this.resumedLines.get(feedId) ?? [];
        feeds.push(async () => {
          const outcome = await feedOutcome(ctx, feedId);
          return [
            ...settleFeed(
              ctx,
              mine[0]?.kind ?? 'cancel',
              mine.map((r) => r.id),
              outcome,
              feedId,
            ),
            ...settleLines(ctx, lines, outcome, feedId),
          ];
        });
      }
    }
    const whole = new Set(this.candidates.filter((c) => c.kind === 'cancel').map((c) => c.amazon.orderId));
    const lines = this.lines.filter((l) => !whole.has(l.amazon.orderId));
    for (const kind of ['cancel', 'complete'] as const) {
      const batch = this.candidates.filter((c) => c.kind === kind);
      if (batch.length || (kind === 'cancel' && lines.length)) feeds.push(() => send(ctx, kind, batch, kind === 'cancel' ? lines : []));
    }
    const results = (await mapLimit(feeds, feeds.length, (f) => f())).flat();
    // Buyer-requested lines wait in their own queue (the state), not in the retry queue.
    const queued = new Set([
      ...this.lines.map((l) => l.amazon.orderId),
      ...[...this.resumedLines.values()].flat().map((o) => o.amazonOrderId),
    ]);
    return results.map((r) => (!r.ok && queued.has(r.key) ? { ...r, ownQueue: true } : r));
  }
}

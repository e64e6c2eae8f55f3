import { awaitFeed } from './feeds-api';
import { FLAT_FILE_CONTENT_TYPE, readFlatFileReport, type FlatFileReport } from './order-feeds';
import type { RunContext } from '../sync/context';
import type { FeedFailure } from '../sync/types';
import { recoverFeeds, submitRecordedFeed } from './feed-submission';

/**
 * Per order, what Amazon said of its rows: `errors` it refused, `retry` it did not apply and may
 * take when sent again, `warnings` it passed; an order in none was applied. `ok: false` when the
 * feed as a whole cannot be trusted to have done anything.
 */
export type OrderFeedOutcome =
  | {
      ok: true;
      errors: Map<string, string>;
      retry: Map<string, string>;
      warnings: Map<string, string>;
      /** Set when the orders the report names nothing about did not take effect either, and why. */
      othersFailed?: string;
    }
  | { ok: false; reason: string; feed: FeedFailure };

/**
 * Sends one flat-file order feed and reads its processing report. `rowOrders[i]` is the order of
 * data row i + 1. This is the one place that knows how an order status reaches Amazon, so a move
 * to a per-order cancel operation (Amazon documents one, not yet in our models) changes only here.
 */
export async function sendOrderFeed(
  ctx: RunContext,
  feedType: string,
  body: string,
  rowOrders: readonly string[],
  onSubmitted: (feedId: string) => void,
): Promise<OrderFeedOutcome & { feedId: string }> {
  const feedId = await submitRecordedFeed(ctx, {
    feedType,
    contentType: FLAT_FILE_CONTENT_TYPE,
    body,
    messages: rowOrders.length,
    onSubmitted,
  });
  return { ...(await feedOutcome(ctx, feedId, rowOrders)), feedId };
}

/**
 * The feed of `feedType` an interrupted run created without learning its id, if Amazon has it.
 * A run sends at most one feed per type and recovers before it sends, so there is at most one.
 */
export async function recoverOrderFeed(ctx: RunContext, feedType: string): Promise<string | undefined> {
  return [...(await recoverFeeds(ctx, feedType)).values()].find((id) => id !== undefined);
}

/** Waits for a submitted feed (this run's, or one an interrupted run left) and reads its report per order. */
export async function feedOutcome(ctx: RunContext, feedId: string, rowOrders: readonly string[] = []): Promise<OrderFeedOutcome> {
  const { feed, result } = await awaitFeed(ctx.sp, ctx.documents, ctx, feedId, (status, waitedMs) =>
    ctx.log.progress(`waiting for order feed ${feedId}: ${status}, ${Math.round(waitedMs / 1000)} s`),
  );
  if (feed.processingStatus !== 'DONE' || result === undefined) {
    ctx.state.feeds.finished(feedId, feed.processingStatus, null, ctx.iso());
    const message = result === undefined ? 'Amazon gave no processing report' : documentMessage(readFlatFileReport(result));
    return {
      ok: false,
      reason: `feed ${feedId} ended ${feed.processingStatus}`,
      feed: { feedId, feedType: feed.feedType, status: feed.processingStatus, message },
    };
  }
  const report = readFlatFileReport(result);
  ctx.state.feeds.finished(
    feedId,
    feed.processingStatus,
    {
      processed: report.processed,
      successful: report.successful,
      errors: report.errors.length,
      ignored: report.ignored.length,
      document: report.document.length,
    },
    ctx.iso(),
  );
  return outcomeOf(report, feedId, rowOrders, feed.feedType);
}

/** What a flat-file report says of a feed as a whole: its document lines, else its errors, in one line. */
function documentMessage(report: FlatFileReport): string {
  const lines = report.document.length ? report.document : report.errors.map((e) => e.message);
  return lines.join('; ') || 'its processing report names no error';
}

/** What a flat-file processing report means per order; `rowOrders[i]` is the order of data row i + 1 (empty when unknown). */
export function outcomeOf(report: FlatFileReport, feedId: string, rowOrders: readonly string[], feedType = ''): OrderFeedOutcome {
  // A header Amazon did not read leaves every row undone, though the feed is DONE.
  const whole = (message: string): FeedFailure => ({ feedId, feedType, status: 'DONE', message });
  if (report.document.length) {
    const message = report.document.join('; ');
    return { ok: false, reason: `feed ${feedId}: Amazon did not apply it: ${message}`, feed: whole(message) };
  }
  if (report.processed === undefined || report.successful === undefined) {
    const message = 'its processing report has no record counts, so nothing in it can be taken as done';
    return { ok: false, reason: `feed ${feedId}: ${message}`, feed: whole(message) };
  }
  const byOrder = (lines: readonly { record: number; orderId: string; message: string }[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const l of lines) {
      const order = l.orderId || rowOrders[l.record - 1] || '';
      out.set(order, out.has(order) ? `${out.get(order)}; ${l.message}` : l.message);
    }
    return out;
  };
  const outcome: OrderFeedOutcome = {
    ok: true,
    errors: byOrder(report.errors),
    retry: byOrder(report.ignored),
    warnings: byOrder(report.warnings),
  };
  // "0 records successful": no row took effect, whatever else the report says of them; fewer
  // records processed than sent: which ones is not said.
  // A line whose order cannot be told (no order-id, rows not known here) may concern any of them.
  const unnamed = [outcome.errors.get(''), outcome.retry.get('')].filter(Boolean).join('; ');
  outcome.errors.delete('');
  outcome.retry.delete('');
  outcome.warnings.delete('');
  if (report.successful === 0) outcome.othersFailed = 'Amazon reports 0 records successful';
  else if (rowOrders.length > report.processed)
    outcome.othersFailed = `Amazon processed ${report.processed} of the ${rowOrders.length} records sent`;
  else if (unnamed) outcome.othersFailed = `Amazon named no order for: ${unnamed}`;
  return outcome;
}

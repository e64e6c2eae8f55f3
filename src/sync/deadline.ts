import type { SyncCommandName } from '../cli';

/**
 * `--max-minutes` when not given: below each direction's documented cron interval, so a run that
 * meets a backlog stops before the next one is due instead of overlapping it (which would only
 * make the next one exit 75). The margin covers writing the pages already read.
 */
export const DEFAULT_MAX_MINUTES: Readonly<Record<SyncCommandName, number>> = {
  // Every 15 minutes; a searchOrders page waited for is never sent after the deadline.
  'pull-orders': 12,
  // Hourly.
  'push-shipments': 50,
  'push-status': 50,
  // Every 4 hours.
  'pull-items': 200,
  // Daily at midnight: a push still going after two hours is held up by Amazon's limits; what is
  // left is pushed by the next run (it pushes what differs from the last push), and the summary says how much.
  'push-stock': 120,
};

/**
 * The deadline of one seller's run: what is left of the command's time, shared among the sellers
 * still to run, so one seller's backlog cannot starve the others. A seller that finishes early
 * leaves its time to the rest.
 */
export function sellerDeadline(commandDeadline: number, now: number, sellersLeft: number): number {
  return now + Math.max(0, commandDeadline - now) / Math.max(1, sellersLeft);
}

import type { Window } from './types';

export interface WindowInput {
  now: number;
  lagMs: number;
  checkpoint: string | undefined;
  lookbackMs: number;
  initialLookbackMs: number;
  /** `--since`: read again from this instant, whatever the checkpoint says. */
  since: string | undefined;
}

/**
 * `[checkpoint − lookback, now − lag]`. The overlap re-reads the edge of the last window on
 * purpose: Amazon's index is eventually consistent and writes are idempotent, so re-reading is
 * cheap and missing an order is not.
 */
export function computeWindow(input: WindowInput): Omit<Window, 'initial'> | undefined {
  const to = input.now - input.lagMs;
  const from = input.since
    ? Date.parse(input.since)
    : input.checkpoint
      ? Date.parse(input.checkpoint) - input.lookbackMs
      : to - input.initialLookbackMs;
  // Amazon refuses a window whose upper bound is before its lower bound; there is nothing to read yet.
  if (from > to) return undefined;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

import type { Logger } from '../output/log';
import type { State } from '../state';
import type { CheckpointKey } from '../state/checkpoints';
import { iso } from '../time';
import type { RunHandle } from './run-handle';

/**
 * Where a windowed run records how far it has read: the live checkpoint, or a `--since` back-fill's
 * own cursor. Reads call it the same way in both cases (after every complete slice, after a listed
 * read), so every windowed direction back-fills alike.
 */
export interface Progress {
  /** The window is read, contiguously from its start, up to `atMs`; `complete`: to its end (the signpost). */
  advance(atMs: number, signpostMs: number, complete: boolean): void;
  /** In words, where the next run continues: for the deadline's note. */
  next(): string;
}

/** A `--since` run: where it reads from, and where its back-fill began (earlier when it continues one). */
export interface BackfillPlan {
  /** The start of the back-fill this run continues or begins: it has been read from here on, up to the cursor. */
  origin: string;
  /** Where this run's window starts. */
  readFrom: string;
}

/**
 * A `--since` run continues the unfinished back-fill of the same period (one that began at or
 * before `since` and whose cursor has reached it) from that cursor, less the lookback; any other
 * `since` begins a new back-fill from there.
 */
export function planBackfill(state: State, log: Logger, key: CheckpointKey, since: string, lookbackMs: number): BackfillPlan {
  const stored = state.backfills.get(key);
  const at = Date.parse(since);
  if (stored && Date.parse(stored.since) <= at && at <= Date.parse(stored.cursor)) {
    const readFrom = iso(Math.max(at, Date.parse(stored.cursor) - lookbackMs));
    log.info(`continuing the back-fill from ${stored.since}, read up to ${stored.cursor}`, { marketplace: key.marketplace });
    return { origin: stored.since, readFrom };
  }
  if (stored) {
    log.info(`the unfinished back-fill from ${stored.since} (read up to ${stored.cursor}) is replaced by one from ${since}`, {
      marketplace: key.marketplace,
    });
  }
  return { origin: since, readFrom: since };
}

/**
 * The live checkpoint: moves forward only, except that a checkpoint not believed (later than the
 * run's signpost, see planWindow) is corrected, and the end of a complete window always counts.
 */
export function liveProgress(run: RunHandle, state: State, key: CheckpointKey, trusted: string | undefined): Progress {
  return {
    advance(atMs, signpostMs, complete) {
      if (complete || trusted === undefined || atMs > Date.parse(trusted)) run.checkpoint(key, atMs, signpostMs);
    },
    next: () => `from ${state.checkpoints.get(key) ?? 'the start of its window'}`,
  };
}

/**
 * A back-fill never moves the live checkpoint back: its progress goes to its own cursor, and the
 * checkpoint moves (forward) only once the back-fill, read without a gap from its origin, has
 * passed it. A complete back-fill is forgotten.
 */
export function backfillProgress(run: RunHandle, state: State, key: CheckpointKey, plan: BackfillPlan): Progress {
  return {
    advance(atMs, signpostMs, complete) {
      if (run.dryRun) return;
      const live = state.checkpoints.get(key);
      if (!live || (Date.parse(plan.origin) <= Date.parse(live) && atMs > Date.parse(live))) run.checkpoint(key, atMs, signpostMs);
      if (complete) state.backfills.clear(key);
      else run.backfillCursor(key, plan.origin, atMs, signpostMs);
    },
    next() {
      const cursor = state.backfills.get(key);
      const from = cursor?.since === plan.origin ? cursor.cursor : plan.readFrom;
      return `the back-fill from ${plan.origin} at ${from} (run --since ${plan.origin} again; cron runs go on from the checkpoint)`;
    },
  };
}

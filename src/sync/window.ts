import type { Logger } from '../output/log';
import type { State } from '../state';
import type { CheckpointKey } from '../state/checkpoints';
import type { Window } from './types';
import { iso } from '../time';

const DAY = 86_400_000;

export interface WindowInput {
  now: number;
  lagMs: number;
  checkpoint: string | undefined;
  lookbackMs: number;
  initialLookbackMs: number;
  /** `--since`: read again from this instant, whatever the checkpoint says. */
  since: string | undefined;
  /** Epoch ms to start from instead of the checkpoint − lookback: see planWindow. */
  resumeFrom?: number;
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
    : (input.resumeFrom ?? (input.checkpoint ? Date.parse(input.checkpoint) - input.lookbackMs : to - input.initialLookbackMs));
  // Amazon refuses a window whose upper bound is before its lower bound; there is nothing to read yet.
  if (from > to) return undefined;
  return { from: iso(from), to: iso(to) };
}

/** One run's window for one marketplace, as its summary recorded it (absent: none recorded). */
export interface RunWindow {
  from?: string;
  to?: string;
}

/**
 * Where to read again from when the checkpoint is later than this run's signpost (`now − lag`).
 * The run that set it had a clock running ahead: it read, in truth, only up to its real time, and
 * everything after that would be skipped. So the window goes back to where that run started
 * reading, and further through any runs before it that were ahead too (their window ends after our
 * signpost), to the start of the oldest. A run that recorded no window (it never finished) leaves
 * a gap: then from the newest trustworthy run's start, less the lookback. Undefined when the runs
 * do not tell.
 *
 * `runs`: newest first, starting with the run that set the checkpoint.
 */
export function resumeAfterFutureCheckpoint(runs: readonly RunWindow[], signpostMs: number, lookbackMs: number): number | undefined {
  let from: number | undefined;
  let gap = false;
  for (const r of runs) {
    const start = r.from ? Date.parse(r.from) : NaN;
    const end = r.to ? Date.parse(r.to) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) {
      gap = true;
      continue;
    }
    if (end > signpostMs) {
      from = Math.min(from ?? start, start);
      continue;
    }
    if (gap || from === undefined || from > signpostMs) from = Math.min(from ?? Infinity, start - lookbackMs);
    return from;
  }
  return gap || from === undefined || from > signpostMs ? undefined : from;
}

/** How many runs back the search for where a run ahead of time started reading goes. */
const RUNS_LOOKED_AT = 200;
/** When the runs do not tell and the direction has no initial lookback (its first run reads everything another way). */
const UNKNOWN_START_RELOOK_MS = 3 * DAY;

export interface PlanInput extends Omit<WindowInput, 'checkpoint' | 'resumeFrom'> {
  /** The command whose runs set this checkpoint (a direction's name). */
  command: string;
  key: CheckpointKey;
}

export interface WindowPlan {
  window: Omit<Window, 'initial'> | undefined;
  /** The checkpoint as stored; undefined when there is none yet. */
  checkpoint: string | undefined;
  /** The checkpoint when it can be believed; undefined too when it was found later than this run's signpost. */
  trusted: string | undefined;
}

/**
 * The window of one marketplace's run from its stored checkpoint. A checkpoint later than the
 * run's own signpost — a clock that jumped back, a state file from a host whose clock ran ahead —
 * is not believed: the window starts where the run that set it started (see
 * resumeAfterFutureCheckpoint), or the initial lookback back when that is unknown, with a warning.
 */
export function planWindow(state: State, log: Logger, input: PlanInput): WindowPlan {
  const row = state.checkpoints.row(input.key);
  const signpost = input.now - input.lagMs;
  if (!row || !(Date.parse(row.value) > signpost)) {
    return { window: computeWindow({ ...input, checkpoint: row?.value }), checkpoint: row?.value, trusted: row?.value };
  }
  const runs =
    row.runId === null ? [] : state.runs.windows(input.command, input.key.seller, input.key.marketplace, row.runId, RUNS_LOOKED_AT);
  const known = resumeAfterFutureCheckpoint(runs, signpost, input.lookbackMs);
  const resumeFrom = known ?? signpost - (input.initialLookbackMs || UNKNOWN_START_RELOOK_MS);
  const window = computeWindow({ ...input, checkpoint: row.value, resumeFrom });
  const where = input.since
    ? `from ${input.since}, as --since asks`
    : `again from ${iso(resumeFrom)}${known === undefined ? " (the direction's initial lookback: where that run started is not recorded)" : ', where that run started'}`;
  log.warn(
    `the checkpoint ${row.value} is later than this run's window can end (${iso(signpost)}): ` +
      `the run that set it${row.runId === null ? '' : ` (#${row.runId})`} had a clock running ahead and read less than it claimed. ` +
      `Reading ${where}; if the clock was wrong for longer than that, read that time again with --since`,
    { marketplace: input.key.marketplace, direction: input.command },
  );
  return { window, checkpoint: row.value, trusted: undefined };
}

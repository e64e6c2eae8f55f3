import type { HttpStats } from '../http/client';
import type { Logger } from '../output/log';
import type { State } from '../state';
import type { CheckpointKey } from '../state/checkpoints';
import { iso } from '../time';
import { NEVER_STOPPED, stoppedBy } from './stop';
import { progressText, recordCounts, recordResults } from './summary';
import type { ItemResult, MarketplaceSummary, RunSummary } from './types';

/** What a run is given from outside: the state, logs, the clock, the HTTP counters and its deadline. */
export interface RunEnv {
  state: State;
  logger: Logger;
  clock: () => number;
  stats: HttpStats;
  /** Epoch ms from `clock`: after it the run starts no new work (--max-minutes). */
  deadline?: number;
  /** SIGINT or SIGTERM: the run starts no new work either, as at the deadline. */
  stop?: AbortSignal;
  /** Run records older than this many days are deleted as the run ends (config `keepRunsDays`). */
  keepRunsDays?: number;
  /** A lock held elsewhere for longer than this is worth a warning; a shorter hold is the expected skip. */
  lockOverdueMs?: number;
}

/** The runner's hold on one run: its summary, checkpoints and deadline. Direction code gets a RunContext instead. */
export interface RunHandle {
  summary: RunSummary;
  log: Logger;
  /** The run's start, from the clock, once. */
  now: number;
  dryRun: boolean;
  iso: () => string;
  marketplace(marketplaceId: string, window?: { from: string; to: string }): MarketplaceSummary;
  /** Counts results; outside a dry run, also proves the run is alive to anyone looking at its lock. */
  record(mp: MarketplaceSummary, results: readonly ItemResult[], counted?: Readonly<Record<string, number>>): void;
  deadline: number | undefined;
  /** The deadline has come, or a signal asked the run to stop: no new page, item or feed starts. */
  pastDeadline: () => boolean;
  /** Notes that this marketplace's work stopped at the deadline (or on a signal), and where the next run continues. */
  stopAtDeadline(marketplaceId: string, next: string): void;
  /**
   * Moves a checkpoint to `atMs` (never in a dry run). Never past `signpostMs`, the run's own
   * now − lag: asking for more is a bug, and throws. Nor past the remote systems' own time when the
   * local clock is known to run ahead of it: the checkpoint stops there instead.
   */
  checkpoint(key: CheckpointKey, atMs: number, signpostMs: number): void;
  /** Moves a `--since` back-fill's cursor, within the same bounds as a checkpoint; its origin is where it began. */
  backfillCursor(key: CheckpointKey, origin: string, atMs: number, signpostMs: number): void;
}

/** The run's identity: whose lock and record it is. */
export interface RunOf {
  command: string;
  seller: string;
  dryRun: boolean;
}

export function runHandle(env: RunEnv, of: RunOf, summary: RunSummary, log: Logger, now: number): RunHandle {
  const { state, clock, deadline } = env;
  const stop = env.stop ?? NEVER_STOPPED;
  const isoNow = (): string => iso(clock());
  /** Never past the run's signpost (asking for more is a bug, and throws), nor past the remote systems' own time. */
  const bounded = (key: CheckpointKey, atMs: number, signpostMs: number): string => {
    if (!(atMs <= signpostMs && signpostMs <= now)) {
      throw new Error(`checkpoint ${iso(atMs)} for ${key.direction} ${key.marketplace} is past the run's signpost ${iso(signpostMs)}`);
    }
    const remote = env.stats.remoteClock?.limit();
    return iso(remote === undefined ? atMs : Math.min(atMs, remote));
  };
  return {
    summary,
    log,
    now,
    dryRun: of.dryRun,
    iso: isoNow,
    marketplace(marketplaceId, window) {
      const mp: MarketplaceSummary = { marketplaceId, from: window?.from ?? '', to: window?.to ?? '', read: 0, actions: {}, failed: 0 };
      summary.marketplaces.push(mp);
      return mp;
    },
    record(mp, results, counted) {
      recordResults(summary, mp, results);
      if (counted) recordCounts(summary, mp, counted);
      log.progress(progressText(summary));
      if (!of.dryRun) state.locks.heartbeat(of.command, of.seller, new Date(clock()));
    },
    deadline,
    pastDeadline: () => stop.aborted || (deadline !== undefined && clock() >= deadline),
    stopAtDeadline(marketplaceId, next) {
      const signal = stoppedBy(stop);
      const at = (summary.stoppedAtDeadline ??= { deadline: iso(deadline ?? clock()), resume: [] });
      if (signal) at.signal = signal;
      const known = at.resume.find((r) => r.marketplaceId === marketplaceId);
      if (known) known.next = `${known.next}; ${next}`;
      else at.resume.push({ marketplaceId, next });
      log.info(signal ? `stopped by ${signal}` : 'stopped at the deadline', { marketplace: marketplaceId, next });
    },
    checkpoint(key, atMs, signpostMs) {
      const at = bounded(key, atMs, signpostMs);
      if (!of.dryRun) state.checkpoints.set(key, at, summary.runId, isoNow());
    },
    backfillCursor(key, origin, atMs, signpostMs) {
      const at = bounded(key, atMs, signpostMs);
      if (!of.dryRun) state.backfills.set(key, origin, at, summary.runId, isoNow());
    },
  };
}

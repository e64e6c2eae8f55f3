import type { SellerConfig } from '../config/schema';
import { errorMessage, LockHeldError, RemoteError } from '../errors';
import type { HttpStats } from '../http/client';
import type { Logger } from '../output/log';
import type { State } from '../state';
import type { CheckpointKey } from '../state/checkpoints';
import { localIoError } from '../state/io-errors';
import type { RunOutcome } from '../state/runs';
import { newSummary, progressText, recordResults } from './summary';
import type { ItemResult, MarketplaceSummary, RunSummary } from './types';
import { iso } from '../time';

export interface RunEnv {
  state: State;
  logger: Logger;
  clock: () => number;
  stats: HttpStats;
  /** Epoch ms from `clock`: after it the run starts no new work (--max-minutes). */
  deadline?: number;
}

/** What the body of a run works with. */
export interface RunHandle {
  summary: RunSummary;
  log: Logger;
  /** The run's start, from the clock, once. */
  now: number;
  dryRun: boolean;
  iso(): string;
  marketplace(marketplaceId: string, window?: { from: string; to: string }): MarketplaceSummary;
  /** Counts results; outside a dry run, also proves the run is alive to anyone looking at its lock. */
  record(mp: MarketplaceSummary, results: readonly ItemResult[]): void;
  deadline: number | undefined;
  pastDeadline(): boolean;
  /** Notes that this marketplace's work stopped at the deadline, and where the next run continues. */
  stopAtDeadline(marketplaceId: string, next: string): void;
  /**
   * Moves a checkpoint to `atMs` (never in a dry run). Never past `signpostMs`, the run's own
   * now − lag: asking for more is a bug, and throws. Nor past the remote systems' own time when the
   * local clock is known to run ahead of it: the checkpoint stops there instead.
   */
  checkpoint(key: CheckpointKey, atMs: number, signpostMs: number): void;
}

/**
 * One run of one command for one seller: takes the lock (a held lock ends the run as `locked`),
 * writes the run record, runs `body`, and always finishes the record and releases the lock. A
 * thrown error ends the run as `failed` with its message; item failures make it `partial`. A
 * state file that can no longer be written (LocalIoError) ends the whole command instead: the run
 * record and the lock are still attempted, and whichever of them fails does not hide the cause.
 */
export async function withRun(env: RunEnv, command: string, seller: SellerConfig, dryRun: boolean, body: (run: RunHandle) => Promise<void>): Promise<RunSummary> {
  const { state, clock } = env;
  const now = clock();
  const isoNow = (): string => iso(clock());
  const summary = newSummary(command, seller.name, dryRun, iso(now));
  const statsBefore = { ...env.stats };
  let log = env.logger.child({ command, seller: seller.name });
  const asLocal = (err: unknown): unknown => localIoError(err, state.db.name) ?? err;
  const release = (): unknown => attempt(() => !dryRun && state.locks.release(command, seller.name));

  if (!dryRun) {
    try {
      const note = state.locks.acquire(command, seller.name, new Date(now));
      if (note) log.warn(note);
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw asLocal(err);
      log.warn(err.message);
      return { ...summary, outcome: 'locked', error: err.message };
    }
    try {
      summary.runId = state.runs.start(command, seller.name, iso(now));
    } catch (err) {
      release();
      throw asLocal(err);
    }
    log = log.child({ runId: summary.runId });
  }

  const handle: RunHandle = {
    summary,
    log,
    now,
    dryRun,
    iso: isoNow,
    marketplace(marketplaceId, window) {
      const mp: MarketplaceSummary = { marketplaceId, from: window?.from ?? '', to: window?.to ?? '', read: 0, actions: {}, failed: 0 };
      summary.marketplaces.push(mp);
      return mp;
    },
    record(mp, results) {
      recordResults(summary, mp, results);
      log.progress(progressText(summary));
      if (!dryRun) state.locks.heartbeat(command, seller.name, new Date(clock()));
    },
    deadline: env.deadline,
    pastDeadline: () => env.deadline !== undefined && clock() >= env.deadline,
    stopAtDeadline(marketplaceId, next) {
      const stop = (summary.stoppedAtDeadline ??= { deadline: iso(env.deadline ?? clock()), resume: [] });
      const known = stop.resume.find((r) => r.marketplaceId === marketplaceId);
      if (known) known.next = `${known.next}; ${next}`;
      else stop.resume.push({ marketplaceId, next });
      log.info('stopped at the deadline', { marketplace: marketplaceId, next });
    },
    checkpoint(key, atMs, signpostMs) {
      if (!(atMs <= signpostMs && signpostMs <= now)) {
        throw new Error(`checkpoint ${iso(atMs)} for ${key.direction} ${key.marketplace} is past the run's signpost ${iso(signpostMs)}`);
      }
      if (dryRun) return;
      const remote = env.stats.remoteClock?.limit();
      state.checkpoints.set(key, iso(remote === undefined ? atMs : Math.min(atMs, remote)), summary.runId, isoNow());
    },
  };

  let outcome: RunOutcome = 'failed';
  /** What ends the whole command rather than this run: the state file could not be written. */
  let fatal: unknown;
  try {
    await body(handle);
    // Stopping at the deadline is not a failure: the schedule is working as meant, the checkpoint
    // holds every complete slice, and the next run continues from it. Alerting on it would page
    // someone for a backlog that clears itself; `status` shows the stop from the summary instead.
    outcome = summary.failures.length ? 'partial' : 'ok';
  } catch (err) {
    const local = localIoError(err, state.db.name);
    summary.error = errorMessage(local ?? err);
    if (local) fatal = local;
    else log.error('run stopped', { error: summary.error, ...(err instanceof RemoteError ? { kind: err.kind } : {}) });
  }
  summary.outcome = outcome;
  summary.ms = clock() - now;
  summary.http = {
    requests: env.stats.requests - statsBefore.requests,
    retries: env.stats.retries - statsBefore.retries,
    throttled: env.stats.throttled - statsBefore.throttled,
  };
  // Both attempted whatever happened above. On a full disk they may fail too: the record then
  // stays `running` (status: never finished) and a lock left behind is taken over by the next run.
  const finished = attempt(() => summary.runId !== undefined && state.runs.finish(summary.runId, outcome, summary, isoNow()));
  const released = release();
  for (const err of [finished, released]) {
    if (err === undefined) continue;
    if (fatal === undefined) fatal = asLocal(err);
    else log.debug('could not record the end of the run', { error: errorMessage(err) });
  }
  if (fatal !== undefined) throw fatal;
  return summary;
}

/** Runs `fn`; what it threw, or undefined. */
function attempt(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err ?? new Error('failed');
  }
}

import type { SellerConfig } from '../config/schema';
import { errorMessage, LockHeldError, RemoteError, StoppedError, type StopSignalName } from '../errors';
import type { HttpStats } from '../http/client';
import type { Logger } from '../output/log';
import { localIoError } from '../state/io-errors';
import type { RunOutcome } from '../state/runs';
import { iso } from '../time';
import { runHandle, type RunEnv, type RunHandle, type RunOf } from './run-handle';
import { stoppedBy } from './stop';
import { newSummary } from './summary';
import type { RunSummary } from './types';

/**
 * One run of one command for one seller: takes the lock (a held lock ends the run as `locked`),
 * writes the run record, runs `body`, and always finishes the record and releases the lock. A
 * thrown error ends the run as `failed` with its message; item failures make it `partial`; SIGINT or
 * SIGTERM make it `stopped`. A
 * state file that can no longer be written (LocalIoError) ends the whole command instead: the run
 * record and the lock are still attempted, and whichever of them fails does not hide the cause.
 */
export async function withRun(
  env: RunEnv,
  command: string,
  seller: SellerConfig,
  dryRun: boolean,
  body: (run: RunHandle) => Promise<void>,
): Promise<RunSummary> {
  const now = env.clock();
  const of: RunOf = { command, seller: seller.name, dryRun };
  const summary = newSummary(command, seller.name, dryRun, iso(now));
  const statsBefore = { ...env.stats };
  const started = begin(env, of, summary, env.logger.child({ command, seller: seller.name }), now);
  if ('locked' in started) return started.locked;
  const { outcome, fatal } = await runBody(env, runHandle(env, of, summary, started.log, now), body);
  summary.outcome = outcome;
  summary.ms = env.clock() - now;
  summary.http = since(env.stats, statsBefore);
  const thrown = finish(env, of, summary, outcome, fatal, started.log);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the run or its bookkeeping threw, unchanged
  if (thrown !== undefined) throw thrown;
  return summary;
}

/** The lock and the run record (not in a dry run): a lock held elsewhere ends the run at once, as `locked`. */
function begin(env: RunEnv, of: RunOf, summary: RunSummary, log: Logger, now: number): { log: Logger } | { locked: RunSummary } {
  const { state } = env;
  if (of.dryRun) return { log };
  try {
    const note = state.locks.acquire(of.command, of.seller, new Date(now));
    if (note) log.warn(note);
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw localIoError(err, state.db.name) ?? err;
    // Another run still going is the expected skip (as with flock -n): said, but not in --quiet cron mail.
    // A hold far longer than the command's interval is a stuck run someone should look at.
    const heldMs = err.heldSince === undefined ? undefined : now - Date.parse(err.heldSince);
    const overdue = env.lockOverdueMs !== undefined && heldMs !== undefined && heldMs > env.lockOverdueMs;
    if (overdue) {
      log.warn(
        `${err.message}; it has held the lock for ${Math.round(heldMs / 60_000)} min, more than twice the command's interval: ` +
          'is it stuck? (status shows the holder)',
      );
    } else log.info(err.message);
    return { locked: { ...summary, outcome: 'locked', error: err.message, ...(overdue ? { lockOverdue: true } : {}) } };
  }
  try {
    summary.runId = state.runs.start(of.command, of.seller, iso(now));
  } catch (err) {
    attempt(() => state.locks.release(of.command, of.seller));
    throw localIoError(err, state.db.name) ?? err;
  }
  return { log: log.child({ runId: summary.runId }) };
}

/** The body's outcome; `fatal` is what ends the whole command rather than this run: the state file could not be written. */
async function runBody(
  env: RunEnv,
  handle: RunHandle,
  body: (run: RunHandle) => Promise<void>,
): Promise<{ outcome: RunOutcome; fatal?: unknown }> {
  try {
    await body(handle);
    const signal = env.stop && stoppedBy(env.stop);
    // A signal's stop is no failure either, but it is told apart: the run did not end as scheduled.
    if (signal) return stopped(handle, signal);
    // Stopping at the deadline is not a failure: the schedule is working as meant, the checkpoint
    // holds every complete slice, and the next run continues from it. Alerting on it would page
    // someone for a backlog that clears itself; `status` shows the stop from the summary instead.
    return { outcome: handle.summary.failures.length ? 'partial' : 'ok' };
  } catch (err) {
    if (err instanceof StoppedError) return stopped(handle, err.signal);
    const local = localIoError(err, env.state.db.name);
    handle.summary.error = errorMessage(local ?? err);
    if (local) return { outcome: 'failed', fatal: local };
    handle.log.error('run stopped', { error: handle.summary.error, ...(err instanceof RemoteError ? { kind: err.kind } : {}) });
    return { outcome: 'failed' };
  }
}

function stopped(handle: RunHandle, signal: StopSignalName): { outcome: RunOutcome } {
  handle.summary.signal = signal;
  handle.log.info(`stopped by ${signal}: what was done is kept, and the next run continues from the checkpoint`);
  return { outcome: 'stopped' };
}

function since(now: HttpStats, before: HttpStats): RunSummary['http'] {
  return { requests: now.requests - before.requests, retries: now.retries - before.retries, throttled: now.throttled - before.throttled };
}

/**
 * Finishes the run record and releases the lock, both attempted whatever happened before. On a
 * full disk they may fail too: the record then stays `running` (status: never finished) and a
 * lock left behind is taken over by the next run. Returns what to throw: the first local I/O error.
 */
function finish(env: RunEnv, of: RunOf, summary: RunSummary, outcome: RunOutcome, fatal: unknown, log: Logger): unknown {
  const { state } = env;
  const finished = attempt(() => summary.runId !== undefined && state.runs.finish(summary.runId, outcome, summary, iso(env.clock())));
  const released = attempt(() => !of.dryRun && state.locks.release(of.command, of.seller));
  prune(env, of, summary, log);
  let thrown = fatal;
  for (const err of [finished, released]) {
    if (err === undefined) continue;
    if (thrown === undefined) thrown = localIoError(err, state.db.name) ?? err;
    else log.debug('could not record the end of the run', { error: errorMessage(err) });
  }
  return thrown;
}

/** Old run records go as each run ends; a failure here costs nothing but a longer table, so it is only logged. */
function prune(env: RunEnv, of: RunOf, summary: RunSummary, log: Logger): void {
  const { runId } = summary;
  if (runId === undefined || env.keepRunsDays === undefined) return;
  const before = iso(env.clock() - env.keepRunsDays * 86_400_000);
  const failed = attempt(() => env.state.runs.prune(of.command, of.seller, runId, before));
  if (failed !== undefined) log.debug('could not delete old run records', { error: errorMessage(failed) });
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

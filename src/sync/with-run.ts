import type { SellerConfig } from '../config/schema';
import { errorMessage, LockHeldError, RemoteError, StoppedError } from '../errors';
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
    log.warn(err.message);
    return { locked: { ...summary, outcome: 'locked', error: err.message } };
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

function stopped(handle: RunHandle, signal: string): { outcome: RunOutcome } {
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
  let thrown = fatal;
  for (const err of [finished, released]) {
    if (err === undefined) continue;
    if (thrown === undefined) thrown = localIoError(err, state.db.name) ?? err;
    else log.debug('could not record the end of the run', { error: errorMessage(err) });
  }
  return thrown;
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

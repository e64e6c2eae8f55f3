import type { SellerConfig } from '../config';
import { errorMessage, LockHeldError, RemoteError } from '../errors';
import type { HttpStats } from '../http/client';
import type { Logger } from '../log';
import type { State } from '../state';
import { prefetch } from './concurrency';
import { newSummary, recordResults } from './summary';
import type { Direction, MarketplaceScope, MarketplaceSummary, RunSummary } from './types';
import { computeWindow } from './window';

export interface RunOptions {
  dryRun: boolean;
  since?: string;
}

export interface RunEnv {
  state: State;
  logger: Logger;
  clock: () => number;
  stats: HttpStats;
}

/**
 * Runs one direction for one seller: lock, run record, then per marketplace the retry queue and
 * the window. The checkpoint moves to the run's signpost only after every page of the window was
 * written; a crash or fatal error leaves it where it was, and the next run reads the window again.
 */
export async function runDirection<T>(
  env: RunEnv,
  direction: Direction<T>,
  seller: SellerConfig,
  opts: RunOptions,
): Promise<RunSummary> {
  const { state, clock } = env;
  const now = clock();
  const iso = (): string => new Date(clock()).toISOString();
  const summary = newSummary(direction.name, seller.name, opts.dryRun, new Date(now).toISOString());
  const statsBefore = { ...env.stats };
  const log = env.logger.child({ command: direction.name, seller: seller.name });

  if (!opts.dryRun) {
    try {
      const note = state.locks.acquire(direction.name, seller.name, new Date(now));
      if (note) log.warn(note);
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      log.warn(err.message);
      return { ...summary, outcome: 'locked', error: err.message };
    }
    summary.runId = state.runs.start(direction.name, seller.name, new Date(now).toISOString());
  }
  const runLog = summary.runId === undefined ? log : log.child({ runId: summary.runId });

  try {
    for (const marketplaceId of seller.marketplaceIds) {
      const scope: MarketplaceScope = { seller, marketplaceId, dryRun: opts.dryRun };
      const key = { seller: seller.name, marketplace: marketplaceId, direction: direction.name };
      const window = computeWindow({
        now,
        lagMs: direction.lagMs,
        checkpoint: state.checkpoints.get(key),
        lookbackMs: direction.lookbackMs(seller),
        initialLookbackMs: direction.initialLookbackMs(seller),
        since: opts.since,
      });
      const mp: MarketplaceSummary = { marketplaceId, from: window?.from ?? '', to: window?.to ?? '', read: 0, actions: {}, failed: 0 };
      summary.marketplaces.push(mp);
      const heartbeat = (): void => {
        if (!opts.dryRun) state.locks.heartbeat(direction.name, seller.name, new Date(clock()));
      };
      const record = (results: Parameters<typeof recordResults>[2]): void => {
        recordResults(summary, mp, results);
        if (opts.dryRun) return;
        for (const r of results) {
          if (!r.ok && r.retriable) state.retries.fail(key, r.key, r.reason, iso());
          else state.retries.clear(key, r.key);
        }
        heartbeat();
      };

      const waiting = state.retries.list(key).map((r) => r.key);
      const handled = new Set(waiting);
      if (waiting.length) {
        runLog.info('retrying items that failed before', { marketplace: marketplaceId, count: waiting.length });
        for await (const { items, missing } of direction.refetch(scope, waiting)) {
          mp.read += items.length;
          record([...missing, ...(await direction.write(scope, items))]);
        }
      }
      if (!window) {
        runLog.info('nothing to read yet: the window is empty', { marketplace: marketplaceId });
        continue;
      }
      runLog.info('reading window', { marketplace: marketplaceId, from: window.from, to: window.to });
      for await (const page of prefetch(direction.read(scope, window))) {
        mp.read += page.length;
        const fresh = page.filter((item) => {
          const k = direction.keyOf(item);
          return k === undefined || !handled.has(k);
        });
        record(await direction.write(scope, fresh));
      }
      if (!opts.dryRun) state.checkpoints.set(key, window.to, summary.runId, iso());
    }
    summary.outcome = summary.failures.length ? 'partial' : 'ok';
  } catch (err) {
    summary.outcome = 'failed';
    summary.error = errorMessage(err);
    runLog.error('run stopped', { error: summary.error, ...(err instanceof RemoteError ? { kind: err.kind } : {}) });
  } finally {
    summary.ms = clock() - now;
    summary.http = {
      requests: env.stats.requests - statsBefore.requests,
      retries: env.stats.retries - statsBefore.retries,
      throttled: env.stats.throttled - statsBefore.throttled,
    };
    if (summary.runId !== undefined) {
      state.runs.finish(summary.runId, summary.outcome === 'ok' ? 'ok' : summary.outcome === 'partial' ? 'partial' : 'failed', summary, iso());
    }
    if (!opts.dryRun) state.locks.release(direction.name, seller.name);
  }
  return summary;
}

import type { SellerConfig } from '../config';
import { prefetch } from './concurrency';
import type { Direction, MarketplaceScope, RunSummary } from './types';
import { computeWindow } from './window';
import { withRun, type RunEnv } from './with-run';

export type { RunEnv } from './with-run';

export interface RunOptions {
  dryRun: boolean;
  since?: string;
}

/**
 * Runs a windowed direction for one seller: per marketplace, first the retry queue, then the
 * window. The checkpoint moves to the run's signpost only after every page of the window was
 * written; a crash or fatal error leaves it where it was, and the next run reads the window again.
 */
export async function runDirection<T>(env: RunEnv, direction: Direction<T>, seller: SellerConfig, opts: RunOptions): Promise<RunSummary> {
  const { state } = env;
  return withRun(env, direction.name, seller, opts.dryRun, async (run) => {
    for (const marketplaceId of seller.marketplaceIds) {
      const key = { seller: seller.name, marketplace: marketplaceId, direction: direction.name };
      const checkpoint = state.checkpoints.get(key);
      const computed = computeWindow({
        now: run.now,
        lagMs: direction.lagMs,
        checkpoint,
        lookbackMs: direction.lookbackMs(seller),
        initialLookbackMs: direction.initialLookbackMs(seller),
        since: opts.since,
      });
      const window = computed && { ...computed, initial: !checkpoint && !opts.since };
      const scope: MarketplaceScope = { seller, marketplaceId, dryRun: opts.dryRun };
      const mp = run.marketplace(marketplaceId, window);
      const record = (results: Parameters<typeof run.record>[1]): void => {
        run.record(mp, results);
        if (opts.dryRun) return;
        for (const r of results) {
          if (!r.ok && r.retriable) state.retries.fail(key, r.key, r.reason, run.iso());
          else state.retries.clear(key, r.key);
        }
      };

      const waiting = state.retries.list(key).map((r) => r.key);
      const handled = new Set(waiting);
      if (waiting.length) {
        run.log.info('retrying items that failed before', { marketplace: marketplaceId, count: waiting.length });
        for await (const { items, missing } of direction.refetch(scope, waiting, window)) {
          mp.read += items.length;
          record([...missing, ...(await direction.write(scope, items))]);
        }
      }
      if (!window) {
        run.log.info('nothing to read yet: the window is empty', { marketplace: marketplaceId });
        continue;
      }
      run.log.info('reading window', { marketplace: marketplaceId, from: window.from, to: window.to, initial: window.initial });
      for await (const page of prefetch(direction.read(scope, window))) {
        mp.read += page.length;
        const fresh = page.filter((item) => {
          const k = direction.keyOf(item);
          return k === undefined || !handled.has(k);
        });
        record(await direction.write(scope, fresh));
      }
      if (!opts.dryRun) state.checkpoints.set(key, window.to, run.summary.runId, run.iso());
    }
  });
}

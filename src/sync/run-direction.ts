import type { SellerConfig } from '../config/schema';
import { DeadlineReachedError } from '../errors';
import type { CheckpointKey } from '../state/checkpoints';
import { prefetch, together } from './concurrency';
import { nextSpan, shorterSpan, sliceEnd, SLICING } from './slices';
import type { Direction, ItemResult, MarketplaceScope, MarketplaceSummary, RunSummary, Window } from './types';
import { planWindow } from './window';
import { withRun, type RunEnv, type RunHandle } from './with-run';

export type { RunEnv } from './with-run';

export interface RunOptions {
  dryRun: boolean;
  since?: string;
}

/** What one marketplace's part of a run works with. */
interface Part<T> {
  run: RunHandle;
  direction: Direction<T>;
  scope: MarketplaceScope;
  key: CheckpointKey;
  mp: MarketplaceSummary;
  /** Keys the retry queue handles this run: the window leaves them alone. */
  handled: ReadonlySet<string>;
  record(results: readonly ItemResult[]): void;
}

/**
 * Runs a windowed direction for one seller: per marketplace, the retry queue and the window side
 * by side (each waits on its own rate limit while the other works). The window is read in
 * consecutive time slices, oldest first, and the checkpoint moves to a slice's end once every page
 * of it is written; the last slice ends at the run's signpost. At the deadline no new slice or
 * retry starts and the slice being read is given up (its written pages are idempotent): the
 * checkpoint stays at the last complete slice, where the next run continues. A crash or a fatal
 * error likewise leaves the checkpoint at the last complete slice.
 */
export async function runDirection<T>(env: RunEnv, direction: Direction<T>, seller: SellerConfig, opts: RunOptions): Promise<RunSummary> {
  const { state } = env;
  return withRun(env, direction.name, seller, opts.dryRun, async (run) => {
    for (const marketplaceId of seller.marketplaceIds) {
      const key = { seller: seller.name, marketplace: marketplaceId, direction: direction.name };
      const plan = planWindow(state, run.log, {
        command: direction.name,
        key,
        now: run.now,
        lagMs: direction.lagMs,
        lookbackMs: direction.lookbackMs(seller),
        initialLookbackMs: direction.initialLookbackMs(seller),
        since: opts.since,
      });
      const window = plan.window && { ...plan.window, initial: !plan.checkpoint && !opts.since };
      const mp = run.marketplace(marketplaceId, window);
      if (run.pastDeadline()) {
        run.stopAtDeadline(marketplaceId, `not started; from ${plan.trusted ?? window?.from ?? 'the initial lookback'}`);
        continue;
      }
      const waiting = state.retries.list(key).map((r) => r.key);
      const part: Part<T> = {
        run,
        direction,
        scope: { seller, marketplaceId, dryRun: opts.dryRun, ...(run.deadline === undefined ? {} : { deadline: run.deadline }) },
        key,
        mp,
        handled: new Set(waiting),
        record(results) {
          run.record(mp, results);
          if (opts.dryRun) return;
          for (const r of results) {
            if (!r.ok && r.retriable) state.retries.fail(key, r.key, r.reason, run.iso());
            else state.retries.clear(key, r.key);
          }
        },
      };
      await together([(failed) => retryWaiting(part, waiting, window, failed), (failed) => readWindow(part, window, env, failed)]);
    }
  });
}

/** Items that failed before, fetched again by key. Those not reached by the deadline stay queued. */
async function retryWaiting<T>(part: Part<T>, waiting: readonly string[], window: Window | undefined, failed: () => boolean): Promise<void> {
  const { run, direction, scope, mp } = part;
  if (!waiting.length) return;
  run.log.info('retrying items that failed before', { marketplace: scope.marketplaceId, count: waiting.length });
  const reached = new Set<string>();
  let cut = false;
  try {
    for await (const { items, missing } of prefetch(direction.refetch(scope, [...waiting], window))) {
      mp.read += items.length;
      const results = [...missing, ...(await direction.write(scope, items))];
      part.record(results);
      for (const r of results) reached.add(r.key);
      if (failed()) return;
      if (run.pastDeadline()) {
        cut = true;
        break;
      }
    }
  } catch (err) {
    if (!(err instanceof DeadlineReachedError)) throw err;
    cut = true;
  }
  const left = waiting.filter((k) => !reached.has(k)).length;
  if (cut && left) run.stopAtDeadline(scope.marketplaceId, `${left} item(s) not retried yet`);
}

/** The window, slice by slice; see runDirection. */
async function readWindow<T>(part: Part<T>, window: Window | undefined, env: RunEnv, failed: () => boolean): Promise<void> {
  const { run, scope, key } = part;
  const { state } = env;
  if (!window) {
    run.log.info('nothing to read yet: the window is empty', { marketplace: scope.marketplaceId });
    return;
  }
  run.log.info('reading window', { marketplace: scope.marketplaceId, from: window.from, to: window.to, initial: window.initial });
  const to = Date.parse(window.to);
  let from = Date.parse(window.from);
  let span = state.readSpans.get(key) ?? SLICING.startMs;
  const keep = (checkpoint: string | undefined): void => {
    if (scope.dryRun) return;
    if (checkpoint) run.checkpoint(key, Date.parse(checkpoint), to);
    state.readSpans.set(key, span, run.iso());
  };
  const stop = (): void => run.stopAtDeadline(scope.marketplaceId, `from ${state.checkpoints.get(key) ?? 'the start of its window'}`);
  /** Pages per ms in the last complete slice: with the pages the deadline still allows, it sizes a slice that fits. */
  let density: number | undefined;
  for (;;) {
    if (failed()) return;
    if (run.pastDeadline()) return stop();
    const budget = part.direction.readBudget?.(scope);
    if (budget !== undefined && budget < 1) return stop();
    const fits = budget === undefined || !density ? span : Math.max(SLICING.minMs, budget / density);
    const end = sliceEnd(from, to, Math.min(span, fits));
    const slice: Window = { from: new Date(from).toISOString(), to: new Date(end).toISOString(), initial: window.initial };
    const { pages, complete } = await readSlice(part, slice, failed);
    if (!complete) {
      if (failed()) return;
      // Cut off after some pages: this span does not fit in a run, so the next run reads a shorter one.
      if (pages > 0) span = shorterSpan(span);
      keep(undefined);
      return stop();
    }
    density = pages / Math.max(1, end - from);
    span = nextSpan(span, end - from, pages);
    keep(slice.to);
    if (end >= to) return;
    from = end;
  }
}

/**
 * One slice, page by page; `complete` once every page is written. The deadline (or a failure
 * beside it) cuts it short: a page that arrives after the deadline is not written, since the
 * slice is read again next run anyway.
 */
async function readSlice<T>(part: Part<T>, slice: Window, failed: () => boolean): Promise<{ pages: number; complete: boolean }> {
  const { run, direction, scope, mp, handled } = part;
  let pages = 0;
  let over = false;
  try {
    for await (const page of prefetch(direction.read(scope, slice))) {
      if (over) return { pages, complete: false };
      pages++;
      mp.read += page.length;
      const fresh = page.filter((item) => {
        const k = direction.keyOf(item);
        return k === undefined || !handled.has(k);
      });
      part.record(await direction.write(scope, fresh));
      over = failed() || run.pastDeadline();
    }
  } catch (err) {
    if (err instanceof DeadlineReachedError) return { pages, complete: false };
    throw err;
  }
  return { pages, complete: true };
}

import { DeadlineReachedError } from '../errors';
import { recordWrite } from './write-each';
import { iso } from '../time';
import { prefetch, together } from './concurrency';
import type { SlicedRead } from './direction';
import type { Part } from './part';
import { nextSpan, shorterSpan, sliceEnd, SLICING } from './slices';
import type { Window } from './types';

/**
 * The retry queue and the window side by side (each waits on its own rate limit while the other
 * works). The window is read in consecutive time slices, oldest first, and the checkpoint moves to
 * a slice's end once every page of it is written; the last slice ends at the run's signpost. At
 * the deadline no new slice or retry starts and the slice being read is given up (its written
 * pages are idempotent): the checkpoint stays at the last complete slice, where the next run
 * continues. A crash or a fatal error likewise leaves the checkpoint at the last complete slice.
 */
export async function readSlices<T>(part: Part<T>, read: SlicedRead<T>, waiting: readonly string[]): Promise<void> {
  await together([(failed) => retryWaiting(part, waiting, failed), (failed) => readWindow(part, read, failed)]);
}

/** Items that failed before, fetched again by key. Those not reached by the deadline stay queued. */
async function retryWaiting<T>(part: Part<T>, waiting: readonly string[], failed: () => boolean): Promise<void> {
  const { run, direction, ctx, mp } = part;
  if (!waiting.length) return;
  run.log.info('retrying items that failed before', { marketplace: ctx.marketplaceId, count: waiting.length });
  const reached = new Set<string>();
  let cut = false;
  try {
    for await (const { items, missing } of prefetch(direction.refetch(ctx, [...waiting], part.window))) {
      mp.read += items.length;
      if (missing.length) part.record(missing);
      const results = [
        ...missing,
        ...(await recordWrite(
          () => direction.write(ctx, items),
          (r) => part.record(r),
        )),
      ];
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
  if (cut && left) run.stopAtDeadline(ctx.marketplaceId, `${left} item(s) not retried yet`);
}

/** The window, slice by slice; see readSlices. */
async function readWindow<T>(part: Part<T>, read: SlicedRead<T>, failed: () => boolean): Promise<void> {
  const { run, ctx, key, window, progress } = part;
  const { state } = ctx;
  if (!window) {
    run.log.info('nothing to read yet: the window is empty', { marketplace: ctx.marketplaceId });
    return;
  }
  run.log.info('reading window', { marketplace: ctx.marketplaceId, from: window.from, to: window.to, initial: window.initial });
  const to = Date.parse(window.to);
  let from = Date.parse(window.from);
  const kept = state.readSpans.get(key);
  let span = kept ?? SLICING.startMs;
  const keep = (checkpoint: string | undefined): void => {
    if (ctx.dryRun) return;
    if (checkpoint) progress.advance(Date.parse(checkpoint), to, Date.parse(checkpoint) >= to);
    state.readSpans.set(key, span, ctx.iso());
  };
  const stop = (): void => run.stopAtDeadline(ctx.marketplaceId, progress.next());
  /**
   * Pages per ms in the last complete slice: with the pages the deadline still allows, it sizes a
   * slice that fits. Before one, a span kept from an earlier run was sized to hold targetPages.
   */
  let density = kept === undefined ? undefined : SLICING.targetPages / kept;
  for (;;) {
    if (failed()) return;
    if (run.pastDeadline()) {
      stop();
      return;
    }
    const budget = read.readBudget?.(ctx);
    if (budget !== undefined && budget < 1) {
      stop();
      return;
    }
    // A slice of x pages' worth costs up to x + 1 requests: its last page is mostly part full.
    const fits = budget === undefined || !density ? span : Math.max(SLICING.minMs, (budget - 1) / density);
    const end = sliceEnd(from, to, Math.min(span, fits));
    const slice: Window = { from: iso(from), to: iso(end), initial: window.initial };
    const { pages, complete } = await readSlice(part, read, slice, failed);
    if (!complete) {
      if (failed()) return;
      // Cut off after some pages: this span does not fit in a run, so the next run reads a shorter one.
      if (pages > 0) span = shorterSpan(span);
      keep(undefined);
      stop();
      return;
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
async function readSlice<T>(
  part: Part<T>,
  read: SlicedRead<T>,
  slice: Window,
  failed: () => boolean,
): Promise<{ pages: number; complete: boolean }> {
  const { run, direction, ctx, mp, handled } = part;
  let pages = 0;
  let over = false;
  try {
    for await (const page of prefetch(read.read(ctx, slice))) {
      if (over) return { pages, complete: false };
      pages++;
      mp.read += page.length;
      const fresh = page.filter((item) => {
        const k = direction.keyOf(item);
        return k === undefined || !handled.has(k);
      });
      await recordWrite(
        () => direction.write(ctx, fresh),
        (r) => part.record(r),
      );
      over = failed() || run.pastDeadline();
    }
  } catch (err) {
    if (err instanceof DeadlineReachedError) return { pages, complete: false };
    throw err;
  }
  return { pages, complete: true };
}

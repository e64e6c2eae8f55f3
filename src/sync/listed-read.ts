import { DeadlineReachedError } from '../errors';
import { mapLimit } from './concurrency';
import { recordWrite } from './write-each';
import type { ListedRead } from './direction';
import type { Part } from './part';

interface Task<T> {
  item: T;
  position: number | undefined;
  /** An item of the window: the checkpoint cannot pass it until it is written. */
  holds: boolean;
}

/** What a listed read got through: how many items the deadline left, and where the checkpoint may go. */
export interface Reached {
  left: number;
  /** The position of the first item of the window not written (undefined: it has none); `end` when every one was. */
  next: number | 'end' | undefined;
}

/**
 * The retry queue, the direction's own queue and the window's items, in that order (the window's
 * oldest first), looked at a few side by side. Nothing starts after the deadline; an item whose
 * request would wait past it (DeadlineReachedError) is not reached either.
 */
export async function readListed<T>(part: Part<T>, read: ListedRead<T>, waiting: readonly string[]): Promise<Reached> {
  const { run, direction, ctx, mp, window, handled } = part;
  const tasks: Task<T>[] = [];
  if (waiting.length) {
    run.log.info('retrying items that failed before', { marketplace: ctx.marketplaceId, count: waiting.length });
    for await (const { items, missing } of direction.refetch(ctx, [...waiting], window)) {
      mp.read += items.length;
      part.record(missing);
      tasks.push(...items.map((item) => ({ item, position: undefined, holds: false })));
    }
  }
  tasks.push(...(read.queued?.(ctx) ?? []).map((item) => ({ item, position: undefined, holds: false })));
  if (window) {
    run.log.info('reading window', { marketplace: ctx.marketplaceId, from: window.from, to: window.to, initial: window.initial });
    const listed = (await read.list(ctx, window)).filter((l) => {
      const k = direction.keyOf(l.item);
      return k === undefined || !handled.has(k);
    });
    mp.read += listed.length;
    // Oldest change first; an item that gives no position comes first and holds the checkpoint where it is.
    listed.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    tasks.push(...listed.map((l) => ({ ...l, holds: true })));
  }
  const reached = await mapLimit(tasks, read.concurrency, async (task) => {
    if (run.pastDeadline()) return false;
    try {
      await recordWrite(
        () => direction.write(ctx, [task.item]),
        (r) => part.record(r),
      );
      return true;
    } catch (err) {
      // Its request would have waited past the deadline: looked at next run.
      if (err instanceof DeadlineReachedError) return false;
      throw err;
    }
  });
  const first = tasks.find((t, i) => t.holds && !reached[i]);
  return { left: reached.filter((r) => !r).length, next: first ? first.position : 'end' };
}

/**
 * Moves the checkpoint after a listed read and its finish: to the window's end when every item of
 * the window was written, else to the position of the first one not written (never past the
 * run's signpost: a change date from the other system's clock may be later than ours). Moving
 * back would only re-read more, and an item without a position gives no place to stop at.
 */
export function settleListed<T>(part: Part<T>, read: ListedRead<T>, reached: Reached): void {
  const { run, ctx, window, progress } = part;
  if (!ctx.dryRun && window) {
    const signpost = Date.parse(window.to);
    const at = reached.next === 'end' ? signpost : reached.next === undefined ? undefined : Math.min(reached.next, signpost);
    if (at) progress.advance(at, signpost, reached.next === 'end');
  }
  if (reached.left) run.stopAtDeadline(ctx.marketplaceId, `${reached.left} ${read.unit} not looked at yet; ${progress.next()}`);
}

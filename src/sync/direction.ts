import type { SyncFlags } from '../commands/options';
import type { SellerConfig } from '../config/schema';
import type { RunContext, SellerContext } from './context';
import type { ItemResult, Window } from './types';

/**
 * A sync direction is a value, not a subclass (DESIGN §4): how it reads, how it writes
 * idempotently, and a few optional hooks. The runner owns everything else: windows, checkpoints,
 * the retry queue, deadlines, dry runs, summaries and the lock. No direction moves a checkpoint or
 * touches the retry queue.
 */
export type Direction<T> = WindowDirection<T> | WholeSetDirection<T>;

/** Builds a direction for one seller's run; `flags` are its own options (--since, --full). */
export type DirectionFactory = (ctx: SellerContext, flags: SyncFlags) => Direction<unknown>;

/** How the runner gets a direction: its default deadline, and what builds it. */
export interface DirectionSource {
  maxMinutes: number;
  /** The documented cron interval: a lock held much longer than this is worth a warning. */
  cronMinutes?: number;
  load(): Promise<DirectionFactory>;
}

interface SellerHooks {
  /** Why this seller's run does nothing, on purpose (e.g. synchronizeItems off): the run records it as its note. */
  skip?(seller: SellerConfig): string | undefined;
  /** Once per seller run, inside it (the lock held), before the first marketplace. */
  prepare?(ctx: SellerContext): Promise<void>;
}

/** Where a windowed direction's window lies: `[checkpoint − lookback, now − lag]`. */
export interface WindowBounds {
  /** How far behind the run's now the window must stop (orders: 2 minutes, Amazon's own rule). */
  lagMs: number;
  /** How far before the checkpoint each run reads again (late index updates, clock skew). */
  lookbackMs(seller: SellerConfig): number;
  /** How far back a first run reads; 0 when a first run reads everything another way. */
  initialLookbackMs(seller: SellerConfig): number;
}

/**
 * Items changed in a time window, page by page. The runner reads the window in consecutive
 * slices, oldest first, and moves the checkpoint to a slice's end once every page of it is written.
 */
export interface SlicedRead<T> {
  kind: 'slices';
  /** How many pages can still be asked for before the deadline (undefined: no limit worth counting); lets a run size its last slices to fit. */
  readBudget?(ctx: RunContext): number | undefined;
  read(ctx: RunContext, slice: Window): AsyncIterable<T[]>;
}

/** An item of a listed read and where it stands in the source's order of change (epoch ms), when the source says. */
export interface Listed<T> {
  item: T;
  position: number | undefined;
}

/**
 * Items changed since the window's start, from a source with no upper bound and no promised
 * order: listed whole, then written one by one, oldest position first, a few side by side. At the
 * deadline no further item starts; the checkpoint goes to the position of the first item of the
 * window not written (an item without a position holds it where it is), or to the window's end.
 */
export interface ListedRead<T> {
  kind: 'listed';
  /** Items written side by side. */
  concurrency: number;
  /** What the items are, for the deadline's note: `order(s)`. */
  unit: string;
  list(ctx: RunContext, window: Window): Promise<Listed<T>[]>;
  /** Work the direction keeps in a queue of its own in the state, done after the retries and before the window; it does not hold the checkpoint. */
  queued?(ctx: RunContext): T[];
}

/** A direction that reads what changed in a time window: one checkpoint per seller × marketplace. */
export interface WindowDirection<T> extends SellerHooks {
  kind: 'window';
  bounds: WindowBounds;
  read: SlicedRead<T> | ListedRead<T>;
  /** The item's remote id: keys the retry queue, and keeps an item retried this run from being handled again in the window. */
  keyOf(item: T): string | undefined;
  /** The items waiting in the retry queue, fetched again by key. A key that no longer exists yields a result (usually a failure). */
  refetch(ctx: RunContext, keys: string[], window: Window | undefined): AsyncIterable<{ items: T[]; missing: ItemResult[] }>;
  /** Idempotent writes keyed by remote ids: writing an item twice changes nothing the second time. */
  write(ctx: RunContext, items: T[]): Promise<ItemResult[]>;
  /** Per marketplace, before the retries and the window (`initial` on the window: the direction's first run there). */
  setup?(ctx: RunContext, window: Window | undefined): Promise<void>;
  /** Per marketplace, once the retries and the window are written; a listed read's checkpoint waits for it. */
  finish?(ctx: RunContext): Promise<ItemResult[]>;
}

/** What a whole-set write did, and how many changes it left for the next run because the deadline came first. */
export interface Written {
  results: ItemResult[];
  /** Per action, items done with nothing more to say of each: counted, not listed (a catalogue's worth of results is not held). */
  counted?: Record<string, number>;
  left: number;
}

/**
 * A direction that compares the whole set on both sides every run (no window, no checkpoint, no
 * retry queue: what is not done this run differs next run too). Marketplaces run side by side.
 */
export interface WholeSetDirection<T> extends SellerHooks {
  kind: 'whole-set';
  /** Per marketplace: how many items were compared, those that need nothing (or were settled), and the changes to make. */
  reconcile(ctx: RunContext): Promise<{ read: number; settled: ItemResult[]; counted?: Record<string, number>; changes: T[] }>;
  write(ctx: RunContext, changes: T[]): Promise<Written>;
  /** After a write the deadline did not cut short: a check of what the other side shows, which may replace results. */
  finish?(ctx: RunContext, changes: T[], written: Written): Promise<Written>;
  /** The deadline's note for what is left: `N SKU(s) not pushed yet, pushed first next run`. */
  leftOver(count: number): string;
}

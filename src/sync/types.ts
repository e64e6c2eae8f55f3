import type { SellerConfig } from '../config/schema';

/** What happened to one item (an order, a SKU, a shipment). `action` names what was done, for counts and logs. */
export type ItemResult =
  | { key: string; ok: true; action: string; detail?: string; warning?: string }
  | { key: string; ok: false; reason: string; retriable: boolean };

export interface Window {
  /** Inclusive lower bound, ISO-8601 UTC. */
  from: string;
  /** The run's signpost: upper bound, taken once from the clock. The checkpoint never passes it. */
  to: string;
  /** No checkpoint yet and no --since: the direction's first run for this marketplace. */
  initial: boolean;
}

export interface MarketplaceScope {
  seller: SellerConfig;
  marketplaceId: string;
  dryRun: boolean;
  /** The run's deadline (epoch ms): a read that would wait for a rate-limit token past it is not sent. */
  deadline?: number;
}

/**
 * A sync direction is a value, not a subclass: the shared loop owns windows, checkpoints, the
 * retry queue, locking and summaries; a direction only reads and writes, idempotently.
 */
export interface Direction<T> {
  readonly name: string;
  /** How far behind now the window must stop (orders: 2 minutes, Amazon's own rule). */
  readonly lagMs: number;
  initialLookbackMs(seller: SellerConfig): number;
  /** The item's remote id: keys the retry queue, and keeps an item retried this run from being handled again in the window. */
  keyOf(item: T): string | undefined;
  lookbackMs(seller: SellerConfig): number;
  /**
   * How many pages `read` can still ask for before `scope.deadline` under its rate limit
   * (undefined: no limit worth counting). Lets a run size its last slices to fit.
   */
  readBudget?(scope: MarketplaceScope): number | undefined;
  /** Items changed in the window, page by page. Called once per time slice of the run's window. */
  read(scope: MarketplaceScope, window: Window): AsyncIterable<T[]>;
  /**
   * The items waiting in the retry queue, fetched again by key, before the window is read (and
   * handled as part of it: `window` is the run's). A key that no longer exists yields a failed result.
   */
  refetch(scope: MarketplaceScope, keys: string[], window: Window | undefined): AsyncIterable<{ items: T[]; missing: ItemResult[] }>;
  write(scope: MarketplaceScope, items: T[]): Promise<ItemResult[]>;
}

export interface MarketplaceSummary {
  marketplaceId: string;
  from: string;
  to: string;
  read: number;
  actions: Record<string, number>;
  failed: number;
}

export type Outcome = 'ok' | 'partial' | 'failed' | 'locked';

/** A run that reached its --max-minutes deadline with work left, and where the next run picks it up. */
export interface DeadlineStop {
  /** The deadline, ISO-8601 UTC. */
  deadline: string;
  /** Per marketplace, in words: the checkpoint the next window starts from, or what is left to do. */
  resume: Array<{ marketplaceId: string; next: string }>;
}

export interface RunSummary {
  command: string;
  seller: string;
  runId?: number;
  dryRun: boolean;
  outcome: Outcome;
  startedAt: string;
  ms: number;
  marketplaces: MarketplaceSummary[];
  /** Action counts over all marketplaces. */
  totals: Record<string, number>;
  failures: Array<{ key: string; reason: string; retriable: boolean }>;
  warnings: Array<{ key: string; warning: string }>;
  /** Why a run did nothing on purpose (e.g. a seller with synchronizeItems off). */
  note?: string;
  /** Present when the run stopped at its deadline; the outcome stays `ok` (or `partial`) since nothing failed. */
  stoppedAtDeadline?: DeadlineStop;
  /** In a dry run: what would have been done. */
  planned: Array<{ key: string; action: string; detail?: string }>;
  http: { requests: number; retries: number; throttled: number };
  error?: string;
}

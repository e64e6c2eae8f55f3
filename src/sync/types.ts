import type { StopSignalName } from '../errors';

/** What happened to one item (an order, a SKU, a shipment). `action` names what was done, for counts and logs. */
export type ItemResult =
  | { key: string; ok: true; action: string; detail?: string; warning?: string }
  | {
      key: string;
      ok: false;
      reason: string;
      retriable: boolean;
      /** The item waits in a queue of the direction's own (the state) to be done again: the retry queue leaves it out. */
      ownQueue?: boolean;
      /** It failed because Amazon did not apply its feed as a whole: reported once per feed, not once per item. */
      feed?: FeedFailure;
    };

/** A feed Amazon applied none of (FATAL, CANCELLED, or a report that says the document as a whole was not read). */
export interface FeedFailure {
  feedId: string;
  feedType: string;
  /** How it ended: FATAL, CANCELLED, or DONE with a document-level error. */
  status: string;
  /** What Amazon's processing report says of the feed as a whole, or that it has none. */
  message: string;
}

/** A failed feed in a run's summary: every record of it failed and waits for the next run. */
export interface FailedFeed extends FeedFailure {
  marketplaceId: string;
  /** Records (SKUs, orders) of this run that failed with it. */
  records: number;
}

export interface Window {
  /** Inclusive lower bound, ISO-8601 UTC. */
  from: string;
  /** The run's signpost: upper bound, taken once from the clock. The checkpoint never passes it. */
  to: string;
  /** No checkpoint yet and no --since: the direction's first run for this marketplace. */
  initial: boolean;
}

export interface MarketplaceSummary {
  marketplaceId: string;
  from: string;
  to: string;
  read: number;
  actions: Record<string, number>;
  failed: number;
}

export type Outcome = 'ok' | 'partial' | 'failed' | 'locked' | 'stopped';

/** A run that reached its --max-minutes deadline with work left, and where the next run picks it up. */
export interface DeadlineStop {
  /** The deadline, ISO-8601 UTC. */
  deadline: string;
  /** Present when a signal, not the deadline, stopped the run. */
  signal?: StopSignalName;
  /** Per marketplace, in words: the checkpoint the next window starts from, or what is left to do. */
  resume: { marketplaceId: string; next: string }[];
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
  /** `feedId`: the item failed with its whole feed, which `failedFeeds` describes once. */
  failures: { key: string; reason: string; retriable: boolean; feedId?: string }[];
  /** Feeds Amazon applied none of, one entry each (absent when there were none). */
  failedFeeds?: FailedFeed[];
  warnings: { key: string; warning: string }[];
  /** Why a run did nothing on purpose (e.g. a seller with synchronizeItems off). */
  note?: string;
  /** Present when the run stopped at its deadline; the outcome stays `ok` (or `partial`) since nothing failed. */
  stoppedAtDeadline?: DeadlineStop;
  /** In a dry run: what would have been done. */
  planned: { key: string; action: string; detail?: string }[];
  http: { requests: number; retries: number; throttled: number };
  /** `locked` only: the holder has had the lock far longer than the command's interval (a warning, even with --quiet). */
  lockOverdue?: boolean;
  error?: string;
  /** `config`: the seller's own config or secrets are unusable, so it did not run (exit 2 rather than 3). */
  failedWith?: 'config';
  /** The signal that stopped the run (outcome `stopped`). */
  signal?: StopSignalName;
}

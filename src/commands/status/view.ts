import type { State } from '../../state';
import type { RunRow } from '../../state/runs';
import type { DeadlineStop, FailedFeed } from '../../sync/types';

export interface LastRun {
  id: number;
  startedAt: string;
  endedAt: string | null;
  /**
   * `interrupted`: the record says running but nobody holds its lock any more (the process died).
   * `stopped`: SIGINT or SIGTERM ended it cleanly; its counts are what it did.
   */
  outcome: 'ok' | 'partial' | 'failed' | 'stopped' | 'running' | 'interrupted';
  read: number;
  totals: Record<string, number>;
  failed: number;
  error?: string;
  note?: string;
  /** The run stopped at its --max-minutes deadline (not an error): where the next run continues. */
  stoppedAtDeadline?: DeadlineStop;
  /** Feeds Amazon applied none of: their records wait for the next run. */
  failedFeeds?: FailedFeed[];
}

export interface RetryEntry {
  marketplace: string;
  key: string;
  lastError: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
}

export interface LockHolder {
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
  /** False when the holder ran on this host and is gone: the next run takes the lock over. */
  live: boolean;
}

export interface DirectionStatus {
  seller: string;
  direction: string;
  lastRun?: LastRun;
  /** When the last run that ended `ok` finished: what an operator's monitoring should watch. */
  lastOkAt?: string;
  checkpoints: { marketplace: string; value: string; updatedAt: string }[];
  retries: RetryEntry[];
  lock?: LockHolder;
  /** Unfinished `--since` back-fills: the next `--since` run from `since` continues at `cursor`. */
  backfills?: { marketplace: string; since: string; cursor: string }[];
}

interface StoredSummary {
  totals?: Record<string, number>;
  marketplaces?: { read?: number }[];
  failures?: unknown[];
  error?: string;
  note?: string;
  stoppedAtDeadline?: DeadlineStop;
  failedFeeds?: FailedFeed[];
}

function lastRunOf(row: RunRow, lock: LockHolder | undefined): LastRun {
  const s = (row.summary ?? {}) as StoredSummary;
  const outcome = row.outcome === 'running' || row.outcome === null ? (lock?.live ? 'running' : 'interrupted') : row.outcome;
  return {
    id: row.id,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    outcome,
    read: (s.marketplaces ?? []).reduce((n, m) => n + (m.read ?? 0), 0),
    totals: s.totals ?? {},
    failed: s.failures?.length ?? 0,
    ...(s.error ? { error: s.error } : {}),
    ...(s.note ? { note: s.note } : {}),
    ...(s.stoppedAtDeadline ? { stoppedAtDeadline: s.stoppedAtDeadline } : {}),
    ...(s.failedFeeds?.length ? { failedFeeds: s.failedFeeds } : {}),
  };
}

/**
 * Everything `status` shows, per seller × direction, read from the state file alone. Sellers come
 * from the config and from past runs, so a seller removed from the config still shows its leftovers.
 */
export function statusView(state: State, sellers: readonly string[], directions: readonly string[], now: Date): DirectionStatus[] {
  const locks = state.locks.holders(now);
  const checkpoints = state.checkpoints.list();
  const backfills = state.backfills.list();
  const out: DirectionStatus[] = [];
  for (const seller of sellers) {
    for (const direction of directions) {
      const held = locks.find((l) => l.command === direction && l.seller === seller);
      const lock = held && { pid: held.pid, host: held.host, acquiredAt: held.acquiredAt, heartbeatAt: held.heartbeatAt, live: held.live };
      const latest = state.runs.latest(direction, seller);
      const lastOk = state.runs.latest(direction, seller, ['ok']);
      out.push({
        seller,
        direction,
        ...(latest ? { lastRun: lastRunOf(latest, lock) } : {}),
        ...(lastOk?.endedAt ? { lastOkAt: lastOk.endedAt } : {}),
        checkpoints: checkpoints
          .filter((c) => c.seller === seller && c.direction === direction)
          .map((c) => ({ marketplace: c.marketplace, value: c.value, updatedAt: c.updatedAt })),
        retries: state.retries.listFor(seller, direction),
        ...(lock ? { lock } : {}),
        ...backfillsOf(backfills, seller, direction),
      });
    }
  }
  return out;
}

function backfillsOf(all: ReturnType<State['backfills']['list']>, seller: string, direction: string): Pick<DirectionStatus, 'backfills'> {
  const mine = all.filter((b) => b.seller === seller && b.direction === direction);
  return mine.length ? { backfills: mine.map((b) => ({ marketplace: b.marketplace, since: b.since, cursor: b.cursor })) } : {};
}

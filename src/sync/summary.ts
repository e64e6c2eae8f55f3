import { EXIT } from '../errors';
import type { FailedFeed, FeedFailure, ItemResult, MarketplaceSummary, RunSummary } from './types';

export function newSummary(command: string, seller: string, dryRun: boolean, startedAt: string): RunSummary {
  return {
    command,
    seller,
    dryRun,
    outcome: 'ok',
    startedAt,
    ms: 0,
    marketplaces: [],
    totals: {},
    failures: [],
    warnings: [],
    planned: [],
    http: { requests: 0, retries: 0, throttled: 0 },
  };
}

/** Dry-run actions start with `would-`; they are listed as the plan, not counted as done; a dry run's failures are listed as `would-fail`. */
export function recordResults(summary: RunSummary, mp: MarketplaceSummary, results: readonly ItemResult[]): void {
  for (const r of results) {
    if (!r.ok) {
      mp.failed++;
      summary.failures.push({ key: r.key, reason: r.reason, retriable: r.retriable, ...(r.feed ? { feedId: r.feed.feedId } : {}) });
      if (r.feed) countFeedFailure(summary, mp.marketplaceId, r.feed);
      // A dry run lists what the real run would refuse beside what it would do.
      if (summary.dryRun) summary.planned.push({ key: r.key, action: 'would-fail', detail: r.reason });
      continue;
    }
    mp.actions[r.action] = (mp.actions[r.action] ?? 0) + 1;
    summary.totals[r.action] = (summary.totals[r.action] ?? 0) + 1;
    if (r.warning) summary.warnings.push({ key: r.key, warning: r.warning });
    if (r.action.startsWith('would-')) summary.planned.push({ key: r.key, action: r.action, ...(r.detail ? { detail: r.detail } : {}) });
  }
}

/** Many items done alike with nothing more to say of each (no key, warning or detail needed): counted, not listed. */
export function recordCounts(summary: RunSummary, mp: MarketplaceSummary, counted: Readonly<Record<string, number>>): void {
  for (const [action, n] of Object.entries(counted)) {
    if (n <= 0) continue;
    mp.actions[action] = (mp.actions[action] ?? 0) + n;
    summary.totals[action] = (summary.totals[action] ?? 0) + n;
  }
}

function countFeedFailure(summary: RunSummary, marketplaceId: string, feed: FeedFailure): void {
  const feeds = (summary.failedFeeds ??= []);
  const known = feeds.find((f) => f.feedId === feed.feedId);
  if (known) known.records++;
  else feeds.push({ ...feed, marketplaceId, records: 1 });
}

/** One line for a feed Amazon applied none of: what it was, what Amazon said, and how many records wait. */
export function failedFeedText(f: FailedFeed): string {
  const ended = f.status === 'DONE' ? 'was not applied' : `ended ${f.status}`;
  return `feed ${f.feedId} (${f.feedType}, ${f.marketplaceId}) ${ended}: ${f.message.replace(/\.$/, '')}; ${f.records} record(s) retried next run`;
}

/** The terminal's progress line while a run works: what was read and done so far. */
export function progressText(s: RunSummary): string {
  const read = s.marketplaces.reduce((n, m) => n + m.read, 0);
  const done = Object.entries(s.totals).map(([k, v]) => `${k} ${v}`);
  return [`${s.command} ${s.seller}: read ${read}`, ...done, s.failures.length ? `failed ${s.failures.length}` : '']
    .filter(Boolean)
    .join(', ');
}

/** The exit code a run's outcome makes on its own (the command's is the worst of its runs'). */
export const OUTCOME_EXIT: Readonly<Record<RunSummary['outcome'], number>> = {
  ok: EXIT.ok,
  partial: EXIT.itemsFailed,
  failed: EXIT.remote,
  locked: EXIT.locked,
  stopped: EXIT.SIGTERM,
};

/** A run's own exit code: a seller whose config or secrets are unusable is a usage error; a stop, its signal's. */
export function exitOf(s: RunSummary): number {
  if (s.outcome === 'failed' && s.failedWith === 'config') return EXIT.usage;
  if (s.outcome === 'stopped') return EXIT[s.signal ?? 'SIGTERM'];
  return OUTCOME_EXIT[s.outcome];
}

/** One line a human reads in cron mail or a terminal: the outcome and its exit code first. */
export function summaryLine(s: RunSummary): string {
  const counts = Object.entries(s.totals)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const read = s.marketplaces.reduce((n, m) => n + m.read, 0);
  const stop = s.stoppedAtDeadline;
  const parts = [
    `${s.command} ${s.seller}${s.dryRun ? ' (dry run)' : ''}: ${s.outcome === 'stopped' && s.signal ? `stopped by ${s.signal}` : s.outcome} (exit ${exitOf(s)})`,
    stop
      ? `${stop.signal ? '' : 'stopped at the deadline; '}next run continues ${stop.resume.map((r) => `${r.marketplaceId}: ${r.next}`).join(', ')};`
      : '',
    `read=${read}`,
    counts,
    s.failures.length ? `failed=${s.failures.length}` : '',
    s.failedFeeds?.length ? `failed-feeds=${s.failedFeeds.length}` : '',
    s.warnings.length ? `warnings=${s.warnings.length}` : '',
    `requests=${s.http.requests} retries=${s.http.retries} throttled=${s.http.throttled}`,
    `${(s.ms / 1000).toFixed(1)}s`,
  ];
  return parts.filter(Boolean).join(' ');
}

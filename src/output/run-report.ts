import { EXIT } from '../errors';
import { safeJson, safeText } from './safe-text';
import { failedFeedText, OUTCOME_EXIT, summaryLine } from '../sync/summary';
import type { RunSummary } from '../sync/types';
import type { Deps } from '../deps';

/**
 * The worst outcome decides (README, Exit codes): a fatal remote error (3) outranks a seller whose
 * config or secrets are unusable (2), which outranks failed items (1), which outrank a lock held
 * elsewhere (75). A local I/O error (74) and a signal (130, 143) are decided above, in main().
 */
export function exitCodeFor(summaries: readonly RunSummary[]): number {
  if (summaries.some((s) => s.outcome === 'failed' && s.failedWith !== 'config')) return EXIT.remote;
  if (summaries.some((s) => s.outcome === 'failed')) return EXIT.usage;
  if (summaries.some((s) => s.outcome === 'partial')) return EXIT.itemsFailed;
  if (summaries.some((s) => s.outcome === 'locked')) return EXIT.locked;
  return EXIT.ok;
}

const MAX_LISTED = 50;

/** One summary line per run on stderr; failures and a dry run's plan listed; `--json` puts everything on stdout. */
export function report(deps: Deps, command: string, summaries: RunSummary[], json: boolean): number {
  const code = exitCodeFor(summaries);
  for (const s of summaries) {
    const line = summaryLine(s);
    if (s.outcome === 'ok' || (s.outcome === 'locked' && !s.lockOverdue)) deps.logger.info(line);
    else deps.logger.warn(line, s.error ? { error: s.error } : {});
    // A feed Amazon applied none of is one line, not one per record in it.
    for (const f of s.failedFeeds ?? []) deps.logger.warn(failedFeedText(f), { seller: s.seller });
    const own = s.failures.filter((f) => f.feedId === undefined);
    const failed = s.dryRun ? 'would fail' : 'failed';
    for (const f of own.slice(0, MAX_LISTED)) deps.logger.warn(failed, { seller: s.seller, key: f.key, reason: f.reason });
    if (own.length > MAX_LISTED) deps.logger.warn(`… and ${own.length - MAX_LISTED} more failures (see --json or status)`);
    for (const w of s.warnings) deps.logger.warn('warning', { seller: s.seller, key: w.key, warning: w.warning });
  }
  if (json) {
    deps.out(safeJson(JSON.stringify(deps.redactor.redactValue({ command, exitCode: code, runs: summaries }))) + '\n');
  } else {
    // Keys and details come from the remote systems: escaped, so each planned change is one line.
    const text = (t: string): string => safeText(deps.redactor.redact(t));
    for (const s of summaries) {
      if (!s.dryRun) continue;
      const failing = s.planned.filter((p) => p.action === 'would-fail').length;
      const fails = failing ? `, ${failing} would fail (exit ${OUTCOME_EXIT[s.outcome]}, as the real run)` : '';
      deps.out(`${text(`${s.command} ${s.seller}`)} (dry run): ${s.planned.length - failing} change(s) would be made${fails}\n`);
      for (const p of s.planned) deps.out(`  ${text(`${p.action} ${p.key}${p.detail ? `  ${p.detail}` : ''}`)}\n`);
    }
  }
  return code;
}

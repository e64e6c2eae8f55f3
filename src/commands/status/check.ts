import { safeText } from '../../output/safe-text';
import { durationText } from './duration';
import type { DirectionStatus } from './view';

/** Monitoring-plugin exit codes (Nagios plugin guidelines; Icinga, Sensu and Zabbix read them alike). */
export const PLUGIN = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;
type Level = keyof typeof PLUGIN;
const NAMES: Record<Level, string> = { ok: 'OK', warning: 'WARNING', critical: 'CRITICAL', unknown: 'UNKNOWN' };

export interface CheckLimits {
  /** Per direction: how old its last success may be, in ms (default: twice its cron interval). */
  maxAgeMs(direction: string): number;
  /** Per direction: how long one run may hold its lock before it looks stuck, in ms. */
  lockMs(direction: string): number;
}

interface Finding {
  level: Level;
  text: string;
}

/** What one seller × direction looks like to monitoring: the worst of its findings. */
function findings(d: DirectionStatus, now: number, limits: CheckLimits): Finding[] {
  const out: Finding[] = [];
  const maxAge = limits.maxAgeMs(d.direction);
  const okAt = d.lastOkAt ? Date.parse(d.lastOkAt) : undefined;
  if (okAt === undefined) out.push({ level: 'critical', text: `no successful run yet (max age ${durationText(maxAge)})` });
  else if (now - okAt > maxAge)
    out.push({ level: 'critical', text: `last success ${durationText(now - okAt)} ago (max ${durationText(maxAge)})` });
  const run = d.lastRun;
  if (run?.outcome === 'failed') out.push({ level: 'critical', text: `last run failed${run.error ? `: ${run.error}` : ''}` });
  if (run?.outcome === 'interrupted') out.push({ level: 'warning', text: 'last run never finished (killed or crashed)' });
  if (d.retries.length) out.push({ level: 'warning', text: `${d.retries.length} item(s) waiting for retry` });
  if (d.lock) {
    const held = now - Date.parse(d.lock.acquiredAt);
    if (held > limits.lockMs(d.direction))
      out.push({
        level: 'warning',
        text: `lock held for ${durationText(held)} by pid ${d.lock.pid}@${d.lock.host}${d.lock.live ? '' : ' (gone)'}`,
      });
  }
  return out;
}

const worst = (levels: readonly Level[]): Level => levels.reduce<Level>((a, b) => (PLUGIN[b] > PLUGIN[a] && b !== 'unknown' ? b : a), 'ok');

/** A perfdata label: quoted, with the quote itself doubled (plugin guidelines). */
const label = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function perfdata(view: readonly DirectionStatus[], now: number, limits: CheckLimits): string {
  return view
    .flatMap((d) => {
      const name = `${d.seller}/${d.direction}`;
      const crit = Math.round(limits.maxAgeMs(d.direction) / 1000);
      const age = d.lastOkAt ? `${Math.max(0, Math.round((now - Date.parse(d.lastOkAt)) / 1000))}s` : 'U';
      return [`${label(`${name} last_success_age`)}=${age};;${crit};0`, `${label(`${name} retry_items`)}=${d.retries.length};0;;0`];
    })
    .join(' ');
}

/**
 * `status --check`: one summary line first (`ALLOC-AMAZON CRITICAL - …`, perfdata after `|`), then
 * one line per seller × direction, and the plugin exit code of the worst finding.
 */
export function statusCheck(view: readonly DirectionStatus[], now: number, limits: CheckLimits): { code: number; text: string } {
  const rows = view.map((d) => ({ d, found: findings(d, now, limits) }));
  const level = worst(rows.flatMap((r) => r.found.map((f) => f.level)));
  const problems = rows.flatMap((r) => r.found.filter((f) => f.level === level).map((f) => `${r.d.seller}/${r.d.direction}: ${f.text}`));
  const sellers = new Set(view.map((d) => d.seller)).size;
  const summary =
    view.length === 0
      ? 'no seller to check'
      : level === 'ok'
        ? `${view.length} direction(s) of ${sellers} seller(s) succeeded within their max age`
        : problems.join('; ');
  const detail = rows.map(({ d, found }) => {
    const state = NAMES[worst(found.map((f) => f.level))];
    return `${state}: ${d.seller}/${d.direction}${found.length ? ` — ${found.map((f) => f.text).join('; ')}` : ''}`;
  });
  // Text from the state file (errors, host names) is escaped: one finding cannot forge a line or a `|`.
  const first = `ALLOC-AMAZON ${NAMES[level]} - ${safeText(summary).replace(/\|/g, '/')} | ${perfdata(view, now, limits)}`;
  return { code: PLUGIN[level], text: `${[first, ...detail.map((l) => safeText(l).replace(/\|/g, '/'))].join('\n')}\n` };
}

/** When the state cannot be read at all: UNKNOWN, with the reason, as plugins do. */
export function unknownCheck(reason: string): { code: number; text: string } {
  return { code: PLUGIN.unknown, text: `ALLOC-AMAZON UNKNOWN - ${safeText(reason).replace(/\|/g, '/').split('\n').join(' ')}\n` };
}

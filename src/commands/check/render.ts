import { EXIT } from '../../errors';
import { safeText } from '../../output/safe-text';
import type { CheckRow } from './types';

const MARK: Record<CheckRow['result'], string> = { ok: 'ok', fail: 'FAIL', warn: 'warn', skip: 'skip' };

/** The table an operator reads before installing the crontab, then what works and what does not. */
export function renderCheck(
  rows: readonly CheckRow[],
  blocked: readonly string[],
  code: number,
  offline: boolean,
  features: readonly string[],
): string {
  // A detail may quote a remote answer: its own line breaks are ours, anything else in it is escaped.
  const label = (r: CheckRow): string => safeText(`${r.area}: ${r.check}`);
  const width = Math.min(68, Math.max(...rows.map((r) => label(r).length)));
  const lines: string[] = [];
  for (const r of rows) {
    const [first = '', ...rest] = r.detail.split('\n').map(safeText);
    lines.push(`${label(r).padEnd(width)}  ${MARK[r.result].padEnd(4)}  ${first}`.trimEnd());
    for (const more of rest) lines.push(`${' '.repeat(width + 8)}${more}`);
  }
  lines.push('');
  const everything = blocked.some((b) => b.startsWith('every'));
  if (code === EXIT.usage) {
    lines.push('Not ready: fix the configuration problems above (exit 2).');
  } else if (offline) {
    lines.push('Config, secrets and state file are fine. Run without --offline to probe Amazon and Allocadence.');
  } else if (code === EXIT.localIo) {
    lines.push('Every enabled feature can work, but the --record file could not be written (exit 74).');
  } else if (blocked.length === 0) {
    lines.push(`Ready: every enabled feature can work (${features.length} checked).`);
  } else {
    lines.push('These features cannot work until the failures above are fixed:');
    for (const f of everything ? blocked : features.filter((f) => blocked.includes(f))) lines.push(`  - ${f}`);
    lines.push(`(exit ${code})`);
  }
  return `${lines.join('\n')}\n`;
}

export interface FaultRow {
  scenario: string;
  runs: number;
  reruns: number;
  requests: number;
  /** Most failed attempts in a row at one request / the retry cap. */
  streak: string;
  faults: Record<string, number>;
  duplicates: number;
  losses: number;
  outcome: string;
}

const KIND_ORDER = ['429', '500', '503', 'slow', 'malformed', 'reset', 'reset-after', 'timeout', 'html', 'expire', 'fatal', 'cancelled'];

function faultCell(faults: Record<string, number>): string {
  const total = Object.values(faults).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(faults)
    .sort(([a], [b]) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b))
    .map(([k, n]) => `${k}:${n}`)
    .join(' ');
  return `${total}${kinds ? ` (${kinds})` : ''}`;
}

/** A plain-text table, one row per scenario, for the end of a run. */
export function formatTable(rows: readonly FaultRow[]): string {
  const head = [
    'scenario',
    'runs',
    'reruns',
    'requests',
    'faults injected (by kind)',
    'retry streak/cap',
    'duplicates',
    'losses',
    'outcome',
  ];
  const body = rows.map((r) => [
    r.scenario,
    String(r.runs),
    String(r.reruns),
    String(r.requests),
    faultCell(r.faults),
    r.streak,
    String(r.duplicates),
    String(r.losses),
    r.outcome,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === 4 || i === 8 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  return ['', 'Fault suite', line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line), ''].join('\n') + '\n';
}

/** Why runs stopped with exit 3, most frequent first: what an operator would read in cron mail. */
export function formatStops(stops: ReadonlyMap<string, number>): string {
  if (stops.size === 0) return '';
  const lines = [...stops].sort((a, b) => b[1] - a[1]).map(([message, n]) => `${String(n).padStart(5)}  ${message}`);
  return ['Runs that stopped (exit 3), by message (digits shown as N):', ...lines, ''].join('\n') + '\n';
}

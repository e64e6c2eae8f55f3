import fs from 'node:fs';
import os from 'node:os';

/** One line of the results: `ok` is undefined for a figure that is reported but has no target. */
export interface TableRow {
  scenario: string;
  measured: string;
  /** The rate-limit minimum or the baseline the measurement is divided by, if any. */
  bound?: string;
  ratio?: number;
  target: string;
  ok?: boolean;
}

const HEADER = ['scenario', 'measured', 'bound or baseline', 'ratio', 'target', 'result'];

function cells(r: TableRow): string[] {
  const result = r.ok === undefined ? '—' : r.ok ? 'ok' : 'MISSED';
  return [r.scenario, r.measured, r.bound ?? '—', r.ratio === undefined ? '—' : r.ratio.toFixed(3), r.target, result];
}

/** A Markdown table, padded so it also reads in a terminal. */
export function renderTable(rows: readonly TableRow[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const format = (l: string[]): string => `| ${l.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [format(HEADER), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.slice(1).map(format)].join('\n');
}

/** What the numbers were measured on, for anyone comparing them with their own. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const ramGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `machine: ${model}, ${cpus.length} cores, ${ramGiB} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export function writeResults(file: string, table: string, notes: readonly string[], machine: string, date: Date): void {
  const text = [
    '# Benchmark results',
    '',
    `\`npm run bench\`, ${date.toISOString().slice(0, 10)}.`,
    '',
    table,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    machine,
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
}

export const seconds = (s: number): string => `${s.toFixed(2)} s`;
export const mib = (m: number): string => `${m.toFixed(0)} MiB`;

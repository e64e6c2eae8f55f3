import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, LocalIoError } from '../../errors';
import type { DirectionStatus, LastRun } from './view';

/** A label value in the text exposition format: backslash, double quote and line feed escaped. */
export const labelValue = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

type Labels = Record<string, string>;
interface Sample {
  labels: Labels;
  value: number;
}
interface Family {
  name: string;
  help: string;
  samples: Sample[];
}

const OUTCOMES: readonly LastRun['outcome'][] = ['ok', 'partial', 'failed', 'stopped', 'running', 'interrupted'];
const seconds = (isoTime: string): number => Date.parse(isoTime) / 1000;

function families(view: readonly DirectionStatus[], now: number): Family[] {
  const f = (name: string, help: string): Family => ({ name: `alloc_amazon_${name}`, help, samples: [] });
  const started = f('last_run_start_timestamp_seconds', 'When the last run started, in Unix time.');
  const ended = f('last_run_end_timestamp_seconds', 'When the last finished run ended, in Unix time.');
  const success = f('last_success_timestamp_seconds', 'When the last run that ended ok ended, in Unix time.');
  const outcome = f('last_run_outcome', 'The last run outcome: 1 for the outcome it had, 0 for the others.');
  const duration = f('last_run_duration_seconds', 'How long the last finished run took.');
  const read = f('last_run_read_items', 'Items the last run read.');
  const actions = f('last_run_items', 'Items the last run handled, by what it did (created, pushed, confirmed, ...).');
  const failed = f('last_run_failed_items', 'Items the last run could not handle (retried next run).');
  const retries = f('retry_items', 'Items waiting for retry.');
  const lock = f('lock_held_seconds', 'How long the current holder has held the lock; absent when no run holds it.');
  for (const d of view) {
    const labels = { seller: d.seller, direction: d.direction };
    const add = (fam: Family, value: number, more: Labels = {}): number => fam.samples.push({ labels: { ...labels, ...more }, value });
    retries.samples.push({ labels, value: d.retries.length });
    if (d.lastOkAt) add(success, seconds(d.lastOkAt));
    if (d.lock) add(lock, Math.max(0, now / 1000 - seconds(d.lock.acquiredAt)));
    const run = d.lastRun;
    if (!run) continue;
    add(started, seconds(run.startedAt));
    for (const o of OUTCOMES) add(outcome, o === run.outcome ? 1 : 0, { outcome: o });
    if (!run.endedAt) continue;
    add(ended, seconds(run.endedAt));
    add(duration, seconds(run.endedAt) - seconds(run.startedAt));
    add(read, run.read);
    add(failed, run.failed);
    for (const [action, n] of Object.entries(run.totals)) add(actions, n, { action });
  }
  return [started, ended, success, outcome, duration, read, actions, failed, retries, lock];
}

/** `status --format prometheus`: the text exposition format, for node_exporter's textfile collector. */
export function prometheusText(view: readonly DirectionStatus[], now: number): string {
  const lines: string[] = [];
  for (const fam of families(view, now)) {
    lines.push(`# HELP ${fam.name} ${fam.help}`, `# TYPE ${fam.name} gauge`);
    for (const s of fam.samples) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${labelValue(v)}"`);
      lines.push(`${fam.name}{${labels.join(',')}} ${String(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `--output FILE`: written beside FILE under a temporary name, then renamed over it, so the
 * collector never reads half a file (node_exporter's textfile collector asks for exactly this).
 * World-readable: the collector runs as its own user.
 */
export function writeAtomically(file: string, text: string, pid: number): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new LocalIoError(file, errorMessage(err), 'metrics file');
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { directionOf, ROOT, type ScheduledLine } from './schedule-lines';
import { onCalendarTimes } from './on-calendar';

export const UNIT_DIR = path.join(ROOT, 'systemd');

export interface UnitEntry {
  section: string;
  key: string;
  value: string;
  /** `file:line`, for messages. */
  at: string;
}

/**
 * systemd's unit file syntax (systemd.syntax(7)): `[Section]` headers, `Key=Value` lines, comments
 * starting with `#` or `;`, a trailing backslash continuing a line. Anything else is an error here.
 */
export function parseUnitText(text: string, file: string): UnitEntry[] {
  const entries: UnitEntry[] = [];
  let section = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = (lines[i] ?? '').trim();
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${(lines[++i] ?? '').trim()}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!kv || !section) throw new Error(`${file}:${start + 1}: not a key=value line in a section: ${line}`);
    entries.push({ section, key: kv[1] ?? '', value: (kv[2] ?? '').trim(), at: `${path.basename(file)}:${start + 1}` });
  }
  return entries;
}

function readUnit(file: string): UnitEntry[] {
  return parseUnitText(fs.readFileSync(file, 'utf8'), file);
}

/** The unit systemd would load for `name`: its own file or its template's, then its drop-ins in name order. */
export function loadUnit(name: string, dir = UNIT_DIR): UnitEntry[] {
  const instance = /^([^@]+)@([^.]+)\.(\w+)$/.exec(name);
  const own = path.join(dir, name);
  const file = fs.existsSync(own) ? own : instance ? path.join(dir, `${instance[1]}@.${instance[3]}`) : own;
  if (!fs.existsSync(file)) throw new Error(`no unit file for ${name} in ${dir}`);
  const dropInDirs = [instance ? path.join(dir, `${instance[1]}@.${instance[3]}.d`) : '', path.join(dir, `${name}.d`)].filter(
    (d) => d && fs.existsSync(d),
  );
  const dropIns = dropInDirs.flatMap((d) =>
    fs
      .readdirSync(d)
      .filter((f) => f.endsWith('.conf'))
      .sort()
      .map((f) => path.join(d, f)),
  );
  const specifiers: Record<string, string> = {
    i: instance?.[2] ?? '',
    I: instance?.[2] ?? '',
    n: name,
    p: instance?.[1] ?? name.replace(/\.\w+$/, ''),
    '%': '%',
  };
  return [file, ...dropIns].flatMap(readUnit).map((e) => ({ ...e, value: e.value.replace(/%(.)/g, (m, c: string) => specifiers[c] ?? m) }));
}

/** Every value of a key, as systemd applies them: an empty assignment clears the list so far. */
export function values(unit: UnitEntry[], section: string, key: string): string[] {
  return unit
    .filter((e) => e.section === section && e.key === key)
    .reduce<string[]>((acc, e) => (e.value === '' ? [] : [...acc, e.value]), []);
}

/** The one value of a key (the last assignment wins, as systemd reads single-valued settings). */
export function value(unit: UnitEntry[], section: string, key: string): string | undefined {
  return values(unit, section, key).at(-1);
}

/** A systemd time span (`2min`, `90s`, `1h 30min`, a bare number of seconds) in seconds. */
export function timeSpanSeconds(text: string): number {
  const units: Record<string, number> = { '': 1, s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400, ms: 0.001 };
  let total = 0;
  const rest = text.replace(/\s*(\d+(?:\.\d+)?)\s*([a-z]*)/g, (_, n: string, u: string) => {
    if (!(u in units)) throw new Error(`unknown time unit ${u} in ${text}`);
    total += Number(n) * (units[u] ?? 0);
    return '';
  });
  if (rest.trim() !== '' || text.trim() === '') throw new Error(`not a time span: ${text}`);
  return total;
}

export function timerFiles(dir = UNIT_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.timer'))
    .sort();
}

/** A command line as systemd splits it (no quoting is used in these units, so words are enough). */
export function execArgv(unit: UnitEntry[]): string[] {
  const exec = values(unit, 'Service', 'ExecStart');
  if (exec.length !== 1) throw new Error(`expected one ExecStart, found ${exec.length}`);
  return (exec[0] ?? '').split(/\s+/);
}

/** Each timer, with the command its unit runs and its OnCalendar schedule, as a line like crontab's. */
export function timerLines(dir = UNIT_DIR): (ScheduledLine & { timer: UnitEntry[]; service: UnitEntry[]; serviceName: string })[] {
  return timerFiles(dir).map((file) => {
    const timer = loadUnit(file, dir);
    const serviceName = value(timer, 'Timer', 'Unit') ?? file.replace(/\.timer$/, '.service');
    const service = loadUnit(serviceName, dir);
    const command = execArgv(service);
    const calendar = values(timer, 'Timer', 'OnCalendar');
    if (calendar.length !== 1) throw new Error(`${file}: expected one OnCalendar, found ${calendar.length}`);
    return {
      source: file,
      command,
      direction: directionOf(command),
      timer,
      service,
      serviceName,
      times: (from, count) => onCalendarTimes(calendar[0] ?? '', from, count),
    };
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { parseArgv } from '../../src/cli';
import { COMMANDS, COMMAND_NAMES, DEFAULT_MAX_MINUTES, DIRECTION_NAMES } from '../../src/commands/registry';

/** Operator commands that run from cron too (reconcile), with their interval and default deadline. */
const SCHEDULED_OPERATORS = Object.fromEntries(
  COMMAND_NAMES.flatMap((name) => {
    const e = COMMANDS[name];
    return e.kind === 'operator' && 'schedule' in e && e.schedule ? [[name, e.schedule] as const] : [];
  }),
);

export const ROOT = path.join(__dirname, '../..');

/** The documented maximum interval of each direction, as the registry holds it (DESIGN §1), and for stock: at midnight. */
export const MAX_INTERVAL_MIN: Record<string, number> = Object.fromEntries([
  ...DIRECTION_NAMES.map((d) => [d, COMMANDS[d].cronMinutes] as const),
  ...Object.entries(SCHEDULED_OPERATORS).map(([name, s]) => [name, s.cronMinutes] as const),
]);

/** What a scheduled line's parse is: a sync run of its direction, or its scheduled operator command. */
export function expectedParse(direction: string): { kind: string; command: string } {
  return { kind: direction in SCHEDULED_OPERATORS ? direction : 'sync', command: direction };
}

/** One scheduled run of the tool, from a crontab line or a systemd timer. */
export interface ScheduledLine {
  /** Where it comes from, for messages: the crontab schedule or the timer's file name. */
  source: string;
  /** The program, then its arguments, as it will be started. */
  command: string[];
  direction: string;
  /** Start times (ms) after `from`, in UTC, the host's zone in these tests. */
  times(from: Date, count: number): number[];
}

export function directionOf(args: readonly string[]): string {
  return args.find((w) => w in MAX_INTERVAL_MIN) ?? '';
}

export function crontabLines(file = path.join(ROOT, 'crontab.example')): ScheduledLine[] {
  const text = fs.readFileSync(file, 'utf8');
  const vars = Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  return text
    .split('\n')
    .filter((l) => /^[\d*]/.test(l))
    .map((l) => {
      const fields = l.trim().split(/\s+/);
      const schedule = fields.slice(0, 5).join(' ');
      const command = fields.slice(5).map((w) => w.replace(/\$([A-Z_]+)/g, (_, v: string) => vars[v] ?? ''));
      return {
        source: schedule,
        command,
        direction: directionOf(command),
        times: (from, count) => {
          const it = CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' });
          return Array.from({ length: count }, () => it.next().getTime());
        },
      };
    });
}

/** The gaps, in minutes, between consecutive starts over `count` runs. */
export function gapsMinutes(line: ScheduledLine, from: Date, count = 60): number[] {
  const runs = line.times(from, count);
  return runs.slice(1).map((t, i) => (t - (runs[i] ?? t)) / 60_000);
}

/** Parses the line's arguments as the CLI does; `usage` holds any usage error it printed. */
export function parseLine(line: ScheduledLine): { parsed: ReturnType<typeof parseArgv>; usage: string } {
  let usage = '';
  const parsed = parseArgv(line.command.slice(1), { out: () => undefined, err: (x) => (usage += x) });
  return { parsed, usage };
}

/** The deadline the run gets: its own `--max-minutes`, else the direction's default. */
export function deadlineMinutes(line: ScheduledLine): number {
  const { parsed } = parseLine(line);
  if (parsed.kind === 'exit') throw new Error(`${line.source}: not a command: ${line.command.join(' ')}`);
  if (parsed.kind !== 'sync') {
    const scheduled = SCHEDULED_OPERATORS[parsed.command];
    if (!scheduled) throw new Error(`${line.source}: not a scheduled command: ${line.command.join(' ')}`);
    return parsed.global.maxMinutes ?? scheduled.maxMinutes;
  }
  return parsed.global.maxMinutes ?? DEFAULT_MAX_MINUTES[parsed.command];
}

/** What a line runs, without the options that only shape its logs (cron mail vs journal). */
export function runKey(line: ScheduledLine): string {
  const out: string[] = [];
  const args = line.command.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--quiet' || a === '-q') continue;
    if (a === '--log-format') {
      i++;
      continue;
    }
    out.push(a);
  }
  return out.join(' ');
}

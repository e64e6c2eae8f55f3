import fs from 'node:fs';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { parseArgv } from '../../src/cli';
import { COMMANDS, DIRECTION_NAMES } from '../../src/commands/registry';
import { assertBuilt, runCli } from '../helpers/cli-process';

/** The documented maximum interval of each direction, as the registry holds it (DESIGN §1), and for stock: at midnight. */
const MAX_INTERVAL_MIN: Record<string, number> = Object.fromEntries(DIRECTION_NAMES.map((d) => [d, COMMANDS[d].cronMinutes]));

interface CronLine {
  schedule: string;
  command: string[];
  direction: string;
}

function cronLines(): CronLine[] {
  const text = fs.readFileSync(path.join(__dirname, '../../crontab.example'), 'utf8');
  const vars = Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  return text
    .split('\n')
    .filter((l) => /^[\d*]/.test(l))
    .map((l) => {
      const fields = l.trim().split(/\s+/);
      const command = fields.slice(5).map((w) => w.replace(/\$([A-Z_]+)/g, (_, v: string) => vars[v] ?? ''));
      return { schedule: fields.slice(0, 5).join(' '), command, direction: command.find((w) => w in MAX_INTERVAL_MIN) ?? '' };
    });
}

beforeAll(assertBuilt);

test('one line per direction, each at most its documented interval; stock at midnight', () => {
  const lines = cronLines();
  expect(lines.map((l) => l.direction).sort()).toEqual(Object.keys(MAX_INTERVAL_MIN).sort());
  for (const l of lines) {
    const it = CronExpressionParser.parse(l.schedule, { currentDate: new Date('2026-03-01T00:00:30Z'), tz: 'UTC' });
    const runs = Array.from({ length: 50 }, () => it.next().getTime());
    const widest = Math.max(...runs.slice(1).map((t, i) => t - (runs[i] ?? t)));
    expect([l.direction, widest / 60_000 <= (MAX_INTERVAL_MIN[l.direction] ?? 0)]).toEqual([l.direction, true]);
  }
  const stock = lines.find((l) => l.direction === 'push-stock');
  const next = CronExpressionParser.parse(stock?.schedule ?? '', { currentDate: new Date('2026-03-01T12:00:00Z'), tz: 'UTC' }).next();
  expect(next.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  expect(stock?.command).toContain('--full');
});

test.each(cronLines().map((l) => [l.direction, l.command] as const))('%s: the line\'s options exist', async (direction, command) => {
  expect(command[0]).toBe('alloc-amazon');
  const r = await runCli([...command.slice(1), '--help']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Usage: alloc-amazon/);
  // Help wins over an unknown option, so parse the line itself too: it must be that direction, with no usage error.
  let err = '';
  const parsed = parseArgv(command.slice(1), { out: () => undefined, err: (x) => (err += x) });
  expect(err).toBe('');
  expect(parsed).toMatchObject({ kind: 'sync', command: direction });
});

test('the parse check above would catch a misspelt option', () => {
  let err = '';
  expect(parseArgv(['--quiet', 'push-stock', '--ful'], { out: () => undefined, err: (x) => (err += x) })).toEqual({ kind: 'exit', code: 2 });
  expect(err).toMatch(/unknown option '--ful'/);
});

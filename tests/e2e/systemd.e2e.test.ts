import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, BIN, runCli } from '../helpers/cli-process';
import { onCalendarTimes } from '../helpers/on-calendar';
import {
  crontabLines,
  deadlineMinutes,
  gapsMinutes,
  MAX_INTERVAL_MIN,
  parseLine,
  ROOT,
  runKey,
  expectedParse,
} from '../helpers/schedule-lines';
import { loadUnit, parseUnitText, timerFiles, timerLines, timeSpanSeconds, UNIT_DIR, value, values } from '../helpers/systemd-units';

const FROM = new Date('2026-03-01T00:00:30Z');
const PROGRAM = '/usr/local/bin/alloc-amazon';
const CONFIG = '/etc/alloc-amazon/config.json';
const STATE_DIR = path.dirname(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'config.example.json'), 'utf8')) as { stateDb: string }).stateDb,
);
const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const hasSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;

/** The keys these units may use, per section: a misspelt key fails here even without systemd-analyze. */
const KNOWN_KEYS: Record<string, string[]> = {
  Unit: ['Description', 'Documentation', 'Wants', 'After'],
  Service: [
    'Type',
    'User',
    'Group',
    'ExecStart',
    'SuccessExitStatus',
    'KillMode',
    'TimeoutStopSec',
    'TimeoutStartSec',
    'StateDirectory',
    'StateDirectoryMode',
    'ReadWritePaths',
    'UMask',
    'ProtectSystem',
    'ProtectHome',
    'PrivateTmp',
    'PrivateDevices',
    'PrivateMounts',
    'NoNewPrivileges',
    'CapabilityBoundingSet',
    'ProtectKernelTunables',
    'ProtectKernelModules',
    'ProtectKernelLogs',
    'ProtectControlGroups',
    'ProtectClock',
    'ProtectHostname',
    'RestrictAddressFamilies',
    'RestrictNamespaces',
    'RestrictRealtime',
    'RestrictSUIDSGID',
    'LockPersonality',
    'RemoveIPC',
    'SystemCallArchitectures',
    'SystemCallFilter',
    'SystemCallErrorNumber',
  ],
  Timer: ['OnCalendar', 'Unit', 'RandomizedDelaySec', 'FixedRandomDelay', 'AccuracySec', 'Persistent'],
  Install: ['WantedBy'],
};

beforeAll(assertBuilt);

test('every unit file parses, in known sections with known keys', () => {
  const files = fs.readdirSync(UNIT_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(service|timer|conf)$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(8);
  for (const f of files) {
    for (const e of parseUnitText(fs.readFileSync(path.join(UNIT_DIR, f), 'utf8'), f)) {
      expect([e.at, e.section, e.key, (KNOWN_KEYS[e.section] ?? []).includes(e.key)]).toEqual([e.at, e.section, e.key, true]);
    }
  }
});

test.each(timerLines().map((t) => [t.serviceName, t] as const))('%s: a hardened oneshot run as alloc-amazon', (_name, line) => {
  const { service, command } = line;
  const expected: Record<string, string> = {
    Type: 'oneshot',
    User: 'alloc-amazon',
    KillMode: 'mixed',
    ProtectSystem: 'strict',
    ProtectHome: 'yes',
    PrivateTmp: 'yes',
    NoNewPrivileges: 'yes',
  };
  for (const [k, v] of Object.entries(expected)) expect([k, value(service, 'Service', k)]).toEqual([k, v]);
  expect(command.slice(0, 3)).toEqual([PROGRAM, '--config', CONFIG]);
  expect(values(service, 'Service', 'SuccessExitStatus').join(' ').split(/\s+/)).toContain('75');
  expect(values(service, 'Service', 'ReadWritePaths').join(' ').split(/\s+/)).toContain(STATE_DIR);
  // A clean stop on SIGTERM waits for the request in flight (30 s by default): allow a minute at least.
  expect(timeSpanSeconds(value(service, 'Service', 'TimeoutStopSec') ?? '0')).toBeGreaterThanOrEqual(60);
  // A hang guard only: longer than any run's deadline plus an hour of waiting for a feed.
  expect(timeSpanSeconds(value(service, 'Service', 'TimeoutStartSec') ?? 'infinity')).toBeGreaterThan((deadlineMinutes(line) + 60) * 60);
});

test('one timer per crontab line, with the same command and the same start times', () => {
  const timers = timerLines();
  const cron = crontabLines();
  const plan = (ls: typeof cron): [string, string[]][] =>
    ls
      .map((l): [string, string[]] => [runKey(l), l.times(FROM, 100).map((t) => new Date(t).toISOString())])
      .sort((a, b) => a[0].localeCompare(b[0]));
  expect(plan(timers)).toEqual(plan(cron));
  for (const t of timers) {
    expect([t.source, Math.max(...gapsMinutes(t, FROM)) <= (MAX_INTERVAL_MIN[t.direction] ?? 0)]).toEqual([t.source, true]);
    expect([t.source, deadlineMinutes(t) < Math.min(...gapsMinutes(t, FROM))]).toEqual([t.source, true]);
  }
});

test('timers keep the schedule exact: a small fixed delay, 1 s accuracy, the daily full push caught up after downtime', () => {
  for (const t of timerLines()) {
    const delay = timeSpanSeconds(value(t.timer, 'Timer', 'RandomizedDelaySec') ?? '0');
    // A delay drawn anew each time would widen the gap between two runs beyond the schedule's.
    if (delay > 0) expect([t.source, value(t.timer, 'Timer', 'FixedRandomDelay')]).toEqual([t.source, 'yes']);
    expect([t.source, delay <= 300, timeSpanSeconds(value(t.timer, 'Timer', 'AccuracySec') ?? '1min') <= 60]).toEqual([
      t.source,
      true,
      true,
    ]);
    expect([t.source, value(t.timer, 'Install', 'WantedBy')]).toEqual([t.source, 'timers.target']);
    const daily = t.command.includes('--full');
    expect([t.source, value(t.timer, 'Timer', 'Persistent') === 'true']).toEqual([t.source, daily]);
  }
});

test('the full stock push waits for an hourly one still going rather than skip the day', () => {
  const [full, hourly] = [
    timerLines().find((t) => t.command.includes('--full')),
    timerLines().find((t) => t.direction === 'push-stock' && !t.command.includes('--full')),
  ];
  expect(
    values(loadUnit(full?.serviceName ?? ''), 'Unit', 'After')
      .join(' ')
      .split(/\s+/),
  ).toContain(hourly?.serviceName);
});

test.each(timerLines().map((t) => [t.source, t] as const))("%s: the unit's options exist", async (_source, line) => {
  const r = await runCli([...line.command.slice(1), '--help']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  const { parsed, usage } = parseLine(line);
  expect(usage).toBe('');
  expect(parsed).toMatchObject(expectedParse(line.direction));
});

/** systemd-analyze checks that ExecStart's program exists: point it at the built CLI in a copy. */
function copyUnits(edit: (text: string) => string = (t) => t): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-units-'));
  made.push(dir);
  fs.cpSync(UNIT_DIR, dir, { recursive: true });
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((x) => /\.(service|timer|conf)$/.test(x))) {
    const file = path.join(dir, f);
    fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')).replaceAll(PROGRAM, BIN));
  }
  return dir;
}

function verify(dir: string): { status: number | null; output: string } {
  const units = [...timerFiles(dir), ...timerLines(dir).map((t) => t.serviceName)].map((u) => path.join(dir, u));
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

(hasSystemd ? test : test.skip)('systemd-analyze verify: every timer and the service each one starts load without a warning', () => {
  const dir = copyUnits();
  expect(verify(dir)).toEqual({ status: 0, output: '' });
  // The same check sees a misspelt key.
  const bad = copyUnits((t) => t.replace('PrivateTmp=yes', 'PrivateTemp=yes'));
  expect(verify(bad).output).toMatch(/Unknown key 'PrivateTemp'/);
});

(hasSystemd ? test : test.skip)('the OnCalendar reading above agrees with systemd-analyze calendar', () => {
  for (const t of timerLines()) {
    const expr = values(t.timer, 'Timer', 'OnCalendar')[0] ?? '';
    const r = spawnSync('systemd-analyze', ['calendar', '--iterations=30', '--base-time=2026-03-01 00:00:30 UTC', expr], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect([expr, r.status]).toEqual([expr, 0]);
    const elapses = [...r.stdout.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/g)].map((m) =>
      Date.parse(`${(m[1] ?? '').replace(' ', 'T')}Z`),
    );
    expect([expr, elapses]).toEqual([expr, onCalendarTimes(expr, FROM, 30)]);
  }
});

test('the README enables every timer, and its removal disables every one', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const enable = /systemctl enable --now ((?:[^\n]*\\\n)*[^\n]*)/.exec(readme)?.[1] ?? '';
  const disable = /systemctl disable --now ((?:[^\n]*\\\n)*[^\n]*)/.exec(readme)?.[1] ?? '';
  const names = (text: string): string[] =>
    text
      .split(/[\s\\]+/)
      .filter((w) => w.endsWith('.timer'))
      .sort();
  expect(names(enable)).toEqual(timerFiles());
  expect(names(disable)).toEqual(timerFiles());
});

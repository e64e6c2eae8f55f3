import type { GlobalFlags } from '../../src/commands/options';
import { realDeps } from '../../src/deps';
import { main } from '../../src/index';
import { createStatusLine } from '../../src/output/status-line';
import { worldsClosedAfterEach } from '../helpers/world-run';
import { fakeTime } from '../helpers/fake-time';

const world = worldsClosedAfterEach();

async function runWith(
  configPath: string,
  argv: string[],
  io: { errIsTTY: boolean; env?: NodeJS.ProcessEnv },
): Promise<{ code: number; err: string }> {
  const time = fakeTime();
  let err = '';
  const code = await main(
    ['--config', configPath, ...argv],
    { env: { PATH: process.env.PATH, ...(io.env ?? {}) }, out: () => undefined, err: (s) => (err += s), errIsTTY: io.errIsTTY },
    { clock: time.clock, sleep: time.sleep },
  );
  return { code, err };
}

const ESC = '\x1b[';

test('on a terminal: text logs with colour, and a progress line that log lines clear first', async () => {
  const w = await world({ seed: 51, orders: 30, listings: 30 });
  const r = await runWith(w.configPath, ['pull-orders'], { errIsTTY: true });
  expect(r.code).toBe(0);
  expect(r.err).toContain(`${ESC}36minfo`);
  expect(r.err).toMatch(/\r\x1b\[2Kpull-orders sim-us: read \d+/);
  // Every log line starts on a clean line: a progress line is wiped before it.
  for (const line of r.err.split('\n').filter((l) => l.includes('info')))
    expect(line.startsWith('\r\x1b[2K') || line.startsWith(`${ESC}36m`)).toBe(true);
  expect(r.err).toMatch(/pull-orders sim-us: ok/);
});

test('NO_COLOR and --no-color drop the colours but keep progress; --quiet drops progress', async () => {
  const w = await world({ seed: 52, orders: 10 });
  const noColor = await runWith(w.configPath, ['pull-orders'], { errIsTTY: true, env: { NO_COLOR: '1' } });
  expect(noColor.err).not.toMatch(/\x1b\[3\dm/);
  expect(noColor.err).toMatch(/\r\x1b\[2K/);
  const flag = await runWith(w.configPath, ['--no-color', 'pull-orders'], { errIsTTY: true });
  expect(flag.err).not.toMatch(/\x1b\[3\dm/);
  const quiet = await runWith(w.configPath, ['--quiet', 'pull-orders'], { errIsTTY: true });
  expect(quiet.err).not.toMatch(/\x1b\[2K/);
});

test('in cron (not a terminal): text lines, no progress and no escape codes at all', async () => {
  const w = await world({ seed: 53, orders: 10, listings: 30 });
  for (const cmd of ['pull-orders', 'pull-items', 'push-stock']) {
    const r = await runWith(w.configPath, [cmd], { errIsTTY: false });
    expect(r.err).not.toContain('\x1b');
    expect(r.err).not.toContain('\r');
    for (const line of r.err.trim().split('\n')) expect(line).toMatch(/^(debug|info |warn |error) \S/);
  }
});

test('the status line redraws at most every 100 ms and is cut to the width', () => {
  let out = '';
  let now = 0;
  const line = createStatusLine(
    (s) => (out += s),
    () => now,
    20,
  );
  line.show('first');
  line.show('dropped: too soon');
  now += 100;
  line.show('a very long progress text that goes on');
  expect(out).toBe('\r\x1b[2Kfirst\r\x1b[2Ka very long progres…');
  line.clear();
  line.clear();
  expect(out.endsWith('…\r\x1b[2K')).toBe(true);
});

test('a report on stdout clears the progress line first, when both are the same terminal', () => {
  const flags: GlobalFlags = { config: 'unused.json', dryRun: false, json: false, quiet: false, color: false };
  const screen: string[] = [];
  const deps = realDeps(
    flags,
    { env: {}, out: (s) => screen.push(`out:${s}`), err: (s) => screen.push(`err:${s}`), errIsTTY: true },
    { clock: () => 1_000 },
  );
  deps.logger.progress('waiting for a report');
  deps.out('2 findings\n');
  expect(screen).toEqual([`err:\r${ESC}2Kwaiting for a report`, `err:\r${ESC}2K`, 'out:2 findings\n']);
});

import { parseArgv } from '../../src/cli';
import { assertBuilt, runCli } from '../helpers/cli-process';
import { crontabLines, deadlineMinutes, gapsMinutes, MAX_INTERVAL_MIN, parseLine, expectedParse } from '../helpers/schedule-lines';

const FROM = new Date('2026-03-01T00:00:30Z');
const isFull = (command: string[]): boolean => command.includes('--full');

beforeAll(assertBuilt);

test('every direction has a line at most its documented interval apart; stock: all at midnight, and the changed ones in between', () => {
  const lines = crontabLines();
  expect([...new Set(lines.map((l) => l.direction))].sort()).toEqual(Object.keys(MAX_INTERVAL_MIN).sort());
  // One line per direction, except push-stock: the midnight --full line, and at most one changed-only line.
  for (const direction of Object.keys(MAX_INTERVAL_MIN)) {
    const own = lines.filter((l) => l.direction === direction);
    if (direction !== 'push-stock') expect([direction, own.length]).toEqual([direction, 1]);
    else expect([own.filter((l) => isFull(l.command)).length, own.filter((l) => !isFull(l.command)).length <= 1]).toEqual([1, true]);
  }
  for (const l of lines) {
    expect([l.source, Math.max(...gapsMinutes(l, FROM)) <= (MAX_INTERVAL_MIN[l.direction] ?? 0)]).toEqual([l.source, true]);
  }
  // The documented maximum for push-stock is the --full line's: all quantities, every day at midnight.
  const full = lines.find((l) => l.direction === 'push-stock' && isFull(l.command));
  expect(new Date(full?.times(new Date('2026-03-01T12:00:00Z'), 1)[0] ?? 0).toISOString()).toBe('2026-03-02T00:00:00.000Z');
});

test("each run's deadline ends before the next run of its line, and a changed-only stock run's before the full one", () => {
  const lines = crontabLines();
  for (const l of lines) {
    expect([l.source, deadlineMinutes(l) < Math.min(...gapsMinutes(l, FROM))]).toEqual([l.source, true]);
  }
  const full = lines.find((l) => l.direction === 'push-stock' && isFull(l.command));
  const fullRuns = full?.times(FROM, 3) ?? [];
  for (const l of lines.filter((x) => x.direction === 'push-stock' && !isFull(x.command))) {
    for (const t of l.times(FROM, 72)) {
      const nextFull = fullRuns.find((f) => f > t);
      if (nextFull !== undefined)
        expect([new Date(t).toISOString(), t + deadlineMinutes(l) * 60_000 < nextFull]).toEqual([new Date(t).toISOString(), true]);
    }
  }
});

test.each(crontabLines().map((l) => [l.source, l] as const))("%s: the line's options exist", async (_source, line) => {
  expect(line.command[0]).toBe('alloc-amazon');
  const r = await runCli([...line.command.slice(1), '--help']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/Usage: alloc-amazon/);
  // Help wins over an unknown option, so parse the line itself too: it must be that direction, with no usage error.
  const { parsed, usage } = parseLine(line);
  expect(usage).toBe('');
  expect(parsed).toMatchObject(expectedParse(line.direction));
});

test('the parse check above would catch a misspelt option', () => {
  let err = '';
  expect(parseArgv(['--quiet', 'push-stock', '--ful'], { out: () => undefined, err: (x) => (err += x) })).toEqual({
    kind: 'exit',
    code: 2,
  });
  expect(err).toMatch(/unknown option '--ful'/);
});

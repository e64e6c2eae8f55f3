import { parseArgv } from '../../src/cli';
import { COMMAND_NAMES, COMMANDS, type CommandName } from '../../src/commands/registry';

function help(argv: string[]): string {
  let out = '';
  expect(parseArgv([...argv, '--help'], { out: (s) => (out += s), err: (s) => (out += s) })).toEqual({ kind: 'exit', code: 0 });
  return out;
}

/** What each command can exit with (README, Exit codes): its help must list every one. */
const SYNC = [0, 1, 2, 3, 74, 75];
const CODES: Record<CommandName, number[]> = {
  'pull-items': SYNC,
  'pull-orders': SYNC,
  'push-stock': SYNC,
  'push-shipments': SYNC,
  'push-status': SYNC,
  'redact-pii': SYNC,
  check: [0, 2, 3, 74],
  checkpoint: [0, 2, 74, 75],
  reconcile: [0, 1, 2, 3, 74, 75],
  smoke: [0, 2, 3],
  status: [0, 1, 2, 3, 74],
  simulate: [0, 2],
  demo: [0, 1, 2],
};
const GLOBAL = [
  '--config <file>',
  '--seller <name>',
  '--dry-run',
  '--log-format <format>',
  '--json',
  '--quiet',
  '--no-color',
  '--max-minutes <n>',
];

test('the table above names every command', () => {
  expect(Object.keys(CODES).sort()).toEqual([...COMMAND_NAMES].sort());
});

test.each(COMMAND_NAMES.map((n) => [n]))('%s --help lists the global options and every exit code it can return', (name) => {
  const text = help([name]);
  const global = text.split('Global Options:')[1] ?? '';
  for (const option of GLOBAL) expect([name, global.includes(option)]).toEqual([name, true]);
  const codes = text
    .split(/Exit codes:/)
    .slice(1)
    .join(' ');
  expect(codes).not.toBe('');
  for (const code of CODES[name]) expect([name, code, new RegExp(`(^|\\s|;)${code}\\s`).test(codes)]).toEqual([name, code, true]);
  for (const o of COMMANDS[name].options) expect(text).toContain(o.flags);
});

test('the program help lists every exit code, and the monitoring check codes', () => {
  const text = help([]);
  for (const code of SYNC) expect(text).toMatch(new RegExp(`\\n  ${code} +\\S`));
  expect(text).toMatch(/status --check .*0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN/);
});

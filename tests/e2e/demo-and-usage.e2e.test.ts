import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, runCli } from '../helpers/cli-process';
import { envFileIn, filesIn, leaks, secretsOf } from '../helpers/secret-scan';

beforeAll(assertBuilt);

test('demo runs with no credentials and tells what happened; --keep leaves its folder', async () => {
  const r = await runCli(['demo', '--keep']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/1\. pull-orders \(first run, last 7 days\): read \d+ changed orders; created \d+ Allocadence order/);
  expect(r.stdout).toMatch(/2\. pull-orders \(next cron run\): .*created 1 .*cancelled 1/);
  expect(r.stdout).toMatch(/every order exists once/);
  expect(r.stdout).toMatch(/4\. pull-items \(first run.*\d+ items created.*variation parents recorded \(no item\).*outcome ok/);
  expect(r.stdout).toMatch(/5\. push-stock --full .*\d+ quantities pushed.*outcome ok/);
  expect(r.stdout).toMatch(/6\. push-stock after one stock change in the warehouse: 1 quantity pushed, \d+ unchanged/);
  expect(r.stdout).toMatch(/7\. push-shipments: 2 packages confirmed.*outcome ok\n {3}Amazon now shows \S+ SHIPPED: UPS 1Z\w+, USPS \d+/);
  expect(r.stdout).toMatch(/8\. push-status: 1 order cancelled on Amazon \(one feed\).*outcome ok; Amazon shows it CANCELLED/);
  // The demo ends with its status table, and `status` on its state file shows the same afterwards.
  for (const d of ['pull-items', 'pull-orders', 'push-stock', 'push-shipments', 'push-status'])
    expect(r.stdout).toMatch(new RegExp(`\\n {2}${d} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ .* ok `));
  const config = /`alloc-amazon --config (\S+) status`/.exec(r.stdout)?.[1] ?? '';
  const status = await runCli(['--config', config, '--json', 'status']);
  expect(status.code).toBe(0);
  const directions = (JSON.parse(status.stdout) as { directions: { direction: string; lastRun?: { outcome: string } }[] }).directions;
  expect(directions.map((d) => [d.direction, d.lastRun?.outcome])).toEqual([
    ['pull-items', 'ok'],
    ['pull-orders', 'ok'],
    ['push-stock', 'ok'],
    ['push-shipments', 'ok'],
    ['push-status', 'ok'],
    // Opt-in, and about orders completed weeks ago: the demo does not run it.
    ['redact-pii', undefined],
  ]);
  // Piped, the demo's output carries no terminal escape codes.
  expect(r.stdout).not.toContain('\x1b');

  // Its invented secrets stay in its .env, which only the owner can read; nothing it printed or left holds them.
  const dir = path.dirname(config);
  expect(fs.statSync(path.join(dir, '.env')).mode & 0o777).toBe(0o600);
  const files = filesIn(dir);
  expect(Object.keys(files)).toContain('alloc-amazon.sqlite');
  for (const file of Object.keys(files)) expect([file, fs.statSync(path.join(dir, file)).mode & 0o777]).toEqual([file, 0o600]);
  expect(leaks({ stdout: r.stdout, stderr: r.stderr, ...files }, secretsOf(envFileIn(dir)))).toEqual([]);
});

test('without --keep, the demo removes its folder', async () => {
  const r = await runCli(['demo', '--orders', '6']);
  expect(r.code).toBe(0);
  const dir = /The demo's folder (\S+) is removed \(--keep keeps it\)/.exec(r.stdout)?.[1] ?? '';
  expect(dir).toContain('alloc-amazon-demo-');
  expect(fs.existsSync(dir)).toBe(false);
});

test('bad simulate options are usage errors', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-usage-'));
  const rate = await runCli(['simulate', '--dir', dir, '--rate', 'searchOrders=fast']);
  expect(rate.code).toBe(2);
  const faults = await runCli(['simulate', '--dir', dir, '--faults', '404=0.5']);
  expect(faults.code).toBe(2);
  expect(faults.stderr).toMatch(/KIND=FRACTION/);
});

test('a missing config file is exit 2 with its path; --help lists exit codes', async () => {
  const r = await runCli(['--config', '/nonexistent/config.json', 'pull-orders']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/config file not found: \/nonexistent\/config\.json/);
  const help = await runCli(['pull-orders', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/75 +another run/);
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, runCli, startSimulation, type Simulation } from '../helpers/cli-process';

const sims: Simulation[] = [];
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
async function simulation(args: string[] = []): Promise<Simulation> {
  const sim = await startSimulation(fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-')), args);
  sims.push(sim);
  return sim;
}
const stateFile = (sim: Simulation): string => path.join(sim.dir, 'alloc-amazon.sqlite');

function holdLock(sim: Simulation, command: string, acquiredAt: string): void {
  const db = new Database(stateFile(sim));
  const now = new Date().toISOString();
  db.prepare('DELETE FROM locks WHERE command = ?').run(command);
  db.prepare('INSERT INTO locks (command, seller, token, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    command,
    'sim-us',
    't',
    process.pid,
    os.hostname(),
    acquiredAt,
    now,
  );
  db.close();
}

test('cron mail: under a non-terminal, --quiet logs readable text, and the summary line carries the outcome and exit code', async () => {
  const sim = await simulation(['--orders', '3']);
  const t = new Date(Date.now() - 10 * 60_000).toISOString();
  await fetch(`${sim.amazon}/__sim/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      orders: [
        {
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          createdTime: t,
          lastUpdatedTime: t,
          items: [{ sku: 'NOT-IN-WAREHOUSE', quantity: 1 }],
        },
      ],
    }),
  });
  const r = await runCli(['--config', sim.config, '--quiet', 'pull-orders']);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
  expect(lines[0]).toMatch(/^warn {2}pull-orders sim-us: partial \(exit 1\) read=\d+ .*failed=1 /);
  expect(r.stderr).toMatch(/NOT-IN-WAREHOUSE/);
  expect(r.stdout).toBe('');
  // --log-format json still gives JSON lines, for a log shipper.
  const json = await runCli(['--config', sim.config, '--quiet', '--log-format', 'json', 'pull-orders']);
  expect(JSON.parse(json.stderr.trim().split('\n')[0] ?? '')).toMatchObject({
    level: 'warn',
    msg: expect.stringMatching(/partial \(exit 1\)/),
  });
});

test('--quiet with the lock held: silent exit 75, like flock -n; held far longer than the interval, a warning', async () => {
  const sim = await simulation(['--orders', '3']);
  expect((await runCli(['--config', sim.config, '--quiet', 'pull-orders'])).code).toBe(0);
  holdLock(sim, 'pull-orders', new Date().toISOString());
  const quiet = await runCli(['--config', sim.config, '--quiet', 'pull-orders']);
  expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([75, '', '']);
  const loud = await runCli(['--config', sim.config, 'pull-orders']);
  expect(loud.code).toBe(75);
  expect(loud.stderr).toMatch(/^info {2}pull-orders sim-us: locked \(exit 75\)/m);
  // Two hours on a 15-minute command: stuck, worth a mail.
  holdLock(sim, 'pull-orders', new Date(Date.now() - 2 * 3_600_000).toISOString());
  const stuck = await runCli(['--config', sim.config, '--quiet', 'pull-orders']);
  expect(stuck.code).toBe(75);
  expect(stuck.stderr).toMatch(
    /^warn {2}another pull-orders run .* it has held the lock for 120 min, more than twice the command's interval: is it stuck\?/m,
  );
});

test('checkpoint: show, set (old → new), a future instant refused (exit 2), a held lock (exit 75)', async () => {
  const sim = await simulation(['--orders', '5']);
  expect((await runCli(['--config', sim.config, 'pull-orders'])).code).toBe(0);
  const shown = await runCli(['--config', sim.config, 'checkpoint', 'show', '--direction', 'pull-orders']);
  const old = /ATVPDKIKX0DER: (\S+)/.exec(shown.stdout)?.[1] ?? '';
  expect(Date.parse(old)).toBeGreaterThan(Date.now() - 10 * 60_000);
  const target = new Date(Date.now() - 86_400_000).toISOString();
  const set = await runCli(['--config', sim.config, 'checkpoint', 'set', 'pull-orders', target, '--seller', 'sim-us']);
  expect(set).toMatchObject({ code: 0, stdout: `pull-orders sim-us ATVPDKIKX0DER: ${old} → ${target}\n` });
  const future = await runCli(['--config', sim.config, 'checkpoint', 'set', 'pull-orders', '2999-01-01T00:00:00Z', '--seller', 'sim-us']);
  expect(future.code).toBe(2);
  // A live holder of the direction's lock: this test process.
  const db = new Database(stateFile(sim));
  const now = new Date().toISOString();
  db.prepare('INSERT INTO locks (command, seller, token, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'pull-orders',
    'sim-us',
    't',
    process.pid,
    os.hostname(),
    now,
    now,
  );
  db.close();
  const held = await runCli(['--config', sim.config, 'checkpoint', 'set', 'pull-orders', old, '--seller', 'sim-us']);
  expect(held.code).toBe(75);
  expect((await runCli(['--config', sim.config, 'checkpoint'])).stdout).toContain(`pull-orders sim-us ATVPDKIKX0DER: ${target}`);
});

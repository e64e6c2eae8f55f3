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

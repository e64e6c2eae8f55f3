import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, runCli, spawnCli, startSimulation, waitFor, type Simulation } from '../helpers/cli-process';
import { envFileIn, filesIn, leaks, secretsOf } from '../helpers/secret-scan';

/** The real process's stdout and stderr, and the files it leaves, killed or not. */
const sims: Simulation[] = [];
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-sec-'));
const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

test('simulate --dir writes its .env for the owner only, even over one others could read; runs leak nothing and warn about a readable .env', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '.env'), 'LWA_CLIENT_ID=left-over-from-before\n', { mode: 0o644 });
  fs.chmodSync(path.join(dir, '.env'), 0o644);
  const sim = await startSimulation(dir, ['--orders', '20', '--listings', '0']);
  sims.push(sim);
  expect(modeOf(path.join(dir, '.env'))).toBe(0o600);
  const secrets = secretsOf(envFileIn(dir));
  expect(secrets.length).toBeGreaterThanOrEqual(7);
  // The config names the variables, never their values.
  expect(leaks({ 'config.json': fs.readFileSync(sim.config, 'utf8'), 'simulate stdout': sim.output() }, secrets)).toEqual([]);

  const said: Record<string, string> = {};
  for (const command of ['pull-orders', 'status']) {
    const r = await runCli(['--config', sim.config, '--log-format', 'text', command]);
    expect([command, r.code]).toEqual([command, 0]);
    said[`${command} stdout`] = r.stdout;
    said[`${command} stderr`] = r.stderr;
  }
  fs.chmodSync(path.join(dir, '.env'), 0o640);
  const readable = await runCli(['--config', sim.config, 'pull-orders']);
  expect(readable.stderr).toMatch(/\.env holds secrets and is readable by others \(mode 640\): chmod 600/);
  said['readable .env stderr'] = readable.stderr;
  const stopped = await sim.stop();
  sims.length = 0;
  said['simulate stderr'] = stopped.stderr;
  expect(leaks({ ...said, ...filesIn(dir) }, secrets)).toEqual([]);
  for (const file of Object.keys(filesIn(dir))) expect([file, modeOf(path.join(dir, file))]).toEqual([file, 0o600]);
});

/** Whether a run of the command has started and not finished, as the state file shows it. */
function running(dir: string, command: string): boolean {
  const file = path.join(dir, 'alloc-amazon.sqlite');
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM runs WHERE command = ? AND ended_at IS NULL').get(command) !== undefined;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

test('pull-items killed mid-run (while Amazon prepares its report): the state file, its -wal and -shm, and both outputs hold no secret', async () => {
  const dir = tempDir();
  const sim = await startSimulation(dir, ['--orders', '0', '--listings', '20', '--seed', '5']);
  sims.push(sim);
  const run = spawnCli(['--config', sim.config, 'pull-items']);
  await waitFor(() => running(dir, 'pull-items'));
  run.proc.kill('SIGKILL');
  const killed = await run.done;
  expect(killed.signal).toBe('SIGKILL');
  const files = filesIn(dir);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['alloc-amazon.sqlite', 'alloc-amazon.sqlite-wal', 'alloc-amazon.sqlite-shm']));
  expect(leaks({ stdout: killed.stdout, stderr: killed.stderr, ...files }, secretsOf(envFileIn(dir)))).toEqual([]);
  for (const file of Object.keys(files)) expect([file, modeOf(path.join(dir, file))]).toEqual([file, 0o600]);
});

test('a plain-http endpoint on another host is refused before any secret is read or sent', async () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      amazon: { region: 'na', endpoint: 'http://sellingpartnerapi-na.amazon.com' },
      sellers: [
        {
          name: 'acme',
          sellerId: 'A1',
          marketplaceIds: ['ATVPDKIKX0DER'],
          refreshTokenEnv: 'AMAZON_REFRESH_TOKEN_ACME',
          warehouse: 'Main',
        },
      ],
    }),
  );
  const r = await runCli(['--config', path.join(dir, 'config.json'), 'pull-orders'], {
    LWA_CLIENT_ID: 'amzn1.application-oa2-client.x1',
    LWA_CLIENT_SECRET: 'never-sent-anywhere-0001',
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /amazon\.endpoint: http:\/\/sellingpartnerapi-na\.amazon\.com is plain http; credentials would cross the network unencrypted/,
  );
  expect(r.stderr).not.toContain('never-sent-anywhere-0001');
  expect(fs.readdirSync(dir)).toEqual(['config.json']);
});

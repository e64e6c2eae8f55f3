import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, getJson, runCli, spawnCli, startSimulation, waitFor, type Simulation } from '../helpers/cli-process';
import { envFileIn, filesIn, leaks, secretsOf } from '../helpers/secret-scan';

interface AmazonState {
  orders: { orderId: string; fulfillment: { fulfillmentStatus: string; fulfilledBy: string } }[];
}
interface AllocState {
  orders: { orderNumber: string; cancelled: boolean }[];
}

const sims: Simulation[] = [];
async function simulation(args: string[]): Promise<Simulation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-'));
  const sim = await startSimulation(dir, args);
  sims.push(sim);
  return sim;
}
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function eligible(sim: Simulation): Promise<string[]> {
  const state = await getJson<AmazonState>(`${sim.amazon}/__sim/state`);
  return state.orders
    .filter((o) => o.fulfillment.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(o.fulfillment.fulfillmentStatus))
    .map((o) => o.orderId)
    .sort();
}

async function created(sim: Simulation): Promise<string[]> {
  return (await getJson<AllocState>(`${sim.allocadence}/__sim/state`)).orders.map((o) => o.orderNumber).sort();
}

function stateRows(sim: Simulation): {
  checkpoints: { value: string }[];
  mapped: number;
  creating: number;
  runs: { outcome: string }[];
} {
  const db = new Database(path.join(sim.dir, 'alloc-amazon.sqlite'), { readonly: true });
  try {
    return {
      checkpoints: db.prepare("SELECT value FROM checkpoints WHERE direction = 'pull-orders'").all() as { value: string }[],
      mapped: (db.prepare("SELECT COUNT(*) AS n FROM order_map WHERE state = 'created'").get() as { n: number }).n,
      creating: (db.prepare("SELECT COUNT(*) AS n FROM order_map WHERE state = 'creating'").get() as { n: number }).n,
      runs: db.prepare('SELECT outcome FROM runs ORDER BY id').all() as { outcome: string }[],
    };
  } finally {
    db.close();
  }
}

test('250 orders: one Allocadence order per eligible Amazon order; a second run creates none', async () => {
  const sim = await simulation(['--orders', '250', '--seed', '2']);
  const first = await runCli(['--config', sim.config, '--json', 'pull-orders']);
  expect(first.code).toBe(0);
  const want = await eligible(sim);
  expect(want.length).toBeGreaterThan(80);
  expect(await created(sim)).toEqual(want);
  const summary = JSON.parse(first.stdout) as { exitCode: number; runs: { outcome: string; totals: Record<string, number> }[] };
  expect(summary).toMatchObject({ exitCode: 0, runs: [{ outcome: 'ok', totals: { created: want.length } }] });
  // One summary line per run on stderr, as text although stderr is not a terminal (cron mail is read by people).
  const lines = first.stderr.trim().split('\n');
  expect(lines.filter((l) => /^info {2}pull-orders sim-us: ok \(exit 0\) read=\d+ .*created=\d+/.test(l))).toHaveLength(1);
  expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
  expect(stateRows(sim)).toMatchObject({ mapped: want.length, creating: 0, runs: [{ outcome: 'ok' }] });
  expect(stateRows(sim).checkpoints).toHaveLength(1);

  const second = await runCli(['--config', sim.config, '--json', 'pull-orders']);
  expect(second.code).toBe(0);
  expect(JSON.parse(second.stdout).runs[0].totals.created).toBeUndefined();
  expect(await created(sim)).toEqual(want);
});

test('with 20% injected faults the outcome is the same', async () => {
  const sim = await simulation(['--orders', '250', '--seed', '2', '--faults', '0.2']);
  const first = await runCli(['--config', sim.config, 'pull-orders']);
  expect(first.stderr).toMatch(/^\w+ +retrying /m);
  expect(first.code).toBe(0);
  const want = await eligible(sim);
  expect(await created(sim)).toEqual(want);
  const second = await runCli(['--config', sim.config, 'pull-orders']);
  expect(second.code).toBe(0);
  expect(await created(sim)).toEqual(want);
});

test('two concurrent runs for one seller: the second exits 75 at once', async () => {
  // One search request every five seconds after the first: its second page keeps the first run busy long enough.
  const sim = await simulation(['--orders', '250', '--seed', '3', '--rate', 'searchOrders=0.2/1']);
  const a = spawnCli(['--config', sim.config, 'pull-orders']);
  const db = path.join(sim.dir, 'alloc-amazon.sqlite');
  await waitFor(() => {
    if (!fs.existsSync(db)) return false;
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT COUNT(*) AS n FROM locks').get() as { n: number }).n === 1;
    } catch {
      return false;
    } finally {
      d.close();
    }
  });
  const started = Date.now();
  const b = await runCli(['--config', sim.config, 'pull-orders']);
  expect(b.code).toBe(75);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(b.stderr).toMatch(/another pull-orders run for seller sim-us is in progress/);
  const ra = await a.done;
  expect(ra.code).toBe(0);
  expect(await created(sim)).toEqual(await eligible(sim));
});

test('killed mid-run, then run again: every order exists exactly once and no secret leaked', async () => {
  // Every request slowed, so the kill lands while orders are being created.
  const sim = await simulation(['--orders', '80', '--seed', '4', '--faults', 'slow=1']);
  const run = spawnCli(['--config', sim.config, 'pull-orders']);
  await waitFor(async () => (await created(sim)).length >= 6);
  run.proc.kill('SIGKILL');
  const killed = await run.done;
  expect(killed.signal).toBe('SIGKILL');
  const partial = await created(sim);
  const want = await eligible(sim);
  expect(partial.length).toBeLessThan(want.length);

  const again = await runCli(['--config', sim.config, '--json', 'pull-orders']);
  expect(again.code).toBe(0);
  expect(again.stderr).toMatch(/took over a lock left by pid/);
  const numbers = await created(sim);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers).toEqual(want);
  expect(stateRows(sim)).toMatchObject({ mapped: want.length, creating: 0 });

  // No secret value in any output or in the state file (with its WAL).
  const secrets = secretsOf(envFileIn(sim.dir));
  expect(secrets).toHaveLength(7);
  expect(
    leaks(
      {
        'killed stdout': killed.stdout,
        'killed stderr': killed.stderr,
        'again stdout': again.stdout,
        'again stderr': again.stderr,
        ...filesIn(sim.dir),
      },
      secrets,
    ),
  ).toEqual([]);
});

test('--max-minutes on real time: each run stops at its deadline with exit 0, and the runs together import every order once', async () => {
  // One searchOrders page a second: a run of under two seconds reads two or three of the slices and pages.
  const sim = await simulation(['--orders', '300', '--seed', '5', '--rate', 'searchOrders=1/1']);
  const runs: { code: number | null; stopped: boolean }[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await runCli(['--config', sim.config, '--json', '--max-minutes', '0.03', 'pull-orders']);
    const summary = JSON.parse(r.stdout) as { runs: { outcome: string; stoppedAtDeadline?: { resume: { next: string }[] } }[] };
    runs.push({ code: r.code, stopped: summary.runs[0]?.stoppedAtDeadline !== undefined });
    if (!runs[runs.length - 1]?.stopped) break;
    expect(summary.runs[0]?.stoppedAtDeadline?.resume[0]?.next).toBe(
      `from ${stateRows(sim).checkpoints[0]?.value ?? 'the start of its window'}`,
    );
  }
  expect(runs[0]).toEqual({ code: 0, stopped: true });
  expect(runs.every((r) => r.code === 0)).toBe(true);
  expect(runs[runs.length - 1]?.stopped).toBe(false);
  const numbers = await created(sim);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers).toEqual(await eligible(sim));
  expect(stateRows(sim).runs.every((r) => r.outcome === 'ok')).toBe(true);
});

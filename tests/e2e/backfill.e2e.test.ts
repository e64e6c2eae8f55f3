import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, getJson, runCli, startSimulation, type Simulation } from '../helpers/cli-process';

const DAY = 86_400_000;
const MIN = 60_000;
const sims: Simulation[] = [];
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

function rows(sim: Simulation, table: 'checkpoints' | 'backfills'): { value?: string; since?: string; cursor?: string }[] {
  const db = new Database(path.join(sim.dir, 'alloc-amazon.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE direction = 'pull-orders'`).all() as {
      value?: string;
      since?: string;
      cursor?: string;
    }[];
  } finally {
    db.close();
  }
}

async function addOrders(sim: Simulation, times: number[]): Promise<string[]> {
  const orders = times.map((t, i) => ({
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: new Date(t).toISOString(),
    lastUpdatedTime: new Date(t).toISOString(),
    items: [{ sku: `SKU-00${String((i % 30) + 1).padStart(2, '0')}`, quantity: 1 }],
  }));
  const res = await fetch(`${sim.amazon}/__sim/orders`, {
    method: 'POST',
    body: JSON.stringify({ orders }),
    headers: { 'content-type': 'application/json' },
  });
  return ((await res.json()) as { orders: { orderId: string }[] }).orders.map((o) => o.orderId);
}

const created = async (sim: Simulation): Promise<string[]> =>
  (await getJson<{ orders: { orderNumber: string }[] }>(`${sim.allocadence}/__sim/state`)).orders.map((o) => o.orderNumber);

interface Run {
  runs: {
    outcome: string;
    marketplaces: { from: string; to: string }[];
    stoppedAtDeadline?: { resume: { next: string }[] };
  }[];
}

test('a back-fill stopped by its deadline: live checkpoint untouched, a cron run meanwhile reads new orders, the next --since run continues from its cursor', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-'));
  // One searchOrders page a second: a run of under two seconds reads a few day-long slices.
  const sim = await startSimulation(dir, ['--orders', '5', '--seed', '11', '--rate', 'searchOrders=1/1']);
  sims.push(sim);
  const now = Date.now();
  // Orders from before another integration handed over: older than a first run reads (7 days).
  const old = await addOrders(
    sim,
    Array.from({ length: 30 }, (_, i) => now - 8 * DAY - i * 6 * 3_600_000),
  );
  const cron = ['--config', sim.config, '--json', 'pull-orders'];
  expect((await runCli(cron)).code).toBe(0);
  const cp0 = rows(sim, 'checkpoints')[0]?.value ?? '';
  expect((await created(sim)).filter((n) => old.includes(n))).toEqual([]);

  const since = new Date(now - 16 * DAY).toISOString();
  const backfill = ['--config', sim.config, '--json', '--max-minutes', '0.03', 'pull-orders', '--since', since];
  const first = await runCli(backfill);
  expect(first.code).toBe(0);
  const s1 = (JSON.parse(first.stdout) as Run).runs[0];
  expect(s1?.stoppedAtDeadline).toBeDefined();
  expect(rows(sim, 'checkpoints')[0]?.value).toBe(cp0);
  const cursor = rows(sim, 'backfills')[0]?.cursor ?? '';
  expect(rows(sim, 'backfills')[0]?.since).toBe(since);
  expect(Date.parse(cursor)).toBeLessThan(Date.parse(cp0));
  expect(s1?.stoppedAtDeadline?.resume[0]?.next).toContain(`the back-fill from ${since} at ${cursor}`);
  expect((await runCli(['--config', sim.config, 'status'])).stdout).toContain(
    `pull-orders: back-fill from ${since} [ATVPDKIKX0DER] read up to ${cursor}; run --since ${since} again to continue it`,
  );

  // The cron run in between starts from the live checkpoint and imports the new order.
  const [fresh] = await addOrders(sim, [Date.now() - 3 * MIN]);
  const between = await runCli(cron);
  expect(between.code).toBe(0);
  expect(Date.parse((JSON.parse(between.stdout) as Run).runs[0]?.marketplaces[0]?.from ?? '')).toBe(Date.parse(cp0) - 30 * MIN);
  expect(await created(sim)).toContain(fresh);
  const cp1 = rows(sim, 'checkpoints')[0]?.value ?? '';
  expect(Date.parse(cp1)).toBeGreaterThan(Date.parse(cp0));

  // Each --since run continues from the cursor until the back-fill is done.
  let next = await runCli(backfill);
  expect(Date.parse((JSON.parse(next.stdout) as Run).runs[0]?.marketplaces[0]?.from ?? '')).toBe(Date.parse(cursor) - 30 * MIN);
  for (let i = 0; i < 15 && (JSON.parse(next.stdout) as Run).runs[0]?.stoppedAtDeadline; i++) {
    expect(next.code).toBe(0);
    expect(rows(sim, 'checkpoints')[0]?.value).toBe(cp1);
    next = await runCli(backfill);
  }
  expect((JSON.parse(next.stdout) as Run).runs[0]?.stoppedAtDeadline).toBeUndefined();
  expect(rows(sim, 'backfills')).toEqual([]);
  expect(Date.parse(rows(sim, 'checkpoints')[0]?.value ?? '')).toBeGreaterThanOrEqual(Date.parse(cp1));
  const numbers = await created(sim);
  expect(numbers.filter((n) => old.includes(n)).sort()).toEqual([...old].sort());
  expect(new Set(numbers).size).toBe(numbers.length);
});

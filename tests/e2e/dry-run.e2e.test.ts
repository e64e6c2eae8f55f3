import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, getJson, runCli, startSimulation, type Simulation } from '../helpers/cli-process';

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
}
const requests = async (origin: string): Promise<Recorded[]> =>
  (await getJson<{ requests: Recorded[] }>(`${origin}/__sim/requests`)).requests;

let sim: Simulation | undefined;
beforeAll(assertBuilt);
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

test('pull-orders --dry-run of the built CLI: an unknown SKU is would-fail, the exit code is the real run’s (1), nothing is written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-'));
  sim = await startSimulation(dir, ['--orders', '12', '--seed', '5']);
  const t = new Date(Date.now() - 30 * 60_000).toISOString();
  const added = await fetch(`${sim.amazon}/__sim/orders`, {
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
  const [order] = ((await added.json()) as { orders: { orderId: string }[] }).orders;

  const dry = await runCli(['--config', sim.config, '--dry-run', 'pull-orders']);
  expect(dry.code).toBe(1);
  expect(dry.stdout).toMatch(/^pull-orders sim-us \(dry run\): \d+ change\(s\) would be made, 1 would fail \(exit 1, as the real run\)\n/);
  expect(dry.stdout).toContain(`  would-fail ${order?.orderId}  Allocadence has no item with SKU NOT-IN-WAREHOUSE`);
  expect(dry.stdout).toMatch(/ {2}would-create \d{3}-\d{7}-\d{7} {2}SKU-/);
  expect(dry.stderr).toMatch(/^warn {2}pull-orders sim-us \(dry run\): partial \(exit 1\)/m);

  // Read-only on both sides (the LWA token aside), and no state file.
  const alloc = await requests(sim.allocadence);
  expect(alloc.filter((q) => q.method !== 'GET')).toEqual([]);
  expect(alloc.some((q) => q.query.searchFor === 'NOT-IN-WAREHOUSE')).toBe(true);
  expect((await requests(sim.amazon)).filter((q) => q.method !== 'GET' && !q.path.includes('token'))).toEqual([]);
  expect(fs.existsSync(path.join(dir, 'alloc-amazon.sqlite'))).toBe(false);

  const real = await runCli(['--config', sim.config, '--json', 'pull-orders']);
  expect(real.code).toBe(1);
  expect((JSON.parse(real.stdout) as { runs: { failures: { key: string }[] }[] }).runs[0]?.failures.map((f) => f.key)).toEqual([
    order?.orderId,
  ]);
});

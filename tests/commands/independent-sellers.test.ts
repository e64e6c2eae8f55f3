import fs from 'node:fs';
import path from 'node:path';
import { worldSeller } from '../../src/simulator/world';
import { openOrdersOfSellers } from '../helpers/open-orders';
import { noWait, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();

const ordersForBoth = (w: TestWorld): void => openOrdersOfSellers(w, [1, 2], 5);

/** The .env beside the config without the variable `name`. */
function dropSecret(w: TestWorld, name: string): void {
  const file = path.join(w.dir, '.env');
  const kept = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith(`${name}=`));
  fs.writeFileSync(file, kept.join('\n'));
}

const missingVar = worldSeller(2).refreshTokenEnv;

test('a seller without its refresh token fails alone, naming the variable; the other seller syncs; exit 2', async () => {
  const w = await world({ orders: 0, sellers: 2 });
  ordersForBoth(w);
  dropSecret(w, missingVar);
  const run = await w.run(['--json', 'pull-orders'], noWait);
  expect(run.code).toBe(2);
  const out = JSON.parse(run.out) as {
    exitCode: number;
    runs: { seller: string; outcome: string; error?: string; totals: Record<string, number> }[];
  };
  const bySeller = Object.fromEntries(out.runs.map((r) => [r.seller, r]));
  expect(bySeller['sim-us']).toMatchObject({ outcome: 'ok', totals: { created: 5 } });
  expect(bySeller['sim-us-2']?.outcome).toBe('failed');
  expect(bySeller['sim-us-2']?.error).toContain(`missing or empty secret ${missingVar} (refresh token of seller sim-us-2)`);
  expect(run.err).toMatch(/pull-orders sim-us-2: failed/);
  expect(w.allocadence.orders()).toHaveLength(5);
});

test('--seller X needs only X’s secrets', async () => {
  const w = await world({ orders: 0, sellers: 2 });
  ordersForBoth(w);
  dropSecret(w, missingVar);
  const run = await w.run(['pull-orders', '--seller', 'sim-us'], noWait);
  expect(run.code).toBe(0);
  expect(run.err).not.toContain(missingVar);
  const other = await w.run(['pull-orders', '--seller', 'sim-us-2'], noWait);
  expect(other.code).toBe(2);
  expect(other.err).toContain(missingVar);
});

test('a seller whose own config is unusable fails alone with its problems; the others sync; --seller naming it exits 2', async () => {
  const w = await world({ orders: 0, sellers: 2 }, (config) => {
    const sellers = config.sellers as Record<string, unknown>[];
    const second = sellers[1] as Record<string, unknown>;
    second.marketplaceIds = ['not-a-marketplace'];
  });
  ordersForBoth(w);
  const run = await w.run(['pull-orders'], noWait);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/pull-orders sim-us-2: failed/);
  expect(run.err).toContain('sellers[sim-us-2].marketplaceIds[0]');
  expect(w.allocadence.orders()).toHaveLength(5);
  const alone = await w.run(['pull-orders', '--seller', 'sim-us-2'], noWait);
  expect(alone.code).toBe(2);
  expect(alone.err).toContain('seller sim-us-2 in');
  // A problem outside the sellers still stops everything, as before.
  const bad = JSON.parse(fs.readFileSync(w.configPath, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(w.configPath, JSON.stringify({ ...bad, stateDb: 7 }));
  expect((await w.run(['pull-orders', '--seller', 'sim-us'], noWait)).code).toBe(2);
});

import fs from 'node:fs';
import path from 'node:path';
import { worldSeller } from '../../src/simulator/world';
import { openOrdersOfSellers } from '../helpers/open-orders';
import { noWait, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();

// With two shards: sim-us and sim-us-4 are in shard 1, sim-us-2 and sim-us-3 in shard 2 (tests/unit/shard.test.ts pins the cut).
const SHARD_1 = ['sim-us', 'sim-us-4'];
const SHARD_2 = ['sim-us-2', 'sim-us-3'];

const ordersForAll = (w: TestWorld): void => openOrdersOfSellers(w, [1, 2, 3, 4], 3);

function sellersOf(out: string): string[] {
  return (JSON.parse(out) as { runs: { seller: string }[] }).runs.map((r) => r.seller).sort();
}

test('two shards of one config run disjoint halves of its sellers, together all of them, once', async () => {
  const w = await world({ orders: 0, sellers: 4 });
  ordersForAll(w);
  const first = await w.run(['--json', '--shard', '1/2', 'pull-orders'], noWait);
  expect(first.code).toBe(0);
  expect(sellersOf(first.out)).toEqual(SHARD_1);
  expect(w.allocadence.orders()).toHaveLength(6);
  const second = await w.run(['--json', '--shard', '2/2', 'pull-orders'], noWait);
  expect(second.code).toBe(0);
  expect(sellersOf(second.out)).toEqual(SHARD_2);
  expect(w.allocadence.orders()).toHaveLength(12);
  // status and check of a shard speak of its sellers only.
  const status = await w.run(['--shard', '2/2', 'status']);
  expect(status.out).toContain('sim-us-2');
  expect(status.out).not.toMatch(/\bsim-us-4\b/);
});

test("a shard needs only its own sellers' secrets, and another shard's broken seller is not its failure", async () => {
  const w = await world({ orders: 0, sellers: 4 }, (config) => {
    const sellers = config.sellers as Record<string, unknown>[];
    (sellers[2] as Record<string, unknown>).marketplaceIds = ['not-a-marketplace'];
  });
  ordersForAll(w);
  const file = path.join(w.dir, '.env');
  const dropped = worldSeller(4).refreshTokenEnv;
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith(`${dropped}=`))
      .join('\n'),
  );
  // sim-us-4 (shard 1) has no token, sim-us-3 (shard 2) an unusable config.
  const second = await w.run(['--json', '--shard', '2/2', 'pull-orders'], noWait);
  expect(second.err).not.toContain(dropped);
  expect(second.code).toBe(2);
  expect(second.err).toMatch(/pull-orders sim-us-3: failed/);
  const first = await w.run(['--json', '--shard', '1/2', 'pull-orders'], noWait);
  expect(first.code).toBe(2);
  expect(first.err).toContain(dropped);
  expect(first.err).not.toContain('not-a-marketplace');
});

test('an empty shard does nothing and says so; --shard with --seller, or out of range, is a usage error', async () => {
  const w = await world({ orders: 0, sellers: 1 });
  // sim-us is in shard 3 of 4: shard 1 of 4 has no seller.
  const empty = await w.run(['--shard', '1/4', 'pull-orders'], noWait);
  expect(empty.code).toBe(0);
  expect(empty.err).toContain('is in shard 1/4: nothing to do');
  const both = await w.run(['--shard', '1/2', '--seller', 'sim-us', 'pull-orders'], noWait);
  expect(both.code).toBe(2);
  expect(both.err).toMatch(/cannot be used with/);
  const wrong = await w.run(['--shard', '3/2', 'pull-orders'], noWait);
  expect(wrong.code).toBe(2);
  expect(wrong.err).toContain('expected K/N with 1 ≤ K ≤ N');
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, BIN, getJson, runCli, startSimulation, type Simulation } from '../helpers/cli-process';

const sims: Simulation[] = [];
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

test('the built CLI: a state file that cannot grow mid-run exits 74 with the file and the cause, no stack trace; the next run completes without duplicates', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-io-'));
  const sim = await startSimulation(dir, ['--orders', '0', '--listings', '0']);
  sims.push(sim);
  expect((await runCli(['--config', sim.config, 'pull-orders'])).code).toBe(0);
  const t = new Date(Date.now() - 10 * 60_000).toISOString();
  const orders = Array.from({ length: 120 }, (_, i) => ({
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: t,
    lastUpdatedTime: t,
    items: [{ sku: `SKU-000${(i % 9) + 1}`, quantity: 1 }],
  }));
  const added = await fetch(`${sim.amazon}/__sim/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orders }),
  });
  expect(added.status).toBeLessThan(300);

  const full = await runCli(['--config', sim.config, '--log-format', 'text', 'pull-orders'], { ALLOC_AMAZON_TEST_STATE_GROWTH_PAGES: '0' });
  expect(full.code).toBe(74);
  const stateFile = path.join(dir, 'alloc-amazon.sqlite');
  expect(full.stderr).toContain(`error state file ${stateFile}: the disk is full (SQLITE_FULL); the run stopped there.`);
  expect(full.stderr).not.toMatch(/unexpected error|stack=|\n\s+at /);
  const createdBefore = (await getJson<{ orders: unknown[] }>(`${sim.allocadence}/__sim/state`)).orders.length;
  expect(createdBefore).toBeGreaterThan(0);
  expect(createdBefore).toBeLessThan(120);

  const next = await runCli(['--config', sim.config, '--json', 'pull-orders']);
  expect(next.code).toBe(0);
  const numbers = (await getJson<{ orders: { orderNumber: string }[] }>(`${sim.allocadence}/__sim/state`)).orders.map((o) => o.orderNumber);
  expect(numbers).toHaveLength(120);
  expect(new Set(numbers).size).toBe(120);
});

/**
 * A real full disk: a tmpfs just big enough for the state file, mounted in a user namespace. Needs
 * unprivileged user namespaces (`unshare -rm`); where the system does not allow them, the test says
 * it was skipped rather than pretend.
 */
function canMountTmpfs(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-ns-'));
  return spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', dir], { stdio: 'ignore' }).status === 0;
}

(canMountTmpfs() ? test : test.skip)(
  "a really full disk mid-run: exit 74 (SQLITE_FULL) even though nothing could record the run's end; the next run takes the lock over and duplicates nothing",
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-io-'));
    const sim = await startSimulation(dir, ['--orders', '0', '--listings', '0']);
    sims.push(sim);
    expect((await runCli(['--config', sim.config, 'pull-orders'])).code).toBe(0);
    const t = new Date(Date.now() - 10 * 60_000).toISOString();
    const orders = Array.from({ length: 300 }, (_, i) => ({
      status: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-000${(i % 9) + 1}`, quantity: 1 }],
    }));
    expect(
      (
        await fetch(`${sim.amazon}/__sim/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orders }),
        })
      ).status,
    ).toBeLessThan(300);

    // Room for the state file, its 32 KiB -shm index and 128 KiB of write-ahead log: the run fills it within a few orders.
    const stateFile = path.join(dir, 'alloc-amazon.sqlite');
    const sizeKiB = Math.ceil(fs.statSync(stateFile).size / 1024) + 32 + 128;
    const small = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-full-'));
    const script = [
      `mount -t tmpfs -o size=${sizeKiB}k tmpfs "$1"`,
      'cp "$2/config.json" "$2/.env" "$2/alloc-amazon.sqlite" "$1/"',
      '"$3" "$4" --config "$1/config.json" --log-format text pull-orders 2>"$2/full.err"; echo $? > "$2/full.code"',
      // The mount goes with the namespace: what the run left is copied out for the next run.
      'cp "$1"/alloc-amazon.sqlite* "$2/"',
    ].join(' && ');
    const ran = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', small, dir, process.execPath, BIN], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(ran.status).toBe(0);
    const stderr = fs.readFileSync(path.join(dir, 'full.err'), 'utf8');
    expect(fs.readFileSync(path.join(dir, 'full.code'), 'utf8').trim()).toBe('74');
    expect(stderr).toContain(
      `error state file ${path.join(small, 'alloc-amazon.sqlite')}: the disk is full (SQLITE_FULL); the run stopped there.`,
    );
    expect(stderr).not.toMatch(/unexpected error|stack=|\n\s+at /);
    const createdBefore = (await getJson<{ orders: unknown[] }>(`${sim.allocadence}/__sim/state`)).orders.length;
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(300);

    const status = await runCli(['--config', sim.config, 'status']);
    expect(status.stdout).toMatch(/pull-orders: run #2 never finished/);
    const next = await runCli(['--config', sim.config, 'pull-orders']);
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/took over a lock left by pid \d+/);
    const numbers = (await getJson<{ orders: { orderNumber: string }[] }>(`${sim.allocadence}/__sim/state`)).orders.map(
      (o) => o.orderNumber,
    );
    expect(numbers).toHaveLength(300);
    expect(new Set(numbers).size).toBe(300);
  },
);

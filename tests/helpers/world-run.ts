import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deps } from '../../src/deps';
import { main } from '../../src/index';
import { startWorld, type World, type WorldOptions } from '../../src/simulator/world';
import { fakeTime, type FakeTime } from './fake-time';
import { virtualTime } from './virtual-time';

export interface RunResult {
  code: number;
  out: string;
  err: string;
  /** stderr as JSON log records (the helper asks for --log-format json unless the test names a format). */
  logs: Record<string, unknown>[];
}

export interface TestWorld extends World {
  dir: string;
  configPath: string;
  /** Runs the CLI in-process against this world, with its secrets as the environment. */
  run(argv: string[], overrides?: Partial<Deps>): Promise<RunResult>;
  stateFile: string;
  /** Present with `fakeClock`: one clock for the tool and both simulators, moved only by the tool's sleeps. */
  time?: FakeTime;
}

/**
 * With `fakeClock`, rate-limit waits, report and feed polling and retries take no wall time, and
 * the simulators see time pass exactly as the tool waits. `virtualClock` does the same for runs
 * that wait in several places at once: overlapping waits overlap in virtual time too.
 */
export async function testWorld(
  opts: WorldOptions & { fakeClock?: boolean; virtualClock?: boolean } = {},
  edit?: (config: Record<string, unknown>) => void,
): Promise<TestWorld> {
  const virtual = opts.virtualClock ? virtualTime(Date.now()) : undefined;
  const time = virtual ?? (opts.fakeClock ? fakeTime(Date.now()) : undefined);
  const world = await startWorld({ ...opts, ...(time ? { now: time.clock } : {}) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-test-'));
  const configPath = world.writeConfig(dir, edit);
  return {
    ...world,
    dir,
    configPath,
    stateFile: path.join(dir, 'alloc-amazon.sqlite'),
    ...(time ? { time } : {}),
    async close() {
      virtual?.close();
      await world.close();
    },
    async run(argv, extra = {}) {
      const overrides = { ...(time ? { clock: time.clock, sleep: time.sleep } : {}), ...extra };
      let out = '';
      let err = '';
      const code = await main(
        // Tests read the log records as JSON; text is the default for people.
        ['--config', configPath, ...(argv.includes('--log-format') ? [] : ['--log-format', 'json']), ...argv],
        { env: { PATH: process.env.PATH }, out: (s) => (out += s), err: (s) => (err += s), errIsTTY: false },
        overrides,
      );
      const logs = err
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      return { code, out, err, logs };
    },
  };
}

/** The orders pull-orders must import by default: merchant-fulfilled and open. */
export function eligibleOrderIds(world: World): string[] {
  return world.amazon
    .orders()
    .filter(
      (o) => o.fulfillment?.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(o.fulfillment.fulfillmentStatus),
    )
    .map((o) => o.orderId)
    .sort();
}

export function allocadenceOrderNumbers(world: World): string[] {
  return world.allocadence
    .orders()
    .map((o) => o.orderNumber)
    .sort();
}

/** `world(...)` for a test file: every world a test starts is closed after that test. */
export function worldsClosedAfterEach(): (...args: Parameters<typeof testWorld>) => Promise<TestWorld> {
  const open: TestWorld[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close()));
  });
  return async (...args) => {
    const w = await testWorld(...args);
    open.push(w);
    return w;
  };
}

/** For an in-process run that should not wait for real: report and feed polls, back-off. */
export const noWait: Partial<Deps> = { sleep: () => Promise.resolve() };

/** The warehouse's first `n` items listed on Amazon without a quantity and read by pull-items, so push-stock has them to push. */
export async function listedSkus(w: TestWorld, n: number): Promise<string[]> {
  const skus = w.allocadence
    .items()
    .slice(0, n)
    .map((i) => i.sku);
  w.amazon.addListings({ listings: skus.map((sku) => ({ sku, quantity: 0 })) });
  const run = await w.run(['pull-items'], noWait);
  if (run.code !== 0) throw new Error(`pull-items exited ${run.code}: ${run.err.slice(-2000)}`);
  return skus;
}

export const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

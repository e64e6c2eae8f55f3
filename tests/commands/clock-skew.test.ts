import Database from 'better-sqlite3';
import { minutesAgo, worldsClosedAfterEach, type RunResult, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const MIN = 60_000;
const AHEAD = 3 * 60 * MIN;

/**
 * One windowed direction, as the clock scenarios drive it: `setup` brings the world to where the
 * direction has something to look at; `happen` makes one thing happen in the warehouse or on Amazon
 * (a package shipped, an order cancelled, a listing created); `done` says whether it reached the
 * other side.
 */
interface Direction {
  command: string;
  setup?(w: TestWorld): Promise<void>;
  happen(w: TestWorld, n: number): void;
  done(w: TestWorld, n: number): boolean;
}

/** Orders imported by pull-orders, one line of SKU-0001 ×3 each: room for three packages. */
async function importOrders(w: TestWorld, n: number): Promise<string[]> {
  const t = minutesAgo(30);
  const orders = w.amazon.addOrders({
    orders: Array.from({ length: n }, () => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: 'SKU-0001', quantity: 3 }],
    })),
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return orders.map((o) => o.orderId);
}

const ids = new WeakMap<TestWorld, string[]>();
const idOf = (w: TestWorld, n: number): string => ids.get(w)?.[n] ?? '';

const DIRECTIONS: Direction[] = [
  {
    command: 'push-shipments',
    async setup(w) {
      ids.set(w, await importOrders(w, 1));
    },
    happen: (w, n) =>
      void w.allocadence.ship({
        orderNumber: idOf(w, 0),
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: `1ZSKEW${n}`,
        lines: [{ sku: 'SKU-0001', quantity: 1 }],
      }),
    done: (w, n) =>
      (w.amazon.orders().find((o) => o.orderId === idOf(w, 0))?.packages ?? []).some((p) => p.trackingNumber === `1ZSKEW${n}`),
  },
  {
    command: 'push-status',
    async setup(w) {
      ids.set(w, await importOrders(w, 3));
    },
    happen: (w, n) => w.allocadence.cancelOrder(idOf(w, n), 'Out of stock'),
    done: (w, n) => w.amazon.orders().find((o) => o.orderId === idOf(w, n))?.fulfillment?.fulfillmentStatus === 'CANCELLED',
  },
  {
    command: 'pull-items',
    happen: (w, n) =>
      void w.amazon.addListings({
        listings: [{ sku: `SKEW-${n}`, title: `Listed at ${n}`, createdDate: new Date(w.time?.clock() ?? 0).toISOString() }],
      }),
    done: (w, n) => w.allocadence.items().some((i) => i.sku === `SKEW-${n}`),
  },
];

function checkpointOf(w: TestWorld, command: string): { value: string; runId: number } {
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return db.prepare('SELECT value, run_id AS runId FROM checkpoints WHERE direction = ?').get(command) as {
      value: string;
      runId: number;
    };
  } finally {
    db.close();
  }
}

function windowOf(r: RunResult): { from: string; to: string } {
  const summary = JSON.parse(r.out) as { runs: { marketplaces: { from: string; to: string }[] }[] };
  const mp = summary.runs[0]?.marketplaces[0];
  if (!mp) throw new Error(`no window in ${r.out}`);
  return mp;
}

/** The first half of each scenario: an honest run, then something happens and a run on a host whose clock is 3 h ahead reads it. */
async function aheadRun(d: Direction, seed: number): Promise<{ w: TestWorld; ahead: RunResult }> {
  const w = await world({ seed, orders: 0, listings: 10, fakeClock: true });
  const time = w.time;
  if (!time) throw new Error('fake clock expected');
  await d.setup?.(w);
  expect((await w.run([d.command])).code).toBe(0);
  time.advance(10 * MIN);
  d.happen(w, 0);
  const ahead = await w.run(['--json', d.command], { clock: () => time.clock() + AHEAD });
  expect(ahead.code).toBe(0);
  expect(d.done(w, 0)).toBe(true);
  return { w, ahead };
}

/** The second half: the clock is set right; in the hours the ahead run claimed, one more thing happens; the next honest run must see it. */
async function afterClockFixed(d: Direction, w: TestWorld): Promise<RunResult> {
  w.time?.advance(30 * MIN);
  d.happen(w, 1);
  w.time?.advance(20 * MIN);
  const next = await w.run(['--json', d.command]);
  expect(next.code).toBe(0);
  expect(d.done(w, 1)).toBe(true);
  // The checkpoint ends at this run's own end of window, which is the world's time it started at (no lag in these directions).
  expect(checkpointOf(w, d.command).value).toBe(windowOf(next).to);
  expect(Date.parse(windowOf(next).to)).toBe(Date.parse(JSON.parse(next.out).runs[0].startedAt));
  return next;
}

describe.each(DIRECTIONS)('$command', (d) => {
  test('a run on a clock 3 h ahead: warned from the Date headers, its checkpoint held at the remote time, and nothing in those hours is skipped once the clock is right', async () => {
    const { w, ahead } = await aheadRun(d, 91);
    expect(ahead.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/^this host's clock is 3 h 0 min ahead of (Amazon|Allocadence)'s .*checkpoints are kept at or before/),
      }),
    );
    expect(Date.parse(checkpointOf(w, d.command).value)).toBeLessThanOrEqual(w.time?.clock() ?? 0);
    await afterClockFixed(d, w);
  });

  test('a checkpoint found 3 h in the future (a state file from a host whose clock ran ahead, unguarded): clamped with a warning, read again from where that run started', async () => {
    const { w, ahead } = await aheadRun(d, 92);
    // What a run that did not know its clock was ahead stored: the end of its window.
    const db = new Database(w.stateFile);
    db.prepare('UPDATE checkpoints SET value = ? WHERE direction = ?').run(windowOf(ahead).to, d.command);
    db.close();
    const next = await afterClockFixed(d, w);
    const { runId } = checkpointOf(w, d.command);
    expect(next.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(
          new RegExp(
            `^the checkpoint ${windowOf(ahead).to.replace(/\./g, '\\.')} is later than this run's window can end .*had a clock running ahead.*Reading again from ${windowOf(ahead).from.replace(/\./g, '\\.')}, where that run started`,
          ),
        ),
      }),
    );
    expect(windowOf(next).from).toBe(windowOf(ahead).from);
    expect(runId).toBeGreaterThan(0);
  });
});

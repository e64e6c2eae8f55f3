import fs from 'node:fs';
import path from 'node:path';
import { worldSeller } from '../../src/simulator/world';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();

/** Seller n's orders use SKUs of its own, so a create request tells whose it is. */
const skuOf = (n: number, i: number): string => `SKU-00${10 + (n - 1) * 5 + i}`;

function ordersFor(w: TestWorld, sellers: readonly number[], each: number): void {
  const t = minutesAgo(30);
  for (const n of sellers) {
    w.amazon.addOrders(
      {
        orders: Array.from({ length: each }, (_, i) => ({
          status: 'UNSHIPPED' as const,
          fulfilledBy: 'MERCHANT' as const,
          createdTime: t,
          lastUpdatedTime: t,
          items: [{ sku: skuOf(n, i % 5), quantity: 1 }],
        })),
      },
      worldSeller(n).sellerId,
    );
  }
}

/** The seller of each order create Allocadence received, in order. */
function createsBySeller(w: TestWorld): number[] {
  const seen: number[] = [];
  w.onRequest((e) => {
    if (e.system !== 'allocadence' || e.phase !== 'received' || e.method !== 'POST' || !e.path.endsWith('/customer-orders')) return;
    const body = e.body.toString('utf8');
    seen.push([1, 2, 3].find((n) => [0, 1, 2, 3, 4].some((i) => body.includes(`"${skuOf(n, i)}"`))) ?? 0);
  });
  return seen;
}

/** How many times the sequence switches from one seller to another: 1 when they ran one after the other. */
const switches = (seq: readonly number[]): number => seq.filter((s, i) => i > 0 && s !== seq[i - 1]).length;

interface Out {
  exitCode: number;
  runs: { seller: string; outcome: string; error?: string; totals: Record<string, number>; http: { requests: number } }[];
}

test("sellers run side by side: their order creates interleave; one seller's fatal error does not stop the others, which complete", async () => {
  const w = await world({ orders: 0, sellers: 3, faults: 'slow=1', slowMs: 20 });
  ordersFor(w, [1, 2, 3], 12);
  // Seller 3's refresh token is not one Amazon issued: its first call fails for good (invalid_grant).
  const env = path.join(w.dir, '.env');
  const v = worldSeller(3).refreshTokenEnv;
  fs.writeFileSync(env, fs.readFileSync(env, 'utf8').replace(new RegExp(`^${v}=.*$`, 'm'), `${v}=Atzr|not-issued`));
  const seq = createsBySeller(w);
  const r = await w.run(['--json', 'pull-orders']);
  const out = JSON.parse(r.out) as Out;
  expect(out.exitCode).toBe(3);
  expect(r.code).toBe(3);
  const by = Object.fromEntries(out.runs.map((s) => [s.seller, s]));
  expect(by['sim-us']).toMatchObject({ outcome: 'ok', totals: { created: 12 } });
  expect(by['sim-us-2']).toMatchObject({ outcome: 'ok', totals: { created: 12 } });
  expect(by['sim-us-3']).toMatchObject({ outcome: 'failed', error: expect.stringContaining('invalid_grant') });
  expect(seq.filter((s) => s === 1)).toHaveLength(12);
  expect(seq.filter((s) => s === 2)).toHaveLength(12);
  // Both in flight at once: their creates alternate rather than one block after the other.
  expect(switches(seq)).toBeGreaterThan(3);
  // Each run counts its own requests, though all used the same warehouse client: together, every request either system saw.
  const total = out.runs.reduce((n, s) => n + s.http.requests, 0);
  expect(total).toBe(w.allocadence.requests.length + w.amazon.requests.length);
  expect(by['sim-us']?.http.requests).toBeLessThan(w.allocadence.requests.length);
  // Every log line of a run names its seller, the shared warehouse client's included.
  const runLines = r.logs.filter((l) => l.msg !== 'unexpected error' && (l.operation !== undefined || l.runId !== undefined));
  expect(runLines.length).toBeGreaterThan(0);
  for (const l of runLines) expect(l.seller).toEqual(expect.stringMatching(/^sim-us/));
});

test('--parallel 1 runs the sellers one after another', async () => {
  const w = await world({ orders: 0, sellers: 2, faults: 'slow=1', slowMs: 5 });
  ordersFor(w, [1, 2], 8);
  const seq = createsBySeller(w);
  const r = await w.run(['--parallel', '1', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(seq).toEqual([...Array<number>(8).fill(1), ...Array<number>(8).fill(2)]);
});

test("the warehouse's requests in flight stay within concurrency.allocadenceRequests over all sellers", async () => {
  const w = await world({ orders: 0, sellers: 3, faults: 'slow=1', slowMs: 30 }, (config) => {
    config.concurrency = { allocadenceRequests: 2 };
  });
  ordersFor(w, [1, 2, 3], 10);
  let inFlight = 0;
  let most = 0;
  w.onRequest((e) => {
    if (e.system !== 'allocadence') return;
    inFlight += e.phase === 'received' ? 1 : -1;
    most = Math.max(most, inFlight);
  });
  const r = await w.run(['pull-orders']);
  expect(r.code).toBe(0);
  expect(w.allocadence.orders()).toHaveLength(30);
  expect(most).toBe(2);
});

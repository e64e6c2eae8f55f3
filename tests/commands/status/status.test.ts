import { openOrders } from '../../helpers/open-orders';
import { createState, openState } from '../../../src/state';
import { worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface StatusJson {
  stateFile: string;
  directions: {
    seller: string;
    direction: string;
    lastRun?: { id: number; outcome: string; read: number; totals: Record<string, number>; failed: number; error?: string };
    lastOkAt?: string;
    checkpoints: { marketplace: string; value: string }[];
    retries: { key: string; lastError: string; attempts: number; marketplace: string }[];
    lock?: { pid: number; host: string; live: boolean };
  }[];
}

test('before any run: every direction of every seller shows as never run (JSON) or a one-line note (text)', async () => {
  const w = await world({ seed: 21, orders: 0 });
  expect((await w.run(['status'])).out).toMatch(/No state yet .*nothing has run/);
  const json = JSON.parse((await w.run(['--json', 'status'])).out) as StatusJson;
  expect(json).toEqual({ stateFile: w.stateFile, directions: [], shipBy: [] });
});

test('per direction: last run with counts, checkpoint, items waiting for retry with their error, never-run directions', async () => {
  const w = await world({ seed: 22, orders: 0 });
  const [bad] = openOrders(w, [{ sku: 'NOT-IN-WAREHOUSE', quantity: 1 }]);
  openOrders(w, [{ sku: 'SKU-0003', quantity: 1 }]);
  expect((await w.run(['pull-orders'])).code).toBe(1);

  const json = JSON.parse((await w.run(['--json', 'status'])).out) as StatusJson;
  expect(json.directions.map((d) => d.direction)).toEqual([
    'pull-items',
    'pull-orders',
    'push-stock',
    'push-shipments',
    'push-status',
    'redact-pii',
  ]);
  const orders = json.directions.find((d) => d.direction === 'pull-orders');
  expect(orders).toMatchObject({
    seller: 'sim-us',
    lastRun: { id: 1, outcome: 'partial', read: 2, totals: { created: 1 }, failed: 1 },
    checkpoints: [{ marketplace: 'ATVPDKIKX0DER', value: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
    retries: [{ key: bad?.orderId, attempts: 1, marketplace: 'ATVPDKIKX0DER', lastError: expect.stringMatching(/NOT-IN-WAREHOUSE/) }],
  });
  expect(orders?.lastOkAt).toBeUndefined();
  expect(json.directions.find((d) => d.direction === 'push-stock')?.lastRun).toBeUndefined();

  const text = (await w.run(['status'])).out;
  expect(text).toMatch(/Seller sim-us/);
  expect(text).toMatch(
    /pull-orders +\d{4}-\d\d-\d\d \d\d:\d\dZ \(\d+ s ago\) +partial +read=2 created=1 failed=1 +\d{4}-\d\d-\d\d \d\d:\d\dZ +1 +-/,
  );
  expect(text).toMatch(/push-stock +never/);
  expect(text).toMatch(
    new RegExp(`1 item\\(s\\) waiting for retry:\\n +${bad?.orderId} \\[ATVPDKIKX0DER\\] 1 attempt\\(s\\) since .*NOT-IN-WAREHOUSE`),
  );
});

test('a run killed mid-way shows as interrupted with its dead lock holder; a failed run shows its error and the last good run', async () => {
  const w = await world({ seed: 23, orders: 3 });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const db = openState(w.stateFile);
  const deadPid = 999_999;
  try {
    const dead = createState(db, { pid: deadPid, host: 'this-host', isAlive: () => false, staleAfterMs: 60_000 });
    dead.locks.acquire('push-shipments', 'sim-us', new Date());
    dead.runs.start('push-shipments', 'sim-us', new Date().toISOString());
    const failed = dead.runs.start('pull-orders', 'sim-us', new Date().toISOString());
    dead.runs.finish(
      failed,
      'failed',
      { totals: {}, marketplaces: [], failures: [], error: 'amazon searchOrders: refused (403)' },
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
  const overrides = { host: 'this-host', isProcessAlive: (pid: number) => pid !== deadPid };
  const json = JSON.parse((await w.run(['--json', 'status'], overrides)).out) as StatusJson;
  const shipments = json.directions.find((d) => d.direction === 'push-shipments');
  expect(shipments).toMatchObject({ lastRun: { outcome: 'interrupted' }, lock: { pid: deadPid, host: 'this-host', live: false } });
  const orders = json.directions.find((d) => d.direction === 'pull-orders');
  expect(orders).toMatchObject({
    lastRun: { outcome: 'failed', error: 'amazon searchOrders: refused (403)' },
    lastOkAt: expect.any(String),
  });

  const text = (await w.run(['status'], overrides)).out;
  expect(text).toMatch(/push-shipments: run #\d+ never finished \(killed or crashed\)/);
  expect(text).toMatch(/pid 999999@this-host \(dead\)/);
  expect(text).toMatch(/pull-orders: last run #\d+ failed: amazon searchOrders: refused \(403\)/);
  expect(text).toMatch(/pull-orders: last fully successful run ended/);
});

test('--seller narrows the view and an unknown seller is a usage error', async () => {
  const w = await world({ seed: 24, orders: 2 });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const json = JSON.parse((await w.run(['--json', '--seller', 'sim-us', 'status'])).out) as StatusJson;
  expect(new Set(json.directions.map((d) => d.seller))).toEqual(new Set(['sim-us']));
  const r = await w.run(['--seller', 'nobody', 'status']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/no seller named \\"nobody\\".*known: sim-us/);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountDay, addDays, parseAccountDate } from '../../src/allocadence/account-time';
import { assertBuilt, getJson, runCli, spawnCli, startSimulation, waitFor, type Simulation } from '../helpers/cli-process';
import { envFileIn, filesIn, leaks, secretsOf } from '../helpers/secret-scan';

interface AmazonOrder {
  orderId: string;
  fulfillment: { fulfillmentStatus: string };
  packages?: { packageReferenceId: string; carrier: string; trackingNumber: string; shipTime: string }[];
}

const sims: Simulation[] = [];
beforeAll(assertBuilt);
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function simulation(args: string[]): Promise<Simulation> {
  const sim = await startSimulation(fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-e2e-ship-')), [
    '--orders',
    '0',
    '--listings',
    '0',
    ...args,
  ]);
  sims.push(sim);
  return sim;
}

const post = async (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const amazonOrders = async (sim: Simulation): Promise<AmazonOrder[]> =>
  (await getJson<{ orders: AmazonOrder[] }>(`${sim.amazon}/__sim/state`)).orders;

/** n Amazon orders (SKU-0001 ×1, SKU-0002 ×1 each), pulled into Allocadence. */
async function placeAndPull(sim: Simulation, n: number): Promise<string[]> {
  const t = new Date(Date.now() - 30 * 60_000).toISOString();
  const res = await post(`${sim.amazon}/__sim/orders`, {
    orders: Array.from({ length: n }, () => ({
      status: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      createdTime: t,
      lastUpdatedTime: t,
      items: [
        { sku: 'SKU-0001', quantity: 1 },
        { sku: 'SKU-0002', quantity: 1 },
      ],
    })),
  });
  const ids = ((await res.json()) as { orders: { orderId: string }[] }).orders.map((o) => o.orderId);
  expect((await runCli(['--config', sim.config, 'pull-orders'])).code).toBe(0);
  return ids;
}

async function shipInTwo(sim: Simulation, id: string, n: number): Promise<void> {
  for (const [i, sku] of ['SKU-0001', 'SKU-0002'].entries()) {
    const r = await post(`${sim.allocadence}/__sim/shipments`, {
      orderNumber: id,
      carrier: i === 0 ? 'UPS' : 'Speedy Post',
      service: 'Ground',
      trackingNumber: `TRK-${n}-${i}`,
      lines: [{ sku, quantity: 1 }],
    });
    expect(r.status).toBe(201);
  }
}

test('shipped in two packages → SHIPPED with both trackings; cancelled and completed orders told to Amazon once', async () => {
  const sim = await simulation([]);
  const [shipped, cancelled, completed] = await placeAndPull(sim, 3);
  await shipInTwo(sim, shipped ?? '', 0);
  const ship = await runCli(['--config', sim.config, '--json', 'push-shipments']);
  expect(ship.code).toBe(0);
  expect(JSON.parse(ship.stdout).runs[0].totals.confirmed).toBe(2);
  const order = (await amazonOrders(sim)).find((o) => o.orderId === shipped);
  expect(order?.fulfillment.fulfillmentStatus).toBe('SHIPPED');
  expect(order?.packages?.map((p) => p.trackingNumber).sort()).toEqual(['TRK-0-0', 'TRK-0-1']);
  expect(JSON.parse((await runCli(['--config', sim.config, '--json', 'push-shipments'])).stdout).runs[0].totals.confirmed).toBeUndefined();

  expect((await post(`${sim.allocadence}/__sim/orders/${cancelled}/cancel`, { reason: 'Out of stock' })).status).toBe(200);
  expect((await post(`${sim.allocadence}/__sim/orders/${completed}/complete`, {})).status).toBe(200);
  const status = await runCli(['--config', sim.config, '--json', 'push-status']);
  expect(status.code).toBe(0);
  const summary = JSON.parse(status.stdout).runs[0];
  expect(summary.totals).toMatchObject({ cancelled: 1, 'marked-shipped': 1 });
  expect(summary.warnings).toEqual([expect.objectContaining({ key: completed })]);
  const after = await amazonOrders(sim);
  expect(after.find((o) => o.orderId === cancelled)?.fulfillment.fulfillmentStatus).toBe('CANCELLED');
  expect(after.find((o) => o.orderId === completed)?.fulfillment.fulfillmentStatus).toBe('SHIPPED');
  const again = await runCli(['--config', sim.config, '--json', 'push-status']);
  expect(JSON.parse(again.stdout).runs[0].totals.cancelled).toBeUndefined();
});

test('push-shipments killed mid-run and run again confirms every package exactly once', async () => {
  // Every request slowed, so the kill lands between confirmations.
  const sim = await simulation(['--faults', 'slow=1']);
  const ids = await placeAndPull(sim, 8);
  for (const [n, id] of ids.entries()) await shipInTwo(sim, id, n);
  const run = spawnCli(['--config', sim.config, 'push-shipments']);
  await waitFor(async () => (await amazonOrders(sim)).reduce((k, o) => k + (o.packages?.length ?? 0), 0) >= 3, 60_000);
  run.proc.kill('SIGKILL');
  const killed = await run.done;
  expect(killed.signal).toBe('SIGKILL');
  // What the killed run printed and left behind (state file, -wal, -shm) holds no secret.
  expect(leaks({ stdout: killed.stdout, stderr: killed.stderr, ...filesIn(sim.dir) }, secretsOf(envFileIn(sim.dir)))).toEqual([]);
  const partial = (await amazonOrders(sim)).reduce((k, o) => k + (o.packages?.length ?? 0), 0);
  expect(partial).toBeLessThan(16);

  const again = await runCli(['--config', sim.config, '--json', 'push-shipments']);
  expect(again.code).toBe(0);
  for (const o of (await amazonOrders(sim)).filter((x) => ids.includes(x.orderId))) {
    expect([o.orderId, o.packages?.length, o.fulfillment.fulfillmentStatus]).toEqual([o.orderId, 2, 'SHIPPED']);
    expect(new Set(o.packages?.map((p) => p.packageReferenceId)).size).toBe(2);
  }
  const refused = (await getJson<{ requests: { path: string; status: number }[] }>(`${sim.amazon}/__sim/requests`)).requests.filter(
    (r) => r.path.endsWith('/shipmentConfirmation') && r.status === 400,
  );
  expect(refused).toEqual([]);
});

/** The account's midnight that began today (or yesterday, if today's is under two hours old). */
function lastMidnight(zone: string): number {
  const now = Date.now();
  const day = accountDay(now, zone);
  const today = parseAccountDate(`${day} 00:00:00`, zone) ?? NaN;
  return now - today >= 2 * 3_600_000 ? today : (parseAccountDate(`${addDays(day, -1)} 00:00:00`, zone) ?? NaN);
}

test.each(['America/Los_Angeles', 'Asia/Tokyo'])(
  'a warehouse account in %s: packages either side of its midnight confirmed once each with their ship dates; push-status leaves them to push-shipments',
  async (zone) => {
    const sim = await simulation(['--time-zone', zone]);
    expect((JSON.parse(fs.readFileSync(sim.config, 'utf8')) as { allocadence: { timeZone: string } }).allocadence.timeZone).toBe(zone);
    const midnight = lastMidnight(zone);
    const placed = new Date(midnight - 3_600_000).toISOString();
    const res = await post(`${sim.amazon}/__sim/orders`, {
      orders: [1, 2, 3].map(() => ({
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: placed,
        lastUpdatedTime: placed,
        items: [{ sku: 'SKU-0001', quantity: 1 }],
      })),
    });
    const [before, after, done] = ((await res.json()) as { orders: { orderId: string }[] }).orders.map((o) => o.orderId);
    expect((await runCli(['--config', sim.config, 'pull-orders'])).code).toBe(0);
    const at = { [before ?? '']: new Date(midnight - 1000).toISOString(), [after ?? '']: new Date(midnight + 1000).toISOString() };
    for (const [id, shippedDate] of Object.entries(at)) {
      expect(
        (
          await post(`${sim.allocadence}/__sim/shipments`, {
            orderNumber: id,
            carrier: 'UPS',
            service: 'Ground',
            trackingNumber: `TRK-${id}`,
            shippedDate,
            lines: [{ sku: 'SKU-0001', quantity: 1 }],
          })
        ).status,
      ).toBe(201);
    }
    expect((await post(`${sim.allocadence}/__sim/orders/${done}/complete`, {})).status).toBe(200);

    const ship = await runCli(['--config', sim.config, '--json', 'push-shipments']);
    expect([ship.code, JSON.parse(ship.stdout).runs[0].totals]).toEqual([0, { confirmed: 2 }]);
    const status = await runCli(['--config', sim.config, '--json', 'push-status']);
    expect([status.code, JSON.parse(status.stdout).runs[0].totals]).toEqual([0, { 'has-shipments': 2, 'marked-shipped': 1 }]);
    const again = await runCli([
      '--config',
      sim.config,
      '--json',
      'push-shipments',
      '--since',
      new Date(midnight - 2 * 3_600_000).toISOString(),
    ]);
    expect(JSON.parse(again.stdout).runs[0].totals).toEqual({ 'already-confirmed': 2 });
    const orders = await amazonOrders(sim);
    for (const [id, shippedDate] of Object.entries(at)) {
      const o = orders.find((x) => x.orderId === id);
      expect(o?.packages?.map((p) => [p.trackingNumber, p.shipTime])).toEqual([[`TRK-${id}`, shippedDate.replace('.000Z', 'Z')]]);
    }
    expect(orders.find((x) => x.orderId === done)?.fulfillment.fulfillmentStatus).toBe('SHIPPED');
  },
);

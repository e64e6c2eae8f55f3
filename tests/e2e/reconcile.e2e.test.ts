import { assertBuilt, getJson, runCli, type CliResult } from '../helpers/cli-process';
import { worldsClosedAfterEach } from '../helpers/world-run';

interface Report {
  sellers: { seller: string; findings: { kind: string; key: string; detail: string; notFixed?: string }[]; fixed: number }[];
}

/** The simulators' admin origins and the config the spawned CLI reads. */
interface Simulation {
  amazon: string;
  allocadence: string;
  config: string;
}

const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

const post = async (url: string, body: unknown): Promise<unknown> => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
};
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
const HOUR = 3_600_000;
// searchOrders shows nothing updated in the last two minutes: changes planted here are dated before that.
const SETTLED = ago(10 * 60_000);

async function cli(sim: Simulation, args: string[], code = 0): Promise<CliResult> {
  const r = await runCli(['--config', sim.config, ...args]);
  if (r.code !== code) throw new Error(`${args.join(' ')} exited ${r.code}, not ${code}: ${r.stderr.slice(-1500)}`);
  return r;
}
const findings = (r: CliResult): [string, string][] =>
  (JSON.parse(r.stdout) as Report).sellers.flatMap((s) => s.findings.map((f): [string, string] => [f.kind, f.key]));

async function place(sim: Simulation, skus: readonly string[], n: number, createdAgoMs = HOUR / 2): Promise<string[]> {
  const res = (await post(`${sim.amazon}/__sim/orders`, {
    orders: Array.from({ length: n }, () => ({
      status: 'UNSHIPPED',
      fulfilledBy: 'MERCHANT',
      createdTime: ago(createdAgoMs),
      lastUpdatedTime: SETTLED,
      items: skus.slice(0, 2).map((sku) => ({ sku, quantity: 1 })),
    })),
  })) as { orders: { orderId: string }[] };
  return res.orders.map((o) => o.orderId);
}

const ship = (sim: Simulation, orderNumber: string, skus: readonly string[], trackingNumber: string): Promise<unknown> =>
  post(`${sim.allocadence}/__sim/shipments`, {
    orderNumber,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber,
    lines: skus.slice(0, 2).map((sku) => ({ sku, quantity: 1 })),
  });

test('the built CLI: in sync → exit 0; one case of each kind → exactly those; --fix → only what cannot be repaired', async () => {
  // Reports and feeds done on their first poll, as in the other end-to-end tests: the CLI waits for none in real time.
  const w = await world({ orders: 0, listings: 0, reportPolls: 1, feedPolls: 1 });
  const sim: Simulation = { amazon: w.amazon.origin, allocadence: w.allocadence.origin, config: w.configPath };
  const items = (await getJson<{ items: { sku: string }[] }>(`${sim.allocadence}/__sim/state`)).items;
  const skus = items.slice(0, 4).map((i) => i.sku);
  await post(`${sim.amazon}/__sim/listings`, { listings: skus.map((sku) => ({ sku, quantity: 0 })) });
  // The five directions bring the world in sync.
  await cli(sim, ['pull-items']);
  await cli(sim, ['push-stock', '--full']);
  const orders = await place(sim, skus, 6);
  await cli(sim, ['pull-orders']);
  await ship(sim, orders[5] ?? '', skus, 'TRK-SYNC');
  await cli(sim, ['push-shipments']);
  await cli(sim, ['push-status']);
  expect(findings(await cli(sim, ['--json', 'reconcile']))).toEqual([]);
  const quiet = await cli(sim, ['--quiet', 'reconcile']);
  expect(quiet.stdout).toBe('');

  const [late] = await place(sim, skus, 1, 30 * HOUR);
  await cli(sim, ['pull-orders']);
  const [missing] = await place(sim, skus, 1);
  const [cancelled, requested, shipped, warehouseCancelled] = orders;
  await post(`${sim.amazon}/__sim/orders/${cancelled}`, { status: 'CANCELLED', cancelledBy: 'BUYER', lastUpdatedTime: SETTLED });
  await post(`${sim.amazon}/__sim/orders/${requested}/cancellation-request`, { lastUpdatedTime: SETTLED });
  await ship(sim, shipped ?? '', skus, 'TRK-1');
  await post(`${sim.allocadence}/__sim/orders/${warehouseCancelled}/cancel`, { reason: 'Out of stock' });
  await post(`${sim.allocadence}/__sim/stock`, { sku: skus[2], warehouse: 'Main', sellable: 7 });
  await post(`${sim.amazon}/__sim/listings`, { listings: [{ sku: 'NOT-IN-WAREHOUSE', quantity: 3 }] });

  const unfixable: [string, string][] = [
    ['late-shipment-risk', late ?? ''],
    ['unknown-sku', 'NOT-IN-WAREHOUSE'],
  ];
  expect(findings(await cli(sim, ['--json', 'reconcile'], 1))).toEqual([
    ['missing-in-allocadence', missing],
    ['cancel-not-applied', cancelled],
    ['buyer-cancel-request', requested],
    ['shipment-not-confirmed', shipped],
    ['cancel-not-pushed', warehouseCancelled],
    unfixable[0],
    ['stock-drift', skus[2]],
    unfixable[1],
  ]);
  const text = await cli(sim, ['--quiet', 'reconcile'], 1);
  expect(text.stdout).toMatch(/^sim-us: 8 finding\(s\): 1 missing-in-allocadence, .* 1 unknown-sku/);
  expect(text.stdout).toMatch(/\n {2}stock-drift\n {4}\S+ +Amazon offers \d+; push-stock would offer 7\n/);

  const fixed = await cli(sim, ['--json', 'reconcile', '--fix'], 1);
  expect(findings(fixed)).toEqual(unfixable);
  expect((JSON.parse(fixed.stdout) as Report).sellers[0]?.fixed).toBe(6);
  expect(findings(await cli(sim, ['--json', 'reconcile'], 1))).toEqual(unfixable);
});

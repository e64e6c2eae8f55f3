import fs from 'node:fs';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

// A dry run says what the real run would refuse, and exits as the real run would.
const world = worldsClosedAfterEach();
const UNKNOWN = /Allocadence has no item with SKU NOT-IN-WAREHOUSE: the order would be refused/;
const NO_ADDRESS = /Amazon returned no complete delivery address/;

/** Three orders in the order searchOrders lists them: an unknown SKU, one whose address comes without a city, one fine. */
function threeOrders(w: TestWorld): { unknown: string; noAddress: string; fine: string } {
  const order = (sku: string, updated: number) => ({
    status: 'UNSHIPPED' as const,
    fulfilledBy: 'MERCHANT' as const,
    createdTime: minutesAgo(50),
    lastUpdatedTime: minutesAgo(updated),
    items: [{ sku, quantity: 1 }],
  });
  const [unknown, noAddress, fine] = w.amazon.addOrders({
    orders: [order('NOT-IN-WAREHOUSE', 40), order('SKU-0002', 30), order('SKU-0003', 20)],
  });
  return { unknown: unknown?.orderId ?? '', noAddress: noAddress?.orderId ?? '', fine: fine?.orderId ?? '' };
}

test('pull-orders --dry-run lists an unknown SKU and an unusable address as would-fail, exits 1 as the real run does, writes nothing', async () => {
  const w = await world({ seed: 91, orders: 0, fakeClock: true });
  const ids = threeOrders(w);
  const since = minutesAgo(60);
  // A window under a day is read in one searchOrders call: the rewrite applies to the dry run's and to the real run's.
  w.amazon.rewriteNext('searchOrders', { remove: ['orders.1.recipient.deliveryAddress.city'], times: 2 });

  const dry = await w.run(['--dry-run', 'pull-orders', '--since', since]);
  expect(dry.code).toBe(1);
  const plan = dry.out.split('\n');
  expect(plan[0]).toBe('pull-orders sim-us (dry run): 1 change(s) would be made, 2 would fail (exit 1, as the real run)');
  expect(plan).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^  would-fail ${ids.unknown}  ${UNKNOWN.source}`)),
      expect.stringMatching(new RegExp(`^  would-fail ${ids.noAddress}  ${NO_ADDRESS.source}`)),
      `  would-create ${ids.fine}  SKU-0003×1`,
    ]),
  );
  expect(dry.logs.filter((l) => l.msg === 'would fail').map((l) => l.key)).toEqual([ids.unknown, ids.noAddress]);
  // Read-only: the SKU was looked up by searchFor, nothing was written anywhere.
  expect(w.allocadence.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  expect(w.allocadence.requests.some((q) => q.path.endsWith('/items') && q.query.searchFor === 'NOT-IN-WAREHOUSE')).toBe(true);
  expect(w.amazon.requests.filter((q) => q.method !== 'GET' && !q.path.startsWith('/auth'))).toEqual([]);
  expect(fs.existsSync(w.stateFile)).toBe(false);

  // The real run refuses the same two, with the same exit code.
  const real = await w.run(['--json', 'pull-orders', '--since', since]);
  expect(w.amazon.pendingRewrites()).toEqual({});
  expect(real.code).toBe(1);
  const run = JSON.parse(real.out).runs[0] as { totals: Record<string, number>; failures: { key: string; reason: string }[] };
  expect(run.failures.map((f) => f.key).sort()).toEqual([ids.unknown, ids.noAddress].sort());
  expect(run.totals).toEqual({ created: 1 });
  expect(w.allocadence.orders().map((o) => o.orderNumber)).toEqual([ids.fine]);
});

test('a dry run whose orders would all go through exits 0 and looks each SKU up once', async () => {
  const w = await world({ seed: 92, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  w.amazon.addOrders({
    orders: [1, 2, 3].map(() => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [
        { sku: 'SKU-0004', quantity: 1 },
        { sku: 'SKU-0005', quantity: 2 },
      ],
    })),
  });
  const dry = await w.run(['--json', '--dry-run', 'pull-orders', '--since', minutesAgo(60)]);
  expect(dry.code).toBe(0);
  expect(JSON.parse(dry.out).runs[0].totals).toEqual({ 'would-create': 3 });
  const lookups = w.allocadence.requests.filter((q) => q.path.endsWith('/items')).map((q) => q.query.searchFor);
  expect(lookups.sort()).toEqual(['SKU-0004', 'SKU-0005']);
});

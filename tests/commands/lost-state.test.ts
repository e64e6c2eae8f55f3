import fs from 'node:fs';
import { worldSeller } from '../../src/simulator/world';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
interface Run {
  seller: string;
  totals: Record<string, number>;
  failures: { key: string; reason: string }[];
}
const runs = (out: string): Run[] => (JSON.parse(out) as { runs: Run[] }).runs;

/** The state file is lost (a new disk, a moved config): every direction must still lose nothing. */
function loseState(w: TestWorld): void {
  for (const f of [w.stateFile, `${w.stateFile}-wal`, `${w.stateFile}-shm`]) fs.rmSync(f, { force: true });
}

/** One open order per seller (the first seller, then the second), imported by pull-orders. */
async function oneEach(w: TestWorld): Promise<[string, string]> {
  const t = minutesAgo(30);
  const order = {
    status: 'UNSHIPPED' as const,
    fulfilledBy: 'MERCHANT' as const,
    createdTime: t,
    lastUpdatedTime: t,
    items: [{ sku: 'SKU-0004', quantity: 1 }],
  };
  const [a] = w.amazon.addOrders({ orders: [order] }, worldSeller(1).sellerId);
  const [b] = w.amazon.addOrders({ orders: [order] }, worldSeller(2).sellerId);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  expect(w.allocadence.orders()).toHaveLength(2);
  return [a?.orderId ?? '', b?.orderId ?? ''];
}

const status = (w: TestWorld, id: string) => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus;

test('push-shipments without the state file: each seller sharing the warehouse confirms its own orders, once', async () => {
  const w = await world({ seed: 401, orders: 0, sellers: 2, fakeClock: true });
  const [a, b] = await oneEach(w);
  loseState(w);
  for (const id of [a, b])
    w.allocadence.ship({
      orderNumber: id,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: `1Z${id.slice(-4)}`,
      lines: [{ sku: 'SKU-0004', quantity: 1 }],
    });
  const r = await w.run(['--json', 'push-shipments']);
  expect(r.code).toBe(0);
  // The sellers run side by side: each meets the other's shipment too (not its order: 404), unless
  // the other already recorded it; either way each confirms its own, once.
  for (const run of runs(r.out))
    expect(run.totals).toEqual({ confirmed: 1, ...(run.totals['not-this-seller'] ? { 'not-this-seller': 1 } : {}) });
  // Orders it never imported: one warning per run says how to adopt them all at once.
  const notes = r.logs.filter((l) => typeof l.msg === 'string' && l.msg.includes('this tool never imported'));
  expect(notes).toHaveLength(2);
  for (const id of [a, b])
    expect(notes.some((l) => String(l.msg).includes(`1 Amazon order(s) this tool never imported (${id})`))).toBe(true);
  expect(notes[0]?.msg).toContain('pull-orders --since');
  expect([status(w, a), status(w, b)]).toEqual(['SHIPPED', 'SHIPPED']);
  const confirms = w.amazon.requests.filter((q) => q.path.endsWith('/shipmentConfirmation'));
  expect(confirms.map((q) => q.path).sort()).toEqual([a, b].map((id) => `/orders/v0/orders/${id}/shipmentConfirmation`).sort());
  // Each was confirmed with its own seller's token.
  for (const q of confirms) expect(q.headers['x-amz-access-token']).toBeDefined();
  const again = await w.run(['--json', 'push-shipments', '--since', minutesAgo(120)]);
  expect(runs(again.out).map((x) => x.totals)).toEqual([{ 'already-confirmed': 1 }, { 'already-confirmed': 1 }]);
  expect(again.err).not.toContain('never imported');
});

test('push-status without the state file: an order the warehouse cancelled is cancelled on Amazon by its own seller', async () => {
  const w = await world({ seed: 402, orders: 0, sellers: 2, fakeClock: true });
  const [a, b] = await oneEach(w);
  loseState(w);
  w.allocadence.cancelOrder(b, 'Out of stock');
  w.allocadence.completeOrder(a);
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(0);
  expect(runs(r.out).map((x) => x.totals)).toEqual([{ 'marked-shipped': 1 }, { cancelled: 1 }]);
  expect([status(w, a), status(w, b)]).toEqual(['SHIPPED', 'CANCELLED']);
  // The second seller's order never went into the first seller's feeds, nor the other way round.
  const feedOrders = w.amazon.feeds().map((f) => [
    f.feedType,
    f.input.content
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split('\t')[0]),
  ]);
  expect(feedOrders.sort()).toEqual([
    ['POST_FLAT_FILE_FULFILLMENT_DATA', [a]],
    ['POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA', [b]],
  ]);
  const again = await w.run(['--json', 'push-status', '--since', minutesAgo(120)]);
  expect(runs(again.out).map((x) => x.totals)).toEqual([{ 'already-sent': 1 }, { 'already-sent': 1 }]);
  expect(w.amazon.feeds()).toHaveLength(2);
});

test('pull-orders without the state file: an order cancelled on Amazon is found by its number and cancelled', async () => {
  const w = await world({ seed: 403, orders: 0 });
  const t = minutesAgo(30);
  const [o] = w.amazon.addOrders({
    orders: [
      { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0005', quantity: 2 }] },
    ],
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  loseState(w);
  w.amazon.updateOrder(o?.orderId ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(runs(r.out)[0]?.totals).toEqual({ cancelled: 1 });
  expect(w.allocadence.orders()[0]).toMatchObject({ orderNumber: o?.orderId, cancelled: true, cancelledReason: 'Cancelled on Amazon' });
  expect(JSON.parse((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).runs[0].totals).toEqual({
    'already-cancelled': 1,
  });
});

// Shared by the remote answer tests: each scenario leaves one command with real work, and the checkpoints it left.
import { openOrders } from './open-orders';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { worldsClosedAfterEach } from '../helpers/world-run';
import { minutesAgo, type TestWorld } from '../helpers/world-run';

export type Seller = Record<string, unknown>;
export const seller = (c: Record<string, unknown>): Seller => (c.sellers as Seller[])[0] as Seller;

/** An Amazon order, imported into Allocadence by a first pull-orders run. */
export async function imported(w: TestWorld, sku = 'SKU-0001'): Promise<string> {
  const [o] = openOrders(w, [{ sku, quantity: 2 }]);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return o?.orderId ?? '';
}

/** Each scenario leaves one command with real work to do, through the operations named in the table. */
export const SCENARIOS = {
  'pull-items, first run': () => Promise.resolve(['pull-items']),
  'pull-items, later run': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    w.amazon.addListings({ listings: [{ sku: 'NEW-LISTING-1', title: 'New', quantity: 3, createdDate: minutesAgo(5) }] });
    return ['pull-items'];
  },
  'pull-orders': (w: TestWorld) => {
    const t = minutesAgo(20);
    w.amazon.addOrders({
      orders: [1, 2, 3].map((n) => ({
        status: 'UNSHIPPED' as const,
        fulfilledBy: 'MERCHANT' as const,
        createdTime: t,
        lastUpdatedTime: t,
        items: [{ sku: `SKU-000${n}`, quantity: n }],
      })),
    });
    // A window under a day is one searchOrders call: the one the table's rewrite applies to.
    return Promise.resolve(['pull-orders', '--since', minutesAgo(60)]);
  },
  'pull-orders, a cancellation': async (w: TestWorld) => {
    const id = await imported(w);
    w.amazon.updateOrder(id, { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
    return ['pull-orders'];
  },
  'push-stock, by patch': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    expect((await w.run(['push-stock'])).code).toBe(0);
    const merchant = w.amazon.listings().find((l) => !l.isParent && l.fulfillment === 'MERCHANT');
    w.allocadence.setStock(merchant?.sku ?? '', 'Main', 777);
    return ['push-stock'];
  },
  'push-stock, by feed': async (w: TestWorld) => {
    expect((await w.run(['pull-items'])).code).toBe(0);
    return ['push-stock', '--full'];
  },
  'push-shipments': async (w: TestWorld) => {
    const id = await imported(w);
    w.allocadence.ship({
      orderNumber: id,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1ZODD0001',
      lines: [{ sku: 'SKU-0001', quantity: 2 }],
    });
    // One slice, so the rewritten answer is the one that lists this shipment.
    return ['push-shipments', '--since', minutesAgo(60)];
  },
  'push-status': async (w: TestWorld) => {
    const cancelled = await imported(w, 'SKU-0003');
    const completed = await imported(w, 'SKU-0004');
    w.allocadence.cancelOrder(cancelled, 'Out of stock');
    w.allocadence.completeOrder(completed);
    return ['push-status'];
  },
} as const;
export type ScenarioName = keyof typeof SCENARIOS;

export async function scenario(
  world: ReturnType<typeof worldsClosedAfterEach>,
  name: ScenarioName,
): Promise<{ w: TestWorld; argv: string[] }> {
  const w = await world({ seed: 71, orders: 0, listings: 30, fakeClock: true }, (c) => {
    // Few enough changes go by patch; a --full push of every listing goes by feed.
    seller(c).stock = { patchThreshold: 5 };
  });
  const argv = await SCENARIOS[name](w);
  w.amazon.requests.length = 0;
  w.allocadence.requests.length = 0;
  return { w, argv };
}

export function checkpoints(w: TestWorld): unknown[] {
  if (!fs.existsSync(w.stateFile)) return [];
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM checkpoints ORDER BY direction, marketplace').all();
  } finally {
    db.close();
  }
}

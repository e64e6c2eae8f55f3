import Database from 'better-sqlite3';
import { promiseNote, promisedOf } from '../../src/commands/pull-orders/ship-by';
import type { Order } from '../../src/amazon/orders-types';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const HOUR = 3_600_000;

function orderCreated(w: TestWorld, hoursAgo: number): string {
  const created = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  return (
    w.amazon.addOrders({
      orders: [
        {
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          createdTime: created,
          lastUpdatedTime: minutesAgo(20),
          items: [{ sku: 'SKU-0003', quantity: 1 }],
        },
      ],
    })[0]?.orderId ?? ''
  );
}

const utc = (s: string | undefined): string => `${(s ?? '').slice(0, 10)} ${(s ?? '').slice(11, 16)} UTC`;

test('promiseNote: one fixed readable form; parts Amazon leaves out are left out; no promise, no note', () => {
  const base = { orderId: '1', createdTime: '', lastUpdatedTime: '', salesChannel: { channelName: 'x' }, orderItems: [] };
  const o = (fulfillment: unknown): Order => ({ ...base, fulfillment }) as Order;
  const full = o({
    fulfillmentStatus: 'UNSHIPPED',
    fulfillmentServiceLevel: 'NEXT_DAY',
    shipByWindow: { earliestDateTime: '2026-12-04T08:00:00Z', latestDateTime: '2026-12-05T18:30:00.000Z' },
    deliverByWindow: { latestDateTime: '2026-12-07T20:00:00Z' },
  });
  expect(promiseNote(promisedOf(full))).toBe(
    'Ship by 2026-12-05 18:30 UTC (not before 2026-12-04 08:00 UTC); deliver by 2026-12-07 20:00 UTC; service NEXT_DAY.',
  );
  expect(promiseNote(promisedOf(o({ fulfillmentStatus: 'UNSHIPPED', shipByWindow: { latestDateTime: 'soon' } })))).toBeUndefined();
  expect(promiseNote(promisedOf(o({ fulfillmentStatus: 'UNSHIPPED', fulfillmentServiceLevel: 'STANDARD' })))).toBe('service STANDARD.');
  expect(promiseNote(promisedOf(o(undefined)))).toBeUndefined();
});

test("pull-orders writes Amazon's ship-by and deliver-by windows and service level into the order's internalNote; status counts late and due orders", async () => {
  const w = await world({ seed: 71, orders: 0, fakeClock: true });
  const fresh = orderCreated(w, 0.5);
  const late = orderCreated(w, 72);
  const due = orderCreated(w, 30);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  for (const id of [fresh, late, due]) {
    const f = w.amazon.orders().find((o) => o.orderId === id)?.fulfillment;
    expect(f?.shipByWindow?.latestDateTime).toBeDefined();
    const stored = w.allocadence.orders().find((o) => o.orderNumber === id);
    expect(stored?.internalNote).toBe(
      `Amazon order ${id} (ATVPDKIKX0DER), seller sim-us, imported by amazon-sync. ` +
        `Ship by ${utc(f?.shipByWindow?.latestDateTime)} (not before ${utc(f?.shipByWindow?.earliestDateTime)}); ` +
        `deliver by ${utc(f?.deliverByWindow?.latestDateTime)}; service ${f?.fulfillmentServiceLevel}.`,
    );
  }
  // The ship-by time (no buyer data) is kept for status.
  const db = new Database(w.stateFile, { readonly: true });
  const kept = db.prepare('SELECT ship_by AS shipBy FROM order_map WHERE amazon_order_id = ?').get(late) as { shipBy: string };
  db.close();
  expect(kept.shipBy).toBe(
    new Date(w.amazon.orders().find((o) => o.orderId === late)?.fulfillment?.shipByWindow?.latestDateTime ?? '').toISOString(),
  );

  const json = JSON.parse((await w.run(['--json', 'status'])).out) as { shipBy: Record<string, unknown>[] };
  expect(json.shipBy).toEqual([{ seller: 'sim-us', withinHours: 24, late: 1, dueSoon: 1, earliest: kept.shipBy }]);
  expect((await w.run(['status'])).out).toMatch(
    /orders to ship: 1 late, 1 due within 24 h \(earliest ship-by \d{4}-\d\d-\d\d \d\d:\d\dZ\)/,
  );

  // Shipped and confirmed on Amazon: no longer late.
  w.allocadence.ship({
    orderNumber: late,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1Z999',
    lines: [{ sku: 'SKU-0003', quantity: 1 }],
  });
  expect((await w.run(['push-shipments'])).code).toBe(0);
  const after = JSON.parse((await w.run(['--json', 'status'])).out) as { shipBy: Record<string, unknown>[] };
  expect(after.shipBy).toEqual([expect.objectContaining({ late: 0, dueSoon: 1 })]);
});

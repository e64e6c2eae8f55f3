import Database from 'better-sqlite3';
import { accountDay, addDays, parseAccountDate } from '../../src/allocadence/account-time';
import { assertBuilt, runCli } from '../helpers/cli-process';
import { filesIn, piiIn } from '../helpers/secret-scan';
import { worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

/**
 * The whole flow with the built CLI, for a warehouse account west of UTC and one east of it: every
 * date the legacy tree writes is the account's wall time, and every day filter counts the
 * account's days, so a package shipped a second either side of the account's midnight falls on two
 * days that are not UTC's.
 */
const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

/** The account's midnight that began today (or yesterday, if today's is under two hours old): both packages are then in the past. */
function lastMidnight(zone: string): number {
  const now = Date.now();
  const day = accountDay(now, zone);
  const today = parseAccountDate(`${day} 00:00:00`, zone) ?? NaN;
  return now - today >= 2 * 3_600_000 ? today : (parseAccountDate(`${addDays(day, -1)} 00:00:00`, zone) ?? NaN);
}

const totalsOf = (stdout: string): Record<string, number> =>
  (JSON.parse(stdout) as { runs: { totals: Record<string, number> }[] }).runs[0]?.totals ?? {};
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Amazon: three open orders placed an hour before the account's midnight, and listings for three plain SKUs, a kit and two SKUs the warehouse lacks. */
function seed(w: TestWorld, midnight: number): { shipped: string; cancelled: string; completed: string } {
  const placed = iso(midnight - 3_600_000);
  const order = (items: { sku: string; quantity: number }[]) => ({
    status: 'UNSHIPPED' as const,
    fulfilledBy: 'MERCHANT' as const,
    createdTime: placed,
    lastUpdatedTime: placed,
    items,
  });
  const [shipped, cancelled, completed] = w.amazon
    .addOrders({
      orders: [
        order([
          { sku: 'SKU-0001', quantity: 1 },
          { sku: 'SKU-0002', quantity: 1 },
        ]),
        order([{ sku: 'SKU-0003', quantity: 1 }]),
        order([{ sku: 'SKU-0004', quantity: 1 }]),
      ],
    })
    .map((o) => o.orderId);
  // A kit the warehouse made from two components: min(9 / 1, 8 / 2) = 4 kits.
  w.allocadence.addItems([
    {
      sku: 'KIT-ZONE',
      kit: true,
      components: [
        { sku: 'SKU-0005', quantity: 1 },
        { sku: 'SKU-0006', quantity: 2 },
      ],
      warehouseName: 'Main',
    },
  ]);
  for (const [sku, n] of [
    ['SKU-0001', 7],
    ['SKU-0002', 7],
    ['SKU-0003', 7],
    ['SKU-0004', 7],
    ['SKU-0005', 9],
    ['SKU-0006', 8],
  ] as const)
    w.allocadence.setStock(sku, 'Main', n);
  w.amazon.addListings({
    listings: ['SKU-0001', 'SKU-0002', 'SKU-0003', 'KIT-ZONE', 'ZONE-NEW-1', 'ZONE-NEW-2'].map((sku) => ({ sku, quantity: 0 })),
  });
  return { shipped: shipped ?? '', cancelled: cancelled ?? '', completed: completed ?? '' };
}

test.each(['America/Los_Angeles', 'Asia/Tokyo'])(
  'a warehouse account in %s: items, orders, stock with a kit, two packages either side of its midnight, a cancel and a completion',
  async (zone) => {
    const w = await world({ seed: 61, orders: 0, listings: 0, timeZone: zone, feedPolls: 1, reportPolls: 1 });
    const cli = (...args: string[]) => runCli(['--config', w.configPath, '--json', ...args]);
    const midnight = lastMidnight(zone);
    const ids = seed(w, midnight);
    const requests = { alloc: () => w.allocadence.requests, amazon: () => w.amazon.requests };

    // pull-items: the two SKUs the warehouse lacks become items of the seller's warehouse; the kit and the others exist.
    const items = await cli('pull-items');
    expect([items.code, totalsOf(items.stdout).created]).toEqual([0, 2]);
    const created = requests
      .alloc()
      .filter((r) => r.method === 'POST' && r.path === '/rest/items')
      .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(created.map((b) => [b.sku, b.assignToWarehouse, b.warehouseName]).sort()).toEqual([
      ['ZONE-NEW-1', true, 'Main'],
      ['ZONE-NEW-2', true, 'Main'],
    ]);
    expect(w.allocadence.items().find((i) => i.sku === 'KIT-ZONE')?.kit).toBe(true);

    // pull-orders: three customer orders, placed when Amazon says, in the account's offset.
    const orders = await cli('pull-orders');
    expect([orders.code, totalsOf(orders.stdout).created]).toEqual([0, 3]);
    const placed = new Map(w.allocadence.orders().map((o) => [o.orderNumber, o.orderedDate]));
    for (const id of Object.values(ids)) expect(parseAccountDate(placed.get(id) ?? '', 'UTC')).toBe(midnight - 3_600_000);

    // push-stock: every merchant listing gets what the warehouse holds, the kit what its components make (from /inventory/kits).
    const stock = await cli('push-stock');
    expect([stock.code, totalsOf(stock.stdout)]).toEqual([0, { pushed: 6 }]);
    expect(
      requests
        .alloc()
        .filter((r) => r.path === '/rest/inventory/kits')
        .map((r) => r.query.warehouseName),
    ).toEqual(['Main']);
    const held = new Map(
      [...w.allocadence.inventory(), ...w.allocadence.kitInventory()]
        .filter((r) => r.warehouse.name === 'Main')
        .map((r) => [r.item.sku, r.sellable]),
    );
    const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
    expect(held.get('KIT-ZONE')).toBe(4);
    for (const l of w.amazon.listings())
      expect([l.sku, l.quantity]).toEqual([l.sku, Math.max(0, (held.get(l.sku) ?? 0) - (safety.get(l.sku) ?? 0))]);

    // The warehouse ships the first order in two packages on one shipping order, a second either side of its midnight; cancels the second; completes the third with no shipment.
    const at = [midnight - 1000, midnight + 1000];
    const first = w.allocadence.ship({
      orderNumber: ids.shipped,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: 'TRK-ZONE-1',
      shippedDate: iso(at[0] ?? 0),
      lines: [{ sku: 'SKU-0001', quantity: 1 }],
    });
    w.allocadence.ship({
      orderNumber: ids.shipped,
      shippingOrderId: first.shippingorderid,
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: 'TRK-ZONE-2',
      shippedDate: iso(at[1] ?? 0),
      lines: [{ sku: 'SKU-0002', quantity: 1 }],
    });
    expect(w.allocadence.shippingOrders().map((s) => s.shipments.map((p) => p.shippeddate.slice(0, 10)))).toEqual([
      [accountDay(at[0] ?? 0, zone), accountDay(at[1] ?? 0, zone)],
    ]);
    w.allocadence.cancelOrder(ids.cancelled, 'Damaged in the warehouse');
    w.allocadence.completeOrder(ids.completed);

    // push-shipments: each package confirmed once, with its own ship date; the list asked for by whole days of the account, each day once, up to its today.
    const t0 = Date.now();
    const listed = requests.alloc().length;
    const ship = await cli('push-shipments');
    expect([ship.code, totalsOf(ship.stdout)]).toEqual([0, { confirmed: 2 }]);
    const spans = requests
      .alloc()
      .slice(listed)
      .filter((r) => r.path === '/services/rest/shippingorders')
      .map((r): [string, string, string | undefined] => [r.query.start_date ?? '', r.query.end_date ?? '', r.query.include_shipments]);
    expect(spans.length).toBeGreaterThan(0);
    spans.forEach(([from, to, shipments], i) =>
      expect([from <= to, shipments, i === 0 || from > (spans[i - 1]?.[1] ?? '')]).toEqual([true, 'true', true]),
    );
    expect([accountDay(t0, zone), accountDay(Date.now(), zone)]).toContain(spans[spans.length - 1]?.[1]);
    expect((spans[0]?.[0] ?? '') <= accountDay(at[0] ?? 0, zone)).toBe(true);
    const confirmations = requests.amazon().filter((r) => r.path.endsWith('/shipmentConfirmation') && r.status < 300);
    expect(
      confirmations
        .map((r) => (JSON.parse(r.body) as { packageDetail: { trackingNumber: string; shipDate: string } }).packageDetail)
        .map((d) => [d.trackingNumber, Date.parse(d.shipDate)]),
    ).toEqual([
      ['TRK-ZONE-1', at[0]],
      ['TRK-ZONE-2', at[1]],
    ]);
    const again = await cli('push-shipments');
    expect([again.code, totalsOf(again.stdout).confirmed]).toEqual([0, undefined]);
    expect(requests.amazon().filter((r) => r.path.endsWith('/shipmentConfirmation'))).toHaveLength(2);

    // push-status: the warehouse's cancel reaches Amazon; the completion without shipment is marked shipped (with a warning); the shipped order is left to push-shipments.
    const status = await cli('push-status');
    expect([status.code, totalsOf(status.stdout)]).toEqual([0, { cancelled: 1, 'has-shipments': 1, 'marked-shipped': 1 }]);
    expect((JSON.parse(status.stdout) as { runs: { warnings: { key: string }[] }[] }).runs[0]?.warnings.map((x) => x.key)).toEqual([
      ids.completed,
    ]);
    const amazon = new Map(w.amazon.orders().map((o) => [o.orderId, o]));
    expect([ids.shipped, ids.cancelled, ids.completed].map((id) => amazon.get(id)?.fulfillment?.fulfillmentStatus)).toEqual([
      'SHIPPED',
      'CANCELLED',
      'SHIPPED',
    ]);
    expect(amazon.get(ids.shipped)?.packages?.map((p) => [p.trackingNumber, p.shipTime && Date.parse(p.shipTime)])).toEqual([
      ['TRK-ZONE-1', at[0]],
      ['TRK-ZONE-2', at[1]],
    ]);
    const quiet = await cli('push-status');
    expect([quiet.code, totalsOf(quiet.stdout).cancelled, totalsOf(quiet.stdout)['marked-shipped']]).toEqual([0, undefined, undefined]);

    // What is left behind: every direction ended ok with nothing waiting for a retry; each package and each status change recorded once; no buyer data.
    const state = await runCli(['--config', w.configPath, '--json', 'status']);
    const directions = (
      JSON.parse(state.stdout) as {
        directions: { direction: string; lastRun?: { outcome: string }; retries: unknown[]; checkpoints: { value: string }[] }[];
      }
    ).directions;
    // redact-pii is opt-in and not run here.
    expect(directions.map((d) => [d.direction, d.lastRun?.outcome, d.retries.length])).toEqual([
      ...['pull-items', 'pull-orders', 'push-stock', 'push-shipments', 'push-status'].map((d) => [d, 'ok', 0]),
      ['redact-pii', undefined, 0],
    ]);
    for (const d of directions) for (const c of d.checkpoints) expect(Date.parse(c.value)).toBeLessThanOrEqual(Date.now());
    const db = new Database(w.stateFile, { readonly: true });
    try {
      expect(db.prepare('SELECT amazon_order_id AS id, status FROM shipments ORDER BY alloc_shipment_id').all()).toEqual([
        { id: ids.shipped, status: 'confirmed' },
        { id: ids.shipped, status: 'confirmed' },
      ]);
      expect(db.prepare('SELECT amazon_order_id AS id, kind, status FROM status_pushes ORDER BY kind').all()).toEqual([
        { id: ids.cancelled, kind: 'cancel', status: 'done' },
        { id: ids.completed, kind: 'complete', status: 'done' },
      ]);
    } finally {
      db.close();
    }
    const buyers = w.amazon
      .orders()
      .flatMap((o) =>
        [o.buyer?.buyerName, o.buyer?.buyerEmail, o.recipient?.deliveryAddress.addressLine1].filter((x): x is string => Boolean(x)),
      );
    expect(buyers.length).toBeGreaterThan(0);
    expect(piiIn(filesIn(w.dir), buyers)).toEqual([]);
  },
  30_000,
);

import Database from 'better-sqlite3';
import { lineIdsOf, NO_SURNAME, splitName, wrongWarehouse } from '../../../src/commands/pull-orders/map';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface Summary {
  runs: { totals: Record<string, number>; failures: { key: string; reason: string; retriable: boolean }[] }[];
}
const summary = (out: string): Summary['runs'][number] => (JSON.parse(out) as Summary).runs[0] as Summary['runs'][number];

function newOrder(w: TestWorld, items: { sku: string; quantity: number }[] = [{ sku: 'SKU-0003', quantity: 2 }]): string {
  const t = minutesAgo(20);
  return (
    w.amazon.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items }] })[0]
      ?.orderId ?? ''
  );
}

const creates = (w: TestWorld) => w.allocadence.requests.filter((r) => r.method === 'POST' && r.path === '/rest/customer-orders');

test('splitName: the last word is the surname; one word keeps an invisible one; spaces are tidied', () => {
  expect(splitName('Test Buyer 7')).toEqual({ name: 'Test Buyer', surname: '7' });
  expect(splitName('  Ana  María García López ')).toEqual({ name: 'Ana María García', surname: 'López' });
  expect(splitName('Cher')).toEqual({ name: 'Cher', surname: NO_SURNAME });
  expect(NO_SURNAME).toBe('\u200b');
  expect(NO_SURNAME.trim()).not.toBe('');
});

test('lineIdsOf: lines in the order sent; otherwise a SKU found once on both sides; never a guess between two lines of one SKU', () => {
  const sent = [
    { orderItemId: 'A', sku: 'S1', quantity: 1 },
    { orderItemId: 'B', sku: 'S2', quantity: 1 },
    { orderItemId: 'C', sku: 'S2', quantity: 2 },
  ];
  expect(
    lineIdsOf(sent, [
      { id: '11', sku: 'S1' },
      { id: '12', sku: 'S2' },
      { id: '13', sku: 'S2' },
    ]),
  ).toEqual([
    { orderItemId: 'A', lineId: '11' },
    { orderItemId: 'B', lineId: '12' },
    { orderItemId: 'C', lineId: '13' },
  ]);
  // Merged or reordered by the server: only S1 is certain.
  expect(
    lineIdsOf(sent, [
      { id: '21', sku: 'S2' },
      { id: '22', sku: 'S1' },
    ]),
  ).toEqual([{ orderItemId: 'A', lineId: '22' }]);
  expect(lineIdsOf(sent, [{ sku: 'S1' }, { sku: 'S2' }, { sku: 'S2' }])).toEqual([]);
  expect(lineIdsOf(sent, undefined)).toEqual([]);
});

test('wrongWarehouse: the same name in another case is the same warehouse; no answer, nothing to say', () => {
  const order = (name?: string) => ({ id: '9', orderNumber: 'x', ...(name === undefined ? {} : { shipFromWarehouse: { id: '1', name } }) });
  expect(wrongWarehouse(order('main '), 'Main')).toBeUndefined();
  expect(wrongWarehouse(order(), 'Main')).toBeUndefined();
  expect(wrongWarehouse(order('Overflow'), 'Main')).toMatch(
    /^created in Allocadence as order 9, but it ships from warehouse "Overflow", not "Main"/,
  );
});

test('an order is created with a surname, the note in internalNote (not notes) and the billing address same as shipping', async () => {
  const w = await world({ seed: 61, orders: 0, fakeClock: true });
  const id = newOrder(w);
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  const sent = JSON.parse(creates(w)[0]?.body ?? '{}') as Record<string, unknown>;
  expect(sent).toMatchObject({
    billingAddress: { sameAsShipping: true },
    internalNote: expect.stringMatching(new RegExp(`^Amazon order ${id} \\(ATVPDKIKX0DER\\), seller sim-us, imported by amazon-sync\\. `)),
  });
  expect(sent).not.toHaveProperty('notes');
  const co = w.allocadence.orders().find((o) => o.orderNumber === id);
  const full = co?.shippingAddress.name ?? '';
  expect(full).toMatch(/^Test Buyer \d+$/);
  expect(co?.customer).toMatchObject({ name: 'Test Buyer', surname: full.split(' ').pop() });
  expect(co?.internalNote).toMatch(
    new RegExp(`^Amazon order ${id} \\(ATVPDKIKX0DER\\), seller sim-us, imported by amazon-sync\\. Ship by `),
  );
  expect(co?.billingAddress).toMatchObject({ line1: co?.shippingAddress.line1, city: co?.shippingAddress.city });
  expect(co?.orderPlaced).toBe(true);
});

test('a one-word buyer name still makes a new customer (surname a zero-width space)', async () => {
  const w = await world({ seed: 62, orders: 0, fakeClock: true });
  const id = newOrder(w);
  w.amazon.rewriteNext('searchOrders', {
    set: { 'orders.*.recipient.deliveryAddress.name': 'Cher', 'orders.*.buyer.buyerName': 'Cher' },
    times: 100,
  });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(w.allocadence.orders().find((o) => o.orderNumber === id)?.customer).toMatchObject({ name: 'Cher', surname: '\u200b' });
});

test('the Allocadence line id of each Amazon order item is kept in the state file', async () => {
  const w = await world({ seed: 63, orders: 0, fakeClock: true });
  const id = newOrder(w, [
    { sku: 'SKU-0004', quantity: 1 },
    { sku: 'SKU-0005', quantity: 3 },
  ]);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const lines = w.allocadence.orders().find((o) => o.orderNumber === id)?.items ?? [];
  const amazonItems = w.amazon.orders().find((o) => o.orderId === id)?.orderItems ?? [];
  const db = new Database(w.stateFile, { readonly: true });
  const rows = db
    .prepare('SELECT order_item_id AS item, sku, alloc_line_id AS line FROM order_items WHERE amazon_order_id = ? ORDER BY sku')
    .all(id);
  db.close();
  expect(rows).toEqual(
    amazonItems
      .map((i) => ({ item: i.orderItemId, sku: i.product.sellerSku, line: String(lines.find((l) => l.sku === i.product.sellerSku)?.id) }))
      .sort((a, b) => a.sku.localeCompare(b.sku)),
  );
});

test("an order that lands in another warehouse than the seller's is reported with what to do, and never created twice", async () => {
  // A warehouse name Allocadence does not know: the order falls back to the API user's current warehouse.
  const w = await world({ seed: 64, orders: 0, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).warehouse = 'Main Warehouse';
  });
  const id = newOrder(w);
  const first = await w.run(['--json', 'pull-orders']);
  expect(first.code).toBe(1);
  const co = w.allocadence.orders().find((o) => o.orderNumber === id);
  expect(co?.shipFromWarehouse.name).toBe('Main');
  expect(summary(first.out).failures).toEqual([
    {
      key: id,
      reason: `created in Allocadence as order ${co?.id}, but it ships from warehouse "Main", not "Main Warehouse" (is sellers[].warehouse spelled as in Allocadence?). Move the order to "Main Warehouse" in Allocadence, or cancel it there; it will not be created again`,
      retriable: false,
    },
  ]);
  expect(
    first.logs.some((l) => l.level === 'error' && String(l.msg).includes(`order ${id} created in Allocadence as order ${co?.id}`)),
  ).toBe(true);

  const again = await w.run(['--json', 'pull-orders']);
  expect(again.code).toBe(0);
  expect(summary(again.out).totals).toEqual({ 'already-imported': 1 });
  expect(creates(w)).toHaveLength(1);
  expect(w.allocadence.orders().filter((o) => o.orderNumber === id)).toHaveLength(1);
});

test('an account that refuses an unknown warehouse name refuses the order instead: nothing is created, it is retried', async () => {
  const w = await world({ seed: 65, orders: 0, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).warehouse = 'Main Warehouse';
  });
  w.allocadence.setBehaviour({ unknownWarehouse: 'refuse' });
  const id = newOrder(w);
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(1);
  expect(summary(r.out).failures).toEqual([
    {
      key: id,
      reason: expect.stringMatching(/HTTP 400 invalid_parameter: Unknown warehouse: Main Warehouse \(parameter shipFromWarehouseName\)/),
      retriable: true,
    },
  ]);
  expect(w.allocadence.orders()).toEqual([]);
});

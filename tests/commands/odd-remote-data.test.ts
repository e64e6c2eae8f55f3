import type { AnswerRewrite } from '../../src/simulator/answer-rewrites';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

/**
 * Data that is well-formed but odd: orders without an address, with many lines, with quantities a
 * buggy source could send; stock levels of zero, a billion, below zero or fractional; SKUs that
 * need encoding. (An order SKU the warehouse does not know: pull-orders/pull-orders.test.ts.)
 */
const world = worldsClosedAfterEach();
type Obj = Record<string, unknown>;
const seller = (c: Obj): Obj => (c.sellers as Obj[])[0] as Obj;
const summary = (out: string): { totals: Record<string, number>; failures: { key: string; reason: string }[] } => JSON.parse(out).runs[0];
const linesOf = (w: TestWorld, orderNumber: string): string[] | undefined =>
  w.allocadence
    .orders()
    .find((o) => o.orderNumber === orderNumber)
    ?.items.map((i) => `${i.sku}×${i.quantity}`);

function addOrder(w: TestWorld, items: { sku: string; quantity: number }[]): string {
  const t = minutesAgo(20);
  const [o] = w.amazon.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items }] });
  return o?.orderId ?? '';
}

describe('orders', () => {
  const item = (field: string, value: unknown): AnswerRewrite => ({ set: { [`orders.0.orderItems.0.${field}`]: value } });
  test.each<[string, AnswerRewrite, number, string[] | undefined, RegExp | undefined]>([
    [
      'no delivery address (the application lacks the PII role)',
      { remove: ['orders.*.recipient'] },
      1,
      undefined,
      /Amazon returned no complete delivery address \(does the application have the Direct-to-Consumer Delivery role\?\)/,
    ],
    ['an address without a city', { remove: ['orders.*.recipient.deliveryAddress.city'] }, 1, undefined, /no complete delivery address/],
    [
      'a line with quantity 0',
      { set: { 'orders.0.orderItems.0.quantityOrdered': 0, 'orders.0.orderItems.0.fulfillment.quantityUnfulfilled': 0 } },
      0,
      ['SKU-0002×3'],
      undefined,
    ],
    [
      'every line with quantity 0',
      { set: { 'orders.0.orderItems.*.quantityOrdered': 0, 'orders.0.orderItems.*.fulfillment.quantityUnfulfilled': 0 } },
      1,
      undefined,
      /nothing left to ship on this order/,
    ],
    [
      'a billion units',
      { set: { 'orders.0.orderItems.0.quantityOrdered': 1e9, 'orders.0.orderItems.0.fulfillment.quantityUnfulfilled': 1e9 } },
      0,
      ['SKU-0001×1000000000', 'SKU-0002×3'],
      undefined,
    ],
    [
      'a negative quantity',
      item('quantityOrdered', -1),
      1,
      undefined,
      /unexpected order shape at orderItems\.0\.quantityOrdered: Too small/,
    ],
    [
      'a negative quantity still to ship',
      item('fulfillment.quantityUnfulfilled', -2),
      1,
      undefined,
      /unexpected order shape at orderItems\.0\.fulfillment\.quantityUnfulfilled: Too small/,
    ],
    [
      'a fractional quantity',
      item('quantityOrdered', 1.5),
      1,
      undefined,
      /unexpected order shape at orderItems\.0\.quantityOrdered: Invalid input: expected int, received number/,
    ],
  ])('%s', async (_name, rewrite, code, lines, reason) => {
    const w = await world({ seed: 81, orders: 0, fakeClock: true });
    const id = addOrder(w, [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 3 },
    ]);
    w.amazon.rewriteNext('searchOrders', rewrite);
    // A window under a day is read in one searchOrders call, the one the rewrite applies to.
    const r = await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)]);
    expect(w.amazon.pendingRewrites()).toEqual({});
    expect(r.code).toBe(code);
    expect(linesOf(w, id)).toEqual(lines);
    if (reason) expect(summary(r.out).failures).toEqual([expect.objectContaining({ key: id, reason: expect.stringMatching(reason) })]);
    // Every refused order is fetched again next run, and imported once Amazon's answer is whole.
    if (code === 1) {
      const again = await w.run(['--json', 'pull-orders']);
      expect([again.code, linesOf(w, id)]).toEqual([0, ['SKU-0001×2', 'SKU-0002×3']]);
    }
  });

  test('120 lines become one warehouse order with every line; one unknown SKU among them refuses the whole order', async () => {
    const w = await world({ seed: 82, orders: 0, catalogSize: 130, fakeClock: true });
    const many = Array.from({ length: 120 }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(4, '0')}`, quantity: (i % 3) + 1 }));
    const whole = addOrder(w, many);
    const spoilt = addOrder(w, [...many.slice(0, 110), { sku: 'NOT-IN-WAREHOUSE', quantity: 1 }]);
    const r = await w.run(['--json', 'pull-orders']);
    expect(r.code).toBe(1);
    expect(linesOf(w, whole)).toEqual(many.map((l) => `${l.sku}×${l.quantity}`));
    expect(linesOf(w, spoilt)).toBeUndefined();
    expect(summary(r.out).failures).toEqual([expect.objectContaining({ key: spoilt, reason: expect.stringMatching(/NOT-IN-WAREHOUSE/) })]);
  });
});

describe('stock', () => {
  /** The index of a SKU's row in an Allocadence list the simulator answers in its store's order. */
  const rowOf = (rows: { sku: string }[], sku: string): number => rows.findIndex((r) => r.sku === sku);

  test.each<[string, number, number, number]>([
    ['none sellable', 0, 0, 0],
    ['a billion sellable', 1e9, 0, 1e9],
    ['below zero (oversold)', -5, 0, 0],
    ['a fraction', 7.5, 0, 7],
    ['a negative safety stock is no safety stock', 10, -3, 10],
    ['a fractional safety stock', 10, 2.5, 7],
  ])('%s: sellable %d, safety %d → Amazon offers %d', async (_name, sellable, safety, offered) => {
    const w = await world({ seed: 83, orders: 0, listings: 20, fakeClock: true }, (c) => (seller(c).stock = { patchThreshold: 1000 }));
    expect((await w.run(['pull-items'])).code).toBe(0);
    const sku = w.amazon.listings().find((l) => !l.isParent && l.fulfillment === 'MERCHANT')?.sku ?? '';
    w.allocadence.rewriteNext('listInventory', {
      set: {
        [`inventory.${rowOf(
          w.allocadence.inventory().map((r) => r.item),
          sku,
        )}.sellable`]: sellable,
      },
    });
    w.allocadence.rewriteNext('listItems', { set: { [`items.${rowOf(w.allocadence.items(), sku)}.safetyStock`]: safety } });
    const r = await w.run(['--json', 'push-stock', '--full']);
    expect(r.code).toBe(0);
    expect({ ...w.allocadence.pendingRewrites(), ...w.amazon.pendingRewrites() }).toEqual({});
    expect(w.amazon.listings().find((l) => l.sku === sku)?.quantity).toBe(offered);
  });

  test('quantities in the first listings report: only whole positive numbers are imported; a word falls back to the Listings API', async () => {
    const w = await world({ seed: 84, orders: 0, listings: 0, fakeClock: true }, (c) => (seller(c).items = { importQuantities: true }));
    w.allocadence.setBehaviour({ adjustments: true });
    const odd: [string, string][] = [
      ['ODD-NEG', '-3'],
      ['ODD-ZERO', '0'],
      ['ODD-HALF', '2.5'],
      ['ODD-BILLION', '1000000000'],
      ['ODD-WORD', 'lots'],
    ];
    w.amazon.addListings({ listings: odd.map(([sku]) => ({ sku, title: sku, quantity: 1 })) });
    const report = ['seller-sku\titem-name\tquantity\tfulfillment-channel', ...odd.map(([sku, q]) => `${sku}\t${sku}\t${q}\tDEFAULT`)].join(
      '\n',
    );
    w.amazon.rewriteNext('getReportDocument', { remove: ['compressionAlgorithm'] });
    w.amazon.rewriteNext('downloadDocument', { raw: report, contentType: 'text/tab-separated-values;charset=UTF-8' });
    const r = await w.run(['--json', 'pull-items']);
    expect(w.amazon.pendingRewrites()).toEqual({});
    expect(r.code).toBe(1);
    expect(summary(r.out).failures).toEqual([
      {
        key: 'ODD-HALF',
        reason: expect.stringMatching(/Amazon reported quantity 2\.5, not a whole number: not imported/),
        retriable: false,
      },
    ]);
    expect(w.allocadence.adjustments().map((a) => [a.sku, a.quantity])).toEqual([
      ['ODD-BILLION', 1e9],
      ['ODD-WORD', 1],
    ]);
    expect(
      w.allocadence
        .items()
        .filter((i) => i.sku.startsWith('ODD-'))
        .map((i) => i.sku)
        .sort(),
    ).toEqual(odd.map(([sku]) => sku).sort());
  });
});

test('SKUs with spaces, slashes, #, % and unicode: orders, shipments, cancellations and a stock feed', async () => {
  const skus = ['AB 12/x#1', 'Müsli-Ørn ✓', 'a+b%20c?d&e=f'];
  const w = await world({ seed: 85, orders: 0, listings: 0, fakeClock: true }, (c) => {
    seller(c).stock = { patchThreshold: 0 };
    seller(c).carriers = { UPS: { carrierCode: 'UPS' } };
  });
  w.amazon.addListings({ listings: skus.map((sku) => ({ sku, title: sku, quantity: 0 })) });
  expect((await w.run(['pull-items'])).code).toBe(0);
  skus.forEach((sku, i) => w.allocadence.setStock(sku, 'Main', 20 + i));
  const stock = await w.run(['--json', 'push-stock', '--full']);
  expect(stock.code).toBe(0);
  expect(w.amazon.requests.filter((q) => q.method === 'PATCH')).toEqual([]);
  expect(skus.map((sku) => w.amazon.listings().find((l) => l.sku === sku)?.quantity)).toEqual([20, 21, 22]);

  const shipped = addOrder(w, [
    { sku: skus[0] ?? '', quantity: 1 },
    { sku: skus[1] ?? '', quantity: 2 },
  ]);
  const cancelled = addOrder(w, [{ sku: skus[2] ?? '', quantity: 1 }]);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  expect(linesOf(w, shipped)).toEqual([`${skus[0]}×1`, `${skus[1]}×2`]);
  w.allocadence.ship({
    orderNumber: shipped,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: '1ZSKU0001',
    lines: [
      { sku: skus[0] ?? '', quantity: 1 },
      { sku: skus[1] ?? '', quantity: 2 },
    ],
  });
  w.allocadence.cancelOrder(cancelled, 'Out of stock');
  expect((await w.run(['push-shipments'])).code).toBe(0);
  expect((await w.run(['push-status'])).code).toBe(0);
  const status = (id: string): string | undefined => w.amazon.orders().find((o) => o.orderId === id)?.fulfillment?.fulfillmentStatus;
  expect([status(shipped), status(cancelled)]).toEqual(['SHIPPED', 'CANCELLED']);
});

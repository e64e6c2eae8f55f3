import { openOrders } from '../../helpers/open-orders';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { allocadenceOrderNumbers, eligibleOrderIds, minutesAgo, worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

test('imports exactly the open merchant orders, each once, and a second run creates none', async () => {
  const w = await world({ seed: 3, orders: 60 });
  const first = await w.run(['--json', 'pull-orders']);
  expect(first.code).toBe(0);
  const eligible = eligibleOrderIds(w);
  expect(eligible.length).toBeGreaterThan(10);
  expect(allocadenceOrderNumbers(w)).toEqual(eligible);
  const summary = JSON.parse(first.out) as { exitCode: number; runs: { totals: Record<string, number>; outcome: string }[] };
  expect(summary.runs[0]?.totals.created).toBe(eligible.length);

  // Lines carry what is left to ship, at Amazon's prices, from the seller's warehouse.
  for (const ao of w.amazon.orders().filter((o) => eligible.includes(o.orderId))) {
    const co = w.allocadence.orders().find((o) => o.orderNumber === ao.orderId);
    expect(co?.shipFromWarehouse.name).toBe('Main');
    const expected = ao.orderItems
      .map((i) => ({ sku: i.product.sellerSku, quantity: i.fulfillment?.quantityUnfulfilled ?? i.quantityOrdered }))
      .filter((l) => l.quantity > 0);
    expect(co?.items.map((i) => ({ sku: i.sku, quantity: i.quantity }))).toEqual(expected);
  }

  const second = await w.run(['--json', 'pull-orders']);
  expect(second.code).toBe(0);
  expect(allocadenceOrderNumbers(w)).toEqual(eligible);
  expect((JSON.parse(second.out) as { runs: { totals: Record<string, number> }[] }).runs[0]?.totals.created).toBeUndefined();
});

test('asks Amazon for a last-updated window ending two minutes ago, as the model requires, in consecutive slices', async () => {
  const w = await world({ seed: 4, orders: 5 });
  const before = Date.now();
  await w.run(['pull-orders']);
  const searches = w.amazon.requests.filter((r) => r.path === '/orders/2026-01-01/orders');
  const search = searches[0];
  expect(search?.method).toBe('GET');
  const q = search?.query ?? {};
  expect(Object.keys(q).sort()).toEqual([
    'fulfilledBy',
    'fulfillmentStatuses',
    'includedData',
    'lastUpdatedAfter',
    'lastUpdatedBefore',
    'marketplaceIds',
    'maxResultsPerPage',
  ]);
  // Five orders over a week: a one-day slice in one page, then the rest of the week in one slice (one page of it would hold 40 days).
  const slices = searches.map((r) => [Date.parse(r.query.lastUpdatedAfter ?? ''), Date.parse(r.query.lastUpdatedBefore ?? '')] as const);
  expect(slices.map(([from, to]) => (to - from) / 86_400_000)).toEqual([1, 6]);
  for (const [i, [from]] of slices.entries()) if (i > 0) expect(from).toBe(slices[i - 1]?.[1]);
  const last = searches[searches.length - 1]?.query ?? {};
  expect(Date.parse(last.lastUpdatedBefore ?? '')).toBeLessThanOrEqual(before - 2 * 60_000 + 1000);
  expect(Date.parse(last.lastUpdatedBefore ?? '') - Date.parse(q.lastUpdatedAfter ?? '')).toBe(7 * 86_400_000);
  expect(q.marketplaceIds).toBe('ATVPDKIKX0DER');
  expect(q.fulfillmentStatuses).toBe('UNSHIPPED,PARTIALLY_SHIPPED,CANCELLED');
  expect(q.fulfilledBy).toBe('MERCHANT');
  expect(q.includedData).toBe('BUYER,RECIPIENT,FULFILLMENT,CANCELLATION,PROCEEDS');
  expect(search?.headers['x-amz-access-token']).toMatch(/^Atza\|/);

  // The checkpoint is the run's upper bound; the next run starts a lookback before it.
  const db = new Database(w.stateFile, { readonly: true });
  const cp = db.prepare('SELECT value FROM checkpoints').get() as { value: string };
  db.close();
  expect(cp.value).toBe(last.lastUpdatedBefore);
  w.amazon.requests.length = 0;
  await w.run(['pull-orders']);
  const next = w.amazon.requests.find((r) => r.path === '/orders/2026-01-01/orders');
  expect(Date.parse(next?.query.lastUpdatedAfter ?? '')).toBe(Date.parse(cp.value) - 30 * 60_000);
});

test('an order cancelled on Amazon is cancelled in Allocadence through the legacy API', async () => {
  const w = await world({ seed: 5, orders: 0 });
  const [order] = openOrders(w, [{ sku: 'SKU-0002', quantity: 1 }], { minutes: 20 });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  w.amazon.updateOrder(order?.orderId ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out).runs[0].totals).toMatchObject({ cancelled: 1 });
  const co = w.allocadence.orders()[0];
  expect(co).toMatchObject({ orderNumber: order?.orderId, cancelled: true, cancelledReason: 'Cancelled on Amazon' });
  const cancel = w.allocadence.requests.find((q) => q.method === 'PUT');
  expect(cancel?.path).toBe(`/services/rest/customerorders/${co?.id}/cancel`);
  expect(cancel?.headers.securekey).toBe(w.env.ALLOCADENCE_SECURE_KEY);
  // Seen again: nothing more to do.
  expect(JSON.parse((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).runs[0].totals).toEqual({
    'already-cancelled': 1,
  });
});

test('cancelled on Amazon after the warehouse completed it: warned once, not cancelled', async () => {
  const w = await world({ seed: 14, orders: 0 });
  const [order] = openOrders(w, [{ sku: 'SKU-0002', quantity: 1 }], { minutes: 20 });
  await w.run(['pull-orders']);
  w.allocadence.completeOrder(order?.orderId ?? '');
  w.amazon.updateOrder(order?.orderId ?? '', { status: 'CANCELLED', lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out).runs[0].warnings).toEqual([
    { key: order?.orderId, warning: expect.stringMatching(/already completed in Allocadence .* stop the shipment by hand/) },
  ]);
  const again = await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)]);
  expect(JSON.parse(again.out).runs[0]).toMatchObject({ warnings: [], totals: { 'cancel-too-late': 1 } });
  expect(w.allocadence.orders()[0]?.cancelled).toBe(false);
});

test('an order with a SKU Allocadence does not know is reported (exit 1), not created, and retried next run', async () => {
  const w = await world({ seed: 6, orders: 0 });
  const [bad] = openOrders(w, [{ sku: 'NOT-IN-WAREHOUSE', quantity: 1 }]);
  openOrders(w, [{ sku: 'SKU-0003', quantity: 1 }]);
  const first = await w.run(['--json', 'pull-orders']);
  expect(first.code).toBe(1);
  const s = JSON.parse(first.out).runs[0];
  expect(s.failures).toEqual([expect.objectContaining({ key: bad?.orderId, reason: expect.stringMatching(/NOT-IN-WAREHOUSE/) })]);
  expect(s.totals.created).toBe(1);
  expect(first.logs.some((l) => l.msg === 'failed' && l.key === bad?.orderId)).toBe(true);
  expect(allocadenceOrderNumbers(w)).not.toContain(bad?.orderId);

  w.amazon.requests.length = 0;
  const second = await w.run(['--json', 'pull-orders']);
  expect(second.code).toBe(1);
  expect(w.amazon.requests.some((r) => r.path === `/orders/2026-01-01/orders/${bad?.orderId}`)).toBe(true);
  expect(JSON.parse(second.out).runs[0].failures).toHaveLength(1);
});

test('--dry-run lists what it would create and writes nothing, not even the state file', async () => {
  const w = await world({ seed: 7, orders: 20 });
  const r = await w.run(['--dry-run', 'pull-orders']);
  expect(r.code).toBe(0);
  const eligible = eligibleOrderIds(w);
  for (const id of eligible) expect(r.out).toMatch(new RegExp(`would-create ${id}  SKU-`));
  expect(r.out).toMatch(new RegExp(`${eligible.length} change\\(s\\) would be made`));
  expect(w.allocadence.orders()).toEqual([]);
  expect(w.allocadence.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  expect(fs.existsSync(w.stateFile)).toBe(false);
});

test('PENDING orders wait unless importPending; FBA orders only when configured', async () => {
  const w = await world({ seed: 8, orders: 0 }, (c) => {
    const seller = (c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>;
    seller.orders = { fulfilledBy: ['MERCHANT', 'AMAZON'], importPending: true };
  });
  const t = minutesAgo(10);
  const [pending, fba] = w.amazon.addOrders({
    orders: [
      { status: 'PENDING', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0004', quantity: 1 }] },
      { status: 'UNSHIPPED', fulfilledBy: 'AMAZON', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0005', quantity: 1 }] },
      { status: 'SHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: 'SKU-0006', quantity: 1 }] },
    ],
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  expect(allocadenceOrderNumbers(w)).toEqual([pending?.orderId, fba?.orderId].sort());
});

test('a PENDING order imported early gets its address once Amazon releases it', async () => {
  const w = await world({ seed: 13, orders: 0 }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).orders = { importPending: true };
  });
  const [o] = w.amazon.addOrders({
    orders: [
      {
        status: 'PENDING',
        fulfilledBy: 'MERCHANT',
        createdTime: minutesAgo(40),
        lastUpdatedTime: minutesAgo(40),
        items: [{ sku: 'SKU-0007', quantity: 1 }],
      },
    ],
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  expect(w.allocadence.orders()[0]?.shippingAddress.line1).toBe('Address pending on Amazon');
  w.amazon.updateOrder(o?.orderId ?? '', { status: 'UNSHIPPED', lastUpdatedTime: minutesAgo(3) });
  const r = await w.run(['--json', 'pull-orders']);
  expect(JSON.parse(r.out).runs[0].totals).toEqual({ 'address-updated': 1 });
  const address = w.amazon.orders()[0]?.recipient?.deliveryAddress;
  expect(w.allocadence.orders()[0]?.shippingAddress).toMatchObject({
    line1: address?.addressLine1,
    city: address?.city,
    countryCode: address?.countryCode,
  });
  expect(w.allocadence.orders()).toHaveLength(1);
  expect(JSON.parse((await w.run(['--json', 'pull-orders', '--since', minutesAgo(60)])).out).runs[0].totals).toEqual({
    'already-imported': 1,
  });
});

test('one run exchanges the refresh token once, form-encoded as LWA expects', async () => {
  const w = await world({ seed: 9, orders: 10 });
  const r = await w.run(['pull-orders']);
  expect(r.code).toBe(0);
  const tokenCalls = w.amazon.requests.filter((q) => q.path === '/auth/o2/token');
  expect(tokenCalls).toHaveLength(1);
  expect(tokenCalls[0]?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  expect(tokenCalls[0]?.body).toMatch(/grant_type=refresh_token&refresh_token=/);
});

test('wrong LWA credentials stop the run with exit 3 and a clear message, without echoing secrets', async () => {
  const w = await world({ seed: 10, orders: 3 });
  fs.appendFileSync(`${w.dir}/.env`, 'LWA_CLIENT_SECRET=wrong-secret-value-123\n');
  const r = await w.run(['pull-orders']);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/LWA rejected the application credentials/);
  expect(r.err).not.toContain('wrong-secret-value-123');
});

test('with 20% faults on both systems the outcome is the same: every order exactly once', async () => {
  const w = await world({ seed: 11, orders: 80, faults: '0.2' });
  const r = await w.run(['--json', 'pull-orders'], { sleep: () => Promise.resolve() });
  expect(r.err).toMatch(/retrying/);
  expect(r.code).toBe(0);
  const numbers = allocadenceOrderNumbers(w);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(numbers).toEqual(eligibleOrderIds(w));
});

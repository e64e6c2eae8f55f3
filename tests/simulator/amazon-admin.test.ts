import { buildCatalog } from '../../src/simulator/catalog';
import { seedOrders, type AmazonSimulator, type SimOrder } from '../../src/simulator/amazon';
import { T0, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { defined } from '../helpers/defined';

const SELLERS = [
  { sellerId: 'A1SELLER', refreshToken: 'r1', marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] },
  { sellerId: 'A2SELLER', refreshToken: 'r2', marketplaceIds: ['A1F83G8C2ARO7P'] },
];
const sims: AmazonSimulator[] = [];

async function start(seed = 1): Promise<AmazonSimulator> {
  // The clock is never moved here: every order and update is stamped T0.
  const { sim } = await startAmazonSim({ sellers: SELLERS, seed });
  sims.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function post(sim: AmazonSimulator, path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sim.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('admin routes', () => {
  test('POST /__sim/orders fills in the order from the catalogue and the seeded rng', async () => {
    const sim = await start();
    const product = defined(buildCatalog(1)[4]);
    const res = await post(sim, '/__sim/orders', {
      orders: [
        {
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          items: [
            { sku: product.sku, quantity: 2 },
            { sku: 'NOT-IN-CATALOG', quantity: 1, price: '3.10' },
          ],
        },
      ],
    });
    expect(res.status).toBe(201);
    const [order] = res.body.orders as SimOrder[];
    expect(order).toMatchObject({
      orderId: expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/),
      sellerId: 'A1SELLER',
      createdTime: '2026-03-02T12:00:00Z',
      lastUpdatedTime: '2026-03-02T12:00:00Z',
      salesChannel: { marketplaceId: 'ATVPDKIKX0DER' },
      buyer: { buyerName: expect.stringMatching(/^Test Buyer \d+$/) },
    });
    expect(order?.orderItems[0]?.product).toMatchObject({
      asin: product.asin,
      title: product.title,
      price: { unitPrice: { amount: product.price.toFixed(2), currencyCode: 'USD' } },
    });
    expect(order?.orderItems[1]?.product).toMatchObject({
      sellerSku: 'NOT-IN-CATALOG',
      asin: expect.stringMatching(/^B0[0-9A-Z]{8}$/),
      price: { unitPrice: { amount: '3.10' } },
    });
    expect(sim.orders()).toEqual([order]);
    expect(sim.requests).toEqual([]);
  });

  test('orders go to the named seller and marketplace, priced in its currency', async () => {
    const sim = await start();
    const [uk] = sim.addOrders({
      sellerId: 'A2SELLER',
      orders: [{ status: 'SHIPPED', fulfilledBy: 'AMAZON', items: [{ sku: 'SKU-0001', quantity: 1, price: 4 }] }],
    });
    expect(uk).toMatchObject({
      sellerId: 'A2SELLER',
      salesChannel: { marketplaceName: 'Amazon.co.uk' },
      proceeds: { grandTotal: { amount: '4.00', currencyCode: 'GBP' } },
    });
    const [jp] = sim.addOrders({
      orders: [
        {
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          marketplaceId: 'A1VC38T7YXB528',
          items: [{ sku: 'SKU-0001', quantity: 1, price: 1500 }],
        },
      ],
    });
    expect(jp?.orderItems[0]?.product.price).toEqual({ unitPrice: { amount: '1500', currencyCode: 'JPY' } });
  });

  test.each<[string, unknown, RegExp]>([
    ['no body', undefined, /body must be a JSON object/],
    ['no orders', { orders: [] }, /orders/],
    [
      'an unknown status',
      { orders: [{ status: 'Shipped', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 1 }] }] },
      /orders\.0\.status/,
    ],
    [
      'a zero quantity',
      { orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 0 }] }] },
      /orders\.0\.items\.0\.quantity/,
    ],
    [
      'an unknown field',
      { orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 1 }], colour: 'red' }] },
      /colour/,
    ],
    [
      'a bad order id',
      { orders: [{ orderId: '12345', status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 1 }] }] },
      /123-1234567-1234567/,
    ],
    [
      'an unknown seller',
      { sellerId: 'NOPE', orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 1 }] }] },
      /no simulated seller NOPE/,
    ],
    [
      'a foreign marketplace',
      { orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', marketplaceId: 'A1F83G8C2ARO7P', items: [{ sku: 'A', quantity: 1 }] }] },
      /does not sell in A1F83G8C2ARO7P/,
    ],
    [
      'a partial shipment of one unit',
      { orders: [{ status: 'PARTIALLY_SHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'A', quantity: 1 }] }] },
      /at least 2 units/,
    ],
    [
      'updated before created',
      {
        orders: [
          {
            status: 'UNSHIPPED',
            fulfilledBy: 'MERCHANT',
            createdTime: '2026-03-02T10:00:00Z',
            lastUpdatedTime: '2026-03-02T09:00:00Z',
            items: [{ sku: 'A', quantity: 1 }],
          },
        ],
      },
      /before createdTime/,
    ],
  ])('%s is 400 with a clear message, and nothing is added', async (_name, body, message) => {
    const sim = await start();
    const res = await post(sim, '/__sim/orders', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(message);
    expect(sim.orders()).toEqual([]);
  });

  test('a duplicate order id is refused', async () => {
    const sim = await start();
    const input = {
      orders: [
        {
          orderId: '123-1234567-1234567',
          status: 'UNSHIPPED' as const,
          fulfilledBy: 'MERCHANT' as const,
          items: [{ sku: 'A', quantity: 1 }],
        },
      ],
    };
    sim.addOrders(input);
    expect(() => sim.addOrders(input)).toThrow(/already exists/);
  });

  test('POST /__sim/orders/{id} changes the status forward only; lastUpdatedTime defaults to now', async () => {
    const sim = await start();
    const [o] = sim.addOrders({
      orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: '2026-03-01T00:00:00Z', items: [{ sku: 'A', quantity: 1 }] }],
    });
    const id = defined(o).orderId;
    const cancelled = await post(sim, `/__sim/orders/${id}`, { status: 'CANCELLED' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.order).toMatchObject({
      orderId: id,
      lastUpdatedTime: '2026-03-02T12:00:00Z',
      fulfillment: { fulfillmentStatus: 'CANCELLED' },
    });
    expect((await post(sim, `/__sim/orders/${id}`, { status: 'UNSHIPPED' })).body.errors[0].message).toMatch(/from CANCELLED to UNSHIPPED/);
    expect((await post(sim, '/__sim/orders/999-9999999-9999999', { status: 'SHIPPED' })).status).toBe(404);
    expect((await post(sim, `/__sim/orders/${id}`, { status: 'CANCELLED', lastUpdatedTime: 'yesterday' })).status).toBe(400);
  });

  test('GET /__sim/state and /__sim/requests show the world and the traffic', async () => {
    const sim = await start();
    sim.addOrders({ orders: [{ status: 'PENDING', fulfilledBy: 'AMAZON', items: [{ sku: 'SKU-0002', quantity: 1 }] }] });
    await fetch(`${sim.origin}/orders/2026-01-01/orders`);
    const state = (await (await fetch(`${sim.origin}/__sim/state`)).json()) as Json;
    expect(state.sellers).toEqual(SELLERS.map(({ sellerId, marketplaceIds }) => ({ sellerId, marketplaceIds })));
    // The state view is the truth: PII is there even while the API withholds it.
    expect(state.orders).toHaveLength(1);
    expect(state.orders[0].buyer.buyerName).toMatch(/^Test Buyer/);
    const { requests } = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as Json;
    expect(requests).toEqual([expect.objectContaining({ method: 'GET', path: '/orders/2026-01-01/orders', status: 403 })]);
    expect((await fetch(`${sim.origin}/__sim/nothing`)).status).toBe(404);
  });
});

describe('seedOrders', () => {
  const skus = buildCatalog(1).map((p) => p.sku);

  test('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [await start(), await start(), await start()];
    const first = seedOrders(a, { count: 30, seed: 7, now: T0, skus });
    expect(seedOrders(b, { count: 30, seed: 7, now: T0, skus })).toEqual(first);
    expect(seedOrders(c, { count: 30, seed: 8, now: T0, skus })).not.toEqual(first);
    expect(a.orders()).toEqual(first);
  });

  test('orders are settled, within the week, and mix statuses and fulfilment channels', async () => {
    const sim = await start();
    const orders = seedOrders(sim, { count: 500, seed: 3, now: T0, skus: skus.slice(0, 5), sellerId: 'A1SELLER' });
    const share = (pred: (o: SimOrder) => boolean): number => orders.filter(pred).length / orders.length;
    for (const o of orders) {
      const updated = Date.parse(o.lastUpdatedTime);
      expect(updated).toBeLessThanOrEqual(T0 - 2 * 60_000);
      expect(updated).toBeGreaterThanOrEqual(T0 - 7 * 86_400_000);
      expect(Date.parse(o.createdTime)).toBeLessThanOrEqual(updated);
      expect(o.orderItems.length).toBeGreaterThanOrEqual(1);
      expect(o.orderItems.length).toBeLessThanOrEqual(3);
      expect(new Set(o.orderItems.map((i) => i.product.sellerSku)).size).toBe(o.orderItems.length);
    }
    const status = (s: string) => share((o) => o.fulfillment?.fulfillmentStatus === s);
    expect(status('PENDING')).toBeCloseTo(0.1, 1);
    expect(status('UNSHIPPED')).toBeCloseTo(0.5, 1);
    expect(status('PARTIALLY_SHIPPED')).toBeCloseTo(0.1, 1);
    expect(status('SHIPPED')).toBeCloseTo(0.2, 1);
    expect(status('CANCELLED')).toBeCloseTo(0.1, 1);
    expect(share((o) => o.fulfillment?.fulfilledBy === 'MERCHANT')).toBeCloseTo(0.8, 1);
  });

  test('can spread orders over marketplaces', async () => {
    const sim = await start();
    const orders = seedOrders(sim, { count: 40, seed: 1, now: T0, skus, marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] });
    expect(new Set(orders.map((o) => o.salesChannel.marketplaceId)).size).toBe(2);
  });
});

describe('denied operations', () => {
  test('a denied operation answers 403 as for a missing role; others still work; unknown names are refused', async () => {
    const harness = await startAmazonSim({ sellers: SELLERS });
    const sim = harness.sim;
    sims.push(sim);
    const token = await harness.token('A1SELLER');
    const get = (path: string) => fetch(`${sim.origin}${path}`, { headers: { 'x-amz-access-token': token } });
    expect((await post(sim, '/__sim/deny', { operations: ['searchListingsItems'] })).body).toEqual({ denied: ['searchListingsItems'] });
    const denied = await get('/listings/2021-08-01/items/A1SELLER?marketplaceIds=ATVPDKIKX0DER');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('Unauthorized');
    expect((await get('/reports/2021-06-30/reports?reportTypes=GET_MERCHANT_LISTINGS_ALL_DATA')).status).toBe(200);
    expect((await post(sim, '/__sim/deny', { operations: ['noSuchOperation'] })).status).toBe(400);
    sim.denyOperations([]);
    expect((await get('/listings/2021-08-01/items/A1SELLER?marketplaceIds=ATVPDKIKX0DER')).status).toBe(200);
  });
});

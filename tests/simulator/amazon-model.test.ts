import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog } from '../../src/simulator/catalog';
import { seedOrders, startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/amazon';
import { type Json } from '../helpers/amazon-sim';
import { createChecker, type ModelSchema } from '../helpers/model-checker';

// Amazon's model is read at test time from the shared folder; it is never copied into the project.
const MODEL_PATHS = [
  '/work/shared/spapi-models/orders_2026-01-01.json',
  path.resolve(__dirname, '../../../shared/spapi-models/orders_2026-01-01.json'),
];
const MODEL_PATH = MODEL_PATHS.find((p) => existsSync(p));

if (!MODEL_PATH) {
  test.skip(`model conformance: orders_2026-01-01.json is not on this machine (looked in ${MODEL_PATHS.join(', ')})`, () => undefined);
} else {
  describe('simulated orders conform to Amazon’s Orders 2026-01-01 model', () => {
    const T0 = Date.parse('2026-03-02T12:00:00Z');
    const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as { definitions: Record<string, ModelSchema>; paths: Json };
    const conforms = createChecker(model.definitions);
    const includedEnum = model.paths['/orders/2026-01-01/orders'].get.parameters.find((p: Json) => p.name === 'includedData').items
      .enum as string[];
    let sim: AmazonSimulator;
    let token: string;

    beforeAll(async () => {
      sim = await startAmazonSimulator({
        clientId: 'app',
        clientSecret: 'secret',
        sellers: [{ sellerId: 'A1SELLER', refreshToken: 'r1', marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'] }],
        now: () => T0,
        rates: { searchOrders: { rate: 100, burst: 100 }, getOrder: { rate: 100, burst: 100 } },
      });
      seedOrders(sim, {
        count: 80,
        seed: 5,
        now: T0,
        skus: [
          ...buildCatalog(1)
            .slice(0, 6)
            .map((p) => p.sku),
          'OFF-CATALOG',
        ],
        marketplaceIds: ['ATVPDKIKX0DER', 'A1VC38T7YXB528'],
      });
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r1', client_id: 'app', client_secret: 'secret' });
      token = ((await (await fetch(`${sim.origin}/auth/o2/token`, { method: 'POST', body })).json()) as { access_token: string })
        .access_token;
    });
    afterAll(() => sim.close());

    async function get(pathAndQuery: string): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${sim.origin}${pathAndQuery}`, { headers: { 'x-amz-access-token': token } });
      return { status: res.status, body: await res.json() };
    }

    test('searchOrders pages with every dataset are SearchOrdersResponse', async () => {
      const first = await get(
        `/orders/2026-01-01/orders?createdAfter=2026-02-01T00:00:00Z&maxResultsPerPage=50&includedData=${includedEnum.join(',')}`,
      );
      expect(first.status).toBe(200);
      expect(conforms(first.body, 'SearchOrdersResponse')).toEqual([]);
      const next = (first.body as { pagination: { nextToken: string } }).pagination.nextToken;
      const second = await get(`/orders/2026-01-01/orders?createdAfter=2026-02-01T00:00:00Z&paginationToken=${encodeURIComponent(next)}`);
      expect(conforms(second.body, 'SearchOrdersResponse')).toEqual([]);
      expect((first.body as { orders: unknown[] }).orders.length + (second.body as { orders: unknown[] }).orders.length).toBe(80);
    });

    test('every order through getOrder, with every dataset, is a GetOrderResponse', async () => {
      const statuses = new Set<string>();
      for (const { orderId, fulfillment } of sim.orders()) {
        statuses.add(`${fulfillment?.fulfillmentStatus}/${fulfillment?.fulfilledBy}`);
        const { status, body } = await get(`/orders/2026-01-01/orders/${orderId}?includedData=${includedEnum.join(',')}`);
        expect(status).toBe(200);
        expect(conforms(body, 'GetOrderResponse')).toEqual([]);
      }
      expect(statuses.size).toBeGreaterThanOrEqual(8);
    });

    test('the full state view is model-shaped apart from sellerId', () => {
      for (const { sellerId: _seller, ...order } of sim.orders()) expect(conforms(order, 'Order')).toEqual([]);
    });

    test('the checker itself catches what it should', () => {
      const [{ sellerId: _seller, ...order }] = sim.orders() as [ReturnType<AmazonSimulator['orders']>[number]];
      const broken = JSON.parse(JSON.stringify(order));
      broken.salesChannel.channelName = 'Amazon.com';
      broken.orderItems[0].product.price.unitPrice.amount = 12.99;
      broken.orderItems[0].colour = 'red';
      delete broken.createdTime;
      expect(conforms(broken, 'Order')).toEqual([
        'Order: missing required createdTime',
        "Order.salesChannel.channelName: 'Amazon.com' is not one of AMAZON, NON_AMAZON",
        'Order.orderItems[0].product.price.unitPrice.amount: expected a string, got 12.99',
        'Order.orderItems[0].colour: not in the model',
      ]);
    });

    test('error answers are ErrorList', async () => {
      for (const url of ['/orders/2026-01-01/orders', '/orders/2026-01-01/orders/000-0000000-0000000']) {
        expect(conforms((await get(url)).body, 'ErrorList')).toEqual([]);
      }
    });
  });
}

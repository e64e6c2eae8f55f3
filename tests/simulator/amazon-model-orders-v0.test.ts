import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedOrders } from '../../src/simulator/amazon';
import { buildCatalog } from '../../src/simulator/catalog';
import { V0_FULFILLMENT_CHANNELS, V0_ORDER_STATUSES } from '../../src/simulator/amazon/orders-v0-view';
import { at, T0, useAmazonSim, type Json } from '../helpers/amazon-sim';
import { createChecker, type ModelSchema } from '../helpers/model-checker';
import { checkRequest, haveModels, loadOperations, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';

if (!haveModels) {
  test.skip(`Orders v0 model conformance: ${SKIP_REASON}`, () => undefined);
} else {
  // Read at test time from the shared folder; nothing of the model is copied into the project.
  const model = JSON.parse(readFileSync(path.join(MODELS_DIR, 'ordersV0.json'), 'utf8')) as {
    definitions: Record<string, ModelSchema & Json>;
  };
  const conforms = createChecker(model.definitions);
  const operations = loadOperations('ordersV0.json');
  const FAST = { rate: 100, burst: 1000 };
  const US = 'ATVPDKIKX0DER';

  // Registered before the simulator's own hooks so it runs while the simulator is still up:
  // every request these tests made that succeeded used only parameters and values the model declares.
  afterEach(() => {
    for (const r of amazon.sim.requests) {
      const op = operations.find((o) => o.method === r.method && o.pattern.test(r.path));
      if (op && r.status < 400) expect(checkRequest(op, r.query)).toEqual([]);
    }
  });
  const amazon = useAmazonSim({ rates: { getOrders: FAST, getOrderItems: FAST } });

  beforeEach(() => {
    seedOrders(amazon.sim, {
      count: 80,
      seed: 7,
      now: T0,
      skus: [
        ...buildCatalog(1)
          .slice(0, 6)
          .map((p) => p.sku),
        'OFF-CATALOG',
      ],
    });
  });

  test('the simulator’s status and channel values are the model’s enums', () => {
    expect([...V0_ORDER_STATUSES].sort()).toEqual([...(model.definitions.Order?.properties?.OrderStatus?.enum ?? [])].sort());
    expect([...V0_FULFILLMENT_CHANNELS]).toEqual(model.definitions.Order?.properties?.FulfillmentChannel?.enum);
  });

  test('getOrders pages, filtered and not, are GetOrdersResponse and cover every order', async () => {
    const statuses = new Set<string>();
    let params: Record<string, string> = { MarketplaceIds: US, LastUpdatedAfter: at(8 * 24 * 60), MaxResultsPerPage: '30' };
    let count = 0;
    for (let page = 0; page < 5; page++) {
      const { status, body } = await amazon.get('/orders/v0/orders', params);
      expect(status).toBe(200);
      expect(conforms(body, 'GetOrdersResponse')).toEqual([]);
      for (const o of body.payload.Orders as Json[]) statuses.add(`${o.OrderStatus}/${o.FulfillmentChannel}`);
      count += (body.payload.Orders as unknown[]).length;
      if (!body.payload.NextToken) break;
      params = { ...params, NextToken: body.payload.NextToken };
    }
    expect(count).toBe(80);
    expect(statuses.size).toBeGreaterThanOrEqual(6);
    const filtered = await amazon.get('/orders/v0/orders', {
      MarketplaceIds: US,
      CreatedAfter: at(8 * 24 * 60),
      OrderStatuses: 'Unshipped,PartiallyShipped',
      FulfillmentChannels: 'MFN',
    });
    expect(conforms(filtered.body, 'GetOrdersResponse')).toEqual([]);
  });

  test('getOrderItems of every order is a GetOrderItemsResponse', async () => {
    for (const { orderId } of amazon.sim.orders()) {
      const { status, body } = await amazon.get(`/orders/v0/orders/${orderId}/orderItems`);
      expect(status).toBe(200);
      expect(conforms(body, 'GetOrderItemsResponse')).toEqual([]);
    }
  });

  test('error answers carry an ErrorList under errors', async () => {
    const answers = [
      await amazon.get('/orders/v0/orders', { CreatedAfter: at(60) }),
      await amazon.get('/orders/v0/orders/000-0000000-0000000/orderItems'),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 404]);
    expect(conforms(answers[0]?.body, 'GetOrdersResponse')).toEqual([]);
    expect(conforms(answers[1]?.body, 'GetOrderItemsResponse')).toEqual([]);
  });

  test('the checker catches 2026 names and values in a v0 answer, also in the model’s mixed-case value lists', () => {
    const bad = {
      payload: {
        Orders: [
          {
            AmazonOrderId: '1',
            PurchaseDate: 'x',
            LastUpdateDate: 'x',
            OrderStatus: 'UNSHIPPED',
            ShipmentServiceLevelCategory: 'SECOND_DAY',
            orderId: '1',
          },
        ],
      },
    };
    expect(conforms(bad, 'GetOrdersResponse')).toEqual([
      "GetOrdersResponse.payload.Orders[0].OrderStatus: 'UNSHIPPED' is not one of Pending, Unshipped, PartiallyShipped, Shipped, Canceled, Unfulfillable, InvoiceUnconfirmed, PendingAvailability",
      "GetOrdersResponse.payload.Orders[0].ShipmentServiceLevelCategory: 'SECOND_DAY' is not one of Expedited, FreeEconomy, NextDay, Priority, SameDay, SecondDay, Scheduled, Standard",
      'GetOrdersResponse.payload.Orders[0].orderId: not in the model',
    ]);
    const item = { ASIN: 'B0', OrderItemId: '1', QuantityOrdered: 1, IsGift: 'no', ConditionSubtypeId: 'NEW' };
    expect(conforms(item, 'OrderItem')).toEqual([
      "OrderItem.IsGift: 'no' is not one of true, false",
      "OrderItem.ConditionSubtypeId: 'NEW' is not one of New, Mint, Very Good, Good, Acceptable, Poor, Club, OEM, Warranty, Refurbished Warranty, Refurbished, Open Box, Any, Other",
    ]);
  });
}

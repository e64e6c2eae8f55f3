import type { NewOrderInput } from '../../src/simulator/amazon';
import { at, T0, useAmazonSim, type Json } from '../helpers/amazon-sim';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

const amazon = useAmazonSim({
  marketplaces: { A1SELLER: [US, CA] },
  // Outlives the 24 hours a NextToken lasts.
  tokenTtlSeconds: 48 * 3600,
  // These tests are about shapes and rules; throttling has its own test below with its own simulator.
  rates: { getOrders: { rate: 100, burst: 1000 }, getOrderItems: { rate: 100, burst: 1000 } },
});

const getOrders = (params: Record<string, string>, seller?: string) => amazon.get('/orders/v0/orders', params, seller);
const getOrderItems = (id: string, params: Record<string, string> = {}, seller?: string) =>
  amazon.get(`/orders/v0/orders/${encodeURIComponent(id)}/orderItems`, params, seller);

function order(id: string, minutesAgo: number, extra: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    orderId: id,
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: at(minutesAgo),
    lastUpdatedTime: at(minutesAgo),
    items: [{ sku: 'SKU-0001', quantity: 1 }],
    ...extra,
  };
}

describe('getOrders', () => {
  test('pages the same stored orders as searchOrders, oldest first, with NextToken and the echoed bound', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `333-0000000-000000${i}`);
    amazon.sim.addOrders({ orders: ids.map((id, i) => order(id, 50 - i * 10)) });
    const seen: string[] = [];
    let params: Record<string, string> = { MarketplaceIds: US, LastUpdatedAfter: at(600), MaxResultsPerPage: '2' };
    for (let page = 0; page < 5; page++) {
      const { status, body } = await getOrders(params);
      expect(status).toBe(200);
      expect(body.payload.LastUpdatedBefore).toBe(at(2));
      seen.push(...body.payload.Orders.map((o: Json) => o.AmazonOrderId));
      if (!body.payload.NextToken) break;
      params = { MarketplaceIds: US, LastUpdatedAfter: at(600), MaxResultsPerPage: '3', NextToken: body.payload.NextToken };
    }
    expect(seen).toEqual(ids);
  });

  test('an order in v0 names: statuses, channel, dates, totals, item counts', async () => {
    const [shipped] = amazon.sim.addOrders({
      orders: [
        order('333-0000001-0000001', 30, {
          createdTime: at(90),
          status: 'SHIPPED',
          serviceLevel: 'SECOND_DAY',
          items: [{ sku: 'SKU-0001', quantity: 2, price: 12.5 }],
        }),
      ],
    });
    const { body } = await getOrders({ MarketplaceIds: US, CreatedAfter: at(600) });
    expect(body.payload.CreatedBefore).toBe(at(2));
    expect(body.payload.Orders).toEqual([
      {
        AmazonOrderId: shipped?.orderId,
        PurchaseDate: at(90),
        LastUpdateDate: at(30),
        OrderStatus: 'Shipped',
        FulfillmentChannel: 'MFN',
        SalesChannel: 'Amazon.com',
        OrderTotal: { CurrencyCode: 'USD', Amount: '25.00' },
        NumberOfItemsShipped: 2,
        NumberOfItemsUnshipped: 0,
        MarketplaceId: US,
        ShipmentServiceLevelCategory: 'SecondDay',
        OrderType: 'StandardOrder',
        EarliestShipDate: at(90),
        LatestShipDate: at(90 - 48 * 60),
        IsBusinessOrder: false,
        IsPrime: false,
        IsPremiumOrder: false,
      },
    ]);
  });

  test('filters: OrderStatuses, FulfillmentChannels and MarketplaceIds in v0 values', async () => {
    amazon.sim.addOrders({
      orders: [
        order('333-0000002-0000001', 40),
        order('333-0000002-0000002', 39, { status: 'CANCELLED' }),
        order('333-0000002-0000003', 38, { fulfilledBy: 'AMAZON', status: 'SHIPPED' }),
        order('333-0000002-0000004', 37, { marketplaceId: CA }),
        order('333-0000002-0000005', 36, { status: 'PENDING' }),
      ],
    });
    const ids = async (params: Record<string, string>): Promise<string[]> =>
      (await getOrders({ LastUpdatedAfter: at(600), ...params })).body.payload.Orders.map(
        (o: Json) => `${o.AmazonOrderId.slice(-1)}:${o.OrderStatus}`,
      );
    expect(await ids({ MarketplaceIds: US })).toEqual(['1:Unshipped', '2:Canceled', '3:Shipped', '5:Pending']);
    expect(await ids({ MarketplaceIds: `${US},${CA}`, OrderStatuses: 'Unshipped,Canceled', FulfillmentChannels: 'MFN' })).toEqual([
      '1:Unshipped',
      '2:Canceled',
      '4:Unshipped',
    ]);
    expect(await ids({ MarketplaceIds: US, FulfillmentChannels: 'AFN' })).toEqual(['3:Shipped']);
    // A status the simulator never produces matches nothing rather than being refused.
    expect(await ids({ MarketplaceIds: US, OrderStatuses: 'InvoiceUnconfirmed' })).toEqual([]);
  });

  test('a pending order has no total; a cancelled one counts nothing unshipped', async () => {
    amazon.sim.addOrders({
      orders: [
        order('333-0000003-0000001', 40, { status: 'PENDING' }),
        order('333-0000003-0000002', 39, { status: 'CANCELLED', fulfilledBy: 'AMAZON' }),
      ],
    });
    const [pending, cancelled] = (await getOrders({ MarketplaceIds: US, LastUpdatedAfter: at(600) })).body.payload.Orders as Json[];
    expect(pending).not.toHaveProperty('OrderTotal');
    expect(pending?.NumberOfItemsUnshipped).toBe(1);
    expect(cancelled).toMatchObject({ OrderStatus: 'Canceled', FulfillmentChannel: 'AFN', NumberOfItemsUnshipped: 0 });
    expect(cancelled).not.toHaveProperty('OrderTotal');
    expect(cancelled).not.toHaveProperty('EarliestShipDate');
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['no MarketplaceIds', { CreatedAfter: at(600) }, /MarketplaceIds is required/],
    ['neither after', { MarketplaceIds: US }, /Exactly one of CreatedAfter and LastUpdatedAfter is required/],
    [
      'CreatedAfter with LastUpdatedBefore',
      { MarketplaceIds: US, CreatedAfter: at(600), LastUpdatedBefore: at(10) },
      /LastUpdatedBefore cannot be used with CreatedAfter/,
    ],
    [
      'a bound within 2 minutes of now',
      { MarketplaceIds: US, LastUpdatedAfter: at(600), LastUpdatedBefore: at(1) },
      /LastUpdatedBefore must be at least 2 minutes before/,
    ],
    [
      'a 2026 status name',
      { MarketplaceIds: US, CreatedAfter: at(600), OrderStatuses: 'UNSHIPPED' },
      /OrderStatuses has invalid value\(s\) UNSHIPPED/,
    ],
    [
      'a 2026 channel name',
      { MarketplaceIds: US, CreatedAfter: at(600), FulfillmentChannels: 'MERCHANT' },
      /FulfillmentChannels has invalid value\(s\) MERCHANT/,
    ],
    [
      'MaxResultsPerPage 101',
      { MarketplaceIds: US, CreatedAfter: at(600), MaxResultsPerPage: '101' },
      /MaxResultsPerPage must be an integer from 1 to 100/,
    ],
    ['a garbage NextToken', { MarketplaceIds: US, CreatedAfter: at(600), NextToken: 'abc' }, /NextToken is not valid/],
  ])('%s is 400 InvalidInput', async (_name, params, message) => {
    const { status, body } = await getOrders(params);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ code: 'InvalidInput', message: expect.stringMatching(message) }]);
  });

  test('NextToken needs the same filters, in v0 names, and belongs to one seller', async () => {
    amazon.sim.addOrders({ orders: [order('333-0000004-0000001', 40), order('333-0000004-0000002', 30)] });
    const first = await getOrders({ MarketplaceIds: US, LastUpdatedAfter: at(600), MaxResultsPerPage: '1' });
    const token = first.body.payload.NextToken as string;
    const changed = await getOrders({ MarketplaceIds: US, LastUpdatedAfter: at(600), OrderStatuses: 'Unshipped', NextToken: token });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0].message).toMatch(
      /^with NextToken, all other parameters except MaxResultsPerPage must .*; different: OrderStatuses$/,
    );
    const other = await getOrders({ MarketplaceIds: US, LastUpdatedAfter: at(600), NextToken: token }, 'A2SELLER');
    expect(other.body.errors[0].message).toBe('NextToken is not valid');
    amazon.clock.set(T0 + 24 * 3_600_000);
    expect((await getOrders({ MarketplaceIds: US, LastUpdatedAfter: at(600), NextToken: token })).body.errors[0].message).toMatch(
      /NextToken has expired/,
    );
  });
});

describe('getOrderItems', () => {
  test('every line of the order with v0 names; prices once payment is through', async () => {
    const [paid, pending] = amazon.sim.addOrders({
      orders: [
        order('333-0000005-0000001', 40, {
          status: 'PARTIALLY_SHIPPED',
          items: [
            { sku: 'SKU-0001', quantity: 2, price: 3 },
            { sku: 'SKU-0002', quantity: 1, price: '4.25' },
          ],
        }),
        order('333-0000005-0000002', 40, { status: 'PENDING' }),
      ],
    });
    const { status, body } = await getOrderItems(paid?.orderId ?? '');
    expect(status).toBe(200);
    expect(body.payload.AmazonOrderId).toBe(paid?.orderId);
    expect(body.payload).not.toHaveProperty('NextToken');
    const lines = paid?.orderItems ?? [];
    expect(body.payload.OrderItems).toEqual(
      lines.map((line) => ({
        ASIN: line.product.asin,
        SellerSKU: line.product.sellerSku,
        OrderItemId: line.orderItemId,
        Title: line.product.title,
        QuantityOrdered: line.quantityOrdered,
        QuantityShipped: line.fulfillment?.quantityFulfilled,
        ItemPrice: { CurrencyCode: 'USD', Amount: line.product.sellerSku === 'SKU-0001' ? '6.00' : '4.25' },
        IsGift: 'false',
        ConditionId: 'New',
        ConditionSubtypeId: 'New',
      })),
    );
    const hidden = (await getOrderItems(pending?.orderId ?? '')).body.payload.OrderItems[0];
    expect(hidden).not.toHaveProperty('ItemPrice');
    expect(hidden).not.toHaveProperty('IsGift');
  });

  test('a buyer cancellation shows on each line', async () => {
    const [cancelled] = amazon.sim.addOrders({ orders: [order('333-0000006-0000001', 40, { status: 'CANCELLED', cancelledBy: 'BUYER' })] });
    const { body } = await getOrderItems(cancelled?.orderId ?? '');
    expect(body.payload.OrderItems[0].BuyerRequestedCancel).toEqual({
      IsBuyerRequestedCancel: 'true',
      BuyerCancelReason: expect.any(String),
    });
  });

  test('another seller’s order and a missing one are 404; a NextToken is never valid', async () => {
    const [mine] = amazon.sim.addOrders({ orders: [order('333-0000007-0000001', 40)] });
    expect((await getOrderItems(mine?.orderId ?? '', {}, 'A2SELLER')).status).toBe(404);
    const missing = await getOrderItems('999-9999999-9999999');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('NotFound');
    const token = await getOrderItems(mine?.orderId ?? '', { NextToken: 'x' });
    expect(token.status).toBe(400);
    expect(token.body.errors[0].message).toBe('NextToken is not valid');
  });
});

import type { NewOrderInput } from '../../src/simulator/amazon';
import { T0, at, useAmazonSim, type Json } from '../helpers/amazon-sim';

const HOUR = 3_600_000;

const amazon = useAmazonSim({ tokenTtlSeconds: 48 * 3600, rates: { searchOrders: { rate: 100, burst: 1000 } } });

const search = (params: Record<string, string>) => amazon.get('/orders/2026-01-01/orders', params);
const getOrder = (id: string, params: Record<string, string> = {}, seller?: string) =>
  amazon.get(`/orders/2026-01-01/orders/${encodeURIComponent(id)}`, params, seller);

function order(id: string, minutesAgo: number, extra: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    orderId: id,
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    lastUpdatedTime: at(minutesAgo),
    createdTime: at(minutesAgo),
    items: [{ sku: 'SKU-0001', quantity: 1 }],
    ...extra,
  };
}

describe('searchOrders paging', () => {
  const ids = Array.from({ length: 5 }, (_, i) => `222-0000000-000000${i}`);
  beforeEach(() => {
    // Two orders share a timestamp so the orderId tie-break is exercised.
    amazon.sim.addOrders({ orders: ids.map((id, i) => order(id, 50 - Math.min(i, 3) * 10)) });
  });

  test('nextToken walks the window in order; the last page has no pagination', async () => {
    const seen: string[] = [];
    let params: Record<string, string> = { lastUpdatedAfter: at(600), maxResultsPerPage: '2' };
    for (let page = 0; page < 5; page++) {
      const { status, body } = await search(params);
      expect(status).toBe(200);
      expect(body.lastUpdatedBefore).toBe(at(2));
      seen.push(...body.orders.map((o: Json) => o.orderId));
      if (!body.pagination) break;
      // maxResultsPerPage and includedData may change between pages.
      params = { lastUpdatedAfter: at(600), maxResultsPerPage: '3', includedData: 'BUYER', paginationToken: body.pagination.nextToken };
    }
    expect(seen).toEqual(ids);
  });

  test('the other parameters must repeat unchanged with the token', async () => {
    const first = await search({ lastUpdatedAfter: at(600), maxResultsPerPage: '2' });
    const token = first.body.pagination.nextToken as string;
    const changed = await search({ lastUpdatedAfter: at(500), paginationToken: token });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0].message).toMatch(/different: lastUpdatedAfter/);
    const added = await search({ lastUpdatedAfter: at(600), fulfilledBy: 'MERCHANT', paginationToken: token });
    expect(added.body.errors[0].message).toMatch(/different: fulfilledBy/);
  });

  test('pages stay stable while orders change, and the upper bound is fixed on page one', async () => {
    const first = await search({ lastUpdatedAfter: at(600), maxResultsPerPage: '2' });
    amazon.sim.updateOrder(ids[0] as string, { status: 'SHIPPED' });
    amazon.clock.set(T0 + HOUR);
    const rest = await search({ lastUpdatedAfter: at(600), maxResultsPerPage: '10', paginationToken: first.body.pagination.nextToken });
    expect(rest.body.lastUpdatedBefore).toBe(at(2));
    expect(rest.body.orders.map((o: Json) => o.orderId)).toEqual(ids.slice(2));
  });

  test('tokens expire after 24 hours and belong to one seller', async () => {
    const first = await search({ lastUpdatedAfter: at(600), maxResultsPerPage: '2' });
    const token = first.body.pagination.nextToken as string;
    const other = await amazon.get('/orders/2026-01-01/orders', { lastUpdatedAfter: at(600), paginationToken: token }, 'A2SELLER');
    expect(other.body.errors[0].message).toMatch(/not valid/);
    amazon.clock.set(T0 + 24 * HOUR);
    const late = await search({ lastUpdatedAfter: at(600), paginationToken: token });
    expect(late.status).toBe(400);
    expect(late.body.errors[0].message).toMatch(/expired/);
  });
});

describe('order views', () => {
  test('without includedData only the core fields appear', async () => {
    amazon.sim.addOrders({ orders: [order('333-0000000-0000001', 10, { items: [{ sku: 'SKU-0002', quantity: 2, price: '12.50' }] })] });
    const { body } = await search({ lastUpdatedAfter: at(600) });
    const o = body.orders[0];
    expect(Object.keys(o).sort()).toEqual(['createdTime', 'lastUpdatedTime', 'orderId', 'orderItems', 'salesChannel']);
    expect(o.salesChannel).toEqual({ channelName: 'AMAZON', marketplaceId: 'ATVPDKIKX0DER', marketplaceName: 'Amazon.com' });
    expect(o.orderItems[0]).toEqual({
      orderItemId: expect.stringMatching(/^\d{14}$/),
      quantityOrdered: 2,
      product: {
        asin: expect.any(String),
        title: expect.any(String),
        sellerSku: 'SKU-0002',
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        price: { unitPrice: { amount: '12.50', currencyCode: 'USD' } },
      },
    });
  });

  test('each dataset adds its sections; money is a decimal string', async () => {
    amazon.sim.addOrders({
      orders: [
        order('333-0000000-0000002', 10, {
          status: 'PARTIALLY_SHIPPED',
          items: [
            { sku: 'SKU-0001', quantity: 1, price: 10 },
            { sku: 'SKU-0003', quantity: 3, price: 2.5 },
          ],
        }),
      ],
    });
    const { body } = await getOrder('333-0000000-0000002', { includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,CANCELLATION,PACKAGES' });
    const o = body.order;
    expect(o.buyer).toEqual({
      buyerName: expect.stringMatching(/^Test Buyer \d+$/),
      buyerEmail: expect.stringMatching(/@marketplace\.invalid$/),
    });
    expect(o.recipient.deliveryAddress).toMatchObject({
      addressLine1: expect.stringMatching(/Example St$/),
      countryCode: 'US',
      addressType: 'RESIDENTIAL',
    });
    expect(o.proceeds.grandTotal).toEqual({ amount: '17.50', currencyCode: 'USD' });
    expect(o.fulfillment).toMatchObject({
      fulfillmentStatus: 'PARTIALLY_SHIPPED',
      fulfilledBy: 'MERCHANT',
      fulfillmentServiceLevel: expect.any(String),
    });
    expect(o.orderItems.map((i: Json) => i.fulfillment)).toEqual([
      { quantityFulfilled: 1, quantityUnfulfilled: 0 },
      { quantityFulfilled: 1, quantityUnfulfilled: 2 },
    ]);
    expect(o.orderItems[1].proceeds.proceedsTotal).toEqual({ amount: '7.50', currencyCode: 'USD' });
    expect(o.orderItems[0].cancellation).toBeUndefined();
    expect(o.packages).toHaveLength(1);
    expect(o.packages[0].packageItems).toEqual(o.orderItems.map((i: Json) => ({ orderItemId: i.orderItemId, quantity: 1 })));
  });

  test('PENDING orders withhold buyer and recipient even when asked', async () => {
    amazon.sim.addOrders({ orders: [order('333-0000000-0000003', 10, { status: 'PENDING' })] });
    const { body } = await getOrder('333-0000000-0000003', { includedData: 'BUYER,RECIPIENT,FULFILLMENT' });
    expect(body.order.buyer).toBeUndefined();
    expect(body.order.recipient).toBeUndefined();
    expect(body.order.fulfillment.fulfillmentStatus).toBe('PENDING');
    amazon.sim.updateOrder('333-0000000-0000003', { status: 'UNSHIPPED' });
    const released = await getOrder('333-0000000-0000003', { includedData: 'BUYER,RECIPIENT' });
    expect(released.body.order.buyer.buyerName).toMatch(/^Test Buyer/);
  });

  test('CANCELLED orders carry item cancellations; SHIPPED ones full quantities; FBA has no packages', async () => {
    amazon.sim.addOrders({
      orders: [
        order('333-0000000-0000004', 10, { status: 'CANCELLED' }),
        order('333-0000000-0000005', 10, { status: 'SHIPPED', fulfilledBy: 'AMAZON', items: [{ sku: 'SKU-0004', quantity: 2 }] }),
      ],
    });
    const data = { includedData: 'CANCELLATION,FULFILLMENT,PACKAGES,BUYER' };
    const cancelled = (await getOrder('333-0000000-0000004', data)).body.order;
    expect(cancelled.orderItems[0].cancellation).toEqual({
      cancellationRequest: { requester: 'BUYER', cancelReason: expect.any(String) },
      cancellationExecution: { cancelledBy: 'BUYER', cancelReason: expect.any(String) },
    });
    expect(cancelled.orderItems[0].fulfillment).toEqual({ quantityFulfilled: 0, quantityUnfulfilled: 0 });
    amazon.sim.addOrders({ orders: [order('333-0000000-0000008', 10, { status: 'CANCELLED', cancelledBy: 'MERCHANT' })] });
    const bySeller = (await getOrder('333-0000000-0000008', data)).body.order;
    expect(bySeller.orderItems[0].cancellation).toEqual({
      cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: expect.any(String) },
    });
    const shipped = (await getOrder('333-0000000-0000005', data)).body.order;
    expect(shipped.orderItems[0].fulfillment).toEqual({ quantityFulfilled: 2, quantityUnfulfilled: 0 });
    expect(shipped.packages).toBeUndefined();
    expect(shipped.buyer.buyerEmail).toBeUndefined();
  });

  test("getOrder: 404 NotFound for unknown and other sellers' orders; bad includedData is 400", async () => {
    amazon.sim.addOrders({ orders: [order('333-0000000-0000006', 10)] });
    expect((await getOrder('333-0000000-0000006')).status).toBe(200);
    const missing = await getOrder('999-0000000-0000000');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('NotFound');
    expect((await getOrder('333-0000000-0000006', {}, 'A2SELLER')).status).toBe(404);
    expect((await getOrder('333-0000000-0000006', { includedData: 'ADDRESS' })).status).toBe(400);
  });

  test('getOrder shows changes at once (no 2-minute delay)', async () => {
    amazon.sim.addOrders({ orders: [order('333-0000000-0000007', 10)] });
    amazon.sim.updateOrder('333-0000000-0000007', { status: 'SHIPPED' });
    const { body } = await getOrder('333-0000000-0000007', { includedData: 'FULFILLMENT' });
    expect(body.order.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(body.order.lastUpdatedTime).toBe(at(0));
  });
});

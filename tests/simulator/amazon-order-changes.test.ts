import type { Json } from '../helpers/amazon-sim';
import { T0, at, useAmazonSim } from '../helpers/amazon-sim';

const amazon = useAmazonSim({ rates: { searchOrders: { rate: 100, burst: 1000 }, getOrder: { rate: 100, burst: 1000 } } });

const getOrder = async (id: string): Promise<Json> =>
  (await amazon.get(`/orders/2026-01-01/orders/${id}`, { includedData: 'CANCELLATION,FULFILLMENT,RECIPIENT' })).body.order as Json;

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${amazon.sim.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Two lines, placed an hour before T0; the simulator's clock stands at T0. */
function twoLines(status: 'UNSHIPPED' | 'PARTIALLY_SHIPPED' = 'UNSHIPPED'): { orderId: string; first: string; second: string } {
  const [order] = amazon.sim.addOrders({
    orders: [
      {
        status,
        fulfilledBy: 'MERCHANT',
        createdTime: at(60),
        lastUpdatedTime: at(60),
        items: [
          { sku: 'SKU-0001', quantity: 2 },
          { sku: 'SKU-0002', quantity: 3 },
        ],
      },
    ],
  });
  const items = order?.orderItems ?? [];
  return { orderId: order?.orderId ?? '', first: items[0]?.orderItemId ?? '', second: items[1]?.orderItemId ?? '' };
}

describe('order changes on Amazon after the order was placed', () => {
  test("a buyer's cancellation request shows on the items before anything is cancelled, and moves lastUpdatedTime", async () => {
    const { orderId } = twoLines();
    amazon.sim.requestCancellation(orderId, { lastUpdatedTime: at(10) });
    const o = await getOrder(orderId);
    expect(o.fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
    expect(o.lastUpdatedTime).toBe(at(10));
    for (const item of o.orderItems) {
      expect(item.cancellation).toEqual({ cancellationRequest: { requester: 'BUYER', cancelReason: 'Buyer requested cancellation' } });
      expect(item.fulfillment.quantityUnfulfilled).toBeGreaterThan(0);
    }
    // Found by a lastUpdatedAfter search that starts after the order was placed.
    const found = await amazon.get('/orders/2026-01-01/orders', { lastUpdatedAfter: at(30), includedData: 'CANCELLATION' });
    expect(found.body.orders.map((x: Json) => x.orderId)).toEqual([orderId]);
  });

  test('a request for one item, then the seller cancels it: request and execution both show', async () => {
    const { orderId, second } = twoLines();
    await post(`/__sim/orders/${orderId}/cancellation-request`, { orderItemIds: [second], reason: 'Ordered by mistake' });
    amazon.sim.cancelItems(orderId, { orderItemIds: [second], cancelledBy: 'MERCHANT', reason: 'BuyerCanceled' });
    const o = await getOrder(orderId);
    expect(o.orderItems[0].cancellation).toBeUndefined();
    expect(o.orderItems[1].cancellation).toEqual({
      cancellationRequest: { requester: 'BUYER', cancelReason: 'Ordered by mistake' },
      cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'BuyerCanceled' },
    });
    expect(o.fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
  });

  test('one line cancelled by Amazon leaves the order open for the other; the last one cancels the order', async () => {
    const { orderId, first, second } = twoLines();
    const one = await post(`/__sim/orders/${orderId}/cancel-items`, { orderItemIds: [first], cancelledBy: 'AMAZON' });
    expect(one.status).toBe(200);
    let o = await getOrder(orderId);
    expect(o.fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
    expect(o.orderItems[0].cancellation).toEqual({ cancellationExecution: { cancelledBy: 'AMAZON', cancelReason: 'Cancelled by Amazon' } });
    expect(o.orderItems[0].fulfillment.quantityUnfulfilled).toBe(0);
    expect(o.orderItems[1].fulfillment.quantityUnfulfilled).toBe(3);
    amazon.sim.cancelItems(orderId, { orderItemIds: [second], cancelledBy: 'BUYER' });
    o = await getOrder(orderId);
    expect(o.fulfillment.fulfillmentStatus).toBe('CANCELLED');
    expect(o.orderItems[1].cancellation.cancellationExecution.cancelledBy).toBe('BUYER');
    // A buyer's cancellation starts with a request.
    expect(o.orderItems[1].cancellation.cancellationRequest.requester).toBe('BUYER');
  });

  test('a quantity lowered and the address corrected while the order is open', async () => {
    const { orderId, second } = twoLines();
    const res = await post(`/__sim/orders/${orderId}/edit`, {
      items: [{ orderItemId: second, quantity: 1 }],
      address: { line1: '9 New Street', city: 'Othertown' },
    });
    expect(res.status).toBe(200);
    const o = await getOrder(orderId);
    expect(o.orderItems[1].quantityOrdered).toBe(1);
    expect(o.recipient.deliveryAddress).toMatchObject({ addressLine1: '9 New Street', city: 'Othertown' });
    expect(Date.parse(o.lastUpdatedTime)).toBe(T0);
  });

  test('what Amazon would not do is refused with the rule', async () => {
    const { orderId, first } = twoLines();
    const up = await post(`/__sim/orders/${orderId}/edit`, { items: [{ orderItemId: first, quantity: 5 }] });
    expect(up.status).toBe(400);
    expect(up.body.errors[0].message).toMatch(/can only go down/);
    expect((await post(`/__sim/orders/${orderId}/edit`, {})).body.errors[0].message).toMatch(/give items and\/or address/);
    expect(
      (await post(`/__sim/orders/${orderId}/cancel-items`, { orderItemIds: ['nope'], cancelledBy: 'BUYER' })).body.errors[0].message,
    ).toMatch(/has no order item nope/);
    expect((await post('/__sim/orders/999-9999999-9999999/cancellation-request', {})).status).toBe(404);
    amazon.sim.updateOrder(orderId, { status: 'SHIPPED' });
    const late = await post(`/__sim/orders/${orderId}/cancellation-request`, {});
    expect(late.status).toBe(400);
    expect(late.body.errors[0].message).toMatch(/is SHIPPED/);
  });

  test('a partly shipped order whose rest is cancelled counts as shipped', async () => {
    const { orderId, first, second } = twoLines('PARTIALLY_SHIPPED');
    const before = await getOrder(orderId);
    const shipped = before.orderItems.filter((i: Json) => i.fulfillment.quantityFulfilled > 0).map((i: Json) => i.orderItemId);
    const untouched = [first, second].filter((id) => !shipped.includes(id));
    expect(untouched.length).toBeGreaterThan(0);
    // A line with shipped units cannot be cancelled; the others can.
    expect((await post(`/__sim/orders/${orderId}/cancel-items`, { orderItemIds: shipped, cancelledBy: 'BUYER' })).status).toBe(400);
    const partly = before.orderItems.find((i: Json) => shipped.includes(i.orderItemId) && i.fulfillment.quantityUnfulfilled > 0);
    if (partly)
      amazon.sim.editOrder(orderId, { items: [{ orderItemId: partly.orderItemId, quantity: partly.fulfillment.quantityFulfilled }] });
    amazon.sim.cancelItems(orderId, { orderItemIds: untouched, cancelledBy: 'BUYER' });
    expect((await getOrder(orderId)).fulfillment.fulfillmentStatus).toBe('SHIPPED');
  });
});

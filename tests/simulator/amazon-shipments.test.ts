import { OPERATIONS } from '../../src/simulator/amazon';
import { at, startAmazonSim, type Json } from '../helpers/amazon-sim';
import { confirmPath, ORDER, US, useConfirmShipmentSim } from '../helpers/confirm-shipment';

const { amazon, confirm, getOrder, itemIds, body } = useConfirmShipmentSim();

describe('confirmShipment effects', () => {
  test('204 with no body; two packages make the order SHIPPED and getOrder shows both', async () => {
    const [a, b] = itemIds(ORDER);
    amazon.clock.advance(30_000);
    const first = await confirm(ORDER, body('1', [[0, 2]]));
    expect([first.status, first.body]).toEqual([204, {}]);
    expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('100');
    const mid = (await getOrder(ORDER)).body.order;
    expect(mid.fulfillment.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
    amazon.clock.advance(30_000);
    const second = await confirm(
      ORDER,
      body('2', [[1, 1]], { carrierCode: 'Other', carrierName: 'Acme Couriers', shippingMethod: undefined, trackingNumber: 'ACME-9' }),
    );
    expect(second.status).toBe(204);
    const o = (await getOrder(ORDER)).body.order;
    expect(o.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(o.lastUpdatedTime).toBe(at(-1));
    expect(o.orderItems.map((i: Json) => i.fulfillment)).toEqual([
      { quantityFulfilled: 2, quantityUnfulfilled: 0 },
      { quantityFulfilled: 1, quantityUnfulfilled: 0 },
    ]);
    expect(o.packages).toEqual([
      {
        packageReferenceId: '1',
        createdTime: at(-0.5),
        packageStatus: { status: 'SHIPPED' },
        carrier: 'UPS',
        shipTime: at(10),
        shippingService: 'UPS Ground',
        trackingNumber: '1Z000000000000001',
        shipFromAddress: expect.objectContaining({ countryCode: 'US' }),
        packageItems: [{ orderItemId: a, quantity: 2 }],
      },
      {
        packageReferenceId: '2',
        createdTime: at(-1),
        packageStatus: { status: 'SHIPPED' },
        carrier: 'Acme Couriers',
        shipTime: at(10),
        trackingNumber: 'ACME-9',
        shipFromAddress: expect.objectContaining({ countryCode: 'US' }),
        packageItems: [{ orderItemId: b, quantity: 1 }],
      },
    ]);
  });

  test('a partial shipment leaves the order PARTIALLY_SHIPPED; transparency codes reach the package', async () => {
    const [a] = itemIds(ORDER);
    const res = await confirm(ORDER, {
      marketplaceId: US,
      packageDetail: { ...body('7', []).packageDetail, orderItems: [{ orderItemId: a, quantity: 1, transparencyCodes: ['AZ:1234'] }] },
    });
    expect(res.status).toBe(204);
    const o = (await getOrder(ORDER)).body.order;
    expect(o.fulfillment.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
    expect(o.orderItems[0].fulfillment).toEqual({ quantityFulfilled: 1, quantityUnfulfilled: 1 });
    expect(o.orderItems[1].fulfillment).toEqual({ quantityFulfilled: 0, quantityUnfulfilled: 1 });
    expect(o.packages).toHaveLength(1);
    expect(o.packages[0].packageItems).toEqual([{ orderItemId: a, quantity: 1, transparencyCodes: ['AZ:1234'] }]);
  });

  test('searchOrders with includedData=PACKAGES finds the order by its new lastUpdatedTime', async () => {
    expect(
      (
        await confirm(
          ORDER,
          body('1', [
            [0, 2],
            [1, 1],
          ]),
        )
      ).status,
    ).toBe(204);
    amazon.clock.advance(3 * 60_000);
    const { body: page } = await amazon.get('/orders/2026-01-01/orders', { lastUpdatedAfter: at(1), includedData: 'PACKAGES,FULFILLMENT' });
    expect(page.orders.map((o: Json) => o.orderId)).toEqual([ORDER]);
    expect(page.orders[0].fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(page.orders[0].packages[0]).toMatchObject({ packageReferenceId: '1', carrier: 'UPS', trackingNumber: '1Z000000000000001' });
  });

  test('the same packageReferenceId twice is refused, and so is more than is left to ship', async () => {
    expect((await confirm(ORDER, body('1', [[0, 1]]))).status).toBe(204);
    const again = await confirm(ORDER, body('1', [[0, 1]]));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      errors: [
        { code: 'InvalidInput', message: expect.stringMatching(/packageReferenceId 1 is already confirmed for order 111-0000000-0000001/) },
      ],
    });
    const over = await confirm(ORDER, body('2', [[0, 2]]));
    expect(over.status).toBe(400);
    expect(over.body.errors[0].message).toMatch(/quantity 2 is more than the 1 unit\(s\) left to ship \(1 of 2 already shipped\)/);
    // Nothing of a refused call is applied.
    const o = (await getOrder(ORDER)).body.order;
    expect(o.packages).toHaveLength(1);
    expect(o.orderItems[0].fulfillment).toEqual({ quantityFulfilled: 1, quantityUnfulfilled: 1 });
    const shipped = await confirm('111-0000000-0000005', {
      ...body('9', []),
      packageDetail: { ...body('9', []).packageDetail, orderItems: [{ orderItemId: itemIds('111-0000000-0000005')[0], quantity: 1 }] },
    });
    expect(shipped.body.errors[0].message).toMatch(/more than the 0 unit\(s\) left to ship \(2 of 2 already shipped\)/);
  });

  test('a refused body changes nothing and a later valid one still works', async () => {
    expect(
      (
        await confirm(
          ORDER,
          body('1', [
            [0, 1],
            [5, 1],
          ]),
        )
      ).status,
    ).toBe(400);
    expect((await getOrder(ORDER)).body.order.packages).toBeUndefined();
    expect((await confirm(ORDER, body('1', [[0, 1]]))).status).toBe(204);
  });
});

describe('confirmShipment rate', () => {
  test('the model default is 2 per second with a burst of 10', async () => {
    const op = OPERATIONS.find((o) => o.name === 'confirmShipment');
    expect([op?.method, op?.rate, op?.burst]).toEqual(['POST', 2, 10]);
    const { sim, clock, token } = await startAmazonSim();
    try {
      const access = await token('A1SELLER');
      const post = () =>
        fetch(`${sim.origin}${confirmPath(ORDER)}`, {
          method: 'POST',
          headers: { 'x-amz-access-token': access, 'content-type': 'application/json' },
          body: '{}',
        });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await post()).status);
      // Refused bodies still spend the bucket: throttling comes before validation.
      expect(statuses).toEqual([...Array(10).fill(400), 429]);
      clock.advance(500);
      const refilled = await post();
      expect([refilled.status, refilled.headers.get('x-amzn-ratelimit-limit')]).toEqual([400, '2']);
    } finally {
      await sim.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIRM_SHIPMENT_FIELDS, OPERATIONS, type NewOrderInput } from '../../src/simulator/amazon';
import { at, createChecker, startAmazonSim, useAmazonSim, type Json, type ModelSchema } from '../helpers/amazon-sim';
import { haveModels, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';

const US = 'ATVPDKIKX0DER';
const FAST = { rate: 100, burst: 1000 };
const amazon = useAmazonSim({ rates: { confirmShipment: FAST, getOrder: FAST, searchOrders: FAST } });

const ORDER = '111-0000000-0000001';
const confirmPath = (orderId: string) => `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`;
const confirm = (orderId: string, body: unknown, sellerId?: string) =>
  amazon.call('POST', confirmPath(orderId), { body, ...(sellerId ? { sellerId } : {}) });
const getOrder = (orderId: string, includedData = 'PACKAGES,FULFILLMENT,CANCELLATION') =>
  amazon.get(`/orders/2026-01-01/orders/${orderId}`, { includedData });

function order(orderId: string, extra: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    orderId,
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: at(60),
    items: [
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-B', quantity: 1 },
    ],
    ...extra,
  };
}

/** orderItemIds of an order, in line order. */
function itemIds(orderId: string): string[] {
  const o = amazon.sim.orders().find((x) => x.orderId === orderId);
  if (!o) throw new Error(`no order ${orderId}`);
  return o.orderItems.map((i) => i.orderItemId);
}

/** A valid body: `items` as [index, quantity] pairs of ORDER's lines. */
function body(ref: string, items: [number, number][], detail: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Json {
  const ids = itemIds(ORDER);
  return {
    marketplaceId: US,
    packageDetail: {
      packageReferenceId: ref,
      carrierCode: 'UPS',
      shippingMethod: 'UPS Ground',
      trackingNumber: `1Z00000000000000${ref}`,
      shipDate: at(10),
      orderItems: items.map(([i, quantity]) => ({ orderItemId: ids[i], quantity })),
      ...detail,
    },
    ...top,
  };
}

beforeEach(() => {
  amazon.sim.addOrders({
    orders: [
      order(ORDER),
      order('111-0000000-0000002', { fulfilledBy: 'AMAZON' }),
      order('111-0000000-0000003', { status: 'CANCELLED' }),
      order('111-0000000-0000004', { status: 'PENDING' }),
      order('111-0000000-0000005', { status: 'SHIPPED' }),
    ],
  });
  amazon.sim.addOrders({ orders: [order('222-0000000-0000001')] }, 'A2SELLER');
});

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

describe('confirmShipment validation', () => {
  const detail = (change: Record<string, unknown>) => (): Json => body('1', [[0, 1]], change);
  const cases: [string, () => unknown, RegExp][] = [
    ['a body that is not an object', () => [1], /request body must be a JSON object/],
    ['no marketplaceId', () => ({ ...body('1', [[0, 1]]), marketplaceId: undefined }), /^marketplaceId is required/],
    ['no packageDetail', () => ({ marketplaceId: US }), /^packageDetail is required and must be an object/],
    ['no packageReferenceId', detail({ packageReferenceId: undefined }), /^packageDetail\.packageReferenceId is required/],
    [
      'a numeric packageReferenceId',
      detail({ packageReferenceId: 1 }),
      /^packageDetail\.packageReferenceId is required and must be a non-empty string/,
    ],
    ['packageReferenceId "0"', detail({ packageReferenceId: '0' }), /packageReferenceId '0' must be a positive integer/],
    ['packageReferenceId "PKG-1"', detail({ packageReferenceId: 'PKG-1' }), /packageReferenceId 'PKG-1' must be a positive integer/],
    ['packageReferenceId "-3"', detail({ packageReferenceId: '-3' }), /must be a positive integer/],
    ['no carrierCode', detail({ carrierCode: undefined }), /^packageDetail\.carrierCode is required/],
    ['carrierCode Other without carrierName', detail({ carrierCode: 'Other' }), /^packageDetail\.carrierName is required/],
    ['no trackingNumber', detail({ trackingNumber: undefined }), /^packageDetail\.trackingNumber is required/],
    ['an empty trackingNumber', detail({ trackingNumber: '' }), /^packageDetail\.trackingNumber is required/],
    ['no shipDate', detail({ shipDate: undefined }), /^packageDetail\.shipDate is required/],
    ['shipDate 02/21/2022 (the sandbox case)', detail({ shipDate: '02/21/2022' }), /shipDate '02\/21\/2022' must be an ISO 8601 date-time/],
    ['a shipDate without a zone', detail({ shipDate: '2026-03-02T10:00:00' }), /must be an ISO 8601 date-time/],
    ['a shipping method that is not a string', detail({ shippingMethod: 5 }), /^packageDetail\.shippingMethod must be a non-empty string/],
    ['no orderItems', detail({ orderItems: undefined }), /^packageDetail\.orderItems is required and must be a non-empty array/],
    ['empty orderItems', detail({ orderItems: [] }), /^packageDetail\.orderItems is required/],
    ['an item without orderItemId', detail({ orderItems: [{ quantity: 1 }] }), /^packageDetail\.orderItems\[0\]\.orderItemId is required/],
    [
      'an item without quantity',
      () => body('1', [[0, 1]], { orderItems: [{ orderItemId: itemIds(ORDER)[0] }] }),
      /orderItems\[0\]\.quantity is required and must be a positive integer/,
    ],
    ['quantity 0', () => body('1', [[0, 0]]), /orderItems\[0\]\.quantity is required and must be a positive integer/],
    ['quantity 1.5', () => body('1', [[0, 1.5]]), /orderItems\[0\]\.quantity .*positive integer/],
    ['quantity "1"', () => body('1', [[0, '1' as unknown as number]]), /orderItems\[0\]\.quantity .*positive integer/],
    [
      'the same item twice',
      () =>
        body('1', [
          [0, 1],
          [0, 1],
        ]),
      /orderItems\[1\]\.orderItemId \d+ is listed twice/,
    ],
    [
      'transparencyCodes not a list',
      () => body('1', [[0, 1]], { orderItems: [{ orderItemId: itemIds(ORDER)[0], quantity: 1, transparencyCodes: 'X' }] }),
      /transparencyCodes must be an array/,
    ],
    [
      'a field the model lacks',
      detail({ shippingDate: at(10) }),
      /packageDetail\.shippingDate: not a field of the ConfirmShipmentRequest model/,
    ],
    ['a top-level field the model lacks', () => ({ ...body('1', [[0, 1]]), marketplaceIds: [US] }), /^marketplaceIds: not a field/],
    [
      'codCollectionMethod outside JP',
      () => ({ ...body('1', [[0, 1]]), codCollectionMethod: 'DirectPayment' }),
      /only supported in the JP marketplace/,
    ],
    [
      'an unknown codCollectionMethod',
      () => ({ ...body('1', [[0, 1]]), codCollectionMethod: 'Cash' }),
      /codCollectionMethod must be DirectPayment/,
    ],
    [
      'another marketplace than the order’s',
      () => ({ ...body('1', [[0, 1]]), marketplaceId: 'A1F83G8C2ARO7P' }),
      /marketplaceId A1F83G8C2ARO7P is not the marketplace of order/,
    ],
    [
      'an item of another order',
      () => body('1', [[0, 1]], { orderItems: [{ orderItemId: itemIds('111-0000000-0000004')[0], quantity: 1 }] }),
      /orderItemId \d+ is not an item of order 111-0000000-0000001/,
    ],
    [
      'an unknown item',
      () => body('1', [[0, 1]], { orderItems: [{ orderItemId: '99999999999999', quantity: 1 }] }),
      /orderItemId 99999999999999 is not an item of order/,
    ],
    ['a shipDate before the order', detail({ shipDate: at(120) }), /shipDate is before the order was placed/],
  ];
  test.each(cases)('%s is 400 InvalidInput', async (_name, make, message) => {
    const res = await confirm(ORDER, make());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ code: 'InvalidInput', message: expect.stringMatching(message) }] });
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('100');
  });

  const orderCases: [string, string, RegExp][] = [
    ['an Amazon-fulfilled order', '111-0000000-0000002', /is fulfilled by Amazon/],
    ['a cancelled order', '111-0000000-0000003', /is cancelled and cannot be shipped/],
    ['a pending order', '111-0000000-0000004', /is PENDING; it cannot be shipped until payment is complete/],
  ];
  test.each(orderCases)('%s is refused with 400', async (_name, orderId, message) => {
    const res = await confirm(orderId, {
      ...body('1', []),
      packageDetail: { ...body('1', []).packageDetail, orderItems: [{ orderItemId: itemIds(orderId)[0], quantity: 1 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ code: 'InvalidInput', message: expect.stringMatching(message) });
  });

  test('an unknown order, or another seller’s, is 404 NotFound', async () => {
    const unknown = await confirm('999-9999999-9999999', body('1', [[0, 1]]));
    expect([unknown.status, unknown.body]).toEqual([
      404,
      { errors: [{ code: 'NotFound', message: 'Order 999-9999999-9999999 was not found' }] },
    ]);
    const theirs = await confirm('222-0000000-0000001', body('1', [[0, 1]]));
    expect(theirs.status).toBe(404);
    const mine = await confirm(ORDER, body('1', [[0, 1]]), 'A2SELLER');
    expect(mine.status).toBe(404);
  });

  test('GET on the path is 405; no token is 403', async () => {
    expect((await amazon.call('GET', confirmPath(ORDER))).status).toBe(405);
    const res = await fetch(`${amazon.sim.origin}${confirmPath(ORDER)}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
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

const V0_MODEL = path.join(MODELS_DIR, 'ordersV0.json');
const V2026_MODEL = path.join(MODELS_DIR, 'orders_2026-01-01.json');

if (!haveModels) {
  test.skip(`confirmShipment against ordersV0.json: ${SKIP_REASON}`, () => undefined);
} else {
  describe('confirmShipment against Amazon’s ordersV0.json', () => {
    const model = JSON.parse(readFileSync(V0_MODEL, 'utf8')) as { definitions: Record<string, ModelSchema>; paths: Json };
    const conforms = createChecker(model.definitions);
    const props = (name: string) => Object.keys(model.definitions[name]?.properties ?? {}).sort();
    const required = (name: string) => [...(model.definitions[name]?.required ?? [])].sort();

    test('the operation is at the simulated path and method, and is not deprecated', () => {
      const op = model.paths['/orders/v0/orders/{orderId}/shipmentConfirmation']?.post;
      expect(op?.operationId).toBe('confirmShipment');
      expect(op?.deprecated).toBeUndefined();
      expect(op?.parameters.find((p: Json) => p.in === 'body').schema.$ref).toBe('#/definitions/ConfirmShipmentRequest');
      expect(Object.keys(op?.responses ?? {})).toContain('204');
    });

    test('the simulator takes exactly the model’s fields at every level', () => {
      expect([...CONFIRM_SHIPMENT_FIELDS.request].sort()).toEqual(props('ConfirmShipmentRequest'));
      expect([...CONFIRM_SHIPMENT_FIELDS.packageDetail].sort()).toEqual(props('PackageDetail'));
      expect([...CONFIRM_SHIPMENT_FIELDS.orderItem].sort()).toEqual(props('ConfirmShipmentOrderItem'));
    });

    test('a body the simulator accepts is a ConfirmShipmentRequest', async () => {
      const full = body('1', [[0, 1]], { carrierName: 'UPS', shipFromSupplySourceId: 'ssid-1' });
      full.packageDetail.orderItems[0].transparencyCodes = ['AZ:1'];
      expect(conforms(full, 'ConfirmShipmentRequest')).toEqual([]);
      expect((await confirm(ORDER, full)).status).toBe(204);
    });

    test('leaving out any field the model requires is a 400 naming it', async () => {
      const valid = () => body('1', [[0, 1]]);
      for (const name of required('ConfirmShipmentRequest')) {
        const b = valid();
        Reflect.deleteProperty(b, name);
        expect(conforms(b, 'ConfirmShipmentRequest')).toEqual([`ConfirmShipmentRequest: missing required ${name}`]);
        const res = await confirm(ORDER, b);
        expect([res.status, res.body.errors[0].message]).toEqual([400, expect.stringContaining(`${name} is required`)]);
      }
      for (const name of required('PackageDetail')) {
        const b = valid();
        Reflect.deleteProperty(b.packageDetail, name);
        const res = await confirm(ORDER, b);
        expect([res.status, res.body.errors[0].message]).toEqual([400, expect.stringContaining(`packageDetail.${name} is required`)]);
      }
      for (const name of required('ConfirmShipmentOrderItem')) {
        const b = valid();
        Reflect.deleteProperty(b.packageDetail.orderItems[0], name);
        const res = await confirm(ORDER, b);
        expect([res.status, res.body.errors[0].message]).toEqual([400, expect.stringContaining(`orderItems[0].${name} is required`)]);
      }
    });

    test('the sandbox’s 400 case (shipDate "02/21/2022") is refused; error answers are ConfirmShipmentErrorResponse', async () => {
      const sandbox =
        model.paths['/orders/v0/orders/{orderId}/shipmentConfirmation'].post.responses['400']['x-amzn-api-sandbox'].static[0].request
          .parameters.body.value;
      expect(sandbox.packageDetail.shipDate).toBe('02/21/2022');
      const res = await confirm(ORDER, {
        ...sandbox,
        packageDetail: { ...sandbox.packageDetail, orderItems: [{ orderItemId: itemIds(ORDER)[0], quantity: 1 }] },
      });
      expect(res.status).toBe(400);
      expect(conforms(res.body, 'ConfirmShipmentErrorResponse')).toEqual([]);
      expect(conforms((await confirm('999-9999999-9999999', body('1', [[0, 1]]))).body, 'ConfirmShipmentErrorResponse')).toEqual([]);
    });

    test('the sandbox’s 204 body works against a matching simulated order', async () => {
      const sandbox =
        model.paths['/orders/v0/orders/{orderId}/shipmentConfirmation'].post.responses['204']['x-amzn-api-sandbox'].static[0].request;
      const orderId = sandbox.parameters.orderId.value as string;
      amazon.sim.addOrders({ orders: [order(orderId, { createdTime: '2022-02-01T00:00:00Z' })] });
      const b = sandbox.parameters.body.value;
      const res = await confirm(orderId, {
        ...b,
        packageDetail: { ...b.packageDetail, orderItems: [{ ...b.packageDetail.orderItems[0], orderItemId: itemIds(orderId)[0] }] },
      });
      expect(res.status).toBe(204);
    });

    test('the order after confirmations is still an Orders 2026-01-01 GetOrderResponse', async () => {
      const v2026 = JSON.parse(readFileSync(V2026_MODEL, 'utf8')) as { definitions: Record<string, ModelSchema> };
      const check2026 = createChecker(v2026.definitions);
      await confirm(ORDER, body('1', [[0, 1]], { carrierCode: 'Other', carrierName: 'Acme' }));
      await confirm(
        ORDER,
        body(
          '2',
          [
            [0, 1],
            [1, 1],
          ],
          { shippingMethod: undefined },
        ),
      );
      const res = await amazon.get(`/orders/2026-01-01/orders/${ORDER}`, {
        includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,CANCELLATION,PACKAGES',
      });
      expect(check2026(res.body, 'GetOrderResponse')).toEqual([]);
      expect(res.body.order.packages).toHaveLength(2);
    });
  });
}

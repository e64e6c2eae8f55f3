import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIRM_SHIPMENT_FIELDS } from '../../src/simulator/amazon';
import { at, type Json } from '../helpers/amazon-sim';
import { createChecker, type ModelSchema } from '../helpers/model-checker';
import { haveModels, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';
import { confirmPath, ORDER, order, US, useConfirmShipmentSim } from '../helpers/confirm-shipment';

const { amazon, confirm, itemIds, body } = useConfirmShipmentSim();

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

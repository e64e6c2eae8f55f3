import { livePackages, packagesOf, type WarehouseShipment } from '../../src/allocadence/shipments';
import { parseShippingOrder, parseShippingOrderLines, parseShippingOrderList } from '../../src/allocadence/shipping-order-answer';

/** A production-shaped row (reference/allocadence-evidence-2026-12.md §2.1), with what a test changes. */
function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shippingorderid: 501,
    customerorder: { customerorderid: 9001, ordernumber: '111-0000001-0000001' },
    customer: { customerid: 7, name: 'Ada', surname: 'Lovelace' },
    carrier: { code: 'DHLECS', name: 'DHL eCommerce' },
    service: { code: 'GND', name: 'Parcel Ground' },
    ordereddate: '2026-11-26 08:00:00',
    shipped: true,
    shippeddate: '2026-11-27 10:15:00',
    shipments: [
      {
        shipmentid: 7001,
        trackingnumber: '202611270001',
        shippeddate: '2026-11-27 10:15:00',
        cancelled: false,
        carrier: { code: 'DHLECS', name: 'DHL eCommerce' },
        service: { code: 'GND', name: 'Parcel Ground' },
      },
    ],
    ...overrides,
  };
}

describe('reading the shipping order list', () => {
  test('a bare array and {shippingOrders: [...]} read the same; camelCase keys too', () => {
    const camel = {
      shippingOrderId: 501,
      customerOrder: { customerOrderId: 9001, orderNumber: '111-0000001-0000001' },
      carrier: { code: 'DHLECS', name: 'DHL eCommerce' },
      service: null,
      orderedDate: '2026-11-26 08:00:00',
      shipped: true,
      shippedDate: '2026-11-27 10:15:00',
      shipments: [
        {
          shipmentId: 7001,
          trackingNumber: '202611270001',
          shippedDate: '2026-11-27 10:15:00',
          cancelled: false,
          carrier: { code: 'DHLECS', name: 'DHL eCommerce' },
          service: { code: 'GND', name: 'Parcel Ground' },
        },
      ],
    };
    const bare = parseShippingOrderList([row({ service: null })], 'op');
    expect(parseShippingOrderList({ shippingOrders: [row({ service: null })] }, 'op')).toEqual(bare);
    expect(parseShippingOrderList([camel], 'op')).toEqual(bare);
    expect(bare).toEqual({
      rows: [expect.objectContaining({ shippingorderid: '501', orderNumber: '111-0000001-0000001', service: { code: '', name: '' } })],
      totalPages: undefined,
    });
    expect(parseShippingOrderList({ shippingOrders: [], meta: { totalPages: 3 } }, 'op').totalPages).toBe(3);
  });

  test('the order number falls back to the customer order id, then the shipping order id (§2.1)', () => {
    expect(parseShippingOrder(row({ customerorder: { customerorderid: 9001, ordernumber: '' } }), 'op').orderNumber).toBe('9001');
    expect(parseShippingOrder(row({ customerorder: null }), 'op').orderNumber).toBe('501');
  });

  test.each([
    [
      'an object without rows',
      { orders: [] },
      /listShippingOrders: HTTP 200 unexpected answer: expected a list of shipping orders \(a JSON array, or an object with shippingOrders\)/,
    ],
    [
      'no shipments list (include_shipments ignored)',
      [row({ shipments: undefined })],
      /unexpected answer: 0\.shipments: expected the shipments list \(include_shipments=true\)/,
    ],
    ['a shipping order without an id', [row({ shippingorderid: undefined })], /unexpected answer: 0\.shippingorderid: /],
    [
      'a shipment id that is an object',
      [row({ shipments: [{ shipmentid: { id: 1 } }] })],
      /unexpected answer: 0\.shipments\.0\.shipmentid: /,
    ],
    [
      'a date with a month 13',
      [row({ shippeddate: '2026-13-01 10:00:00' })],
      /unexpected answer: 0\.shippeddate: expected a date like 2026-11-27 10:15:00/,
    ],
    ['a carrier given as text', [row({ carrier: 'UPS' })], /unexpected answer: 0\.carrier: /],
    [
      'a tracking number given as a number',
      [row({ shipments: [{ shipmentid: 1, trackingnumber: 9400111, shippeddate: '2026-11-27 10:00:00' }] })],
      /unexpected answer: 0\.shipments\.0\.trackingnumber: /,
    ],
    [
      'a shipped order with no date anywhere',
      [row({ shippeddate: '', shipments: [{ shipmentid: 1, trackingnumber: 'T' }] })],
      /unexpected answer: 0\.shipments\.0\.shippeddate: expected a date on a shipped order/,
    ],
  ])('%s: an error naming the call, the field and what was expected', (_name, body, message) => {
    expect(() => parseShippingOrderList(body, 'listShippingOrders')).toThrow(message);
  });

  test('lines in either envelope and spelling; a bad one is named', () => {
    const lines = [
      { sku: 'A', quantity: 2, shipmentid: 7001 },
      { sku: 'B', quantity: 1 },
    ];
    const want = [
      { sku: 'A', quantity: 2, shipmentId: '7001' },
      { sku: 'B', quantity: 1, shipmentId: undefined },
    ];
    expect(parseShippingOrderLines(lines, 'op')).toEqual(want);
    expect(
      parseShippingOrderLines(
        {
          items: [
            { sku: 'A', quantity: 2, shipmentId: 7001 },
            { sku: 'B', quantity: 1 },
          ],
        },
        'op',
      ),
    ).toEqual(want);
    expect(() => parseShippingOrderLines({ lines }, 'getShippingOrderItems')).toThrow(
      /getShippingOrderItems: HTTP 200 unexpected answer: expected a list of lines/,
    );
    expect(() => parseShippingOrderLines([{ sku: 'A', quantity: 0 }], 'op')).toThrow(/unexpected answer: 0\.quantity: /);
  });
});

describe('packages of a shipping order', () => {
  const twoPackages = row({
    shipments: [
      { shipmentid: 1, trackingnumber: 'T1', shippeddate: '2026-11-27 23:30:00', carrier: { code: 'UPS', name: '' }, service: null },
      { shipmentid: 2, trackingnumber: '', carrier: { code: '', name: '' } },
      { shipmentid: 3, trackingnumber: 'T3', cancelled: true },
    ],
  });

  test("one per live shipment: its own date (else the order's) in the account zone, carrier name else code, else the order's", () => {
    const parsed = parseShippingOrder(twoPackages, 'op');
    const live = livePackages(parsed, 'Asia/Tokyo');
    const got = packagesOf(
      live,
      [
        { sku: 'A', quantity: 1, shipmentId: '1' },
        { sku: 'B', quantity: 2, shipmentId: '2' },
      ],
      'Asia/Tokyo',
    );
    expect(got).toEqual<WarehouseShipment[]>([
      {
        key: '501/1',
        id: '1',
        shippingOrderId: '501',
        orderNumber: '111-0000001-0000001',
        carrier: 'UPS',
        carrierCode: 'UPS',
        service: 'Parcel Ground',
        trackingNumber: 'T1',
        shippedDate: '2026-11-27T14:30:00.000Z',
        orderedDate: '2026-11-25T23:00:00.000Z',
        lines: [{ sku: 'A', quantity: 1 }],
        warnings: [],
      },
      {
        key: '501/2',
        id: '2',
        shippingOrderId: '501',
        orderNumber: '111-0000001-0000001',
        carrier: 'DHL eCommerce',
        carrierCode: 'DHLECS',
        service: 'Parcel Ground',
        trackingNumber: '',
        shippedDate: '2026-11-27T01:15:00.000Z',
        orderedDate: '2026-11-25T23:00:00.000Z',
        lines: [{ sku: 'B', quantity: 2 }],
        warnings: [],
      },
    ]);
  });

  test('lines that name no package go to the first live one, with a warning when there are several', () => {
    const parsed = parseShippingOrder(twoPackages, 'op');
    const got = packagesOf(livePackages(parsed, 'UTC'), [{ sku: 'A', quantity: 3, shipmentId: undefined }], 'UTC');
    expect(got.map((p) => [p.id, p.lines])).toEqual([
      ['1', [{ sku: 'A', quantity: 3 }]],
      ['2', []],
    ]);
    expect(got[0]?.warnings).toEqual([
      expect.stringMatching(/shipping order 501 has 2 live packages and lines that name none: those lines were put in package 1/),
    ]);
    const single = packagesOf(
      livePackages(parseShippingOrder(row(), 'op'), 'UTC'),
      [{ sku: 'A', quantity: 3, shipmentId: undefined }],
      'UTC',
    );
    expect(single).toEqual([expect.objectContaining({ lines: [{ sku: 'A', quantity: 3 }], warnings: [] })]);
  });

  test('a voided shipping order or one not shipped has none', () => {
    expect(livePackages(parseShippingOrder(row({ cancelled: true }), 'op'), 'UTC')).toEqual([]);
    expect(livePackages(parseShippingOrder(row({ shipped: false, shippeddate: '' }), 'op'), 'UTC')).toEqual([]);
  });
});

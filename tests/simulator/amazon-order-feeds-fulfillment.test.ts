import { at, type Json } from '../helpers/amazon-sim';
import {
  ACK,
  ACK_HEADER,
  CANCELLED,
  FBA,
  O1,
  O2,
  PENDING,
  reportText,
  SHIP,
  SHIP_HEADER,
  SHIPPED,
  tsv,
  useOrderFeedSim,
} from '../helpers/order-feeds';

const { amazon, feeds, item, orderOf, run } = useOrderFeedSim();

describe('POST_FLAT_FILE_FULFILLMENT_DATA', () => {
  test('a whole-order row (empty order-item-id and quantity) ships everything in one package, tracking optional', async () => {
    const feedId = await feeds.submit(SHIP, tsv(SHIP_HEADER, [[O1, '', '', at(10), 'USPS', '', '', 'Priority Mail']]));
    await feeds.poll(feedId);
    await feeds.poll(feedId);
    expect((await orderOf(O1)).packages).toBeUndefined();
    amazon.clock.advance(90_000);
    const feed = await feeds.poll(feedId);
    expect(feed.processingStatus).toBe('DONE');
    expect((await feeds.result(feed)).text).toBe(reportText(1, 1));
    const o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(o.lastUpdatedTime).toBe(at(-1.5));
    expect(o.packages).toEqual([
      {
        packageReferenceId: '1',
        createdTime: at(-1.5),
        packageStatus: { status: 'SHIPPED' },
        carrier: 'USPS',
        shipTime: at(10),
        shippingService: 'Priority Mail',
        shipFromAddress: expect.any(Object),
        packageItems: [
          { orderItemId: item(O1, 0), quantity: 2 },
          { orderItemId: item(O1, 1), quantity: 1 },
        ],
      },
    ]);
  });

  test('per-item rows: a partial row makes PARTIALLY_SHIPPED; rows sharing a tracking number form one package', async () => {
    const first = await run(SHIP, tsv(SHIP_HEADER, [[O1, item(O1, 0), '1', at(20), 'UPS', '', '1Z1', 'Ground']]));
    expect(first.text).toBe(reportText(1, 1));
    let o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
    expect(o.orderItems.map((i: Json) => i.fulfillment)).toEqual([
      { quantityFulfilled: 1, quantityUnfulfilled: 1 },
      { quantityFulfilled: 0, quantityUnfulfilled: 1 },
    ]);
    const rows = [
      [O1, item(O1, 0), '1', at(10), 'Other', 'Acme Couriers', 'AC-7', ''],
      [O1, item(O1, 1), '', at(10), 'Other', 'Acme Couriers', 'AC-7', ''],
    ];
    expect((await run(SHIP, tsv(SHIP_HEADER, rows))).text).toBe(reportText(2, 2));
    o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(o.packages.map((p: Json) => [p.packageReferenceId, p.carrier, p.trackingNumber, p.shippingService, p.packageItems])).toEqual([
      ['1', 'UPS', '1Z1', 'Ground', [{ orderItemId: item(O1, 0), quantity: 1 }]],
      [
        '2',
        'Acme Couriers',
        'AC-7',
        undefined,
        [
          { orderItemId: item(O1, 0), quantity: 1 },
          { orderItemId: item(O1, 1), quantity: 1 },
        ],
      ],
    ]);
  });

  test('a date-only ship-date and the optional ship_from_supply_source_id column are accepted', async () => {
    const header = [...SHIP_HEADER, 'ship_from_supply_source_id'];
    const { text } = await run(SHIP, tsv(header, [[O2, '', '', at(0).slice(0, 10), 'FedEx', '', '7788', 'Home', 'ssid-1']]));
    expect(text).toBe(reportText(1, 1));
    const pkg = (await orderOf(O2)).packages[0];
    // Midnight of that day would be before the order was placed: the order's own time is used.
    expect([pkg.shipTime, pkg.carrier, pkg.trackingNumber]).toEqual([at(60), 'FedEx', '7788']);
  });

  test('per-row errors in the processing report', async () => {
    const rows = [
      ['999-9999999-9999999', '', '', at(10), 'UPS', '', '1Z', ''],
      [CANCELLED, '', '', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '1', '02/21/2022', 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '3', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), 'two', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '0', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '1', at(10), 'Other', '', '1Z', ''],
      [O1, item(O1, 0), '1', at(10), '', '', '1Z', ''],
      [O1, item(O2, 0), '1', at(10), 'UPS', '', '1Z', ''],
      [O1, '', '1', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '1', '', 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '1', at(120), 'UPS', '', '1Z', ''],
      [FBA, '', '', at(10), 'UPS', '', '1Z', ''],
      [PENDING, '', '', at(10), 'UPS', '', '1Z', ''],
      [SHIPPED, '', '', at(10), 'UPS', '', '1Z', ''],
      [SHIPPED, item(SHIPPED, 0), '1', at(10), 'UPS', '', '1Z', ''],
      [O1, item(O1, 0), '2', at(10), 'UPS', '', '1Z', ''],
    ];
    const { feed, text } = await run(SHIP, tsv(SHIP_HEADER, rows));
    expect(feed.processingStatus).toBe('DONE');
    expect(text).toBe(
      reportText(17, 1, [
        [1, '999-9999999-9999999', '', 18002, 'Error', 'The order id 999-9999999-9999999 was not found for this merchant.'],
        [2, CANCELLED, '', 18007, 'Error', `Order ${CANCELLED} is cancelled and cannot be shipped.`],
        [
          3,
          O1,
          item(O1, 0),
          18012,
          'Error',
          "ship-date '02/21/2022' is not a valid date; use YYYY-MM-DD or an ISO 8601 date-time such as 2026-03-01T10:00:00Z.",
        ],
        [
          4,
          O1,
          item(O1, 0),
          18017,
          'Error',
          `quantity 3 is more than the 2 unit(s) of order item ${item(O1, 0)} left to ship (0 of 2 already shipped).`,
        ],
        [5, O1, item(O1, 0), 18015, 'Error', "quantity 'two' must be a positive whole number."],
        [6, O1, item(O1, 0), 18015, 'Error', "quantity '0' must be a positive whole number."],
        [7, O1, item(O1, 0), 18014, 'Error', 'carrier-name is required when carrier-code is Other.'],
        [8, O1, item(O1, 0), 18001, 'Error', 'carrier-code is required (or carrier-name with carrier-code Other).'],
        [9, O1, item(O2, 0), 18004, 'Error', `Order item ${item(O2, 0)} is not an item of order ${O1}.`],
        [10, O1, '', 18001, 'Error', 'quantity needs an order-item-id; leave both empty to ship the whole order.'],
        [11, O1, item(O1, 0), 18001, 'Error', 'ship-date is required.'],
        [12, O1, item(O1, 0), 18012, 'Error', `ship-date ${at(120)} is before order ${O1} was placed.`],
        [13, FBA, '', 18006, 'Error', `Order ${FBA} is fulfilled by Amazon; the seller cannot change it.`],
        [14, PENDING, '', 18008, 'Error', `Order ${PENDING} is PENDING and cannot be shipped until payment is complete.`],
        [15, SHIPPED, '', 18016, 'Error', `Every item of order ${SHIPPED} is already shipped or cancelled.`],
        [
          16,
          SHIPPED,
          item(SHIPPED, 0),
          18017,
          'Error',
          `quantity 1 is more than the 0 unit(s) of order item ${item(SHIPPED, 0)} left to ship (2 of 2 already shipped).`,
        ],
      ]),
    );
    // Only the last row applied.
    const o = await orderOf(O1);
    expect([o.fulfillment.fulfillmentStatus, o.packages.length, o.orderItems[0].fulfillment.quantityFulfilled]).toEqual([
      'PARTIALLY_SHIPPED',
      1,
      2,
    ]);
    expect((await orderOf(CANCELLED)).packages).toBeUndefined();
  });

  test('an item cancelled by the acknowledgement feed cannot ship; the whole-order row ships the rest', async () => {
    await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 0), 'NoInventory']]));
    const { text } = await run(
      SHIP,
      tsv(SHIP_HEADER, [
        [O1, item(O1, 0), '', at(5), 'UPS', '', '', ''],
        [O1, '', '', at(5), 'UPS', '', '', ''],
      ]),
    );
    expect(text).toBe(
      reportText(2, 1, [
        [
          1,
          O1,
          item(O1, 0),
          18017,
          'Error',
          `quantity of the whole item is more than the 0 unit(s) of order item ${item(O1, 0)} left to ship (the item is cancelled).`,
        ],
      ]),
    );
    const o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(o.packages[0].packageItems).toEqual([{ orderItemId: item(O1, 1), quantity: 1 }]);
  });
});

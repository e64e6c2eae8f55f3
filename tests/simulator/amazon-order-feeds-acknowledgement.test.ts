import { CANCELLATION_REASONS } from '../../src/simulator/amazon';
import { at, type Json } from '../helpers/amazon-sim';
import {
  ACK,
  ACK_HEADER,
  CANCELLED,
  FBA,
  O1,
  O2,
  order,
  PARTIAL,
  PENDING,
  reportText,
  SHIPPED,
  tsv,
  US,
  useOrderFeedSim,
} from '../helpers/order-feeds';

const { amazon, feeds, item, orderOf, run } = useOrderFeedSim();

describe('POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA', () => {
  test('cancelling every item cancels the order, but only once the feed is DONE', async () => {
    const content = tsv(ACK_HEADER, [
      [O1, item(O1, 0), 'NoInventory'],
      [O1, item(O1, 1), 'NoInventory'],
    ]);
    const feedId = await feeds.submit(ACK, content);
    amazon.clock.advance(60_000);
    expect((await feeds.poll(feedId)).processingStatus).toBe('IN_QUEUE');
    expect((await feeds.poll(feedId)).processingStatus).toBe('IN_PROGRESS');
    expect((await orderOf(O1)).fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
    const feed = await feeds.poll(feedId);
    expect(feed.processingStatus).toBe('DONE');
    const o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('CANCELLED');
    expect(o.lastUpdatedTime).toBe(at(-1));
    expect(o.orderItems.map((i: Json) => [i.cancellation, i.fulfillment])).toEqual([
      [
        { cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'NoInventory' } },
        { quantityFulfilled: 0, quantityUnfulfilled: 0 },
      ],
      [
        { cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'NoInventory' } },
        { quantityFulfilled: 0, quantityUnfulfilled: 0 },
      ],
    ]);
    expect(o.proceeds.grandTotal.amount).toBe('0.00');
    const { text, contentType } = await feeds.result(feed);
    expect(contentType).toBe('text/plain;charset=UTF-8');
    expect(text).toBe(reportText(2, 2));
  });

  test('cancelling one item leaves the order UNSHIPPED; the rest can still ship and then the order is SHIPPED', async () => {
    const { feed, text } = await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 1), 'BuyerCanceled']]));
    expect([feed.processingStatus, text]).toEqual(['DONE', reportText(1, 1)]);
    let o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
    expect(o.orderItems[0].cancellation).toBeUndefined();
    expect(o.orderItems[1].cancellation).toEqual({ cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'BuyerCanceled' } });
    expect(o.orderItems[1].fulfillment).toEqual({ quantityFulfilled: 0, quantityUnfulfilled: 0 });
    const confirm = (orderItemId: string, ref: string) =>
      amazon.call('POST', `/orders/v0/orders/${O1}/shipmentConfirmation`, {
        body: {
          marketplaceId: US,
          packageDetail: {
            packageReferenceId: ref,
            carrierCode: 'UPS',
            trackingNumber: 'T1',
            shipDate: at(5),
            orderItems: [{ orderItemId, quantity: 1 }],
          },
        },
      });
    const cancelledLine = await confirm(item(O1, 1), '1');
    expect(cancelledLine.body.errors[0].message).toMatch(/more than the 0 unit\(s\) left to ship \(it is cancelled\)/);
    expect((await confirm(item(O1, 0), '1')).status).toBe(204);
    expect((await orderOf(O1)).fulfillment.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
    expect((await confirm(item(O1, 0), '2')).status).toBe(204);
    o = await orderOf(O1);
    expect(o.fulfillment.fulfillmentStatus).toBe('SHIPPED');
  });

  test('optional merchant columns are accepted and ignored; every valid reason code works', async () => {
    const header = ['order-id', 'merchant-order-id', 'amazon-order-item-code', 'merchant-order-item-id', 'cancellation-reason-code'];
    expect(
      (
        await run(
          ACK,
          tsv(header, [
            [O2, 'M-1', item(O2, 0), 'MI-1', 'CustomerReturn'],
            [O2, '', item(O2, 1), '', 'GeneralAdjustment'],
          ]),
        )
      ).text,
    ).toBe(reportText(2, 2));
    expect((await orderOf(O2)).fulfillment.fulfillmentStatus).toBe('CANCELLED');
    expect(CANCELLATION_REASONS).toHaveLength(10);
    const orders = CANCELLATION_REASONS.map((_, i) =>
      order(`333-0000000-00000${String(i).padStart(2, '0')}`, { items: [{ sku: 'SKU-A', quantity: 1 }] }),
    );
    amazon.sim.addOrders({ orders });
    const rows = CANCELLATION_REASONS.map((reason, i) => [orders[i]?.orderId as string, item(orders[i]?.orderId as string, 0), reason]);
    expect((await run(ACK, tsv(ACK_HEADER, rows))).text).toBe(reportText(10, 10));
    for (const [i, reason] of CANCELLATION_REASONS.entries()) {
      const o = await orderOf(orders[i]?.orderId as string);
      expect([o.fulfillment.fulfillmentStatus, o.orderItems[0].cancellation.cancellationExecution.cancelReason]).toEqual([
        'CANCELLED',
        reason,
      ]);
    }
  });

  test('per-row errors and warnings in the processing report; the good rows still apply', async () => {
    const rows = [
      ['999-9999999-9999999', '12345678901234', 'NoInventory'],
      [O1, item(O2, 0), 'NoInventory'],
      [O1, item(O1, 0), 'OutOfStock'],
      [SHIPPED, item(SHIPPED, 0), 'NoInventory'],
      [PARTIAL, item(PARTIAL, 1), 'NoInventory'],
      [CANCELLED, item(CANCELLED, 0), 'NoInventory'],
      [FBA, item(FBA, 0), 'NoInventory'],
      [PENDING, item(PENDING, 0), 'NoInventory'],
      [O1, item(O1, 0), ''],
      [O1, '', 'NoInventory'],
      ['222-0000000-0000001', item('222-0000000-0000001', 0), 'NoInventory'],
      [O2, item(O2, 0), 'NoInventory', 'extra'],
      [O1, item(O1, 0), 'NoInventory'],
      [O1, item(O1, 0), 'NoInventory'],
    ];
    const { feed, text, report } = await run(ACK, tsv(ACK_HEADER, rows));
    expect(feed.processingStatus).toBe('DONE');
    expect(text).toBe(
      reportText(14, 2, [
        [1, '999-9999999-9999999', '12345678901234', 18002, 'Error', 'The order id 999-9999999-9999999 was not found for this merchant.'],
        [2, O1, item(O2, 0), 18004, 'Error', `Order item ${item(O2, 0)} is not an item of order ${O1}.`],
        [
          3,
          O1,
          item(O1, 0),
          18005,
          'Error',
          `Unknown cancellation-reason-code 'OutOfStock'; valid codes: ${CANCELLATION_REASONS.join(', ')}.`,
        ],
        [4, SHIPPED, item(SHIPPED, 0), 18028, 'Error', 'The order item is already shipped and cannot be cancelled.'],
        [
          5,
          PARTIAL,
          item(PARTIAL, 1),
          18028,
          'Error',
          `Order ${PARTIAL} is PARTIALLY_SHIPPED: items of a shipped order cannot be cancelled.`,
        ],
        [6, CANCELLED, item(CANCELLED, 0), 18007, 'Error', `Order ${CANCELLED} is already cancelled.`],
        [7, FBA, item(FBA, 0), 18006, 'Error', `Order ${FBA} is fulfilled by Amazon; the seller cannot change it.`],
        [8, PENDING, item(PENDING, 0), 18008, 'Error', `Order ${PENDING} is PENDING and cannot be cancelled until payment is complete.`],
        [
          9,
          O1,
          item(O1, 0),
          18010,
          'Warning',
          'No cancellation-reason-code: nothing was changed (this feed only cancels; it does not acknowledge orders).',
        ],
        [10, O1, '', 18001, 'Error', 'amazon-order-item-code is required: the feed cancels order items one row each.'],
        [
          11,
          '222-0000000-0000001',
          item('222-0000000-0000001', 0),
          18002,
          'Error',
          'The order id 222-0000000-0000001 was not found for this merchant.',
        ],
        [12, O2, item(O2, 0), 18011, 'Error', 'The row has 4 fields but the header has 3.'],
        [14, O1, item(O1, 0), 18009, 'Error', `Order item ${item(O1, 0)} is already cancelled.`],
      ]),
    );
    expect(report).toMatchObject({ recordsProcessed: 14, recordsSuccessful: 2 });
    expect(report.outcomes).toHaveLength(13);
    // Row 13 cancelled O1's first line; nothing else changed.
    const o1 = await orderOf(O1);
    expect([
      o1.fulfillment.fulfillmentStatus,
      o1.orderItems[0].cancellation?.cancellationExecution.cancelReason,
      o1.orderItems[1].cancellation,
    ]).toEqual(['UNSHIPPED', 'NoInventory', undefined]);
    for (const id of [O2, SHIPPED, PARTIAL, FBA, PENDING]) expect((await orderOf(id)).orderItems[0].cancellation).toBeUndefined();
  });

  test('blank lines are skipped and do not count as records; CRLF and a BOM are fine', async () => {
    const content = `\uFEFF${ACK_HEADER.join('\t')}\r\n\r\n${O1}\t${item(O1, 0)}\tNoInventory\r\n   \r\n${O1}\t999\tNoInventory\r\n`;
    const { text } = await run(ACK, content);
    expect(text).toBe(reportText(2, 1, [[2, O1, '999', 18004, 'Error', `Order item 999 is not an item of order ${O1}.`]]));
  });
});

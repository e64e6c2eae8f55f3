import { readFileSync } from 'node:fs';
import path from 'node:path';
import { at, type Json } from '../helpers/amazon-sim';
import { createChecker, type ModelSchema } from '../helpers/model-checker';
import { haveModels, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';
import { ACK, ACK_HEADER, O1, O2, reportText, SHIP, SHIP_HEADER, tsv, useOrderFeedSim } from '../helpers/order-feeds';

const { amazon, item, orderOf, run } = useOrderFeedSim();

describe('documents that cannot be processed end FATAL', () => {
  const fatal = (messages: string[]): string =>
    reportText(
      0,
      0,
      messages.map((m) => [0, '', '', 90001, 'Fatal', m]),
    );
  const missingField = (name: string): (string | number)[] => [
    0,
    '',
    '',
    90012,
    'Fatal',
    `The required ${name} field is missing from the file. To correct this error, download the template again and use the new copy, or insert the required field into your existing file.`,
  ];
  const invalidHeading = (name: string): (string | number)[] => [
    0,
    '',
    '',
    90061,
    'Warning',
    `The ${name} field heading is invalid, so values in this field were ignored. To correct this error, download the template again and use the new copy, or fix the field heading in your existing file.`,
  ];

  test.each<[string, string, string, (string | number)[][]]>([
    [
      ACK,
      'no order-id column',
      tsv(['amazon-order-item-code', 'cancellation-reason-code'], [['1', 'NoInventory']]),
      [missingField('order-id')],
    ],
    [ACK, 'a header only', tsv(ACK_HEADER, []), [[0, '', '', 90001, 'Fatal', 'The feed document has a header row but no data rows.']]],
    [
      ACK,
      'an empty document',
      '\n\n',
      [[0, '', '', 90001, 'Fatal', 'The feed document is empty: it needs a header row and at least one data row.']],
    ],
    // An XML document sent as a flat file: its first line is one unknown heading (amzn/selling-partner-api-docs#457).
    [
      SHIP,
      'an XML-style header',
      tsv(['AmazonOrderID', ...SHIP_HEADER.slice(1)], [[O1, '', '', at(5), 'UPS', '', '', '']]),
      [missingField('order-id'), invalidHeading('AmazonOrderID')],
    ],
    [
      SHIP,
      'a repeated column',
      tsv([...SHIP_HEADER, 'quantity'], [[O1, '', '', at(5), 'UPS', '', '', '', '']]),
      [[0, '', '', 90001, 'Fatal', "Column 'quantity' appears twice in the header row."]],
    ],
    [
      SHIP,
      'comma-separated columns',
      `${SHIP_HEADER.join(',')}\n${O1},,,${at(5)},UPS,,,\n`,
      [missingField('order-id'), invalidHeading(SHIP_HEADER.join(','))],
    ],
  ])('%s with %s', async (feedType, _name, content, lines) => {
    const { feed, text, contentType } = await run(feedType, content);
    expect(feed.processingStatus).toBe('FATAL');
    expect(feed.resultFeedDocumentId).toEqual(expect.any(String));
    expect(contentType).toBe('text/plain;charset=UTF-8');
    expect(text).toBe(reportText(0, 0, lines));
    expect((await orderOf(O1)).fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
  });

  test('a document uploaded as another content type or charset is FATAL', async () => {
    const good = tsv(SHIP_HEADER, [[O1, '', '', at(5), 'UPS', '', '', '']]);
    const asJson = await run(SHIP, good, 'application/json; charset=UTF-8');
    expect([asJson.feed.processingStatus, asJson.text]).toEqual([
      'FATAL',
      fatal([`${SHIP} must be uploaded as 'text/tab-separated-values; charset=UTF-8', not 'application/json; charset=UTF-8'.`]),
    ]);
    const latin = await run(SHIP, good, 'text/tab-separated-values; charset=iso-8859-1');
    expect(latin.feed.processingStatus).toBe('FATAL');
    const spaced = await run(ACK, tsv(ACK_HEADER, [[O2, item(O2, 0), 'NoInventory']]), 'Text/Tab-Separated-Values;charset=utf-8');
    expect([spaced.feed.processingStatus, spaced.text]).toEqual(['DONE', reportText(1, 1)]);
    expect((await orderOf(O1)).fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
  });

  test('a forced FATAL outcome applies nothing and still gives a text report', async () => {
    amazon.sim.nextOutcome('feed', 'FATAL');
    const { feed, text } = await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 0), 'NoInventory']]));
    expect(feed.processingStatus).toBe('FATAL');
    expect(text).toBe(fatal([`Feed ${feed.feedId} was aborted by a simulated fatal processing error; nothing in it was applied.`]));
    expect((await orderOf(O1)).orderItems[0].cancellation).toBeUndefined();
  });
});

describe('a heading Amazon does not recognise: a warning, its values ignored, the feed DONE (jlevers/selling-partner-api#394)', () => {
  const invalidHeading = (name: string): (string | number)[] => [
    0,
    '',
    '',
    90061,
    'Warning',
    `The ${name} field heading is invalid, so values in this field were ignored. To correct this error, download the template again and use the new copy, or fix the field heading in your existing file.`,
  ];
  const noReason = (n: number, orderId: string, itemId: string): (string | number)[] => [
    n,
    orderId,
    itemId,
    18010,
    'Warning',
    'No cancellation-reason-code: nothing was changed (this feed only cancels; it does not acknowledge orders).',
  ];

  test('a reformatted reason heading: every row counted successful, nothing cancelled', async () => {
    const header = ['order-id', 'amazon-order-item-code', 'cancellation_reason_code'];
    const { feed, text, report } = await run(
      ACK,
      tsv(header, [
        [O1, item(O1, 0), 'NoInventory'],
        [O1, item(O1, 1), 'NoInventory'],
      ]),
    );
    expect(feed.processingStatus).toBe('DONE');
    expect(text).toBe(
      reportText(2, 2, [invalidHeading('cancellation_reason_code'), noReason(1, O1, item(O1, 0)), noReason(2, O1, item(O1, 1))]),
    );
    expect(report).toMatchObject({ recordsProcessed: 2, recordsSuccessful: 2 });
    expect((await orderOf(O1)).orderItems.map((i: Json) => i.cancellation)).toEqual([undefined, undefined]);
  });

  test('an unknown extra column is ignored and the known ones still apply', async () => {
    const { feed, text } = await run(ACK, tsv([...ACK_HEADER, 'reason'], [[O1, item(O1, 0), 'NoInventory', 'x']]));
    expect([feed.processingStatus, text]).toEqual(['DONE', reportText(1, 1, [invalidHeading('reason')])]);
    expect((await orderOf(O1)).orderItems[0].cancellation.cancellationExecution.cancelReason).toBe('NoInventory');
  });

  test('a damaged ship-date heading: the rows fail for the missing date', async () => {
    const header = SHIP_HEADER.map((h) => (h === 'ship-date' ? 'ship date' : h));
    const { feed, text } = await run(SHIP, tsv(header, [[O1, '', '', at(5), 'UPS', '', '1Z1', '']]));
    expect([feed.processingStatus, text]).toEqual([
      'DONE',
      reportText(1, 0, [invalidHeading('ship date'), [1, O1, '', 18001, 'Error', 'ship-date is required.']]),
    ]);
    expect((await orderOf(O1)).fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
  });

  test('invalidateHeadings and its admin route: a heading of the template itself is refused from then on', async () => {
    amazon.sim.invalidateHeadings(['cancellation-reason-code']);
    const first = await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 0), 'NoInventory']]));
    expect(first.text).toBe(reportText(1, 1, [invalidHeading('cancellation-reason-code'), noReason(1, O1, item(O1, 0))]));
    const cleared = await fetch(`${amazon.sim.origin}/__sim/invalid-headings`, { method: 'POST', body: JSON.stringify({ headings: [] }) });
    expect([cleared.status, await cleared.json()]).toEqual([200, { headings: [] }]);
    expect((await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 0), 'NoInventory']]))).text).toBe(reportText(1, 1));
    const bad = await fetch(`${amazon.sim.origin}/__sim/invalid-headings`, {
      method: 'POST',
      body: JSON.stringify({ headings: 'order-id' }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('orders changed by feeds', () => {
  test('the admin SHIPPED update never ships a line the seller cancelled', async () => {
    await run(ACK, tsv(ACK_HEADER, [[O1, item(O1, 1), 'NoInventory']]));
    amazon.sim.updateOrder(O1, { status: 'SHIPPED' });
    const o = await orderOf(O1);
    expect(o.packages.map((p: Json) => p.packageItems)).toEqual([[{ orderItemId: item(O1, 0), quantity: 2 }]]);
    expect(o.orderItems[1].fulfillment).toEqual({ quantityFulfilled: 0, quantityUnfulfilled: 0 });
  });

  if (!haveModels) {
    test.skip(`orders changed by feeds against orders_2026-01-01.json: ${SKIP_REASON}`, () => undefined);
  } else {
    test('are still Orders 2026-01-01 GetOrderResponses', async () => {
      const model = JSON.parse(readFileSync(path.join(MODELS_DIR, 'orders_2026-01-01.json'), 'utf8')) as {
        definitions: Record<string, ModelSchema>;
      };
      const conforms = createChecker(model.definitions);
      await run(
        ACK,
        tsv(ACK_HEADER, [
          [O1, item(O1, 1), 'NoInventory'],
          [O2, item(O2, 0), 'BuyerCanceled'],
          [O2, item(O2, 1), 'BuyerCanceled'],
        ]),
      );
      await run(SHIP, tsv(SHIP_HEADER, [[O1, '', '', at(5), 'USPS', '', '', '']]));
      for (const id of [O1, O2]) {
        const res = await amazon.get(`/orders/2026-01-01/orders/${id}`, {
          includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,CANCELLATION,PACKAGES',
        });
        expect(conforms(res.body, 'GetOrderResponse')).toEqual([]);
      }
    });
  }
});

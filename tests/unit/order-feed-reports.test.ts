import { readFlatFileReport } from '../../src/amazon/order-feeds';
import { outcomeOf } from '../../src/amazon/order-feed';

const A = '111-0000000-0000001';
const B = '111-0000000-0000002';
const C = '111-0000000-0000003';

/** Amazon's text processing report: summary, blank line, the table (as in jlevers/selling-partner-api#394). */
function report(processed: number, successful: number, lines: string[][] = []): string {
  return [
    'Feed Processing Summary:',
    `\tNumber of records processed\t\t${processed}`,
    `\tNumber of records successful\t\t${successful}`,
    '',
    'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
    ...lines.map((l) => l.join('\t')),
    '',
  ].join('\n');
}

const HEADING =
  'The cancellation_reason_code field heading is invalid, so values in this field were ignored. To correct this error, download the template again and use the new copy, or fix the field heading in your existing file.';

describe('readFlatFileReport', () => {
  test('a heading warning with no row is about the whole document, though every record counts successful', () => {
    const r = readFlatFileReport(report(2, 2, [['0', '', '', '90061', 'Warning', HEADING]]));
    expect(r).toEqual({ processed: 2, successful: 2, errors: [], ignored: [], warnings: [], document: [`Warning 90061: ${HEADING}`] });
  });

  test('Fatal lines are about the document; errors and warnings of rows are told apart by what they say', () => {
    const r = readFlatFileReport(
      report(4, 2, [
        ['0', '', '', '90012', 'Fatal', 'The required order-id field is missing from the file.'],
        ['1', A, '11', '18002', 'Error', 'The order id was not found for this merchant.'],
        ['2', B, '22', '18010', 'Warning', 'No cancellation-reason-code: nothing was changed.'],
        ['3', '', '33', '99001', 'Warning', 'The value in carrier-name was ignored.'],
        ['4', C, '44', '99002', 'Warning', 'Ship method is not recognised; Standard is assumed.'],
      ]),
    );
    expect(r.document).toEqual(['Fatal 90012: The required order-id field is missing from the file.']);
    expect(r.errors).toEqual([{ record: 1, orderId: A, message: '18002: The order id was not found for this merchant.' }]);
    expect(r.ignored).toEqual([
      { record: 2, orderId: B, message: '18010: No cancellation-reason-code: nothing was changed.' },
      { record: 3, orderId: '', message: '99001: The value in carrier-name was ignored.' },
    ]);
    expect(r.warnings).toEqual([{ record: 4, orderId: C, message: '99002: Ship method is not recognised; Standard is assumed.' }]);
  });

  test('a report without its table reads as counts only; one without counts has none', () => {
    expect(readFlatFileReport(report(1, 1).split('\noriginal-record-number')[0] ?? '')).toMatchObject({
      processed: 1,
      successful: 1,
      document: [],
    });
    expect(readFlatFileReport('<html>Service Unavailable</html>')).toMatchObject({ processed: undefined, successful: undefined });
  });
});

describe('outcomeOf: what a flat-file report means per order', () => {
  const rows = [A, A, B, C];

  test('a document-level line fails the whole feed, to be sent again', () => {
    expect(
      outcomeOf(
        readFlatFileReport(report(4, 4, [['0', '', '', '90061', 'Warning', HEADING]])),
        '77',
        rows,
        'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
      ),
    ).toEqual({
      ok: false,
      reason: `feed 77: Amazon did not apply it: Warning 90061: ${HEADING}`,
      // The feed as a whole: reported once, not per order.
      feed: { feedId: '77', feedType: 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA', status: 'DONE', message: `Warning 90061: ${HEADING}` },
    });
  });

  test('rows: an error refuses its order, an ignored value makes it one to retry (found by row when the order is not named), a plain warning passes', () => {
    const out = outcomeOf(
      readFlatFileReport(
        report(4, 3, [
          ['1', A, '11', '18004', 'Error', 'Order item 11 is not an item of this order.'],
          ['3', '', '33', '99001', 'Warning', 'The value in this field was ignored.'],
          ['4', C, '44', '99002', 'Warning', 'Ship method is not recognised.'],
        ]),
      ),
      '77',
      rows,
    );
    expect(out).toEqual({
      ok: true,
      errors: new Map([[A, '18004: Order item 11 is not an item of this order.']]),
      retry: new Map([[B, '99001: The value in this field was ignored.']]),
      warnings: new Map([[C, '99002: Ship method is not recognised.']]),
    });
  });

  test('"0 records successful" fails every order the report says nothing about', () => {
    expect(outcomeOf(readFlatFileReport(report(4, 0)), '77', rows)).toMatchObject({
      ok: true,
      othersFailed: 'Amazon reports 0 records successful',
    });
    // Also for a feed an interrupted run left, whose rows are not known here.
    expect(outcomeOf(readFlatFileReport(report(4, 0)), '77', [])).toMatchObject({
      ok: true,
      othersFailed: 'Amazon reports 0 records successful',
    });
  });

  test('a refused or ignored row whose order cannot be told: every order the report does not name is failed', () => {
    const text = report(4, 3, [['2', '', '22', '99001', 'Warning', 'The value in this field was ignored.']]);
    expect(outcomeOf(readFlatFileReport(text), '77', [])).toMatchObject({
      ok: true,
      retry: new Map(),
      othersFailed: 'Amazon named no order for: 99001: The value in this field was ignored.',
    });
    expect(outcomeOf(readFlatFileReport(text), '77', rows)).toMatchObject({
      ok: true,
      retry: new Map([[A, '99001: The value in this field was ignored.']]),
    });
  });

  test('fewer records processed than sent, or no counts at all: nothing unnamed can be taken as done', () => {
    expect(outcomeOf(readFlatFileReport(report(3, 3)), '77', rows)).toMatchObject({
      ok: true,
      othersFailed: 'Amazon processed 3 of the 4 records sent',
    });
    expect(outcomeOf(readFlatFileReport('Feed Processing Summary:\n'), '77', rows)).toEqual({
      ok: false,
      reason: 'feed 77: its processing report has no record counts, so nothing in it can be taken as done',
      feed: expect.objectContaining({ feedId: '77', status: 'DONE' }),
    });
    expect(outcomeOf(readFlatFileReport(report(4, 4)), '77', rows)).toEqual({
      ok: true,
      errors: new Map(),
      retry: new Map(),
      warnings: new Map(),
    });
  });
});

import { parseArgv } from '../../../src/cli';
import { compareCall } from '../../../src/commands/check/record-compare';
import { expectations } from '../../../src/commands/check/record-expect';
import { datePattern, envelopeOf, OTHER_KEYS, shapeOf } from '../../../src/commands/check/record-shape';
import { datedOffsets, zonesFitting } from '../../../src/commands/check/time-zone';

const exp = (call: string) => {
  const e = expectations()[call];
  if (!e) throw new Error(`no expectation for ${call}`);
  return e;
};

test.each([
  ['2026-11-27 10:15:00', 'YYYY-MM-DD HH:MM:SS'],
  ['2026-11-27T10:15:00-07:00', 'YYYY-MM-DDTHH:MM:SS±HH:MM'],
  ['2026-11-27T10:15:00.123Z', 'YYYY-MM-DDTHH:MM:SS.SSSZ'],
  ['2026-11-27T10:15+0530', 'YYYY-MM-DDTHH:MM±HHMM'],
  ['2026-11-27', 'YYYY-MM-DD'],
  ['2026-02-30 10:00:00', 'YYYY-MM-DD HH:MM:SS (not a calendar date)'],
  ['Nov 27, 2026', undefined],
])('a date written %j looks like %j', (text, pattern) => {
  expect(datePattern(text)).toBe(pattern);
});

test('a shape keeps keys, types, presence and date patterns, and no value', () => {
  const rows = [
    {
      id: 101234,
      sku: 'SECRET-SKU',
      shippedDate: '2026-11-27 10:15:00',
      note: '',
      when: '27/11/2026 10:15',
      lines: [{ qty: 1 }, { qty: 2.5 }],
    },
    { id: '101235', sku: null, shippedDate: '', lines: [] },
  ];
  const shape = shapeOf(rows);
  expect(shape).toMatchObject({
    types: ['object'],
    objects: 2,
    keys: {
      id: { present: 2, types: ['number', 'string'], strings: ['text'] },
      sku: { present: 2, types: ['null', 'string'], strings: ['text'] },
      shippedDate: { present: 2, strings: ['YYYY-MM-DD HH:MM:SS', 'empty'] },
      note: { present: 1, strings: ['empty'] },
      // Not a date key: text stays `text`, however it looks.
      when: { present: 1, strings: ['text'] },
      lines: { present: 2, types: ['array'], elements: 2, items: { objects: 2, keys: { qty: { present: 2, types: ['number'] } } } },
    },
  });
  const text = JSON.stringify(shape);
  for (const value of ['101234', '101235', 'SECRET-SKU', '2.5', '27/11']) expect(text).not.toContain(value);
});

test('a date key written another way shows its form, not its value; keys that are data are counted, not listed', () => {
  const shape = shapeOf([{ modifiedDate: '11/27/2026 10:15 AM', bySku: { 'SKU 1': 3, 'SKU 2': 4 } }]);
  expect(shape.keys?.modifiedDate?.strings).toEqual(['unread form 99/99/9999 99:99 aa']);
  expect(Object.keys(shape.keys?.bySku?.keys ?? {})).toEqual([OTHER_KEYS]);
  expect(shape.keys?.bySku?.keys?.[OTHER_KEYS]).toMatchObject({ present: 1, types: ['number'] });
  const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
  expect(Object.keys(shapeOf([many]).keys ?? {})).toEqual([OTHER_KEYS]);
});

test('envelopes: a bare array, an object with its list and meta', () => {
  expect(envelopeOf([])).toEqual({ kind: 'array' });
  expect(envelopeOf({ customerOrders: [], meta: { totalPages: 1 } })).toEqual({ kind: 'object', listKey: 'customerOrders', meta: true });
  expect(envelopeOf({ id: 1, shipments: [] })).toEqual({ kind: 'object', listKey: 'shipments', meta: false, otherKeys: ['id'] });
  expect(envelopeOf('x')).toEqual({ kind: 'other' });
});

const order = { id: 1, orderNumber: 'A', modifiedDate: '2026-11-27T10:15:00-07:00', items: [{ sku: 'S', quantity: 1 }] };
const meta = { page: 1, perPage: 10, totalPages: 1, count: 1 };

test('API 2.0 list: the expected page reads; a bare array, a missing meta, a missing or renamed field, a wrong type are mismatches', () => {
  const list = exp('GET /rest/customer-orders');
  expect(compareCall(list, [{ customerOrders: [order], meta }], [])).toMatchObject({ mismatches: [], alternatives: [], rows: 1 });
  expect(compareCall(list, [[order]], []).mismatches).toEqual([
    'the answer is a bare array; the tool reads `{customerOrders: [...], meta: {totalPages}}`',
  ]);
  expect(compareCall(list, [{ customerOrders: [order] }], []).mismatches).toEqual([
    'there is no `meta` paging block; the tool reads `meta.totalPages` to page',
  ]);
  const { orderNumber: _n, ...renamed } = order;
  expect(compareCall(list, [{ customerOrders: [{ ...renamed, order_number: 'A' }], meta }], []).mismatches).toEqual([
    'rows have `order_number`, the tool reads `orderNumber`',
  ]);
  expect(compareCall(list, [{ customerOrders: [renamed, order], meta }], []).mismatches).toEqual([
    '`orderNumber` is missing in 1 of 2 rows; the tool needs it',
  ]);
  expect(compareCall(list, [{ customerOrders: [{ ...order, items: [{ sku: 5 }] }], meta }], []).mismatches).toEqual([
    '`items[].sku` is number; the tool reads string',
  ]);
  // A key in another case is no alternative on API 2.0: the tool reads it as written.
  expect(compareCall(list, [{ customerOrders: [{ ...renamed, ordernumber: 'A' }], meta }], []).mismatches).toEqual([
    'rows have `ordernumber`, the tool reads `orderNumber`',
  ]);
  // Dates without an offset read in the account zone: accepted.
  expect(compareCall(list, [{ customerOrders: [{ ...order, modifiedDate: '2026-11-27 10:15:00' }], meta }], [])).toMatchObject({
    mismatches: [],
    alternatives: ['dates without an offset (YYYY-MM-DD HH:MM:SS): read as wall time in allocadence.timeZone'],
  });
});

const legacyRow = {
  shippingorderid: 7,
  customerorder: { ordernumber: 'A' },
  carrier: { code: 'UPS', name: 'UPS' },
  shippeddate: '2026-11-27 10:15:00',
  shipments: [{ shipmentid: 8, trackingnumber: 'T', shippeddate: '2026-11-27 10:15:00', carrier: null }],
};

test('legacy list: a bare array is expected; the object envelope and camelCase keys are accepted alternatives; a carrier as text is a mismatch', () => {
  const list = exp('GET /services/rest/shippingorders');
  expect(compareCall(list, [[legacyRow]], [])).toMatchObject({ mismatches: [], alternatives: [] });
  const camel = {
    shippingOrderId: 7,
    customerOrder: { orderNumber: 'A' },
    shipments: [{ shipmentId: 8, trackingNumber: 'T', shippedDate: '2026-11-27 10:15:00' }],
  };
  expect(compareCall(list, [{ shippingOrders: [camel], meta }], [])).toMatchObject({
    mismatches: [],
    alternatives: [
      'rows under `shippingOrders`, not a bare array: read either way',
      'a `meta` block: further pages are read when it says there are more',
      'keys in another case than the lower case the tool prefers (`shippingOrderId`, `customerOrder`, `orderNumber`, `shipmentId`, `trackingNumber`, `shippedDate`): read without case',
    ],
  });
  expect(compareCall(list, [[{ ...legacyRow, carrier: 'UPS' }]], []).mismatches).toEqual([
    '`carrier` is string; the tool reads object (or null)',
  ]);
  expect(compareCall(list, [{ orders: [legacyRow] }], []).mismatches).toEqual([
    'the answer is neither a list nor an object with `shippingOrders` (its list is under `orders`); the tool reads either',
  ]);
  // Whatever the comparison misses, the adapter's own parse does not: kept as a mismatch.
  expect(compareCall(list, [[legacyRow]], ['0.shipments.0.shippeddate: expected a date']).mismatches).toEqual([
    'the tool could not read it: 0.shipments.0.shippeddate: expected a date',
  ]);
});

test('time zones that fit the offsets an order carries, summer and winter alike', () => {
  const dated = datedOffsets({
    orderedDate: '2026-01-15T09:00:00-05:00',
    modifiedDate: '2026-07-15T09:00:00-04:00',
    completedDate: '',
    note: '2026-07-15 09:00:00',
  });
  expect(dated).toEqual([
    { at: Date.parse('2026-01-15T14:00:00Z'), offset: '-05:00' },
    { at: Date.parse('2026-07-15T13:00:00Z'), offset: '-04:00' },
  ]);
  const fits = zonesFitting(dated);
  expect(fits[0]).toBe('America/Toronto');
  expect(fits).toContain('America/New_York');
  expect(fits).not.toContain('America/Chicago');
  expect(zonesFitting(datedOffsets({ a: '2026-07-15T09:00:00Z' }))).toContain('UTC');
});

test('check --record FILE parses; with --offline it is refused', () => {
  const write = { out: () => undefined, err: () => undefined };
  expect(parseArgv(['check', '--record', 'shapes.json'], write)).toMatchObject({
    kind: 'check',
    options: { offline: false, record: 'shapes.json' },
  });
  expect(parseArgv(['check', '--record', 'x.json', '--offline'], write)).toEqual({ kind: 'exit', code: 2 });
});

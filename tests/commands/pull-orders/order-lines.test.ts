import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WarehouseShipment } from '../../../src/allocadence/shipments';
import type { CustomerOrder } from '../../../src/allocadence/types';
import type { Order } from '../../../src/amazon/orders-types';
import { addressDiffers, allocLineOf, coversOrder, importLines, planChanges } from '../../../src/commands/pull-orders/lines';
import { orderItemsFor } from '../../../src/commands/push-shipments/items';
import { createState, openState } from '../../../src/state';
import type { OrderLineRow } from '../../../src/state/order-map';

const line = (orderItemId: string, sku: string, more: Partial<OrderLineRow> = {}): OrderLineRow => ({
  orderItemId,
  sku,
  quantity: 2,
  ordered: 2,
  cancel: null,
  pending: null,
  lineId: null,
  ...more,
});
const item = (
  orderItemId: string,
  sku: string,
  quantity: number,
  cancellation?: Order['orderItems'][number]['cancellation'],
  unfulfilled = quantity,
): Order['orderItems'][number] => ({
  orderItemId,
  quantityOrdered: quantity,
  product: { sellerSku: sku },
  fulfillment: { quantityFulfilled: quantity - unfulfilled, quantityUnfulfilled: unfulfilled },
  ...(cancellation ? { cancellation } : {}),
});
const order = (items: Order['orderItems']): Order => ({
  orderId: '111-1111111-1111111',
  createdTime: '',
  lastUpdatedTime: '',
  salesChannel: { channelName: 'AMAZON' },
  orderItems: items,
});
const alloc = (items: { id: string; sku: string; quantity: number }[]): CustomerOrder => ({ id: '9', orderNumber: 'x', items });

describe('matching an Amazon item to its Allocadence line', () => {
  test('by the line id when the state has it; a line gone is undefined', () => {
    const a = alloc([{ id: '10', sku: 'A', quantity: 2 }]);
    expect(allocLineOf(line('i1', 'A', { lineId: '10' }), [], a)).toMatchObject({ id: '10' });
    expect(allocLineOf(line('i1', 'A', { lineId: '11' }), [], a)).toBeUndefined();
  });

  test('by SKU without one: one line each, or as many on both sides by position; otherwise never guessed', () => {
    const lines = [line('i1', 'A'), line('i2', 'B'), line('i3', 'B')];
    const a = alloc([
      { id: '10', sku: 'A', quantity: 2 },
      { id: '11', sku: 'B', quantity: 1 },
      { id: '12', sku: 'B', quantity: 2 },
    ]);
    expect(allocLineOf(lines[0] as OrderLineRow, lines, a)).toMatchObject({ id: '10' });
    expect(allocLineOf(lines[2] as OrderLineRow, lines, a)).toMatchObject({ id: '12' });
    // One of the two B lines was taken off earlier: which one is left cannot be told.
    const fewer = alloc([
      { id: '10', sku: 'A', quantity: 2 },
      { id: '12', sku: 'B', quantity: 2 },
    ]);
    expect(allocLineOf(lines[1] as OrderLineRow, lines, fewer)).toBe('ambiguous');
    // A line id known for one of them leaves the other matched by elimination.
    const known = [line('i1', 'A'), line('i2', 'B', { lineId: '11' }), line('i3', 'B')];
    expect(allocLineOf(known[2] as OrderLineRow, known, a)).toMatchObject({ id: '12' });
  });
});

describe('what Amazon asks of the lines', () => {
  test('import: cancelled and buyer-requested items are not sent, and wait at 0 in the state', () => {
    const o = order([
      item('i1', 'A', 2),
      item('i2', 'B', 1, { cancellationExecution: { cancelledBy: 'AMAZON' } }, 0),
      item('i3', 'C', 1, { cancellationRequest: { requester: 'BUYER' } }),
    ]);
    expect(importLines(o)).toEqual([
      { orderItemId: 'i1', sku: 'A', ordered: 2, quantity: 2 },
      { orderItemId: 'i2', sku: 'B', ordered: 1, quantity: 0, cancel: 'amazon', pending: 0 },
      { orderItemId: 'i3', sku: 'C', ordered: 1, quantity: 0, cancel: 'buyer', pending: 0 },
    ]);
  });

  test('changes: a cancelled line, a request, a lower quantity, an unfinished change; nothing twice', () => {
    const o = order([
      item('i1', 'A', 2, { cancellationExecution: { cancelledBy: 'BUYER' } }, 0),
      item('i2', 'B', 2, { cancellationRequest: { requester: 'BUYER' } }),
      item('i3', 'C', 1),
      item('i4', 'D', 2),
      item('i5', 'E', 2, { cancellationRequest: { requester: 'BUYER' } }),
    ]);
    const lines = [
      line('i1', 'A'),
      line('i2', 'B'),
      line('i3', 'C', { ordered: 3, quantity: 3 }),
      line('i4', 'D', { pending: 1 }),
      line('i5', 'E', { cancel: 'buyer', quantity: 0 }),
    ];
    expect(planChanges(o, lines).map((p) => [p.line.orderItemId, p.kind, p.by, p.left])).toEqual([
      ['i1', 'amazon', 0, 0],
      ['i2', 'buyer', 0, 0],
      ['i3', 'quantity', 2, 1],
      ['i4', 'retry', 0, 2],
    ]);
  });

  test('a request covers the order when no line still to ship is left out (a line the warehouse kept counts as shipping)', () => {
    const asked = { cancellationRequest: { requester: 'BUYER' } };
    const o = order([
      item('i1', 'A', 1, asked),
      item('i2', 'B', 1, { cancellationExecution: { cancelledBy: 'AMAZON' } }, 0),
      item('i3', 'C', 1, undefined, 0),
    ]);
    expect(coversOrder(o, [])).toBe(true);
    expect(coversOrder(o, [line('i1', 'A', { cancel: 'buyer-kept' })])).toBe(false);
    expect(coversOrder(order([item('i1', 'A', 1, asked), item('i2', 'B', 1)]), [])).toBe(false);
  });

  test('an address differs only by what a warehouse would not reformat', () => {
    const amazon = { line1: '1 Main St.', city: 'Springfield', zip: '97477', countryCode: 'US' };
    expect(addressDiffers(amazon, { line1: '1 MAIN ST', city: 'springfield', zip: '97477', countryCode: 'US', line2: '' })).toBe(false);
    expect(addressDiffers(amazon, { line1: '2 Main St', city: 'Springfield', zip: '97477', countryCode: 'US' })).toBe(true);
  });
});

describe('a package to Amazon items', () => {
  const pkg = (lines: WarehouseShipment['lines']): WarehouseShipment => ({
    key: '1/2',
    id: '2',
    shippingOrderId: '1',
    orderNumber: 'x',
    carrier: 'UPS',
    carrierCode: 'UPS',
    service: '',
    trackingNumber: 'T',
    shippedDate: '',
    orderedDate: undefined,
    lines,
    warnings: [],
  });

  test('one SKU on two items: each unit goes to an item that still expects units', () => {
    const expected = [
      { orderItemId: 'i1', sku: 'A', quantity: 0 },
      { orderItemId: 'i2', sku: 'A', quantity: 1 },
    ];
    expect(orderItemsFor(pkg([{ sku: 'A', quantity: 1 }]), expected)).toEqual({
      ok: true,
      orderItems: [{ orderItemId: 'i2', quantity: 1 }],
      dropped: [],
    });
  });

  test('units no item expects are left out and named; a package of nothing expected is refused; an unknown SKU is an error', () => {
    const expected = [
      { orderItemId: 'i1', sku: 'A', quantity: 2 },
      { orderItemId: 'i2', sku: 'B', quantity: 0 },
    ];
    expect(
      orderItemsFor(
        pkg([
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 1 },
        ]),
        expected,
      ),
    ).toEqual({ ok: true, orderItems: [{ orderItemId: 'i1', quantity: 2 }], dropped: ['1 × B'] });
    expect(orderItemsFor(pkg([{ sku: 'B', quantity: 1 }]), expected)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no longer expects anything this package holds \(1 × B\)/),
    });
    expect(orderItemsFor(pkg([{ sku: 'Z', quantity: 1 }]), expected)).toEqual({ ok: false, reason: 'SKU Z is not on the Amazon order' });
  });
});

describe('state: shipments and the units Amazon still expects', () => {
  test('a package confirmed takes its units off once, however often it is recorded', () => {
    const state = createState(openState(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lines-')), 's.sqlite')), {
      pid: 1,
      host: 'h',
      isAlive: () => true,
      staleAfterMs: 60_000,
    });
    const now = '2026-12-01T00:00:00Z';
    state.orders.markCreating(
      { seller: 's', marketplace: 'M', amazonOrderId: 'o', amazonStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
      [{ orderItemId: 'i1', sku: 'A', quantity: 3 }],
      now,
    );
    const row = { allocShipmentId: 'p1', amazonOrderId: 'o', packageReferenceId: '1', fingerprint: 'f' };
    state.ledgers.setShipment('s', { ...row, status: 'confirming', orderItems: [{ orderItemId: 'i1', quantity: 2 }] }, now);
    expect(state.orders.items('o')[0]?.quantity).toBe(3);
    // Found on Amazon after a crash: the items recorded with the attempt count.
    state.ledgers.setShipment('s', { ...row, status: 'confirmed' }, now);
    state.ledgers.setShipment('s', { ...row, status: 'confirmed' }, now);
    expect(state.orders.items('o')[0]?.quantity).toBe(1);
    expect(state.ledgers.itemsKnown('o')).toBe(true);
    state.db.close();
  });
});

import type { SimCustomerOrder } from '../../src/simulator/allocadence';
import { allocadenceCall, useAllocadenceSims, type AllocadenceHarness } from '../helpers/allocadence-sim';

interface Body extends SimCustomerOrder {
  code: string;
  message: string;
  parameter?: string;
}

const start = useAllocadenceSims();
const call = allocadenceCall<Body>();

/** An order of two lines, SKU-0001 ×2 and SKU-0002 ×3, created at T0. */
async function twoLines(h: AllocadenceHarness): Promise<SimCustomerOrder> {
  const res = await call(h.sim, 'POST', '/rest/customer-orders', {
    orderNumber: 'U-1',
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
    items: [
      { sku: 'SKU-0001', quantity: 2 },
      { sku: 'SKU-0002', quantity: 3 },
    ],
  });
  expect(res.status).toBe(201);
  return res.json();
}

const put = (h: AllocadenceHarness, id: number, body: unknown) => call(h.sim, 'PUT', `/rest/customer-orders/${id}`, body);

describe('PUT /rest/customer-orders/{id} with items (evidence §2.7: partial body, lines by their id, quantity 0 deletes)', () => {
  it('sets a line quantity and deletes a line at 0, by line id as the order JSON gives it; modifiedDate moves', async () => {
    const h = await start();
    const order = await twoLines(h);
    const [first, second] = order.items;
    h.clock.ms += 60_000;
    const res = await put(h, order.id, {
      items: [
        { id: first?.id, quantity: 1 },
        { id: String(second?.id), quantity: 0 },
      ],
    });
    expect(res.status).toBe(200);
    const after = res.json();
    expect(after.items.map((l) => [l.id, l.sku, l.quantity, l.orderQuantity])).toEqual([[first?.id, 'SKU-0001', 1, 1]]);
    expect(Date.parse(after.modifiedDate)).toBe(Date.parse(order.modifiedDate) + 60_000);
    // The rest of the order is left as it was: the body is partial.
    expect(after.shippingAddress).toEqual(order.shippingAddress);
  });

  it('adds a line given by sku without an id', async () => {
    const h = await start();
    const order = await twoLines(h);
    const res = await put(h, order.id, { items: [{ sku: 'SKU-0003', quantity: 4 }] });
    expect(res.status).toBe(200);
    expect(res.json().items.map((l) => [l.sku, l.quantity])).toEqual([
      ['SKU-0001', 2],
      ['SKU-0002', 3],
      ['SKU-0003', 4],
    ]);
  });

  it.each([
    ['a line of another order', () => ({ items: [{ id: 1, quantity: 0 }] }), 'items.id', /has no line 1/],
    ['a negative quantity', (o: SimCustomerOrder) => ({ items: [{ id: o.items[0]?.id, quantity: -1 }] }), 'items.quantity', /0 or more/],
    [
      'the same line twice',
      (o: SimCustomerOrder) => ({
        items: [
          { id: o.items[0]?.id, quantity: 1 },
          { id: o.items[0]?.id, quantity: 0 },
        ],
      }),
      'items.id',
      /given twice/,
    ],
    ['items that are not a list', () => ({ items: { id: 1 } }), 'items', /must be an array/],
  ])('refuses %s, naming the parameter, and changes nothing', async (_what, body, parameter, message) => {
    const h = await start();
    const order = await twoLines(h);
    const res = await put(h, order.id, body(order));
    expect([res.status, res.json().code, res.json().parameter]).toEqual([400, 'invalid_parameter', parameter]);
    expect(res.json().message).toMatch(message);
    expect(h.sim.orders()[0]?.items.map((l) => l.quantity)).toEqual([2, 3]);
  });

  it('refuses to take a line below what shipped', async () => {
    const h = await start();
    const order = await twoLines(h);
    h.sim.ship({ orderNumber: 'U-1', carrier: 'UPS', service: 'Ground', trackingNumber: '1Z', lines: [{ sku: 'SKU-0001', quantity: 1 }] });
    const res = await put(h, order.id, { items: [{ id: order.items[0]?.id, quantity: 0 }] });
    expect([res.status, res.json().parameter]).toEqual([400, 'items.quantity']);
    expect(res.json().message).toMatch(/1 unit\(s\) shipped/);
  });

  it.each(['cancelled', 'completed'] as const)('refuses any change to a %s order', async (state) => {
    const h = await start();
    const order = await twoLines(h);
    if (state === 'cancelled') h.sim.cancelOrder('U-1', 'Out of stock');
    else h.sim.completeOrder('U-1');
    const res = await put(h, order.id, { items: [{ id: order.items[0]?.id, quantity: 1 }] });
    expect([res.status, res.json().code]).toEqual([400, 'invalid_state']);
    expect(h.sim.orders()[0]?.items.map((l) => l.quantity)).toEqual([2, 3]);
  });

  it('shows what the warehouse picked; shipping picks what it ships', async () => {
    const h = await start();
    await twoLines(h);
    expect(h.sim.pickOrder('U-1', [{ sku: 'SKU-0002', quantity: 2 }]).items.map((l) => l.pickedQuantity)).toEqual([0, 2]);
    h.sim.ship({ orderNumber: 'U-1', carrier: 'UPS', service: 'Ground', trackingNumber: '1Z', lines: [{ sku: 'SKU-0001', quantity: 1 }] });
    expect(h.sim.orders()[0]?.items.map((l) => [l.pickedQuantity, l.shippedQuantity])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(() => h.sim.pickOrder('U-1', [{ sku: 'SKU-0002', quantity: 2 }])).toThrow(/fewer unpicked units/);
  });
});

describe('a completed order: customer and address edits per completedOrderEdits (unknown on the real API), lines never', () => {
  const blank = {
    customer: { name: 'REDACTED', surname: '', email: '' },
    shippingAddress: { line1: 'REDACTED', city: 'REDACTED', countryCode: 'US', phone: '' },
  };

  it('accepts a customer and address change by default (the platform redacts completed Amazon orders itself, evidence §3)', async () => {
    const h = await start();
    const order = await twoLines(h);
    h.sim.completeOrder('U-1');
    const res = await put(h, order.id, { ...blank, billingAddress: { sameAsShipping: true } });
    expect(res.status).toBe(200);
    expect(h.sim.orders()[0]).toMatchObject({
      completed: true,
      customer: { name: 'REDACTED', email: '' },
      shippingAddress: { line1: 'REDACTED', city: 'REDACTED' },
      billingAddress: { line1: 'REDACTED' },
    });
  });

  it('refuses it with completedOrderEdits=refuse, as it refuses any change to a cancelled order', async () => {
    const h = await start();
    const order = await twoLines(h);
    h.sim.completeOrder('U-1');
    h.sim.setBehaviour({ completedOrderEdits: 'refuse' });
    const res = await put(h, order.id, blank);
    expect([res.status, res.json().code]).toEqual([400, 'invalid_state']);
    expect(h.sim.orders()[0]?.customer).toMatchObject({ name: 'Ada', surname: 'Lovelace' });
  });

  it('lists completed orders by completedDate with completedDateConditional, like modifiedDate (whole days of the account)', async () => {
    const h = await start();
    await twoLines(h);
    h.sim.completeOrder('U-1', h.clock.ms - 40 * 86_400_000);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const list = async (params: string) =>
      (await call(h.sim, 'GET', `/rest/customer-orders?completed=true&${params}`)).json() as unknown as { customerOrders: unknown[] };
    expect(
      (await list(`completedDate=${day(h.clock.ms - 50 * 86_400_000)}&completedDateConditional=on_or_after`)).customerOrders,
    ).toHaveLength(1);
    expect(
      (await list(`completedDate=${day(h.clock.ms - 20 * 86_400_000)}&completedDateConditional=on_or_after`)).customerOrders,
    ).toHaveLength(0);
    expect(
      (await list(`completedDate=${day(h.clock.ms - 20 * 86_400_000)}&completedDateConditional=on_or_before`)).customerOrders,
    ).toHaveLength(1);
  });
});

import { CustomerOrders, type NewOrder } from '../../src/simulator/allocadence/customer-orders';
import { accountClock, formatInstant } from '../../src/simulator/allocadence/dates';
import { OrderStore } from '../../src/simulator/amazon/order-store';
import { accountOffset, accountWallTime } from '../../src/allocadence/account-time';

/** The simulators' lookups by key answer what a scan in creation order would, whatever changed since. */

const NOW = Date.parse('2026-11-27T12:00:00Z');

function newOrder(orderNumber: string): NewOrder {
  return {
    orderNumber,
    orderReference: null,
    orderSource: 'API',
    orderedAt: undefined,
    warehouse: { id: 1, name: 'Main' },
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
    billingAddress: null,
    draft: false,
    lines: [],
    notes: { internalNote: null, noteFromCustomer: null, noteToCustomer: null },
  } as unknown as NewOrder;
}

describe('Allocadence customer orders by id and number', () => {
  it('finds an order by id and number after it was updated, cancelled or completed', () => {
    const orders = new CustomerOrders(100, 1000, () => NOW);
    const a = orders.create(newOrder('A-1'));
    const b = orders.create(newOrder('B-1'));
    const c = orders.create(newOrder('C-1'));
    orders.update(a, { shippingAddress: { ...a.shippingAddress, city: 'Shelbyville' } });
    orders.cancel(b, 'buyer');
    orders.complete(c);
    for (const o of [a, b, c]) {
      expect(orders.findById(o.id)).toBe(o);
      expect(orders.findByNumber(o.orderNumber)).toBe(o);
    }
    expect(orders.findByNumber('A-1')?.shippingAddress.city).toBe('Shelbyville');
    expect(orders.findByNumber('B-1')?.cancelledAt).not.toBeNull();
    expect(orders.findByNumber('Z-9')).toBeUndefined();
    expect(orders.findById(99)).toBeUndefined();
  });

  it('answers a number given twice with the first order, as a scan would', () => {
    const orders = new CustomerOrders(100, 1000, () => NOW);
    const first = orders.create(newOrder('DUP'));
    orders.create(newOrder('DUP'));
    expect(orders.findByNumber('DUP')).toBe(first);
    expect(orders.all().filter((o) => o.orderNumber === 'DUP')).toHaveLength(2);
  });
});

describe('Allocadence dates', () => {
  it('writes each instant as the wall time and offset helpers do, across summer-time changes', () => {
    const zones = ['UTC', 'America/Toronto', 'America/Phoenix', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/Berlin'];
    for (const zone of zones) {
      const clock = accountClock(zone);
      // Every 3 hours and 7 seconds across a year: both sides of each zone's changes, and odd seconds.
      for (let ms = Date.parse('2026-01-01T00:00:00.250Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 10_807_000) {
        const at = Math.floor(ms / 1000) * 1000;
        expect(formatInstant(ms, clock)).toBe(`${accountWallTime(at, zone).replace(' ', 'T')}${accountOffset(at, zone)}`);
      }
    }
  });
});

describe('Amazon orders by seller', () => {
  const sellers = [
    { sellerId: 'S1', marketplaceIds: ['ATVPDKIKX0DER'] },
    { sellerId: 'S2', marketplaceIds: ['ATVPDKIKX0DER'] },
  ];
  const batch = (n: number, from: number): unknown => ({
    orders: Array.from({ length: n }, (_, i) => {
      const t = new Date(from + i * 60_000).toISOString();
      return {
        status: 'UNSHIPPED',
        fulfilledBy: 'MERCHANT',
        createdTime: t,
        lastUpdatedTime: t,
        items: [{ sku: 'SKU-0001', quantity: 2 }],
      };
    }),
  });

  it("lists each seller's own orders in the order added, also after they changed", () => {
    const store = new OrderStore(42, sellers);
    const start = NOW - 86_400_000;
    const s1 = store.add(batch(3, start), NOW, 'S1');
    const s2 = store.add(batch(2, start), NOW, 'S2');
    const more = store.add(batch(2, start + 3_600_000), NOW, 'S1');
    const [first, second] = s1.map((o) => o.orderId);
    store.update(first as string, { status: 'CANCELLED', lastUpdatedTime: new Date(NOW - 60_000).toISOString() }, NOW);
    const item = store.get(second as string)?.items[0]?.orderItemId as string;
    store.edit(
      second as string,
      { items: [{ orderItemId: item, quantity: 1 }], lastUpdatedTime: new Date(NOW - 30_000).toISOString() },
      NOW,
    );
    expect(store.forSeller('S1').map((o) => o.orderId)).toEqual([...s1, ...more].map((o) => o.orderId));
    expect(store.forSeller('S2').map((o) => o.orderId)).toEqual(s2.map((o) => o.orderId));
    expect(store.forSeller('S3')).toEqual([]);
    const changed = store.forSeller('S1');
    expect(changed[0]?.status).toBe('CANCELLED');
    expect(changed[0]?.lastUpdatedMs).toBe(NOW - 60_000);
    expect(changed[1]?.lastUpdatedMs).toBe(NOW - 30_000);
    // A caller's copy of the list does not change the store's.
    changed.pop();
    expect(store.forSeller('S1')).toHaveLength(5);
  });
});

import type { WarehouseShipment } from '../../src/allocadence/shipments';
import type { CustomerOrder } from '../../src/allocadence/types';
import type { Order, OrderItem } from '../../src/amazon/orders-types';
import { orderFindings } from '../../src/commands/reconcile/orders';
import { mergeUnknown, stockFinding } from '../../src/commands/reconcile/stock';
import type { Finding, OrderPair, ReconcileOptions } from '../../src/commands/reconcile/types';

const MP = 'ATVPDKIKX0DER';
const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-10T12:00:00Z');
const options: ReconcileOptions = { now: NOW, lateWithinMs: 24 * HOUR, knownSkus: new Set(['A', 'B']) };

interface ItemSpec {
  sku: string;
  qty?: number;
  shipped?: number;
  cancelled?: boolean;
  requested?: boolean;
}

function item(i: ItemSpec, n: number): OrderItem {
  const qty = i.qty ?? 1;
  const shipped = i.shipped ?? 0;
  return {
    orderItemId: `item-${n}`,
    quantityOrdered: qty,
    product: { sellerSku: i.sku },
    ...(i.cancelled || i.requested
      ? {
          cancellation: {
            ...(i.requested ? { cancellationRequest: { requester: 'BUYER' } } : {}),
            ...(i.cancelled ? { cancellationExecution: { cancelledBy: 'BUYER' } } : {}),
          },
        }
      : {}),
    fulfillment: { quantityFulfilled: shipped, quantityUnfulfilled: i.cancelled ? 0 : qty - shipped },
  };
}

function amazon(status: string, items: ItemSpec[], extra: { shipByInHours?: number; tracking?: string[] } = {}): Order {
  return {
    orderId: '111-0000001-0000001',
    createdTime: new Date(NOW - 5 * HOUR).toISOString(),
    lastUpdatedTime: new Date(NOW - HOUR).toISOString(),
    salesChannel: { channelName: 'Amazon.com', marketplaceId: MP },
    fulfillment: {
      fulfillmentStatus: status as NonNullable<Order['fulfillment']>['fulfillmentStatus'],
      fulfilledBy: 'MERCHANT',
      shipByWindow: { latestDateTime: new Date(NOW + (extra.shipByInHours ?? 48) * HOUR).toISOString() },
    },
    orderItems: items.map(item),
    ...(extra.tracking
      ? { packages: extra.tracking.map((trackingNumber, n) => ({ packageReferenceId: String(n + 1), trackingNumber })) }
      : {}),
  };
}

function warehouse(lines: { sku: string; qty: number }[], flags: Partial<CustomerOrder> = {}): CustomerOrder {
  return { id: '900', orderNumber: '111-0000001-0000001', items: lines.map((l) => ({ sku: l.sku, quantity: l.qty })), ...flags };
}

function pkg(trackingNumber: string, lines: { sku: string; quantity: number }[]): WarehouseShipment {
  return {
    key: `1/${trackingNumber}`,
    id: `pkg-${trackingNumber}`,
    shippingOrderId: '1',
    orderNumber: '111-0000001-0000001',
    carrier: 'UPS',
    carrierCode: 'UPS',
    service: 'Ground',
    trackingNumber,
    shippedDate: new Date(NOW - HOUR).toISOString(),
    orderedDate: undefined,
    lines,
    warnings: [],
  };
}

const pair = (a: Order, w?: CustomerOrder, packages: WarehouseShipment[] = []): OrderPair => ({
  marketplaceId: MP,
  amazon: a,
  warehouse: w,
  packages,
});
const kinds = (fs: Finding[]): string[] => fs.map((f) => f.kind);
const AB = [
  { sku: 'A', qty: 1 },
  { sku: 'B', qty: 1 },
];

describe('orders: each kind, and the near misses that are not findings', () => {
  test('missing-in-allocadence: open on Amazon, no warehouse order; repaired by pull-orders', () => {
    const [f] = orderFindings(pair(amazon('UNSHIPPED', [{ sku: 'A' }])), options);
    expect(f).toMatchObject({ kind: 'missing-in-allocadence', repair: { via: 'pull-orders' } });
  });

  test('not missing: an order Amazon cancelled before it was imported, a shipped one, a pending one', () => {
    expect(orderFindings(pair(amazon('CANCELLED', [{ sku: 'A', cancelled: true }])), options)).toEqual([]);
    expect(orderFindings(pair(amazon('SHIPPED', [{ sku: 'A', shipped: 1 }])), options)).toEqual([]);
    expect(orderFindings(pair(amazon('PENDING', [{ sku: 'A' }])), options)).toEqual([]);
  });

  test('an order naming a SKU the warehouse lacks is unknown-sku, not missing (pull-orders could not import it)', () => {
    const found = orderFindings(pair(amazon('UNSHIPPED', [{ sku: 'A' }, { sku: 'Z' }])), options);
    expect(found.map((f) => [f.kind, f.key])).toEqual([['unknown-sku', 'Z']]);
    expect(found[0]?.manual).toMatch(/create the item/);
    // A cancelled line of an unknown SKU need not be imported: the rest is simply missing.
    expect(kinds(orderFindings(pair(amazon('UNSHIPPED', [{ sku: 'A' }, { sku: 'Z', cancelled: true }])), options))).toEqual([
      'missing-in-allocadence',
    ]);
  });

  test('the buyer asked to cancel everything before import: cancel-not-pushed (Amazon is told), not missing', () => {
    const found = orderFindings(pair(amazon('UNSHIPPED', [{ sku: 'A', requested: true }])), options);
    expect(found).toMatchObject([{ kind: 'cancel-not-pushed', repair: { via: 'push-status' } }]);
  });

  test('cancel-not-applied: Amazon cancelled the order, the warehouse holds it open; repaired by pull-orders', () => {
    const found = orderFindings(pair(amazon('CANCELLED', [{ sku: 'A', cancelled: true }]), warehouse([{ sku: 'A', qty: 1 }])), options);
    expect(found).toMatchObject([{ kind: 'cancel-not-applied', repair: { via: 'pull-orders' } }]);
  });

  test('cancel-not-applied, the warehouse already shipped: no repair is offered, the reason says why', () => {
    const shipped = pair(amazon('CANCELLED', [{ sku: 'A', cancelled: true }]), warehouse([{ sku: 'A', qty: 1 }]), [
      pkg('T1', [{ sku: 'A', quantity: 1 }]),
    ]);
    const completed = pair(amazon('CANCELLED', [{ sku: 'A', cancelled: true }]), warehouse([{ sku: 'A', qty: 1 }], { completed: true }));
    for (const p of [shipped, completed]) {
      const [f, ...rest] = orderFindings(p, options);
      expect(rest).toEqual([]);
      expect(f?.kind).toBe('cancel-not-applied');
      expect(f?.repair).toBeUndefined();
      expect(f?.manual).toMatch(/does not cancel an order the warehouse already shipped/);
    }
  });

  test('not cancel-not-applied: cancelled on both sides', () => {
    const p = pair(amazon('CANCELLED', [{ sku: 'A', cancelled: true }]), warehouse([{ sku: 'A', qty: 1 }], { cancelled: true }));
    expect(orderFindings(p, options)).toEqual([]);
  });

  test('a line cancelled on Amazon and still held is cancel-not-applied; once zeroed in the warehouse it is not', () => {
    const a = amazon('UNSHIPPED', [{ sku: 'A' }, { sku: 'B', cancelled: true }]);
    const held = orderFindings(pair(a, warehouse(AB)), options);
    expect(held).toMatchObject([{ kind: 'cancel-not-applied', detail: expect.stringMatching(/line\(s\) B cancelled/) }]);
    const zeroed = warehouse([
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 0 },
    ]);
    expect(orderFindings(pair(a, zeroed), options)).toEqual([]);
    // A line never sent to the warehouse is as good as zeroed.
    expect(orderFindings(pair(a, warehouse([{ sku: 'A', qty: 1 }])), options)).toEqual([]);
  });

  test('buyer-cancel-request while the warehouse holds the line; cancel-not-pushed once it took it off', () => {
    const a = amazon('UNSHIPPED', [{ sku: 'A' }, { sku: 'B', requested: true }]);
    expect(orderFindings(pair(a, warehouse(AB)), options)).toMatchObject([
      { kind: 'buyer-cancel-request', repair: { via: 'pull-orders' } },
    ]);
    const takenOff = warehouse([
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 0 },
    ]);
    expect(orderFindings(pair(a, takenOff), options)).toMatchObject([{ kind: 'cancel-not-pushed', repair: { via: 'push-status' } }]);
  });

  test('cancel-not-pushed: cancelled in the warehouse, open on Amazon; repaired by push-status, whose guard decides', () => {
    const p = pair(
      amazon(
        'UNSHIPPED',
        AB.map((l) => ({ sku: l.sku })),
      ),
      warehouse(AB, { cancelled: true, cancelledReason: 'damaged' }),
    );
    expect(orderFindings(p, options)).toMatchObject([
      { kind: 'cancel-not-pushed', detail: expect.stringMatching(/damaged/), repair: { via: 'push-status' } },
    ]);
  });

  test('cancel-not-pushed on an order Amazon shows shipped: a finding without a repair (Amazon cancels no shipped order)', () => {
    const p = pair(amazon('SHIPPED', [{ sku: 'A', shipped: 1 }]), warehouse([{ sku: 'A', qty: 1 }], { cancelled: true }));
    const [f, ...rest] = orderFindings(p, options);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'cancel-not-pushed', detail: expect.stringMatching(/SHIPPED on Amazon/) });
    expect(f?.repair).toBeUndefined();
    expect(f?.manual).toMatch(/does not cancel an order it shows shipped/);
  });

  test('shipment-not-confirmed: a warehouse package Amazon lacks, open or shipped there (another tracking number)', () => {
    const open = pair(amazon('UNSHIPPED', [{ sku: 'A' }]), warehouse([{ sku: 'A', qty: 1 }]), [pkg('T1', [{ sku: 'A', quantity: 1 }])]);
    expect(orderFindings(open, options)).toMatchObject([{ kind: 'shipment-not-confirmed', repair: { via: 'push-shipments' } }]);
    const other = pair(amazon('SHIPPED', [{ sku: 'A', shipped: 1 }], { tracking: ['T9'] }), warehouse([{ sku: 'A', qty: 1 }]), [
      pkg('T1', [{ sku: 'A', quantity: 1 }]),
    ]);
    expect(orderFindings(other, options)).toMatchObject([{ kind: 'shipment-not-confirmed', detail: expect.stringMatching(/T9/) }]);
  });

  test('completed in the warehouse without a shipment record and open on Amazon: shipment-not-confirmed via push-status', () => {
    const p = pair(amazon('UNSHIPPED', [{ sku: 'A' }]), warehouse([{ sku: 'A', qty: 1 }], { completed: true }));
    expect(orderFindings(p, options)).toMatchObject([{ kind: 'shipment-not-confirmed', repair: { via: 'push-status' } }]);
  });

  test('not unconfirmed: a partially shipped order whose first package Amazon shows, the rest still open', () => {
    const a = amazon('PARTIALLY_SHIPPED', [{ sku: 'A', shipped: 1 }, { sku: 'B' }], { tracking: ['T1'] });
    expect(orderFindings(pair(a, warehouse(AB), [pkg('T1', [{ sku: 'A', quantity: 1 }])]), options)).toEqual([]);
  });

  test('a second package Amazon does not count yet is unconfirmed, even when its tracking number is known', () => {
    const a = amazon('PARTIALLY_SHIPPED', [{ sku: 'A', qty: 2, shipped: 1 }], { tracking: ['T1'] });
    const packages = [pkg('T1', [{ sku: 'A', quantity: 1 }]), pkg('T1', [{ sku: 'A', quantity: 1 }])];
    expect(kinds(orderFindings(pair(a, warehouse([{ sku: 'A', qty: 2 }]), packages), options))).toEqual(['shipment-not-confirmed']);
  });

  test('late-shipment-risk: not shipped within the threshold or past it; not once the warehouse shipped or completed it', () => {
    const soon = amazon('UNSHIPPED', [{ sku: 'A' }], { shipByInHours: 23 });
    expect(orderFindings(pair(soon, warehouse([{ sku: 'A', qty: 1 }])), options)).toMatchObject([
      { kind: 'late-shipment-risk', detail: expect.stringMatching(/due in 23 h/) },
    ]);
    const past = amazon('UNSHIPPED', [{ sku: 'A' }], { shipByInHours: -3 });
    expect(orderFindings(pair(past, warehouse([{ sku: 'A', qty: 1 }])), options)).toMatchObject([
      { kind: 'late-shipment-risk', detail: expect.stringMatching(/3 h overdue/) },
    ]);
    const later = amazon('UNSHIPPED', [{ sku: 'A' }], { shipByInHours: 25 });
    expect(orderFindings(pair(later, warehouse([{ sku: 'A', qty: 1 }])), options)).toEqual([]);
    expect(kinds(orderFindings(pair(soon, warehouse([{ sku: 'A', qty: 1 }], { completed: true })), options))).not.toContain(
      'late-shipment-risk',
    );
    expect(kinds(orderFindings(pair(soon, warehouse([{ sku: 'A', qty: 1 }]), [pkg('T1', [{ sku: 'A', quantity: 1 }])]), options))).toEqual([
      'shipment-not-confirmed',
    ]);
    // Not in the warehouse at all: both missing and at risk.
    expect(kinds(orderFindings(pair(soon), options))).toEqual(['missing-in-allocadence', 'late-shipment-risk']);
  });

  test('an order in agreement on both sides has no finding', () => {
    expect(orderFindings(pair(amazon('UNSHIPPED', [{ sku: 'A' }, { sku: 'B' }]), warehouse(AB)), options)).toEqual([]);
  });
});

describe('stock: what Amazon offers against what push-stock would offer', () => {
  const known = new Set(['A']);
  test('stock-drift either way, repaired with push-stock quantity (down when the warehouse holds less)', () => {
    expect(stockFinding({ marketplaceId: MP, sku: 'A', offered: 10, wanted: 3 }, known)).toMatchObject({
      kind: 'stock-drift',
      repair: { via: 'push-stock', quantity: 3 },
    });
    expect(stockFinding({ marketplaceId: MP, sku: 'A', offered: 0, wanted: 4 }, known)).toMatchObject({ repair: { quantity: 4 } });
  });

  test('not drift: equal quantities, or a SKU whose warehouse stock cannot be trusted now (push-stock leaves it alone)', () => {
    expect(stockFinding({ marketplaceId: MP, sku: 'A', offered: 3, wanted: 3 }, known)).toBeUndefined();
    expect(stockFinding({ marketplaceId: MP, sku: 'A', offered: 9, wanted: 3, unreadable: 'two rows disagree' }, known)).toBeUndefined();
  });

  test('a listing the warehouse lacks is unknown-sku, one finding however many orders and listings name it', () => {
    const listing = stockFinding({ marketplaceId: MP, sku: 'Z', offered: 2, wanted: undefined }, known);
    expect(listing).toMatchObject({ kind: 'unknown-sku', manual: expect.stringMatching(/create the item/) });
    const fromOrder: Finding = { kind: 'unknown-sku', key: 'Z', detail: 'on open order 1', marketplaceId: MP };
    const merged = mergeUnknown([listing as Finding, fromOrder, { ...fromOrder, marketplaceId: 'A1F83G8C2ARO7P' }]);
    expect(merged.map((f) => [f.key, f.marketplaceId])).toEqual([
      ['Z', MP],
      ['Z', 'A1F83G8C2ARO7P'],
    ]);
    expect(merged[0]?.detail).toMatch(/listed on Amazon.*; on open order 1|on open order 1; listed on Amazon/);
  });
});

import { itemNow } from '../../amazon/order-items';
import type { Order } from '../../amazon/orders-types';
import type { CustomerOrder } from '../../allocadence/types';
import type { Finding, OrderPair, ReconcileOptions } from './types';

const OPEN = new Set(['UNSHIPPED', 'PARTIALLY_SHIPPED']);
const HOUR = 3_600_000;
/** What a person does about an unknown SKU: no direction creates warehouse items. */
export const NO_SUCH_ITEM = 'create the item in Allocadence, or correct the SKU on Amazon';

function add(map: Map<string, number>, sku: string, n: number): void {
  map.set(sku, (map.get(sku) ?? 0) + n);
}

/** Units the warehouse order still holds per SKU (a line taken off has quantity 0). */
function warehouseUnits(w: CustomerOrder): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of w.items ?? []) add(out, l.sku, l.quantity ?? l.orderQuantity ?? 0);
  return out;
}

/** Per SKU, the units Amazon still wants the warehouse to hold: lines not cancelled, and optionally not asked to cancel. */
function amazonUnits(o: Order, withoutRequested: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of o.orderItems) {
    const now = itemNow(i);
    add(out, i.product.sellerSku ?? '', now.cancelled || (withoutRequested && now.requested) ? 0 : i.quantityOrdered);
  }
  return out;
}

function skusWhere(o: Order, pick: (now: ReturnType<typeof itemNow>) => boolean): string[] {
  return [...new Set(o.orderItems.filter((i) => pick(itemNow(i))).map((i) => i.product.sellerSku ?? ''))].sort();
}

/** SKUs of `skus` the warehouse still holds more of than Amazon wants. */
function overHeld(w: CustomerOrder, wanted: Map<string, number>, skus: readonly string[]): string[] {
  const held = warehouseUnits(w);
  return skus.filter((sku) => (held.get(sku) ?? 0) > (wanted.get(sku) ?? 0));
}

/** The warehouse's packages Amazon does not show: more units shipped than Amazon counts, or a tracking number Amazon lacks. */
function unconfirmed(p: OrderPair): string | undefined {
  if (p.packages.length === 0) return undefined;
  const tracked = new Set((p.amazon.packages ?? []).map((x) => x.trackingNumber).filter((t): t is string => !!t));
  const missing = p.packages.filter((s) => !s.trackingNumber || !tracked.has(s.trackingNumber));
  const shipped = new Map<string, number>();
  for (const s of p.packages) for (const l of s.lines) add(shipped, l.sku, l.quantity);
  const counted = new Map<string, number>();
  for (const i of p.amazon.orderItems) add(counted, i.product.sellerSku ?? '', i.fulfillment?.quantityFulfilled ?? 0);
  const short = [...shipped].filter(([sku, n]) => n > (counted.get(sku) ?? 0)).map(([sku]) => sku);
  if (missing.length === 0 && short.length === 0) return undefined;
  const what = missing.map((s) => `package ${s.id} (${s.trackingNumber ? `tracking ${s.trackingNumber}` : 'no tracking number'})`);
  return `shipped in Allocadence: ${what.join(', ') || `units of ${short.join(', ')}`}; Amazon shows ${
    tracked.size ? `tracking ${[...tracked].sort().join(', ')}` : 'no package'
  } (${p.amazon.fulfillment?.fulfillmentStatus ?? 'no status'})`;
}

function lateRisk(p: OrderPair, o: ReconcileOptions): Finding | undefined {
  const latest = Date.parse(p.amazon.fulfillment?.shipByWindow?.latestDateTime ?? '');
  if (Number.isNaN(latest) || latest - o.now > o.lateWithinMs) return undefined;
  const hours = Math.round(Math.abs(latest - o.now) / HOUR);
  const when = latest >= o.now ? `due in ${hours} h` : `${hours} h overdue`;
  const detail = `not shipped; Amazon's ship-by time ${new Date(latest).toISOString()} is ${when}`;
  return {
    kind: 'late-shipment-risk',
    key: p.amazon.orderId,
    detail,
    marketplaceId: p.marketplaceId,
    manual: 'the warehouse must ship it',
  };
}

/** Amazon cancelled the whole order: the warehouse must not ship it. */
function cancelledOnAmazon(p: OrderPair): Finding[] {
  const w = p.warehouse;
  if (!w || w.cancelled) return [];
  const base = { kind: 'cancel-not-applied' as const, key: p.amazon.orderId, marketplaceId: p.marketplaceId };
  if (w.completed || p.packages.length)
    return [
      {
        ...base,
        detail: `cancelled on Amazon, already shipped or completed in Allocadence (order ${w.id}): stop it by hand`,
        manual: 'pull-orders does not cancel an order the warehouse already shipped: stop the shipment by hand, refund on Amazon if needed',
      },
    ];
  const repair = { via: 'pull-orders' as const, marketplaceId: p.marketplaceId, orderId: p.amazon.orderId };
  return [{ ...base, detail: `cancelled on Amazon, open in Allocadence (order ${w.id})`, repair }];
}

/** Not in the warehouse: an order to import, unless a SKU is unknown there or the buyer asked to cancel all of it. */
function notInWarehouse(p: OrderPair, o: ReconcileOptions): Finding[] {
  const id = p.amazon.orderId;
  const unknown = skusWhere(p.amazon, (n) => !n.cancelled).filter((sku) => !o.knownSkus.has(sku));
  if (unknown.length)
    return unknown.map((sku) => ({
      kind: 'unknown-sku',
      key: sku,
      detail: `on open order ${id}`,
      marketplaceId: p.marketplaceId,
      manual: NO_SUCH_ITEM,
    }));
  const open = p.amazon.orderItems.map(itemNow).filter((n) => !n.cancelled && n.left > 0);
  if (open.length && open.every((n) => n.requested)) {
    const repair = { via: 'push-status' as const, marketplaceId: p.marketplaceId, alloc: undefined, orderId: id };
    return [
      {
        kind: 'cancel-not-pushed',
        key: id,
        detail: 'the buyer asked to cancel it before it was imported; Amazon still has it open',
        marketplaceId: p.marketplaceId,
        repair,
      },
    ];
  }
  const repair = { via: 'pull-orders' as const, marketplaceId: p.marketplaceId, orderId: id };
  return [
    {
      kind: 'missing-in-allocadence',
      key: id,
      detail: `open on Amazon (${p.amazon.fulfillment?.fulfillmentStatus}), no Allocadence order`,
      marketplaceId: p.marketplaceId,
      repair,
    },
  ];
}

/** An order open on both sides: line cancels and buyer requests one way, warehouse cancels and shipments the other. */
function openOnBoth(p: OrderPair, w: CustomerOrder, o: ReconcileOptions): Finding[] {
  const id = p.amazon.orderId;
  const mp = p.marketplaceId;
  const out: Finding[] = [];
  const viaPull = { via: 'pull-orders' as const, marketplaceId: mp, orderId: id };
  const lineCancels = overHeld(
    w,
    amazonUnits(p.amazon, false),
    skusWhere(p.amazon, (n) => n.cancelled),
  );
  if (lineCancels.length)
    out.push({
      kind: 'cancel-not-applied',
      key: id,
      detail: `line(s) ${lineCancels.join(', ')} cancelled on Amazon, still in Allocadence order ${w.id}`,
      marketplaceId: mp,
      repair: viaPull,
    });
  const requested = skusWhere(p.amazon, (n) => n.requested);
  const notActed = overHeld(w, amazonUnits(p.amazon, true), requested);
  if (notActed.length)
    out.push({
      kind: 'buyer-cancel-request',
      key: id,
      detail: `the buyer asked to cancel ${notActed.join(', ')}; still in Allocadence order ${w.id}`,
      marketplaceId: mp,
      repair: viaPull,
    });
  const takenOff = requested.filter((sku) => !notActed.includes(sku));
  if (takenOff.length)
    out.push({
      kind: 'cancel-not-pushed',
      key: id,
      detail: `line(s) ${takenOff.join(', ')} taken off in Allocadence at the buyer's request, still open on Amazon`,
      marketplaceId: mp,
      repair: { via: 'push-status', marketplaceId: mp, alloc: undefined, orderId: id },
    });
  const shipped = unconfirmed(p);
  if (shipped)
    out.push({
      kind: 'shipment-not-confirmed',
      key: id,
      detail: shipped,
      marketplaceId: mp,
      repair: { via: 'push-shipments', marketplaceId: mp, shipments: p.packages },
    });
  else if (w.completed && p.packages.length === 0)
    out.push({
      kind: 'shipment-not-confirmed',
      key: id,
      detail: `completed in Allocadence without a shipment record (order ${w.id}); open on Amazon`,
      marketplaceId: mp,
      repair: { via: 'push-status', marketplaceId: mp, alloc: w, orderId: id },
    });
  // Shipped by the warehouse, or being cancelled: the ship-by time is no longer the warehouse's problem.
  if (!shipped && !w.completed) {
    const late = lateRisk(p, o);
    if (late) out.push(late);
  }
  return out;
}

/** Amazon shows every unit shipped: the warehouse's packages must all be there, and a warehouse cancel cannot be told any more. */
function shippedOnAmazon(p: OrderPair): Finding[] {
  const base = { key: p.amazon.orderId, marketplaceId: p.marketplaceId };
  const shipped = unconfirmed(p);
  if (shipped) return [{ ...base, kind: 'shipment-not-confirmed', detail: shipped }];
  const w = p.warehouse;
  if (!w?.cancelled || p.packages.length) return [];
  return [
    {
      ...base,
      kind: 'cancel-not-pushed',
      detail: `cancelled in Allocadence (order ${w.id}${w.cancelledReason ? `: ${w.cancelledReason}` : ''}), SHIPPED on Amazon`,
      manual:
        'Amazon does not cancel an order it shows shipped (push-status will not send it): find out what left, refund on Amazon if nothing did',
    },
  ];
}

/** Every disagreement one order shows, each finding kind at most once. */
export function orderFindings(p: OrderPair, o: ReconcileOptions): Finding[] {
  const status = p.amazon.fulfillment?.fulfillmentStatus ?? '';
  const w = p.warehouse;
  if (status === 'CANCELLED') return cancelledOnAmazon(p);
  if (status === 'SHIPPED') return shippedOnAmazon(p);
  if (!OPEN.has(status)) return [];
  if (!w) {
    const late = lateRisk(p, o);
    return [...notInWarehouse(p, o), ...(late ? [late] : [])];
  }
  if (w.cancelled) {
    const repair = { via: 'push-status' as const, marketplaceId: p.marketplaceId, alloc: w, orderId: p.amazon.orderId };
    const detail = `cancelled in Allocadence (order ${w.id}${w.cancelledReason ? `: ${w.cancelledReason}` : ''}), ${status} on Amazon`;
    return [{ kind: 'cancel-not-pushed', key: p.amazon.orderId, detail, marketplaceId: p.marketplaceId, repair }];
  }
  return openOnBoth(p, w, o);
}

import type { WarehouseShipment } from '../../allocadence/shipments';
import { AMAZON_ORDER_ID, type OrderRebuilder } from '../../amazon/order-rebuild';
import { getOrder } from '../../amazon/orders-api';
import { confirmShipment, type PackageDetail } from '../../amazon/shipments-api';
import { RemoteError } from '../../errors';
import type { ShipmentStatus } from '../../state/ledgers';
import type { OrderMapRow } from '../../state/order-map';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { droppedWarning, expectedFromAmazon, orderItemsFor, sameItems, type Expected } from './items';
import { BLANK_CARRIER, carrierFor, fingerprint, packageReferenceId, shipDateFor } from './package';

/** What a re-read of an order needs: lines, their cancellations and counts, packages already confirmed. */
const REREAD = ['FULFILLMENT', 'CANCELLATION', 'PACKAGES'] as const;
/** Seven of 2,776 production shipments had none (reference/allocadence-evidence-2026-12.md §2.1); Amazon needs one. */
const NO_TRACKING = 'no tracking number in Allocadence yet; confirmed once it has one';

type OrderItems = PackageDetail['orderItems'];

/** Whether Amazon already shows this package: the check before resending anything that may have gone through. */
async function amazonHasPackage(ctx: RunContext, orderId: string, ref: string): Promise<boolean> {
  const order = await getOrder(ctx.sp, orderId, ['PACKAGES']);
  return (order?.packages ?? []).some((p) => p.packageReferenceId === ref);
}

/**
 * What each item of the order still expects: the state's count (pull-orders' lines less what was
 * confirmed since), unless a package confirmed by an older version did not record its items;
 * then Amazon's own count.
 */
async function expectedOf(ctx: RunContext, orderId: string): Promise<Expected> {
  if (ctx.state.ledgers.itemsKnown(orderId)) return ctx.state.orders.items(orderId);
  const order = await getOrder(ctx.sp, orderId, REREAD);
  return order ? expectedFromAmazon(order) : ctx.state.orders.items(orderId);
}

/** The order's row, rebuilt from Amazon when the state has none; undefined for an order that is not this seller's. */
async function mappedOf(ctx: RunContext, rebuild: OrderRebuilder, s: WarehouseShipment): Promise<OrderMapRow | ItemResult | undefined> {
  const mapped = ctx.state.orders.get(s.orderNumber);
  if (mapped) return mapped;
  if (!AMAZON_ORDER_ID.test(s.orderNumber)) return { key: s.key, ok: true, action: 'not-amazon' };
  const found = await rebuild.find(s.orderNumber);
  if (!found)
    return { key: s.key, ok: true, action: 'not-this-seller', detail: `${s.orderNumber}: Amazon knows no such order of this seller` };
  rebuild.adopt(found, ctx.marketplaceId, null);
  const marketplace = found.salesChannel.marketplaceId ?? ctx.marketplaceId;
  return (
    ctx.state.orders.get(s.orderNumber) ?? {
      seller: ctx.seller.name,
      marketplace,
      amazonOrderId: found.orderId,
      allocOrderId: null,
      amazonStatus: '',
      fulfilledBy: '',
      state: 'created',
    }
  );
}

/** What the ledger already says of this package: done, refused for good, or found on Amazon after an interrupted run. */
async function fromLedger(ctx: RunContext, s: WarehouseShipment, ref: string, print: string): Promise<ItemResult | undefined> {
  const ledger = ctx.state.ledgers.shipment(s.id);
  if (ledger?.status === 'confirmed') {
    return ledger.fingerprint === print
      ? { key: s.key, ok: true, action: 'already-confirmed' }
      : {
          key: s.key,
          ok: true,
          action: 'changed-after-confirm',
          warning: `package ${s.id} of ${s.orderNumber} changed after Amazon confirmed it; correct it in Seller Central`,
        };
  }
  if (ledger?.status === 'rejected' && !ledger.retriable && ledger.fingerprint === print)
    return { key: s.key, ok: true, action: 'previously-rejected' };
  if (ledger?.status === 'confirming' && !ctx.dryRun && (await amazonHasPackage(ctx, s.orderNumber, ref))) {
    ctx.state.ledgers.setShipment(
      ctx.seller.name,
      { allocShipmentId: s.id, amazonOrderId: s.orderNumber, packageReferenceId: ref, fingerprint: print, status: 'confirmed' },
      ctx.iso(),
    );
    return { key: s.key, ok: true, action: 'confirmed', detail: 'found on Amazon after an interrupted run' };
  }
  return undefined;
}

/**
 * One package the warehouse shipped, confirmed on the Amazon order it belongs to: once (the
 * ledger), with the order items that still expect its units. Undefined for another seller's or
 * marketplace's order: its own run confirms it.
 */
export async function confirmPackage(ctx: RunContext, rebuild: OrderRebuilder, s: WarehouseShipment): Promise<ItemResult | undefined> {
  const mapped = await mappedOf(ctx, rebuild, s);
  if (!mapped || 'ok' in mapped) return mapped;
  if (mapped.seller !== ctx.seller.name || mapped.marketplace !== ctx.marketplaceId) return undefined;
  const ref = packageReferenceId(s);
  const print = fingerprint(s);
  const known = await fromLedger(ctx, s, ref, print);
  if (known) return known;
  if (!s.trackingNumber) return { key: s.key, ok: false, reason: `${s.orderNumber}: package ${s.id}: ${NO_TRACKING}`, retriable: true };
  const items = orderItemsFor(s, await expectedOf(ctx, s.orderNumber));
  if (!items.ok) return { key: s.key, ok: false, reason: `${s.orderNumber}: ${items.reason}`, retriable: false };
  const carrier = carrierFor(s, ctx.seller.carriers);
  const when = shipDateFor(s, ctx.clock());
  const detail: PackageDetail = {
    packageReferenceId: ref,
    ...carrier,
    ...(s.service ? { shippingMethod: s.service } : {}),
    trackingNumber: s.trackingNumber,
    shipDate: when.shipDate,
    orderItems: items.orderItems,
  };
  const notes = [
    ...s.warnings,
    ...(when.warning ? [when.warning] : []),
    ...(!s.carrier && carrier.carrierName === BLANK_CARRIER
      ? [`package ${s.id} has no carrier in Allocadence: sent as Other, "${BLANK_CARRIER}"`]
      : []),
  ];
  const dropped = droppedWarning(s, items.dropped);
  const warning = (extra?: string): { warning?: string } => {
    const all = [...notes, ...(extra ? [extra] : [])];
    return all.length ? { warning: `${s.orderNumber}: ${all.join('; ')}` } : {};
  };
  if (ctx.dryRun)
    return {
      key: s.key,
      ok: true,
      action: 'would-confirm',
      detail: `${s.orderNumber} ${detail.carrierCode} ${s.trackingNumber}`,
      ...warning(dropped && `${dropped} to be confirmed`),
    };
  return send(ctx, s, detail, print, { dropped, warning });
}

/** The confirmation itself, recorded as `confirming` before it is sent: a lost answer is looked up on Amazon, never resent blindly. */
async function send(
  ctx: RunContext,
  s: WarehouseShipment,
  detail: PackageDetail,
  print: string,
  say: { dropped: string | undefined; warning: (extra?: string) => { warning?: string } },
): Promise<ItemResult> {
  const base = { allocShipmentId: s.id, amazonOrderId: s.orderNumber, packageReferenceId: detail.packageReferenceId, fingerprint: print };
  const record = (fields: { status: ShipmentStatus; orderItems?: OrderItems; error?: string; retriable?: boolean }): void =>
    ctx.state.ledgers.setShipment(ctx.seller.name, { ...base, ...fields }, ctx.iso());
  const confirmed = (orderItems: OrderItems, extra?: string): ItemResult => {
    record({ status: 'confirmed', orderItems });
    return { key: s.key, ok: true, action: 'confirmed', detail: `${detail.carrierCode} ${s.trackingNumber}`, ...say.warning(extra) };
  };
  record({ status: 'confirming', orderItems: detail.orderItems });
  try {
    await confirmShipment(ctx.sp, s.orderNumber, ctx.marketplaceId, detail);
    return confirmed(detail.orderItems, say.dropped && `${say.dropped} confirmed`);
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    if (err.kind === 'uncertain' && (await amazonHasPackage(ctx, s.orderNumber, detail.packageReferenceId)))
      return confirmed(detail.orderItems, say.dropped && `${say.dropped} confirmed`);
    if (err.kind !== 'item' && err.kind !== 'uncertain') throw err;
    const again =
      err.kind === 'item'
        ? await afterRefusal(ctx, s, detail, err, (orderItems) => record({ status: 'confirming', orderItems }))
        : undefined;
    if (again?.ok) return confirmed(again.orderItems, again.note);
    const retriable = err.kind === 'uncertain' || again?.retriable === true;
    const reason = again?.reason ?? err.message;
    record({ status: retriable ? 'confirming' : 'rejected', error: reason, retriable });
    return { key: s.key, ok: false, reason, retriable };
  }
}

/**
 * Amazon refused the package: the order is read once (never in a loop). A package Amazon shows
 * is done; otherwise the items are worked out again from Amazon's own counts (a line cancelled
 * there, units another package took) and, when that changes what is sent, sent once more.
 */
async function afterRefusal(
  ctx: RunContext,
  s: WarehouseShipment,
  detail: PackageDetail,
  refusal: RemoteError,
  resending: (orderItems: OrderItems) => void,
): Promise<{ ok: true; orderItems: OrderItems; note?: string } | { ok: false; reason: string; retriable?: boolean }> {
  const order = await getOrder(ctx.sp, s.orderNumber, REREAD);
  if (!order) return { ok: false, reason: refusal.message };
  if ((order.packages ?? []).some((p) => p.packageReferenceId === detail.packageReferenceId))
    return { ok: true, orderItems: detail.orderItems, note: 'Amazon already had this package' };
  const items = orderItemsFor(s, expectedFromAmazon(order));
  if (!items.ok) return { ok: false, reason: `${refusal.message}; read again, ${items.reason}` };
  if (sameItems(items.orderItems, detail.orderItems)) return { ok: false, reason: refusal.message };
  // What goes now is what the ledger holds, so a lost answer is settled with the right items.
  resending(items.orderItems);
  try {
    await confirmShipment(ctx.sp, s.orderNumber, ctx.marketplaceId, { ...detail, orderItems: items.orderItems });
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    if (err.kind === 'item')
      return { ok: false, reason: `${refusal.message}; sent again with the items Amazon still expects, refused again: ${err.message}` };
    if (err.kind !== 'uncertain') throw err;
    if (!(await amazonHasPackage(ctx, s.orderNumber, detail.packageReferenceId)))
      return { ok: false, reason: err.message, retriable: true };
  }
  const dropped = droppedWarning(s, items.dropped);
  return {
    ok: true,
    orderItems: items.orderItems,
    note: `sent again after Amazon refused it (${refusal.message}) with the items Amazon still expects${dropped ? `; ${dropped} confirmed` : ''}`,
  };
}

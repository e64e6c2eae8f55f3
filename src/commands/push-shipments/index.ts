import type { AllocadenceClients } from '../../allocadence/client';
import { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { WarehouseShipment } from '../../allocadence/shipments';
import { getOrder } from '../../amazon/orders-api';
import { confirmShipment, type PackageDetail } from '../../amazon/shipments-api';
import type { SellerConfig } from '../../config/schema';
import { RemoteError } from '../../errors';
import type { HttpClient } from '../../http/client';
import type { State } from '../../state';
import type { OrderMapRow } from '../../state/order-map';
import { mapLimit } from '../../sync/concurrency';
import { runDirection } from '../../sync/run-direction';
import type { Direction, ItemResult, MarketplaceScope, RunSummary } from '../../sync/types';
import type { CommandContext } from '../context';
import { accountZone } from '../account-zone';
import { BLANK_CARRIER, carrierFor, fingerprint, packageReferenceId, shipDateFor } from './package';
import { droppedWarning, expectedFromAmazon, orderItemsFor, sameItems, type Expected } from './items';
import { AMAZON_ORDER_ID, OrderRebuilder } from '../../amazon/order-rebuild';

/** What a re-read of an order needs: lines, their cancellations and counts, packages already confirmed. */
const REREAD = ['FULFILLMENT', 'CANCELLATION', 'PACKAGES'] as const;
/** Orders confirmed side by side; few, since each may wait on two of Amazon's buckets. */
const ORDER_CONCURRENCY = 4;
/** Seven of 2,776 production shipments had none (reference/allocadence-evidence-2026-12.md §2.1); Amazon needs one. */
const NO_TRACKING = 'no tracking number in Allocadence yet; confirmed once it has one';

interface PushShipmentsEnv {
  sp: HttpClient;
  allocadence: AllocadenceClients;
  state: State;
  clock: () => number;
  /** The warehouse account's IANA time zone. */
  zone: string;
}

export function pushShipmentsDirection(env: PushShipmentsEnv, seller: SellerConfig): Direction<WarehouseShipment> {
  const now = (): string => new Date(env.clock()).toISOString();
  // One per run: each day of the window is read once, whatever the slices (see ShippingOrderReader).
  const reader = new ShippingOrderReader(env.allocadence, env.zone);
  const rebuild = new OrderRebuilder({ sp: env.sp, state: env.state, seller: seller.name, now });

  /** Whether Amazon already shows this package: the check before resending anything that may have gone through. */
  async function amazonHasPackage(orderId: string, ref: string): Promise<boolean> {
    const order = await getOrder(env.sp, orderId, ['PACKAGES']);
    return (order?.packages ?? []).some((p) => p.packageReferenceId === ref);
  }

  /**
   * What each item of the order still expects: the state's count (pull-orders' lines less what was
   * confirmed since), unless a package confirmed by an older version did not record its items;
   * then Amazon's own count.
   */
  async function expectedOf(orderId: string): Promise<Expected> {
    if (env.state.ledgers.itemsKnown(orderId)) return env.state.orders.items(orderId);
    const order = await getOrder(env.sp, orderId, REREAD);
    return order ? expectedFromAmazon(order) : env.state.orders.items(orderId);
  }

  /** The order's row, rebuilt from Amazon when the state has none; undefined for an order that is not this seller's. */
  async function mappedOf(s: WarehouseShipment, scope: MarketplaceScope): Promise<OrderMapRow | ItemResult | undefined> {
    const mapped = env.state.orders.get(s.orderNumber);
    if (mapped) return mapped;
    if (!AMAZON_ORDER_ID.test(s.orderNumber)) return { key: s.key, ok: true, action: 'not-amazon' };
    const found = await rebuild.find(s.orderNumber);
    if (!found) return { key: s.key, ok: true, action: 'not-this-seller', detail: `${s.orderNumber}: Amazon knows no such order of this seller` };
    rebuild.adopt(found, scope.marketplaceId, null, scope.dryRun);
    return env.state.orders.get(s.orderNumber) ?? { seller: seller.name, marketplace: found.salesChannel.marketplaceId ?? scope.marketplaceId, amazonOrderId: found.orderId, allocOrderId: null, amazonStatus: '', fulfilledBy: '', state: 'created' };
  }

  async function handle(s: WarehouseShipment, scope: MarketplaceScope): Promise<ItemResult | undefined> {
    const mapped = await mappedOf(s, scope);
    if (!mapped || 'ok' in mapped) return mapped;
    // Another seller's or marketplace's order: its own run confirms it.
    if (mapped.seller !== seller.name || mapped.marketplace !== scope.marketplaceId) return undefined;
    const ref = packageReferenceId(s);
    const print = fingerprint(s);
    const ledger = env.state.ledgers.shipment(s.id);
    if (ledger?.status === 'confirmed') {
      return ledger.fingerprint === print
        ? { key: s.key, ok: true, action: 'already-confirmed' }
        : { key: s.key, ok: true, action: 'changed-after-confirm', warning: `package ${s.id} of ${s.orderNumber} changed after Amazon confirmed it; correct it in Seller Central` };
    }
    if (ledger?.status === 'rejected' && !ledger.retriable && ledger.fingerprint === print) return { key: s.key, ok: true, action: 'previously-rejected' };
    if (ledger?.status === 'confirming' && !scope.dryRun && (await amazonHasPackage(s.orderNumber, ref))) {
      env.state.ledgers.setShipment(seller.name, { allocShipmentId: s.id, amazonOrderId: s.orderNumber, packageReferenceId: ref, fingerprint: print, status: 'confirmed' }, now());
      return { key: s.key, ok: true, action: 'confirmed', detail: 'found on Amazon after an interrupted run' };
    }
    if (!s.trackingNumber) return { key: s.key, ok: false, reason: `${s.orderNumber}: package ${s.id}: ${NO_TRACKING}`, retriable: true };
    const items = orderItemsFor(s, await expectedOf(s.orderNumber));
    if (!items.ok) return { key: s.key, ok: false, reason: `${s.orderNumber}: ${items.reason}`, retriable: false };
    const carrier = carrierFor(s, seller.carriers);
    const when = shipDateFor(s, env.clock());
    const detail = {
      packageReferenceId: ref,
      ...carrier,
      ...(s.service ? { shippingMethod: s.service } : {}),
      trackingNumber: s.trackingNumber,
      shipDate: when.shipDate,
      orderItems: items.orderItems,
    };
    const notes = [...s.warnings, ...(when.warning ? [when.warning] : []), ...(!s.carrier && carrier.carrierName === BLANK_CARRIER ? [`package ${s.id} has no carrier in Allocadence: sent as Other, "${BLANK_CARRIER}"`] : [])];
    const dropped = droppedWarning(s, items.dropped);
    const warning = (extra?: string): { warning?: string } => {
      const all = [...notes, ...(extra ? [extra] : [])];
      return all.length ? { warning: `${s.orderNumber}: ${all.join('; ')}` } : {};
    };
    if (scope.dryRun) return { key: s.key, ok: true, action: 'would-confirm', detail: `${s.orderNumber} ${detail.carrierCode} ${s.trackingNumber}`, ...warning(dropped && `${dropped} to be confirmed`) };
    const base = { allocShipmentId: s.id, amazonOrderId: s.orderNumber, packageReferenceId: ref, fingerprint: print };
    const confirmed = (orderItems: PackageDetail['orderItems'], extra?: string): ItemResult => {
      env.state.ledgers.setShipment(seller.name, { ...base, status: 'confirmed', orderItems }, now());
      return { key: s.key, ok: true, action: 'confirmed', detail: `${detail.carrierCode} ${s.trackingNumber}`, ...warning(extra) };
    };
    env.state.ledgers.setShipment(seller.name, { ...base, status: 'confirming', orderItems: detail.orderItems }, now());
    try {
      await confirmShipment(env.sp, s.orderNumber, scope.marketplaceId, detail);
      return confirmed(detail.orderItems, dropped && `${dropped} confirmed`);
    } catch (err) {
      if (!(err instanceof RemoteError)) throw err;
      if (err.kind === 'uncertain' && (await amazonHasPackage(s.orderNumber, ref))) return confirmed(detail.orderItems, dropped && `${dropped} confirmed`);
      if (err.kind !== 'item' && err.kind !== 'uncertain') throw err;
      const resending = (orderItems: PackageDetail['orderItems']): void => env.state.ledgers.setShipment(seller.name, { ...base, status: 'confirming', orderItems }, now());
      const again = err.kind === 'item' ? await afterRefusal(s, scope.marketplaceId, detail, err, resending) : undefined;
      if (again?.ok) return confirmed(again.orderItems, again.note);
      const retriable = err.kind === 'uncertain' || again?.retriable === true;
      const reason = again?.reason ?? err.message;
      env.state.ledgers.setShipment(seller.name, { ...base, status: retriable ? 'confirming' : 'rejected', error: reason, retriable }, now());
      return { key: s.key, ok: false, reason, retriable };
    }
  }

  /**
   * Amazon refused the package: the order is read once (never in a loop). A package Amazon shows
   * is done; otherwise the items are worked out again from Amazon's own counts (a line cancelled
   * there, units another package took) and, when that changes what is sent, sent once more.
   */
  async function afterRefusal(
    s: WarehouseShipment,
    marketplaceId: string,
    detail: PackageDetail,
    refusal: RemoteError,
    resending: (orderItems: PackageDetail['orderItems']) => void,
  ): Promise<{ ok: true; orderItems: PackageDetail['orderItems']; note?: string } | { ok: false; reason: string; retriable?: boolean }> {
    const order = await getOrder(env.sp, s.orderNumber, REREAD);
    if (!order) return { ok: false, reason: refusal.message };
    if ((order.packages ?? []).some((p) => p.packageReferenceId === detail.packageReferenceId)) return { ok: true, orderItems: detail.orderItems, note: 'Amazon already had this package' };
    const items = orderItemsFor(s, expectedFromAmazon(order));
    if (!items.ok) return { ok: false, reason: `${refusal.message}; read again, ${items.reason}` };
    if (sameItems(items.orderItems, detail.orderItems)) return { ok: false, reason: refusal.message };
    // What goes now is what the ledger holds, so a lost answer is settled with the right items.
    resending(items.orderItems);
    try {
      await confirmShipment(env.sp, s.orderNumber, marketplaceId, { ...detail, orderItems: items.orderItems });
    } catch (err) {
      if (!(err instanceof RemoteError)) throw err;
      if (err.kind === 'item') return { ok: false, reason: `${refusal.message}; sent again with the items Amazon still expects, refused again: ${err.message}` };
      if (err.kind !== 'uncertain') throw err;
      if (!(await amazonHasPackage(s.orderNumber, detail.packageReferenceId))) return { ok: false, reason: err.message, retriable: true };
    }
    const dropped = droppedWarning(s, items.dropped);
    return { ok: true, orderItems: items.orderItems, note: `sent again after Amazon refused it (${refusal.message}) with the items Amazon still expects${dropped ? `; ${dropped} confirmed` : ''}` };
  }

  return {
    name: 'push-shipments',
    lagMs: 0,
    initialLookbackMs: (sl) => sl.shipments.initialLookbackDays * 86_400_000,
    lookbackMs: (sl) => sl.shipments.lookbackMinutes * 60_000,
    keyOf: (s) => s.key,
    read: (_scope, window) => reader.shippedBetween(Date.parse(window.from), Date.parse(window.to)),
    async *refetch(_scope, keys) {
      for (const key of keys) {
        const packages = (await reader.shippingOrder(key.split('/')[0] ?? '')).filter((p) => p.key === key);
        yield packages.length ? { items: packages, missing: [] } : { items: [], missing: [{ key, ok: false, reason: 'the shipment no longer exists in Allocadence (voided?)', retriable: false }] };
      }
    },
    async write(scope, shipments) {
      const byOrder = new Map<string, WarehouseShipment[]>();
      for (const s of shipments) byOrder.set(s.orderNumber, [...(byOrder.get(s.orderNumber) ?? []), s]);
      // Packages of one order reach Amazon one at a time, in order, each within what is left to ship.
      // Orders are independent: a few go side by side, so one order's getOrder overlaps another's confirmShipment.
      const perOrder = await mapLimit([...byOrder.values()], ORDER_CONCURRENCY, async (packages) => {
        const out: ItemResult[] = [];
        for (const s of packages) {
          try {
            const r = await handle(s, scope);
            if (r) out.push(r);
          } catch (err) {
            if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
            out.push({ key: s.key, ok: false, reason: err.message, retriable: true });
          }
        }
        return out;
      });
      return perOrder.flat();
    },
  };
}

/** `push-shipments`: each package the warehouse shipped confirms the Amazon order it belongs to. */
export async function pushShipments(ctx: CommandContext, opts: { since?: string }): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    const direction = pushShipmentsDirection({ sp: ctx.spApi(seller), allocadence: ctx.allocadence, state: ctx.state, clock: ctx.deps.clock, zone: accountZone(ctx) }, seller);
    summaries.push(
      await runDirection(ctx.runEnv(seller), direction, seller, { dryRun: ctx.options.dryRun, ...(opts.since ? { since: opts.since } : {}) }),
    );
  }
  return summaries;
}

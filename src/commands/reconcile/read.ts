import { addStockFacts, emptyStockFacts } from '../../allocadence/items';
import { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { WarehouseShipment } from '../../allocadence/shipments';
import type { CustomerOrder } from '../../allocadence/types';
import { parseListingsReport, type ReportRow } from '../../amazon/listings-report';
import { getOrder, searchOrders } from '../../amazon/orders-api';
import type { FulfillmentStatus, Order, UnreadableOrder } from '../../amazon/orders-types';
import { requestReport } from '../../amazon/reports-api';
import { DeadlineReachedError, RemoteError } from '../../errors';
import type { SellerContext } from '../../sync/context';
import { offeredQuantity } from '../push-stock';
import { readStockFacts, type StockFacts } from '../push-stock/stock-facts';
import type { OrderPair, StockPair } from './types';

/** Amazon refuses a `lastUpdatedBefore` later than two minutes ago. */
const AMAZON_ORDERS_LAG_MS = 2 * 60_000;
/** Status, cancellations and packages: enough to compare, and no buyer data. */
const COMPARE_DATA = ['FULFILLMENT', 'CANCELLATION', 'PACKAGES'] as const;
/** Allocadence lookups by number side by side, for orders its date-filtered list did not hold. */
const LOOKUPS_IN_FLIGHT = 4;

/** What the warehouse holds, read once per seller: its SKUs and the stock push-stock would offer. */
export interface WarehouseSide {
  knownSkus: Set<string>;
  stock: StockFacts;
}

export async function readWarehouse(ctx: SellerContext): Promise<WarehouseSide> {
  // One read of the items serves both: the SKUs Allocadence has, and push-stock's safety stock and kits.
  const items = await ctx.allocadence.items.bySku();
  const facts = emptyStockFacts();
  for (const item of items.values()) addStockFacts(facts, item);
  const stock = await readStockFacts(ctx.allocadence.clients, { stockFacts: () => Promise.resolve(facts) }, ctx.seller.warehouse, ctx.log);
  return { knownSkus: new Set(items.keys()), stock };
}

function statuses(ctx: SellerContext): FulfillmentStatus[] {
  return ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', ...(ctx.seller.orders.importPending ? (['PENDING'] as const) : [])];
}

/**
 * One searchOrders read of the window: every order of the seller's channels last updated in it.
 * Orders in `recheck` (just written to by --fix) are read by id when the search does not hold
 * them: the search shows nothing updated in the last two minutes.
 */
async function amazonOrders(
  ctx: SellerContext,
  marketplaceId: string,
  since: string,
  recheck: ReadonlySet<string>,
): Promise<{ orders: Order[]; unreadable: UnreadableOrder[]; whole: boolean }> {
  const out: Order[] = [];
  const unreadable: UnreadableOrder[] = [];
  const pages = searchOrders(ctx.sp, {
    lastUpdatedAfter: since,
    lastUpdatedBefore: new Date(ctx.now - AMAZON_ORDERS_LAG_MS).toISOString(),
    marketplaceIds: [marketplaceId],
    fulfilledBy: ctx.seller.orders.fulfilledBy,
    fulfillmentStatuses: statuses(ctx),
    includedData: COMPARE_DATA,
    ...(ctx.deadline === undefined ? {} : { notAfter: ctx.deadline }),
  });
  try {
    for await (const page of pages) {
      out.push(...page.orders);
      for (const u of page.unreadable) ctx.log.warn('an order could not be read: not compared', { order: u.orderId, problem: u.problem });
      unreadable.push(...page.unreadable);
    }
    const seen = new Set(out.map((o) => o.orderId));
    for (const id of [...recheck].filter((x) => !seen.has(x)).sort()) {
      const o = await readOne(ctx, id);
      if ('problem' in o) unreadable.push(o);
      else if (o.order && (o.order.salesChannel.marketplaceId ?? marketplaceId) === marketplaceId) out.push(o.order);
    }
  } catch (err) {
    // The next page would wait past the deadline: what was read is still compared, and said to be part of the window only.
    if (!(err instanceof DeadlineReachedError)) throw err;
    return { orders: out, unreadable, whole: false };
  }
  return { orders: out, unreadable, whole: true };
}

/** One order read again by id; an answer that does not read as an order is reported, not thrown. */
async function readOne(ctx: SellerContext, orderId: string): Promise<{ order: Order | undefined } | UnreadableOrder> {
  try {
    return { order: await getOrder(ctx.sp, orderId, COMPARE_DATA, ctx.deadline) };
  } catch (err) {
    if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
    return { orderId, problem: err.message };
  }
}

/** The warehouse's orders for these Amazon orders: one date-filtered list, then a lookup by number for any it did not hold. */
async function warehouseOrders(ctx: SellerContext, orders: readonly Order[], since: string): Promise<Map<string, CustomerOrder>> {
  const byNumber = new Map<string, CustomerOrder>();
  const wanted = new Set(orders.map((o) => o.orderId));
  for await (const page of ctx.allocadence.orders.list({ modifiedSince: since }))
    for (const w of page) if (wanted.has(w.orderNumber)) byNumber.set(w.orderNumber, w);
  const rest = [...wanted].filter((id) => !byNumber.has(id));
  for (let i = 0; i < rest.length; i += LOOKUPS_IN_FLIGHT) {
    const found = await Promise.all(rest.slice(i, i + LOOKUPS_IN_FLIGHT).map((id) => ctx.allocadence.orders.findByNumber(id)));
    for (const w of found) if (w) byNumber.set(w.orderNumber, w);
  }
  return byNumber;
}

/** Live packages shipped since the earliest of these orders was placed (none can ship earlier). */
async function warehousePackages(ctx: SellerContext, orders: readonly Order[], since: string): Promise<Map<string, WarehouseShipment[]>> {
  const out = new Map<string, WarehouseShipment[]>();
  if (orders.length === 0) return out;
  const from = Math.min(Date.parse(since), ...orders.map((o) => Date.parse(o.createdTime)).filter((t) => !Number.isNaN(t)));
  const reader = new ShippingOrderReader(ctx.allocadence.clients, ctx.allocadence.zone);
  for await (const batch of reader.shippedBetween(from, ctx.now))
    for (const s of batch) out.set(s.orderNumber, [...(out.get(s.orderNumber) ?? []), s]);
  return out;
}

/** Both systems' view of every order of the window in one marketplace. */
export async function readOrderPairs(
  ctx: SellerContext,
  marketplaceId: string,
  since: string,
  recheck: ReadonlySet<string> = new Set(),
): Promise<{ pairs: OrderPair[]; unreadable: UnreadableOrder[]; whole: boolean }> {
  const { orders, unreadable, whole } = await amazonOrders(ctx, marketplaceId, since, recheck);
  const warehouse = await warehouseOrders(ctx, orders, since);
  const packages = await warehousePackages(ctx, orders, since);
  const pairs = orders.map((amazon) => ({
    marketplaceId,
    amazon,
    warehouse: warehouse.get(amazon.orderId),
    packages: packages.get(amazon.orderId) ?? [],
  }));
  return { pairs, unreadable, whole };
}

/** What Amazon offers per merchant SKU, from one GET_MERCHANT_LISTINGS_ALL_DATA report (the read push-stock's check uses). */
async function listingsReport(ctx: SellerContext, marketplaceId: string): Promise<Map<string, ReportRow>> {
  const report = await requestReport(ctx.sp, ctx.documents, ctx, {
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId,
    onWait: (status, waitedMs) => {
      // Waiting on past the deadline would overrun the run: the report is left to Amazon (it costs quota, nothing else).
      if (ctx.pastDeadline()) throw new DeadlineReachedError('getReport');
      ctx.log.progress(`waiting for Amazon's listings report: ${status}, ${Math.round(waitedMs / 1000)} s`);
    },
  });
  if (report.status !== 'DONE') {
    const why = report.status === 'CANCELLED' ? ' (Amazon cancels a report asked for too often, and says no more)' : '';
    throw new RemoteError({
      system: 'amazon',
      operation: 'getReport',
      kind: 'fatal',
      detail: `listings report ${report.reportId} ended ${report.status}${why}: stock not compared`,
    });
  }
  return parseListingsReport(report.text, ['quantity']);
}

/** Every merchant-fulfilled listing Amazon reports in one marketplace, beside what push-stock would offer. */
export async function readStockPairs(ctx: SellerContext, marketplaceId: string, side: WarehouseSide): Promise<StockPair[]> {
  const rows = await listingsReport(ctx, marketplaceId);
  // A variation parent is no stock item (pull-items keeps none for it) and the report gives it no
  // quantity: nothing is offered, nothing to compare.
  const parents = new Set(
    ctx.state.listings
      .all(ctx.seller.name, marketplaceId)
      .filter((l) => l.isParent)
      .map((l) => l.sku),
  );
  const { sellable, safety, unknown } = side.stock;
  return [...rows.values()]
    .filter((r) => r.fulfillment === 'MERCHANT' && r.quantity !== undefined && !parents.has(r.sku))
    .map((r) => ({
      marketplaceId,
      sku: r.sku,
      offered: r.quantity,
      wanted: side.knownSkus.has(r.sku) ? offeredQuantity(sellable.get(r.sku) ?? 0, safety.get(r.sku) ?? 0, ctx.seller.stock) : undefined,
      ...(unknown.has(r.sku) ? { unreadable: unknown.get(r.sku) } : {}),
    }));
}

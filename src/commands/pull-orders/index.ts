import type { AllocadenceOrders } from '../../allocadence/orders';
import { getOrder, searchOrders } from '../../amazon/orders-api';
import type { FulfillmentStatus, Order, UnreadableOrder } from '../../amazon/orders-types';
import type { SellerConfig } from '../../config/schema';
import { RemoteError } from '../../errors';
import type { HttpClient } from '../../http/client';
import type { Logger } from '../../output/log';
import type { State } from '../../state';
import type { NewLine } from '../../state/order-map';
import { mapLimit } from '../../sync/concurrency';
import { runDirection } from '../../sync/run-direction';
import type { Direction, ItemResult, MarketplaceScope, RunSummary } from '../../sync/types';
import type { CommandContext } from '../context';
import { applyChanges, type ChangesEnv } from './changes';
import { cancelOrder } from './cancel';
import { importLines } from './lines';
import { lineIdsOf, mapOrder, wrongWarehouse } from './map';

/** Amazon refuses a `lastUpdatedBefore` later than two minutes ago. */
const AMAZON_ORDERS_LAG_MS = 2 * 60_000;
/** Orders written to Allocadence at once: enough to hide latency, few enough to be polite to an API with unpublished limits. */
const WRITE_CONCURRENCY = 4;

export interface PullOrdersOptions {
  since?: string;
}

/** An order as read: usable, or one whose shape we could not read (reported and fetched again by id). */
type PulledOrder = Order | UnreadableOrder;

interface PullOrdersEnv {
  sp: HttpClient;
  allocadence: AllocadenceOrders;
  state: State;
  clock: () => number;
  logger?: Logger;
}

/** Statuses worth fetching: open orders to import, cancelled ones to cancel. Shipped orders never concern us. */
function statusesToRead(seller: SellerConfig): FulfillmentStatus[] {
  return ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'CANCELLED', ...(seller.orders.importPending ? (['PENDING'] as const) : [])];
}

function isImportable(o: Order, seller: SellerConfig): boolean {
  const status = o.fulfillment?.fulfillmentStatus;
  const by = o.fulfillment?.fulfilledBy;
  if (!by || !seller.orders.fulfilledBy.includes(by)) return false;
  return status === 'UNSHIPPED' || status === 'PARTIALLY_SHIPPED' || (status === 'PENDING' && seller.orders.importPending);
}

function failure(key: string, err: unknown): ItemResult {
  if (err instanceof RemoteError && err.kind === 'item') return { key, ok: false, reason: err.message, retriable: true };
  throw err;
}

export function pullOrdersDirection(env: PullOrdersEnv): Direction<PulledOrder> {
  const now = (): string => new Date(env.clock()).toISOString();
  const changes: ChangesEnv = { allocadence: env.allocadence, state: env.state, now };

  async function importOrder(o: Order, scope: MarketplaceScope): Promise<ItemResult> {
    const key = o.orderId;
    const status = o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED';
    const mapped = env.state.orders.get(key);
    if (mapped?.state === 'cancelled') return { key, ok: true, action: 'already-cancelled' };
    const m = mapOrder(o, scope.seller);
    if (mapped && mapped.state !== 'creating') {
      if (mapped.amazonStatus === 'PENDING' && status !== 'PENDING') return released(o, mapped.allocOrderId, m, scope);
      if (!scope.dryRun && mapped.amazonStatus !== status) env.state.orders.setAmazonStatus(key, status, now());
      return applyChanges(changes, o, mapped, scope);
    }
    const lines = importLines(o);
    if (!m.ok) {
      const allAsked = lines.some((l) => l.cancel === 'buyer') && lines.every((l) => l.cancel || l.quantity <= 0);
      return allAsked ? askedBeforeImport(o, lines, scope) : { key, ok: false, reason: m.reason, retriable: true };
    }
    const skus = m.lines.map((l) => `${l.sku}×${l.quantity}`).join(', ');
    if (scope.dryRun) return { key, ok: true, action: 'would-create', detail: skus };
    const row = { seller: scope.seller.name, marketplace: scope.marketplaceId, amazonOrderId: key, amazonStatus: status, fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT' };
    env.state.orders.markCreating(row, lines, now());
    let created: Awaited<ReturnType<AllocadenceOrders['create']>>;
    try {
      created = await env.allocadence.create(m.order);
    } catch (err) {
      // Refused outright (unknown SKU, bad address): it does not exist in Allocadence, so forget the intent.
      if (err instanceof RemoteError && err.kind === 'item') env.state.orders.forget(key);
      return failure(key, err);
    }
    const { order, existed } = created;
    env.state.orders.markCreated(key, order.id, now());
    env.state.orders.setLineIds(key, lineIdsOf(m.lines, order.items));
    // The order exists now: on a wrong warehouse it is reported, never made again.
    const wrong = wrongWarehouse(order, scope.seller.warehouse);
    if (wrong) {
      env.logger?.error(`order ${key} ${wrong}`, { order: key, allocadenceOrder: order.id });
      return { key, ok: false, reason: wrong, retriable: false };
    }
    // Lines not sent are settled against what Allocadence holds: nothing for a new order; a found one may still have them.
    const settled = await applyChanges(changes, o, { ...row, allocOrderId: order.id, state: 'created' }, scope, order);
    if (!settled.ok) return settled;
    const note = settled.action === 'already-imported' ? {} : { detail: `${skus}; ${settled.detail ?? settled.action}` };
    return { key, ok: true, action: existed ? 'found-existing' : 'created', detail: skus, ...note, ...(settled.warning ? { warning: settled.warning } : {}) };
  }

  /**
   * Not imported yet, and the buyer asked to cancel every line: it is not sent to the warehouse. An
   * Allocadence order with its number (a state file lost, or a create whose answer was lost) is
   * cancelled; either way push-status cancels it on Amazon with the buyer's reason.
   */
  async function askedBeforeImport(o: Order, lines: NewLine[], scope: MarketplaceScope): Promise<ItemResult> {
    const key = o.orderId;
    const alloc = await env.allocadence.findByNumber(key);
    const row = { seller: scope.seller.name, marketplace: scope.marketplaceId, amazonOrderId: key, amazonStatus: o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED', fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT' };
    if (alloc) {
      if (!scope.dryRun) env.state.orders.adopt({ ...row, allocOrderId: alloc.id }, lines, now());
      return applyChanges(changes, o, { ...row, allocOrderId: alloc.id, state: 'created' }, scope, alloc);
    }
    if (scope.dryRun) return { key, ok: true, action: 'would-skip', detail: 'the buyer asked to cancel it before it was imported' };
    env.state.orders.markCreating(row, lines.map((l) => ({ ...l, pending: null })), now());
    env.state.orders.updateLines(key, [], { cancelCause: 'buyer', amazonUpdated: o.lastUpdatedTime, now: now() });
    return { key, ok: true, action: 'buyer-cancel-requested', detail: 'not imported: the buyer asked to cancel it; push-status cancels it on Amazon' };
  }

  /** A PENDING order was imported without an address; now that Amazon released it, the warehouse gets one. */
  async function released(o: Order, allocOrderId: string | null, m: ReturnType<typeof mapOrder>, scope: MarketplaceScope): Promise<ItemResult> {
    const key = o.orderId;
    if (!m.ok) return { key, ok: false, reason: m.reason, retriable: true };
    if (!allocOrderId) return { key, ok: false, reason: 'imported order has no Allocadence id', retriable: false };
    if (scope.dryRun) return { key, ok: true, action: 'would-update-address', detail: `Allocadence order ${allocOrderId}` };
    await env.allocadence.updateAddress(allocOrderId, { customer: m.order.customer, shippingAddress: m.order.shippingAddress });
    env.state.orders.setAmazonStatus(key, o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED', now());
    return { key, ok: true, action: 'address-updated' };
  }

  async function handle(o: Order, scope: MarketplaceScope): Promise<ItemResult> {
    try {
      if (o.fulfillment?.fulfillmentStatus === 'CANCELLED') return await cancelOrder(changes, o, scope);
      if (isImportable(o, scope.seller)) return await importOrder(o, scope);
      return { key: o.orderId, ok: true, action: 'skipped' };
    } catch (err) {
      return failure(o.orderId, err);
    }
  }

  return {
    name: 'pull-orders',
    lagMs: AMAZON_ORDERS_LAG_MS,
    initialLookbackMs: (s) => s.orders.initialLookbackDays * 86_400_000,
    lookbackMs: (s) => s.orders.lookbackMinutes * 60_000,
    keyOf: (o) => o.orderId,
    readBudget: (scope) => (scope.deadline === undefined ? undefined : env.sp.affordable('searchOrders', scope.deadline)),
    async *read(scope, window) {
      const pages = searchOrders(env.sp, {
        lastUpdatedAfter: window.from,
        lastUpdatedBefore: window.to,
        marketplaceIds: [scope.marketplaceId],
        // Orders of other channels are never imported, so their cancellations do not concern us either.
        fulfilledBy: scope.seller.orders.fulfilledBy,
        fulfillmentStatuses: statusesToRead(scope.seller),
        ...(scope.deadline === undefined ? {} : { notAfter: scope.deadline }),
      });
      for await (const page of pages) yield [...page.orders, ...page.unreadable];
    },
    async *refetch(scope, keys) {
      for (const key of keys) {
        try {
          const o = await getOrder(env.sp, key, undefined, scope.deadline);
          yield o ? { items: [o], missing: [] } : { items: [], missing: [{ key, ok: false, reason: 'Amazon does not know this order (404)', retriable: false }] };
        } catch (err) {
          yield { items: [], missing: [failure(key, err)] };
        }
      }
    },
    async write(scope, orders) {
      return mapLimit(orders, WRITE_CONCURRENCY, async (o): Promise<ItemResult> => {
        if (!('problem' in o)) return handle(o, scope);
        // With its id it is fetched again next run; without one there is nothing to fetch.
        return { key: o.orderId ?? '(order without id)', ok: false, reason: o.problem, retriable: o.orderId !== undefined };
      });
    },
  };
}

/**
 * `pull-orders`: new Amazon orders become Allocadence customer orders; Amazon cancellations cancel
 * them; later changes (cancelled lines, a buyer's request to cancel, lower quantities, a corrected
 * address) reach them too.
 */
export async function pullOrders(ctx: CommandContext, opts: PullOrdersOptions): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  for (const seller of ctx.sellers) {
    const logger = ctx.deps.logger.child({ command: 'pull-orders', seller: seller.name });
    const direction = pullOrdersDirection({ sp: ctx.spApi(seller), allocadence: ctx.allocadenceOrders, state: ctx.state, clock: ctx.deps.clock, logger });
    summaries.push(
      await runDirection(ctx.runEnv(seller), direction, seller, {
        dryRun: ctx.options.dryRun,
        ...(opts.since ? { since: opts.since } : {}),
      }),
    );
  }
  return summaries;
}

import { buildCatalog, type CatalogProduct } from '../catalog';
import { createRng, type Rng } from '../random';
import { SimInputError, SimNotFoundError } from './errors';
import { buildOrder, newOrderId } from './order-factory';
import { cancelItems, editOrder, requestCancellation } from './order-edits';
import { parseAddOrders, parseCancelItems, parseCancellationRequest, parseOrderChange, parseOrderEdit } from './order-input';
import { CANCEL_REASON, fullOrder } from './order-view';
import { applyStatus, checkTransition, type StoredOrder } from './stored-order';
import { floorSecond, parseIso } from './time';
import type { SimOrder } from './types';

export interface StoreSeller {
  sellerId: string;
  marketplaceIds: string[];
}

/** All orders of all simulated sellers. Seller actions (confirmShipment, order feeds) change them through stored-order.ts. */
export class OrderStore {
  private readonly byId = new Map<string, StoredOrder>();
  /** Each seller's orders in the order added (an order's seller never changes): a page no longer scans every seller's. */
  private readonly bySeller = new Map<string, StoredOrder[]>();
  private readonly itemIds = new Set<string>();
  private readonly catalog: ReadonlyMap<string, CatalogProduct>;
  private readonly rng: Rng;

  constructor(
    private readonly seed: number,
    readonly sellers: readonly StoreSeller[],
  ) {
    this.catalog = new Map(buildCatalog(seed).map((p) => [p.sku, p]));
    // Separate from the other streams so tokens and request ids never shift order ids.
    this.rng = createRng((seed ^ 0x0dde5) >>> 0);
  }

  /**
   * Validates the whole batch before storing any of it, so a bad order leaves no half-added batch.
   * `sellerId` (argument, then input field) defaults to the first seller.
   */
  add(rawInput: unknown, nowMs: number, sellerId?: string): SimOrder[] {
    const input = parseAddOrders(rawInput);
    const seller = this.seller(sellerId ?? input.sellerId);
    const itemIds = new Set(this.itemIds);
    const seen = new Set<string>();
    const built = input.orders.map((o, index) => {
      const marketplaceId = o.marketplaceId ?? seller.marketplaceIds[0];
      if (marketplaceId === undefined || !seller.marketplaceIds.includes(marketplaceId)) {
        throw new SimInputError(
          `orders.${index}.marketplaceId: seller ${seller.sellerId} does not sell in ${marketplaceId ?? 'any marketplace'}`,
        );
      }
      let orderId = o.orderId;
      if (orderId && (this.byId.has(orderId) || seen.has(orderId))) {
        throw new SimInputError(`orders.${index}.orderId: order ${orderId} already exists`);
      }
      while (!orderId || this.byId.has(orderId) || seen.has(orderId)) orderId = newOrderId(this.rng);
      seen.add(orderId);
      return buildOrder(
        { ...o, orderId },
        { seed: this.seed, sellerId: seller.sellerId, marketplaceId, nowMs, catalog: this.catalog, itemIds },
      );
    });
    for (const order of built) {
      this.byId.set(order.orderId, order);
      const own = this.bySeller.get(order.sellerId);
      if (own) own.push(order);
      else this.bySeller.set(order.sellerId, [order]);
    }
    for (const id of itemIds) this.itemIds.add(id);
    return built.map(fullOrder);
  }

  /** A status change as Amazon would make it; `lastUpdatedTime` defaults to now. */
  update(orderId: string, rawChange: unknown, nowMs: number): SimOrder {
    const order = this.byId.get(orderId);
    if (!order) throw new SimNotFoundError(`no order ${orderId}`);
    const change = parseOrderChange(rawChange);
    const at = floorSecond(change.lastUpdatedTime ? (parseIso(change.lastUpdatedTime) as number) : nowMs);
    if (at < order.createdMs) throw new SimInputError(`order ${orderId}: lastUpdatedTime is before createdTime`);
    checkTransition(order, change.status);
    if (change.status === 'CANCELLED' && change.cancelledBy) order.cancelledBy = change.cancelledBy;
    applyStatus(order, change.status, at, this.rng);
    order.lastUpdatedMs = at;
    return fullOrder(order);
  }

  /** A buyer asks to cancel items of an open order (`POST /__sim/orders/{id}/cancellation-request`). */
  requestCancellation(orderId: string, raw: unknown, nowMs: number): SimOrder {
    const input = parseCancellationRequest(raw);
    return this.change(orderId, input.lastUpdatedTime, nowMs, (order, at) =>
      requestCancellation(order, input.orderItemIds, input.reason, at),
    );
  }

  /** Lines cancelled by the buyer, Amazon or the seller (`POST /__sim/orders/{id}/cancel-items`). */
  cancelItems(orderId: string, raw: unknown, nowMs: number): SimOrder {
    const input = parseCancelItems(raw);
    const reason = input.reason ?? CANCEL_REASON[input.cancelledBy];
    return this.change(orderId, input.lastUpdatedTime, nowMs, (order, at) =>
      cancelItems(order, input.orderItemIds, input.cancelledBy, reason, at),
    );
  }

  /** A quantity lowered or the address corrected (`POST /__sim/orders/{id}/edit`). */
  edit(orderId: string, raw: unknown, nowMs: number): SimOrder {
    const input = parseOrderEdit(raw);
    const { lastUpdatedTime, ...edit } = input;
    return this.change(orderId, lastUpdatedTime, nowMs, (order, at) => editOrder(order, edit, at));
  }

  private change(
    orderId: string,
    lastUpdatedTime: string | undefined,
    nowMs: number,
    apply: (order: StoredOrder, atMs: number) => void,
  ): SimOrder {
    const order = this.byId.get(orderId);
    if (!order) throw new SimNotFoundError(`no order ${orderId}`);
    const at = floorSecond(lastUpdatedTime ? (parseIso(lastUpdatedTime) as number) : nowMs);
    if (at < order.createdMs) throw new SimInputError(`order ${orderId}: lastUpdatedTime is before createdTime`);
    apply(order, at);
    return fullOrder(order);
  }

  get(orderId: string): StoredOrder | undefined {
    return this.byId.get(orderId);
  }

  forSeller(sellerId: string): StoredOrder[] {
    return [...(this.bySeller.get(sellerId) ?? [])];
  }

  all(): SimOrder[] {
    return [...this.byId.values()].map(fullOrder);
  }

  private seller(sellerId: string | undefined): StoreSeller {
    if (sellerId === undefined) return this.sellers[0] as StoreSeller;
    const seller = this.sellers.find((s) => s.sellerId === sellerId);
    if (!seller) throw new SimInputError(`sellerId: no simulated seller ${sellerId}`);
    return seller;
  }
}

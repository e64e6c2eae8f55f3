import { formatInstant, toSecond, type AccountOffset } from './dates';
import { applyLineChanges, type LineChange } from './order-update';
import type { NewOrder, OrderRecord } from './order-record';
import type { SimCustomerOrder } from './types';

export type { NewOrder, OrderRecord } from './order-record';

export class OrderStateError extends Error {}

/** What an update may change (create-order.ts validates it). */
export type OrderChange = Partial<Pick<NewOrder, 'customer' | 'shippingAddress' | 'billingAddress'>> & { lines?: LineChange[] };

/** The customer orders; first ids come from the store, whose seeded draw order they belong to. */
export class CustomerOrders {
  private readonly orders: OrderRecord[] = [];
  /**
   * Lookups by id and number, which neither an update nor a cancel changes: without them each
   * create (the number must be new) scanned every order, quadratic over a large import. A number
   * maps to its first order, as a scan in creation order would find.
   */
  private readonly byId = new Map<number, OrderRecord>();
  private readonly byNumber = new Map<string, OrderRecord>();

  constructor(
    private nextOrderId: number,
    /** Customers, addresses and lines share one id sequence. */
    private nextChildId: number,
    private readonly now: () => number,
  ) {}

  all(): readonly OrderRecord[] {
    return this.orders;
  }

  findById(id: number): OrderRecord | undefined {
    return this.byId.get(id);
  }

  findByNumber(orderNumber: string): OrderRecord | undefined {
    return this.byNumber.get(orderNumber);
  }

  create(input: NewOrder): OrderRecord {
    const at = toSecond(this.now());
    const record: OrderRecord = {
      id: this.nextOrderId++,
      orderNumber: input.orderNumber,
      orderReference: input.orderReference,
      orderSource: input.orderSource,
      customer: { id: this.nextChildId++, ...input.customer },
      orderedAt: input.orderedAt ?? at,
      createdAt: at,
      modifiedAt: at,
      completedAt: null,
      cancelledAt: null,
      cancelledReason: null,
      shippingAddress: { id: this.nextChildId++, ...input.shippingAddress },
      billingAddress: input.billingAddress && { id: this.nextChildId++, ...input.billingAddress },
      draft: input.draft,
      warehouse: input.warehouse,
      lines: input.lines.map((l) => ({
        id: this.nextChildId++,
        itemId: l.item.id,
        sku: l.item.sku,
        description: l.item.description,
        orderQuantity: l.quantity,
        quantity: l.quantity,
        price: l.price,
        shippedQuantity: 0,
        pickedQuantity: 0,
      })),
      notes: input.notes,
    };
    this.orders.push(record);
    this.byId.set(record.id, record);
    if (!this.byNumber.has(record.orderNumber)) this.byNumber.set(record.orderNumber, record);
    return record;
  }

  /** Cancelling twice is a no-op (the legacy API answers success); a completed order cannot be. */
  cancel(order: OrderRecord, reason: string | null): OrderRecord {
    if (order.cancelledAt !== null) return order;
    if (order.completedAt !== null) throw new OrderStateError('Order is completed and cannot be cancelled.');
    const at = toSecond(this.now());
    order.cancelledAt = at;
    order.cancelledReason = reason;
    order.modifiedAt = at;
    return order;
  }

  /**
   * A finished order keeps the address and lines it shipped with (or never shipped with): Theseus
   * refuses to edit shipped or cancelled orders on its side (evidence §2.7 [Z]); what the API answers
   * is unknown, so a refusal is modelled; a completed order's customer and address follow
   * `completedEdits` (rest-behaviour.ts `completedOrderEdits`). Any accepted change moves modifiedDate.
   */
  update(order: OrderRecord, change: OrderChange, completedEdits: 'accept' | 'refuse' = 'refuse'): OrderRecord {
    const closed = order.cancelledAt !== null || (order.completedAt !== null && (completedEdits === 'refuse' || change.lines));
    if (closed) throw new OrderStateError('Order is closed and cannot be changed.');
    if (change.lines) applyLineChanges(order, change.lines, () => this.nextChildId++);
    if (change.customer) order.customer = { ...order.customer, ...change.customer };
    if (change.shippingAddress) order.shippingAddress = { ...order.shippingAddress, ...change.shippingAddress };
    if (change.billingAddress) order.billingAddress = { id: order.billingAddress?.id ?? this.nextChildId++, ...change.billingAddress };
    order.modifiedAt = toSecond(this.now());
    return order;
  }

  /** Stands in for the warehouse shipping the order, which no API call can do. */
  complete(order: OrderRecord, when?: number): OrderRecord {
    if (order.completedAt !== null) return order;
    if (order.cancelledAt !== null) throw new OrderStateError('Order is cancelled and cannot be completed.');
    const at = toSecond(when ?? this.now());
    order.completedAt = at;
    order.modifiedAt = at;
    return order;
  }
}

export function renderCustomerOrder(o: OrderRecord, offset: AccountOffset): SimCustomerOrder {
  const date = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms, offset));
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    orderReference: o.orderReference,
    orderSource: o.orderSource,
    customer: { ...o.customer },
    orderedDate: formatInstant(o.orderedAt, offset),
    createdDate: formatInstant(o.createdAt, offset),
    modifiedDate: formatInstant(o.modifiedAt, offset),
    orderPlaced: !o.draft,
    completed: o.completedAt !== null,
    completedDate: date(o.completedAt),
    cancelled: o.cancelledAt !== null,
    cancelledDate: date(o.cancelledAt),
    cancelledReason: o.cancelledReason,
    onHold: false,
    shippingAddress: { ...o.shippingAddress },
    billingAddress: o.billingAddress && { ...o.billingAddress },
    shipFromWarehouse: { ...o.warehouse },
    items: o.lines.map((l) => ({ ...l })),
    ...o.notes,
  };
}

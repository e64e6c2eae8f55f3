import { formatInstant, toSecond, type AccountOffset } from './dates';
import { OrderStateError, type OrderRecord } from './customer-orders';
import type { SimShippingOrder, SimShippingOrderItem, SimShippingOrderWithItems, SimWarehouse } from './types';

/** What a validated shipment carries into the store (see shipment-input.ts); quantities fit the order. */
export interface NewShipment {
  order: OrderRecord;
  carrier: string;
  service: string;
  trackingNumber: string;
  shippedAt: number | undefined;
  weight: number;
  total: number;
  /** One entry per sku. */
  lines: { sku: string; quantity: number }[];
}

/** A shipping order with its single shipment (package). */
export interface ShippingOrderRecord {
  id: number;
  order: OrderRecord;
  warehouse: SimWarehouse;
  carrier: string;
  service: string;
  shippedAt: number;
  modifiedAt: number;
  /** When the label was voided. */
  voidedAt: number | null;
  shipment: { id: number; trackingNumber: string; weight: number; total: number };
  items: { sku: string; quantity: number }[];
}

/** Units of `sku` on the order still to ship, over every line with that sku. */
export function leftToShip(order: OrderRecord, sku: string): number {
  return order.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity - l.shippedQuantity, 0);
}

/** The shipping orders; first ids come from the store, whose seeded draw order they belong to. */
export class ShippingOrders {
  /** In id order: ids only grow. */
  private readonly shipping: ShippingOrderRecord[] = [];

  constructor(
    private nextShippingOrderId: number,
    private nextShipmentId: number,
    private readonly now: () => number,
  ) {}

  all(): readonly ShippingOrderRecord[] {
    return this.shipping;
  }

  findById(id: number): ShippingOrderRecord | undefined {
    return this.shipping.find((s) => s.id === id);
  }

  /**
   * Records one package of the order (the caller has checked the order is not cancelled and every
   * quantity fits), marks the units shipped line by line, bumps the order's modifiedDate, and
   * completes it once every line is fully shipped. An order already completed keeps its date.
   */
  ship(input: NewShipment): ShippingOrderRecord {
    const { order } = input;
    if (order.cancelledAt !== null) throw new OrderStateError('Order is cancelled and cannot be shipped.');
    for (const { sku, quantity } of input.lines) {
      if (quantity > leftToShip(order, sku)) throw new OrderStateError(`Quantity for ${sku} exceeds what is left to ship.`);
    }
    const at = toSecond(this.now());
    for (const { sku, quantity } of input.lines) {
      let rest = quantity;
      for (const line of order.lines) {
        if (line.sku !== sku || rest === 0) continue;
        const take = Math.min(rest, line.quantity - line.shippedQuantity);
        line.shippedQuantity += take;
        rest -= take;
      }
    }
    order.modifiedAt = at;
    if (order.completedAt === null && order.lines.every((l) => l.shippedQuantity >= l.quantity)) order.completedAt = at;
    const record: ShippingOrderRecord = {
      id: this.nextShippingOrderId++,
      order,
      warehouse: order.warehouse,
      carrier: input.carrier,
      service: input.service,
      shippedAt: toSecond(input.shippedAt ?? at),
      modifiedAt: at,
      voidedAt: null,
      shipment: { id: this.nextShipmentId++, trackingNumber: input.trackingNumber, weight: input.weight, total: input.total },
      items: input.lines.map((l) => ({ ...l })),
    };
    this.shipping.push(record);
    return record;
  }

  /**
   * Voids the label: the shipping order and its shipment turn `cancelled`. Voiding twice is a no-op.
   * The customer order is left alone (its shipped quantities and completion stay).
   */
  void(record: ShippingOrderRecord): ShippingOrderRecord {
    if (record.voidedAt !== null) return record;
    const at = toSecond(this.now());
    record.voidedAt = at;
    record.modifiedAt = at;
    return record;
  }
}

export function renderShippingOrderItems(s: ShippingOrderRecord): SimShippingOrderItem[] {
  return s.items.map((i) => ({ sku: i.sku, quantity: i.quantity, shipmentId: s.shipment.id }));
}

export function renderShippingOrder(s: ShippingOrderRecord, offset: AccountOffset): SimShippingOrder {
  const cancelled = s.voidedAt !== null;
  return {
    id: s.id,
    customerOrderId: s.order.id,
    orderNumber: s.order.orderNumber,
    warehouse: { ...s.warehouse },
    carrier: s.carrier,
    service: s.service,
    shipped: true,
    shippedDate: formatInstant(s.shippedAt, offset),
    modifiedDate: formatInstant(s.modifiedAt, offset),
    cancelled,
    shipments: [
      {
        id: s.shipment.id,
        trackingNumber: s.shipment.trackingNumber,
        carrier: s.carrier,
        service: s.service,
        weight: s.shipment.weight,
        total: s.shipment.total,
        cancelled,
        errorMessage: null,
      },
    ],
  };
}

export function renderShippingOrderWithItems(s: ShippingOrderRecord, offset: AccountOffset): SimShippingOrderWithItems {
  return { ...renderShippingOrder(s, offset), items: renderShippingOrderItems(s) };
}

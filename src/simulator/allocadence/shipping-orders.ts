import { toSecond } from './dates';
import { OrderStateError, type OrderRecord } from './customer-orders';
import type { SimCodeName, SimWarehouse } from './types';

/** What a validated shipment carries into the store (see shipment-input.ts); quantities fit the order. */
export interface NewShipment {
  order: OrderRecord;
  /** An existing shipping order of the same customer order that gets this package. */
  into: ShippingOrderRecord | undefined;
  carrier: SimCodeName;
  service: SimCodeName;
  /** '' for a package without one. */
  trackingNumber: string;
  shippedAt: number | undefined;
  weight: number;
  total: number;
  /** One entry per sku. */
  lines: { sku: string; quantity: number }[];
}

/** One package: a label with its own carrier, tracking, ship date and lines. */
export interface PackageRecord {
  id: number;
  carrier: SimCodeName;
  service: SimCodeName;
  trackingNumber: string;
  shippedAt: number;
  weight: number;
  total: number;
  /** When its label was voided. */
  voidedAt: number | null;
  items: { sku: string; quantity: number }[];
}

/**
 * A shipping order with its packages. In production a quarter of them carry more than one
 * (476 of 2,300, reference/allocadence-evidence-2026-12.md §2.1 "Data quality").
 */
export interface ShippingOrderRecord {
  id: number;
  order: OrderRecord;
  warehouse: SimWarehouse;
  modifiedAt: number;
  /** In the order they were shipped; never empty. */
  packages: PackageRecord[];
}

/** Units of `sku` on the order still to ship, over every line with that sku. */
export function leftToShip(order: OrderRecord, sku: string): number {
  return order.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity - l.shippedQuantity, 0);
}

/** When the shipping order shipped: its earliest package, voided ones included (the order-level `shippeddate`). */
export function shippedAtOf(s: ShippingOrderRecord): number {
  return Math.min(...s.packages.map((p) => p.shippedAt));
}

/** A shipping order is cancelled once every package on it is. */
export function isVoided(s: ShippingOrderRecord): boolean {
  return s.packages.every((p) => p.voidedAt !== null);
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
   * Records one package of the order, on a new shipping order or on `input.into` (the caller has
   * checked the order is not cancelled and every quantity fits), marks the units shipped line by
   * line, bumps the order's modifiedDate, and completes it once every line is fully shipped. An
   * order already completed keeps its date.
   */
  ship(input: NewShipment): ShippingOrderRecord {
    const { order } = input;
    if (order.cancelledAt !== null) throw new OrderStateError('Order is cancelled and cannot be shipped.');
    if (input.into && (input.into.order !== order || isVoided(input.into)))
      throw new OrderStateError('That shipping order cannot take another package.');
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
        line.pickedQuantity = Math.max(line.pickedQuantity, line.shippedQuantity);
        rest -= take;
      }
    }
    order.modifiedAt = at;
    if (order.completedAt === null && order.lines.every((l) => l.shippedQuantity >= l.quantity)) order.completedAt = at;
    const pkg: PackageRecord = {
      id: this.nextShipmentId++,
      carrier: { ...input.carrier },
      service: { ...input.service },
      trackingNumber: input.trackingNumber,
      shippedAt: toSecond(input.shippedAt ?? at),
      weight: input.weight,
      total: input.total,
      voidedAt: null,
      items: input.lines.map((l) => ({ ...l })),
    };
    if (input.into) {
      input.into.packages.push(pkg);
      input.into.modifiedAt = at;
      return input.into;
    }
    const record: ShippingOrderRecord = {
      id: this.nextShippingOrderId++,
      order,
      warehouse: order.warehouse,
      modifiedAt: at,
      packages: [pkg],
    };
    this.shipping.push(record);
    return record;
  }

  /**
   * Voids labels: one package (by its shipment id) or, without one, every package of the shipping
   * order; they turn `cancelled`, and so does the shipping order once none is left. Voiding twice
   * is a no-op. The customer order is left alone (its shipped quantities and completion stay).
   * Throws OrderStateError for a shipment id not on this shipping order.
   */
  void(record: ShippingOrderRecord, shipmentId?: number): ShippingOrderRecord {
    const targets = shipmentId === undefined ? record.packages : record.packages.filter((p) => p.id === shipmentId);
    if (targets.length === 0) throw new OrderStateError(`Shipment ${shipmentId} is not on shipping order ${record.id}.`);
    const at = toSecond(this.now());
    for (const p of targets) {
      if (p.voidedAt !== null) continue;
      p.voidedAt = at;
      record.modifiedAt = at;
    }
    return record;
  }
}

import { buildCatalog } from '../catalog';
import { createRng } from '../random';
import { formatInstant, toSecond, type AccountOffset } from './dates';
import { StockBook, type AdjustmentRecord, type StockRecord } from './stock';
import type {
  SimAddress,
  SimAdjustment,
  SimCustomer,
  SimCustomerOrder,
  SimInventoryRow,
  SimItem,
  SimOrderLine,
  SimShippingOrder,
  SimShippingOrderItem,
  SimShippingOrderWithItems,
  SimStockLevel,
  SimUserFieldKey,
  SimWarehouse,
} from './types';

/** What a validated create request carries into the store (see create-order.ts). */
export interface NewOrder {
  orderNumber: string;
  orderReference: string | null;
  orderSource: string;
  orderedAt: number | undefined;
  warehouse: SimWarehouse;
  customer: Omit<SimCustomer, 'id'>;
  shippingAddress: Omit<SimAddress, 'id'>;
  lines: { item: ItemRecord; quantity: number; price: number }[];
  notes: Pick<SimCustomerOrder, 'internalNote' | 'noteFromCustomer' | 'noteToCustomer'>;
}

export const USER_FIELDS: readonly SimUserFieldKey[] = ['userField1', 'userField2', 'userField3', 'userField4', 'userField5', 'userField6'];

export type UserFields = Record<SimUserFieldKey, string | null>;

export function noUserFields(): UserFields {
  return { userField1: null, userField2: null, userField3: null, userField4: null, userField5: null, userField6: null };
}

export interface ItemRecord {
  id: number;
  sku: string;
  upc: string | null;
  description: string;
  price: number;
  safetyStock: number;
  userFields: UserFields;
  createdAt: number;
  modifiedAt: number;
}

/** What a validated item create carries into the store (see item-input.ts). */
export interface NewItem {
  sku: string;
  description: string;
  upc: string | null;
  price: number;
  safetyStock: number;
  userFields: UserFields;
  /** Assign to this warehouse: a stock record with nothing in stock. */
  warehouse: SimWarehouse | undefined;
}

/** What `PUT /items/{id}` may change; undefined leaves a field alone. */
export interface ItemChange {
  description?: string;
  upc?: string | null;
  price?: number;
  safetyStock?: number;
  userFields?: Partial<UserFields>;
}

/** Instants stay numbers inside the store; they become offset strings only when rendered. */
export interface OrderRecord {
  id: number;
  orderNumber: string;
  orderReference: string | null;
  orderSource: string;
  customer: SimCustomer;
  orderedAt: number;
  createdAt: number;
  modifiedAt: number;
  completedAt: number | null;
  cancelledAt: number | null;
  cancelledReason: string | null;
  shippingAddress: SimAddress;
  warehouse: SimWarehouse;
  lines: SimOrderLine[];
  notes: NewOrder['notes'];
}

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

export class OrderStateError extends Error {}

const DAY = 86_400_000;

/** Builds a check-digited UPC-A so clients that validate barcodes accept the seeded ones. */
function upcFrom(digits: number[]): string {
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

export class AllocadenceStore {
  readonly warehouses: SimWarehouse[];
  /** In id order: ids only grow, so creating an item appends. */
  readonly items: ItemRecord[];
  readonly stock: StockBook;
  private readonly itemsBySku = new Map<string, ItemRecord>();
  private readonly itemsById = new Map<number, ItemRecord>();
  private nextItemId: number;
  private readonly orders: OrderRecord[] = [];
  private nextOrderId: number;
  private nextChildId: number;
  /** In id order: ids only grow. */
  private readonly shipping: ShippingOrderRecord[] = [];
  private nextShippingOrderId: number;
  private nextShipmentId: number;

  constructor(
    seed: number,
    catalogSize: number,
    warehouseNames: string[],
    private readonly offset: AccountOffset,
    private readonly now: () => number,
  ) {
    // A separate stream from the catalogue's, so the shared catalogue never shifts with our draws.
    const rng = createRng(seed ^ 0xa110c);
    const start = toSecond(now());
    this.warehouses = warehouseNames.map((name, i) => ({ id: i + 1, name }));
    let itemId = rng.int(100, 900);
    this.items = buildCatalog(seed, catalogSize).map((p) => {
      const createdAt = toSecond(start - rng.int(30, 400) * DAY - rng.int(0, DAY - 1));
      return {
        id: (itemId += rng.int(1, 3)),
        sku: p.sku,
        upc: upcFrom(Array.from({ length: 11 }, () => rng.int(0, 9))),
        description: p.title,
        price: p.price,
        safetyStock: rng.int(0, 5),
        userFields: noUserFields(),
        createdAt,
        modifiedAt: toSecond(createdAt + rng.int(0, Math.floor((start - createdAt) / 1000)) * 1000),
      };
    });
    this.nextOrderId = rng.int(10_000, 90_000);
    this.nextChildId = rng.int(1_000, 9_000);
    this.nextItemId = itemId + 1;
    for (const item of this.items) this.index(item);
    // Drawn after everything above, so adding shipments shifted none of those values.
    this.nextShippingOrderId = rng.int(200_000, 300_000);
    this.nextShipmentId = rng.int(500_000, 600_000);

    // Stock draws from a stream of its own, so adding it shifted none of the values above.
    const stockRng = createRng(seed ^ 0x570c4);
    this.stock = new StockBook(this.warehouses);
    for (const item of this.items) {
      for (const warehouse of this.warehouses) {
        this.stock.set(item, warehouse, stockRng.chance(0.15) ? 0 : stockRng.int(1, 60));
      }
    }
  }

  private index(item: ItemRecord): void {
    this.itemsBySku.set(item.sku, item);
    this.itemsById.set(item.id, item);
  }

  findItemBySku(sku: string): ItemRecord | undefined {
    return this.itemsBySku.get(sku);
  }

  findItemById(id: number): ItemRecord | undefined {
    return this.itemsById.get(id);
  }

  /** The caller has checked the sku is free (item-input.ts); this only guards the index. */
  addItem(input: NewItem): ItemRecord {
    if (this.itemsBySku.has(input.sku)) throw new Error(`Duplicate item SKU: ${input.sku}`);
    const at = toSecond(this.now());
    const record: ItemRecord = {
      id: this.nextItemId++,
      sku: input.sku,
      upc: input.upc,
      description: input.description,
      price: input.price,
      safetyStock: input.safetyStock,
      userFields: { ...input.userFields },
      createdAt: at,
      modifiedAt: at,
    };
    this.items.push(record);
    this.index(record);
    if (input.warehouse) this.stock.ensure(record, input.warehouse);
    return record;
  }

  /** Bumps modifiedDate even when nothing changed, as a save in the UI would. */
  updateItem(item: ItemRecord, change: ItemChange): ItemRecord {
    if (change.description !== undefined) item.description = change.description;
    if (change.upc !== undefined) item.upc = change.upc;
    if (change.price !== undefined) item.price = change.price;
    if (change.safetyStock !== undefined) item.safetyStock = change.safetyStock;
    if (change.userFields) item.userFields = { ...item.userFields, ...change.userFields };
    item.modifiedAt = toSecond(this.now());
    return item;
  }

  /** A logged, signed change to sellable stock; throws NegativeStockError (changing nothing) below zero. */
  adjustStock(item: ItemRecord, warehouse: SimWarehouse, quantity: number, reason: string | null): StockRecord {
    return this.stock.adjust(item, warehouse, quantity, reason, toSecond(this.now()));
  }

  findWarehouse(name: string): SimWarehouse | undefined {
    return this.warehouses.find((w) => w.name === name);
  }

  allOrders(): readonly OrderRecord[] {
    return this.orders;
  }

  findOrderById(id: number): OrderRecord | undefined {
    return this.orders.find((o) => o.id === id);
  }

  findOrderByNumber(orderNumber: string): OrderRecord | undefined {
    return this.orders.find((o) => o.orderNumber === orderNumber);
  }

  createOrder(input: NewOrder): OrderRecord {
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
      })),
      notes: input.notes,
    };
    this.orders.push(record);
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

  /** A finished order keeps the address it shipped to (or never shipped to). */
  update(order: OrderRecord, change: { customer?: NewOrder['customer']; shippingAddress?: NewOrder['shippingAddress'] }): OrderRecord {
    if (order.cancelledAt !== null || order.completedAt !== null) throw new OrderStateError('Order is closed and cannot be changed.');
    if (change.customer) order.customer = { ...order.customer, ...change.customer };
    if (change.shippingAddress) order.shippingAddress = { ...order.shippingAddress, ...change.shippingAddress };
    order.modifiedAt = toSecond(this.now());
    return order;
  }

  /** Stands in for the warehouse shipping the order, which no API call can do. */
  complete(order: OrderRecord): OrderRecord {
    if (order.completedAt !== null) return order;
    if (order.cancelledAt !== null) throw new OrderStateError('Order is cancelled and cannot be completed.');
    const at = toSecond(this.now());
    order.completedAt = at;
    order.modifiedAt = at;
    return order;
  }

  allShippingOrders(): readonly ShippingOrderRecord[] {
    return this.shipping;
  }

  findShippingOrderById(id: number): ShippingOrderRecord | undefined {
    return this.shipping.find((s) => s.id === id);
  }

  /** Units of `sku` on the order still to ship, over every line with that sku. */
  leftToShip(order: OrderRecord, sku: string): number {
    return order.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity - l.shippedQuantity, 0);
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
      if (quantity > this.leftToShip(order, sku)) throw new OrderStateError(`Quantity for ${sku} exceeds what is left to ship.`);
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
  voidShippingOrder(record: ShippingOrderRecord): ShippingOrderRecord {
    if (record.voidedAt !== null) return record;
    const at = toSecond(this.now());
    record.voidedAt = at;
    record.modifiedAt = at;
    return record;
  }

  renderShippingOrderWithItems(s: ShippingOrderRecord): SimShippingOrderWithItems {
    return { ...this.renderShippingOrder(s), items: this.renderShippingOrderItems(s) };
  }

  renderShippingOrderItems(s: ShippingOrderRecord): SimShippingOrderItem[] {
    return s.items.map((i) => ({ sku: i.sku, quantity: i.quantity, shipmentId: s.shipment.id }));
  }

  renderShippingOrder(s: ShippingOrderRecord): SimShippingOrder {
    const cancelled = s.voidedAt !== null;
    return {
      id: s.id,
      customerOrderId: s.order.id,
      orderNumber: s.order.orderNumber,
      warehouse: { ...s.warehouse },
      carrier: s.carrier,
      service: s.service,
      shipped: true,
      shippedDate: formatInstant(s.shippedAt, this.offset),
      modifiedDate: formatInstant(s.modifiedAt, this.offset),
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

  renderOrder(o: OrderRecord): SimCustomerOrder {
    const date = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms, this.offset));
    return {
      id: o.id,
      orderNumber: o.orderNumber,
      orderReference: o.orderReference,
      orderSource: o.orderSource,
      customer: { ...o.customer },
      orderedDate: formatInstant(o.orderedAt, this.offset),
      createdDate: formatInstant(o.createdAt, this.offset),
      modifiedDate: formatInstant(o.modifiedAt, this.offset),
      orderPlaced: true,
      completed: o.completedAt !== null,
      completedDate: date(o.completedAt),
      cancelled: o.cancelledAt !== null,
      cancelledDate: date(o.cancelledAt),
      cancelledReason: o.cancelledReason,
      onHold: false,
      shippingAddress: { ...o.shippingAddress },
      shipFromWarehouse: { ...o.warehouse },
      items: o.lines.map((l) => ({ ...l })),
      ...o.notes,
    };
  }

  renderItem(i: ItemRecord): SimItem {
    return {
      id: i.id,
      sku: i.sku,
      upc: i.upc,
      description: i.description,
      category: null,
      price: i.price,
      safetyStock: i.safetyStock,
      active: true,
      kit: false,
      ...i.userFields,
      createdDate: formatInstant(i.createdAt, this.offset),
      modifiedDate: formatInstant(i.modifiedAt, this.offset),
    };
  }

  renderInventoryRow(r: StockRecord): SimInventoryRow {
    const { item, warehouse } = r;
    return {
      item: { id: item.id, sku: item.sku, upc: item.upc, description: item.description },
      warehouse: { ...warehouse },
      sellable: r.sellable,
      inbound: r.inbound,
      inStock: r.sellable > 0,
    };
  }

  renderStockLevel(r: StockRecord): SimStockLevel {
    return { item: { id: r.item.id, sku: r.item.sku }, warehouse: { ...r.warehouse }, sellable: r.sellable };
  }

  renderAdjustment(a: AdjustmentRecord): SimAdjustment {
    return { sku: a.item.sku, warehouse: a.warehouse.name, quantity: a.quantity, reason: a.reason, at: formatInstant(a.at, this.offset) };
  }
}

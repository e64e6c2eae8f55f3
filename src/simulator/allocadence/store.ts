import { createRng } from '../random';
import { toSecond, type AccountOffset } from './dates';
import { CustomerOrders, renderCustomerOrder, type NewOrder, type OrderChange, type OrderRecord } from './customer-orders';
import {
  applyItemChange,
  newItemRecord,
  renderItemRecord,
  seedItems,
  type ItemChange,
  type ItemRecord,
  type NewItem,
} from './item-records';
import { renderShippingOrder, renderShippingOrderItems, renderShippingOrderWithItems } from './shipping-order-view';
import { leftToShip, ShippingOrders, type NewShipment, type ShippingOrderRecord } from './shipping-orders';
import { InventoryQuirks } from './inventory-quirks';
import { restBehaviour, type RestBehaviour, type RestBehaviourOptions } from './rest-behaviour';
import { renderAdjustment, renderInventoryRow, renderStockLevel, StockBook, type AdjustmentRecord, type StockRecord } from './stock';
import type {
  SimAdjustment,
  SimCustomerOrder,
  SimInventoryRow,
  SimItem,
  SimShippingOrder,
  SimShippingOrderItem,
  SimShippingOrderWithItems,
  SimStockLevel,
  SimWarehouse,
} from './types';

// The API modules import everything through here, so the records' home modules stay an internal detail.
export { OrderStateError, type NewOrder, type OrderRecord } from './customer-orders';
export {
  noUserFields,
  USER_FIELDS,
  type ItemChange,
  type ItemRecord,
  type KitComponent,
  type NewItem,
  type UserFields,
} from './item-records';
export type { NewShipment, ShippingOrderRecord } from './shipping-orders';

export class AllocadenceStore {
  readonly warehouses: SimWarehouse[];
  /** In id order: ids only grow, so creating an item appends. */
  readonly items: ItemRecord[];
  readonly stock: StockBook;
  /** Accounts without the legacy REST tree answer its paths with the HTML not-found page. */
  legacyApiEnabled = true;
  /** Where the REST evidence is split, which way this account answers (see rest-behaviour.ts); tests may change it. */
  readonly behaviour: RestBehaviour;
  /** Odd paging of `GET /inventory` a test asked for (see inventory-quirks.ts). */
  readonly inventoryQuirks = new InventoryQuirks();
  private readonly itemsBySku = new Map<string, ItemRecord>();
  private readonly itemsById = new Map<number, ItemRecord>();
  private nextItemId: number;
  private readonly orders: CustomerOrders;
  private readonly shipping: ShippingOrders;

  constructor(
    seed: number,
    catalogSize: number,
    warehouseNames: string[],
    private readonly offset: AccountOffset,
    private readonly now: () => number,
    behaviour: RestBehaviourOptions = {},
  ) {
    this.behaviour = restBehaviour(warehouseNames, behaviour);
    // A separate stream from the catalogue's, so the shared catalogue never shifts with our draws.
    const rng = createRng(seed ^ 0xa110c);
    const start = toSecond(now());
    this.warehouses = warehouseNames.map((name, i) => ({ id: i + 1, name }));
    const { items, lastId } = seedItems(rng, seed, catalogSize, start);
    this.items = items;
    const firstOrderId = rng.int(10_000, 90_000);
    const firstChildId = rng.int(1_000, 9_000);
    this.orders = new CustomerOrders(firstOrderId, firstChildId, now);
    this.nextItemId = lastId + 1;
    for (const item of this.items) this.index(item);
    // Drawn after everything above, so adding shipments shifted none of those values.
    const firstShippingOrderId = rng.int(200_000, 300_000);
    const firstShipmentId = rng.int(500_000, 600_000);
    this.shipping = new ShippingOrders(firstShippingOrderId, firstShipmentId, now);

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
    const record = newItemRecord(this.nextItemId++, input, toSecond(this.now()));
    this.items.push(record);
    this.index(record);
    for (const warehouse of input.warehouses) this.stock.ensure(record, warehouse);
    return record;
  }

  /** The API user's current warehouse: where creates that name none land (rest-behaviour.ts). */
  currentWarehouse(): SimWarehouse {
    const w = this.findWarehouse(this.behaviour.userWarehouse);
    if (!w) throw new Error(`No warehouse ${this.behaviour.userWarehouse}`);
    return w;
  }

  /** Whether the item may be stocked and shipped from the warehouse (§2.10). */
  isAssigned(item: ItemRecord, warehouse: SimWarehouse): boolean {
    return this.stock.get(item, warehouse) !== undefined;
  }

  /** Bumps modifiedDate even when nothing changed, as a save in the UI would. */
  updateItem(item: ItemRecord, change: ItemChange): ItemRecord {
    return applyItemChange(item, change, this.now);
  }

  /** A logged, signed change to sellable stock; throws NegativeStockError (changing nothing) below zero. */
  adjustStock(item: ItemRecord, warehouse: SimWarehouse, quantity: number, reason: string | null): StockRecord {
    return this.stock.adjust(item, warehouse, quantity, reason, toSecond(this.now()));
  }

  findWarehouse(name: string): SimWarehouse | undefined {
    return this.warehouses.find((w) => w.name === name);
  }

  allOrders(): readonly OrderRecord[] {
    return this.orders.all();
  }

  findOrderById(id: number): OrderRecord | undefined {
    return this.orders.findById(id);
  }

  findOrderByNumber(orderNumber: string): OrderRecord | undefined {
    return this.orders.findByNumber(orderNumber);
  }

  createOrder(input: NewOrder): OrderRecord {
    return this.orders.create(input);
  }

  /** Cancelling twice is a no-op (the legacy API answers success); a completed order cannot be. */
  cancel(order: OrderRecord, reason: string | null): OrderRecord {
    return this.orders.cancel(order, reason);
  }

  /** A finished order keeps the address it shipped to (or never shipped to). */
  update(order: OrderRecord, change: OrderChange): OrderRecord {
    return this.orders.update(order, change, this.behaviour.completedOrderEdits);
  }

  /** Stands in for the warehouse shipping the order, which no API call can do. */
  complete(order: OrderRecord, at?: number): OrderRecord {
    return this.orders.complete(order, at);
  }

  allShippingOrders(): readonly ShippingOrderRecord[] {
    return this.shipping.all();
  }

  findShippingOrderById(id: number): ShippingOrderRecord | undefined {
    return this.shipping.findById(id);
  }

  /** Units of `sku` on the order still to ship, over every line with that sku. */
  leftToShip(order: OrderRecord, sku: string): number {
    return leftToShip(order, sku);
  }

  /** Records one package of the order; see ShippingOrders.ship for what it marks and completes. */
  ship(input: NewShipment): ShippingOrderRecord {
    return this.shipping.ship(input);
  }

  /** One package, or every package without `shipmentId`; voiding twice is a no-op; the customer order keeps its shipped quantities and completion. */
  voidShippingOrder(record: ShippingOrderRecord, shipmentId?: number): ShippingOrderRecord {
    return this.shipping.void(record, shipmentId);
  }

  renderShippingOrderWithItems(s: ShippingOrderRecord): SimShippingOrderWithItems {
    return renderShippingOrderWithItems(s, this.offset);
  }

  renderShippingOrderItems(s: ShippingOrderRecord): SimShippingOrderItem[] {
    return renderShippingOrderItems(s);
  }

  renderShippingOrder(s: ShippingOrderRecord): SimShippingOrder {
    return renderShippingOrder(s, this.offset);
  }

  renderOrder(o: OrderRecord): SimCustomerOrder {
    return renderCustomerOrder(o, this.offset);
  }

  renderItem(i: ItemRecord): SimItem {
    return renderItemRecord(i, this.offset);
  }

  renderInventoryRow(r: StockRecord): SimInventoryRow {
    return renderInventoryRow(r);
  }

  /** A record's sellable as its list shows it: a kit's is what its components make. */
  sellableOf(r: StockRecord): number {
    return r.item.kit ? this.stock.kitSellable(r) : r.sellable;
  }

  renderKitRow(r: StockRecord): SimInventoryRow {
    return renderInventoryRow(r, this.stock.kitSellable(r));
  }

  renderStockLevel(r: StockRecord): SimStockLevel {
    return renderStockLevel(r);
  }

  renderAdjustment(a: AdjustmentRecord): SimAdjustment {
    return renderAdjustment(a, this.offset);
  }
}

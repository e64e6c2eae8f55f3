/**
 * The JSON shapes the simulator serves. They follow the Zenventory API 2.0 samples (reference §1.3),
 * trimmed to the fields the client reads; the client must tolerate extra fields on a real tenant.
 */

export interface SimWarehouse {
  id: number;
  name: string;
}

export interface SimItem {
  id: number;
  sku: string;
  /** Seeded items carry a check-digited UPC-A; an item created without one has null. */
  upc: string | null;
  description: string;
  category: null;
  price: number;
  safetyStock: number;
  /** §2.9: lists show active items unless asked (`active=false`). */
  active: boolean;
  /** §2.11: a kit's stock is served by `GET /inventory/kits`, never by `GET /inventory`. */
  kit: boolean;
  userField1: string | null;
  userField2: string | null;
  userField3: string | null;
  userField4: string | null;
  userField5: string | null;
  userField6: string | null;
  createdDate: string;
  modifiedDate: string;
}

export type SimUserFieldKey = 'userField1' | 'userField2' | 'userField3' | 'userField4' | 'userField5' | 'userField6';

/** What `addItems` (and `POST /__sim/items`) takes: a warehouse user adding items in the UI. */
export interface SimNewItem {
  sku: string;
  /** Defaults to the sku. */
  description?: string;
  upc?: string | null;
  /** Default 0. */
  price?: number;
  /** Default 0. */
  safetyStock?: number;
  userField1?: string | null;
  userField2?: string | null;
  userField3?: string | null;
  userField4?: string | null;
  userField5?: string | null;
  userField6?: string | null;
  /** Default true. */
  active?: boolean;
  /** A kit of `components`: skus that exist already, `quantity` of each per kit (admin only: no API field is known). */
  kit?: boolean;
  components?: Array<{ sku: string; quantity: number }>;
  /** Assigns the item to that warehouse (a stock record with sellable 0); default the API user's current warehouse. */
  warehouseName?: string;
  assignToAllWarehouses?: boolean;
}

/** One row of `GET /rest/inventory`: an item's stock in one warehouse. */
export interface SimInventoryRow {
  item: { id: number; sku: string; upc: string | null; description: string };
  warehouse: SimWarehouse;
  sellable: number;
  inbound: number;
  inStock: boolean;
}

/** The answer of `POST /__sim/stock` and `setStock`. */
export interface SimStockLevel {
  item: { id: number; sku: string };
  warehouse: SimWarehouse;
  sellable: number;
}

/** The answer of `POST /rest/inventory/adjustments`: the new level and the delta applied. */
export interface SimAdjustmentResult extends SimStockLevel {
  adjustment: number;
}

/** One entry of the adjustment log (API adjustments only; admin `setStock` is not logged). */
export interface SimAdjustment {
  sku: string;
  /** Warehouse name. */
  warehouse: string;
  quantity: number;
  reason: string | null;
  /** In the account offset, like every other date. */
  at: string;
}

export interface SimCustomer {
  id: number;
  name: string;
  surname: string | null;
  email: string | null;
  company: string | null;
}

export interface SimAddress {
  id: number;
  name: string | null;
  company: string | null;
  line1: string;
  line2: string | null;
  line3: string | null;
  city: string;
  state: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string;
  phone: string | null;
}

export interface SimOrderLine {
  id: number;
  itemId: number;
  sku: string;
  description: string;
  orderQuantity: number;
  quantity: number;
  price: number;
  /** Units on shipment records (voided labels included); 0 until shipped. */
  shippedQuantity: number;
}

export interface SimCustomerOrder {
  id: number;
  orderNumber: string;
  orderReference: string | null;
  orderSource: string;
  customer: SimCustomer;
  orderedDate: string;
  createdDate: string;
  modifiedDate: string;
  /** False for an order saved as a draft (`saveAsDraft`). */
  orderPlaced: boolean;
  completed: boolean;
  completedDate: string | null;
  cancelled: boolean;
  cancelledDate: string | null;
  cancelledReason: string | null;
  onHold: false;
  shippingAddress: SimAddress;
  /** Null when the create sent none. */
  billingAddress: SimAddress | null;
  shipFromWarehouse: SimWarehouse;
  items: SimOrderLine[];
  internalNote: string | null;
  noteFromCustomer: string | null;
  noteToCustomer: string | null;
}

/** The REST 2.0 list envelope's paging block. */
export interface SimListMeta {
  count: number;
  page: number;
  perPage: number;
  totalPages: number;
}

/** One package of a shipping order, as the legacy `shippingorders` API renders it. */
export interface SimShipment {
  id: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  weight: number;
  total: number;
  /** True once the label was voided. */
  cancelled: boolean;
  errorMessage: null;
}

/** `GET /services/rest/shippingorders[/{id}]`: one shipping order, one shipment (package) here. */
export interface SimShippingOrder {
  id: number;
  customerOrderId: number;
  orderNumber: string;
  warehouse: SimWarehouse;
  carrier: string;
  service: string;
  shipped: true;
  shippedDate: string;
  modifiedDate: string;
  /** True once the label was voided. */
  cancelled: boolean;
  shipments: SimShipment[];
}

/** `GET /services/rest/shippingorders/{id}/items`: one row per sku. */
export interface SimShippingOrderItem {
  sku: string;
  quantity: number;
  shipmentId: number;
}

/** What `ship`, `shippingOrders`, `/__sim/shipments` and `/__sim/state` give: the order with its items. */
export interface SimShippingOrderWithItems extends SimShippingOrder {
  items: SimShippingOrderItem[];
}

/** What `ship` (and `POST /__sim/shipments`) takes: the warehouse shipping one package of an order. */
export interface SimNewShipment {
  orderNumber: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  /** ISO-8601; without an offset it is read in the account offset. Default now. */
  shippedDate?: string;
  /** Default 0. */
  weight?: number;
  /** Shipping cost, default 0. */
  total?: number;
  /** A sku given twice counts once with the sum. */
  lines: { sku: string; quantity: number }[];
}

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
  components?: { sku: string; quantity: number }[];
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
  /** Units picked (a line field in the Pipedream sample, reference/allocadence.md [Z]); shipping picks what it ships. */
  pickedQuantity: number;
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

/** A carrier or service on the legacy tree: an object, not a string (reference/allocadence-evidence-2026-12.md §2.1). */
export interface SimCodeName {
  code: string;
  name: string;
}

/**
 * One package of a shipping order as `GET /services/rest/shippingorders?include_shipments=true`
 * renders it: every key lower case (§2.1 "Row"); weight, total and the error message per the
 * production client's discovery note (§2.1 sources). Blank carrier and no tracking both occur (§2.1 "Data quality").
 */
export interface SimShipment {
  shipmentid: number;
  /** '' when the warehouse has none yet. */
  trackingnumber: string;
  /** The account's wall time, no offset. */
  shippeddate: string;
  /** True once the label was voided. */
  cancelled: boolean;
  carrier: SimCodeName;
  service: SimCodeName;
  weight: number;
  total: number;
  errormessage: null;
}

/** One shipping order of the legacy list (and `/{id}`), in the default lower-case spelling. */
export interface SimShippingOrder {
  shippingorderid: number;
  customerorder: { customerorderid: number; ordernumber: string };
  customer: { customerid: number; name: string; surname: string | null };
  shippingaddress: { name: string | null; city: string; state: string | null; zip: string | null; country: string; phone: string | null };
  /** The first package's. */
  carrier: SimCodeName;
  service: SimCodeName;
  ordereddate: string;
  shipped: true;
  /** When the shipping order shipped (its first package); what `start_date`/`end_date` filter on. */
  shippeddate: string;
  /** True once every package was voided. */
  cancelled: boolean;
  /** Only with `include_shipments=true` on the API; always in what the admin side returns. */
  shipments: SimShipment[];
}

/** `GET /services/rest/shippingorders/{id}/items`: one row per package and sku (§2.2: probably lower case). */
export interface SimShippingOrderItem {
  sku: string;
  quantity: number;
  shipmentid: number;
}

/** What `ship`, `shippingOrders`, `/__sim/shipments` and `/__sim/state` give: the order with its items. */
export interface SimShippingOrderWithItems extends SimShippingOrder {
  items: SimShippingOrderItem[];
}

/** What `ship` (and `POST /__sim/shipments`) takes: the warehouse shipping one package of an order. */
export interface SimNewShipment {
  orderNumber: string;
  /** Adds the package to this shipping order of the same customer order instead of starting a new one. */
  shippingOrderId?: number;
  /** The carrier's name; '' or absent for a blank carrier, as some production rows have. */
  carrier?: string;
  /** Default: the name in capitals without spaces (`DHL eCommerce` → `DHLECOMMERCE`). */
  carrierCode?: string;
  service?: string;
  serviceCode?: string;
  /** '' or absent: a package with no tracking number yet. */
  trackingNumber?: string;
  /** ISO-8601 or `YYYY-MM-DD HH:MM:SS`; without an offset it is the account's wall time. Default now. */
  shippedDate?: string;
  /** Default 0. */
  weight?: number;
  /** Shipping cost, default 0. */
  total?: number;
  /** A sku given twice counts once with the sum. */
  lines: { sku: string; quantity: number }[];
}

/** How the legacy list wraps its rows and spells its keys, where the evidence is split (see legacy-api.ts). */
export interface SimLegacyShape {
  envelope: 'array' | 'object';
  keys: 'lower' | 'camel';
}

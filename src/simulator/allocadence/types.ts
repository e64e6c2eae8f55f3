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
  upc: string;
  description: string;
  price: number;
  safetyStock: number;
  active: true;
  createdDate: string;
  modifiedDate: string;
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
  orderPlaced: true;
  completed: boolean;
  completedDate: string | null;
  cancelled: boolean;
  cancelledDate: string | null;
  cancelledReason: string | null;
  onHold: false;
  shippingAddress: SimAddress;
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

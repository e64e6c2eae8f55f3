import type { ItemRecord } from './item-records';
import type { SimAddress, SimCustomer, SimCustomerOrder, SimOrderLine, SimWarehouse } from './types';

/** What a validated create request carries into the store (see create-order.ts). */
export interface NewOrder {
  orderNumber: string;
  orderReference: string | null;
  orderSource: string;
  orderedAt: number | undefined;
  warehouse: SimWarehouse;
  customer: Omit<SimCustomer, 'id'>;
  shippingAddress: Omit<SimAddress, 'id'>;
  billingAddress: Omit<SimAddress, 'id'> | null;
  /** Saved as a draft (`saveAsDraft`): not placed. */
  draft: boolean;
  lines: { item: ItemRecord; quantity: number; price: number }[];
  notes: Pick<SimCustomerOrder, 'internalNote' | 'noteFromCustomer' | 'noteToCustomer'>;
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
  billingAddress: SimAddress | null;
  draft: boolean;
  warehouse: SimWarehouse;
  lines: SimOrderLine[];
  notes: NewOrder['notes'];
}

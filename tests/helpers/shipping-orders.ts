import type {
  AllocadenceSimulator,
  SimCustomerOrder,
  SimNewShipment,
  SimShippingOrder,
  SimShippingOrderWithItems,
} from '../../src/simulator/allocadence';
import { allocadenceCall, type AllocadenceCall } from './allocadence-sim';

/** Every field an answer of the shipping-order tests may carry, so they can read bodies without casts. */
export interface ShippingBody {
  shippingOrder: SimShippingOrderWithItems;
  customerOrders: SimCustomerOrder[];
  code: string;
  message: string;
  parameter?: string;
  success: boolean;
  error: string;
}

export const call: AllocadenceCall<ShippingBody> = allocadenceCall<ShippingBody>();
export const LEGACY = { SecureKey: 'secure-1' };
export const NO_AUTH: Record<string, string> = {};

/** An order for 2 × SKU-0001 and 1 × SKU-0002, placed through API 2.0. */
export async function createOrder(sim: AllocadenceSimulator, orderNumber: string, orderedDate?: string): Promise<SimCustomerOrder> {
  const res = await call(sim, 'POST', '/rest/customer-orders', {
    orderNumber,
    shipFromWarehouseName: 'Main',
    ...(orderedDate ? { orderedDate } : {}),
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', state: 'OR', zip: '97477', countryCode: 'US' },
    items: [
      { sku: 'SKU-0001', quantity: 2, price: 10 },
      { sku: 'SKU-0002', quantity: 1, price: 5 },
    ],
  });
  expect(res.status).toBe(201);
  return res.json() as unknown as SimCustomerOrder;
}

export function shipment(orderNumber: string, overrides: Partial<SimNewShipment> = {}): SimNewShipment {
  return {
    orderNumber,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: `1Z-${orderNumber}`,
    lines: [{ sku: 'SKU-0001', quantity: 2 }],
    ...overrides,
  };
}

/** What the list answers for a shipping order: without its items (those come from `/{id}/items`). */
export function listed(so: SimShippingOrderWithItems): SimShippingOrder {
  const { items, ...plain } = so;
  expect(Array.isArray(items)).toBe(true);
  return plain;
}

/** `GET /services/rest/shippingorders?…` as the body the account sends: a bare array by default. */
export async function list(sim: AllocadenceSimulator, query = 'shipped=true&include_shipments=true'): Promise<unknown> {
  const res = await call(sim, 'GET', `/services/rest/shippingorders?${query}`, undefined, LEGACY);
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as unknown;
}

export async function ids(sim: AllocadenceSimulator, query: string): Promise<number[]> {
  return ((await list(sim, query)) as SimShippingOrder[]).map((s) => s.shippingorderid);
}

/** A shipment made through the admin route, as the warehouse would ship it. */
export async function ship(sim: AllocadenceSimulator, body: unknown): Promise<SimShippingOrderWithItems> {
  const res = await call(sim, 'POST', '/__sim/shipments', body, NO_AUTH);
  expect(res.status).toBe(201);
  return res.json().shippingOrder;
}

/** The customer order as the REST API reads it back. */
export async function customerOrder(sim: AllocadenceSimulator, id: number): Promise<SimCustomerOrder> {
  return (await call(sim, 'GET', `/rest/customer-orders/${id}`)).json() as unknown as SimCustomerOrder;
}

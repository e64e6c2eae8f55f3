// Shared by the Allocadence order simulator tests: the answer shape they read, an order body and a create call.
import {
  type AllocadenceSimulator,
  type RecordedRequest,
  type SimCustomerOrder,
  type SimItem,
  type SimListMeta,
  type SimWarehouse,
} from '../../src/simulator/allocadence';
import { allocadenceCall } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
export interface Body {
  customerOrders: SimCustomerOrder[];
  items: SimItem[];
  meta: SimListMeta;
  code: string;
  message: string;
  parameter?: string;
  order: SimCustomerOrder;
  warehouses: SimWarehouse[];
  orders: SimCustomerOrder[];
  requests: RecordedRequest[];
}

export const call = allocadenceCall<Body>();

export function orderBody(orderNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderNumber,
    orderReference: `ref-${orderNumber}`,
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace', email: 'ada@example.com' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', state: 'OR', zip: '97477', countryCode: 'US' },
    items: [{ sku: 'SKU-0001', quantity: 2, price: 12.5 }],
    ...overrides,
  };
}

export async function create(sim: AllocadenceSimulator, orderNumber: string): Promise<SimCustomerOrder> {
  const res = await call(sim, 'POST', '/rest/customer-orders', orderBody(orderNumber));
  expect(res.status).toBe(201);
  return res.json() as unknown as SimCustomerOrder;
}

export const legacy = { SecureKey: 'secure-1' };

// Shared by the Allocadence item, inventory and stock simulator tests: the answer shape they read and small builders.
import {
  type AllocadenceSimulator,
  type SimAdjustment,
  type SimInventoryRow,
  type SimItem,
  type SimListMeta,
} from '../../src/simulator/allocadence';
import { allocadenceCall } from '../helpers/allocadence-sim';

/** Every field any answer here may carry, so tests can read bodies without casts. */
export interface Body extends Partial<SimItem> {
  items: SimItem[];
  inventory: SimInventoryRow[];
  adjustments: SimAdjustment[];
  meta: SimListMeta;
  code: string;
  message: string;
  parameter?: string;
  item: { id: number; sku: string };
  warehouse: { id: number; name: string };
  sellable: number;
  adjustment: number;
}

export const call = allocadenceCall<Body>();

export const admin = (sim: AllocadenceSimulator, method: string, path: string, body?: unknown) => call(sim, method, path, body, {});

export async function createItem(sim: AllocadenceSimulator, body: Record<string, unknown>): Promise<SimItem> {
  const res = await call(sim, 'POST', '/rest/items', body);
  expect(res.status).toBe(201);
  return res.json() as unknown as SimItem;
}

export function orderBody(orderNumber: string, sku: string): Record<string, unknown> {
  return {
    orderNumber,
    shipFromWarehouseName: 'Main',
    customer: { name: 'Ada', surname: 'Lovelace' },
    shippingAddress: { line1: '1 Main St', city: 'Springfield', countryCode: 'US' },
    items: [{ sku, quantity: 1 }],
  };
}

export async function inventory(sim: AllocadenceSimulator, query = ''): Promise<{ rows: SimInventoryRow[]; meta: SimListMeta }> {
  const res = await call(sim, 'GET', `/rest/inventory${query}`);
  expect(res.status).toBe(200);
  const body = res.json();
  return { rows: body.inventory, meta: body.meta };
}

export const label = (r: SimInventoryRow): string => `${r.item.sku}@${r.warehouse.name}`;
export const NO_USER_FIELDS = {
  userField1: null,
  userField2: null,
  userField3: null,
  userField4: null,
  userField5: null,
  userField6: null,
};

import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { AllocadenceClients } from './client';
import { pages } from './paging';

const shippingOrderSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  orderNumber: z.string(),
  carrier: z.string().nullish(),
  service: z.string().nullish(),
  shippedDate: z.string().nullish(),
  cancelled: z.boolean().nullish(),
  shipments: z
    .array(z.object({ id: z.union([z.number(), z.string()]).transform(String), trackingNumber: z.string().nullish(), carrier: z.string().nullish(), service: z.string().nullish(), cancelled: z.boolean().nullish() }))
    .default([]),
});
const itemsSchema = z.object({ items: z.array(z.object({ sku: z.string(), quantity: z.number(), shipmentId: z.union([z.number(), z.string()]).transform(String).nullish() })) });

/** One package as the warehouse shipped it. */
export interface WarehouseShipment {
  /** `shippingOrderId/shipmentId`: the key of the shipment ledger and the retry queue. */
  key: string;
  /** Allocadence's shipment (package) id. */
  id: string;
  orderNumber: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  shippedDate: string;
  lines: Array<{ sku: string; quantity: number }>;
}

type ShippingOrder = z.infer<typeof shippingOrderSchema>;

/** The packages of one shipping order. Lines that name no package belong to its first one. */
async function packagesOf(clients: AllocadenceClients, so: ShippingOrder): Promise<WarehouseShipment[]> {
  if (so.cancelled || !so.shippedDate) return [];
  const res = await clients.legacy.request<unknown>({ operation: 'getShippingOrderItems', method: 'GET', path: `/shippingorders/${encodeURIComponent(so.id)}/items` });
  const parsed = parseAnswer(itemsSchema, res.data, 'getShippingOrderItems', 'allocadence');
  const live = so.shipments.filter((s) => !s.cancelled);
  return live.map((s, i) => ({
    key: `${so.id}/${s.id}`,
    id: s.id,
    orderNumber: so.orderNumber,
    carrier: s.carrier ?? so.carrier ?? '',
    service: s.service ?? so.service ?? '',
    trackingNumber: s.trackingNumber ?? '',
    shippedDate: new Date(Date.parse(so.shippedDate ?? '')).toISOString(),
    lines: parsed.items.filter((it) => (it.shipmentId ? it.shipmentId === s.id : i === 0)).map((it) => ({ sku: it.sku, quantity: it.quantity })),
  }));
}

/**
 * Shipped packages from the legacy `shippingorders` resource (the REST 2.0 API has none), with
 * their lines. Voided shipments are left out. The date filter is checked, since unknown filters are
 * ignored by the real API.
 */
export async function* shippedSince(clients: AllocadenceClients, from: string, to: string): AsyncGenerator<WarehouseShipment[]> {
  for await (const page of pages(clients.legacy, 'listShippingOrders', '/shippingorders', 'shippingOrders', shippingOrderSchema, { shippedFrom: from, shippedTo: to })) {
    const out: WarehouseShipment[] = [];
    for (const so of page) {
      const at = so.shippedDate ? Date.parse(so.shippedDate) : NaN;
      if (at < Date.parse(from) - 1000 || at > Date.parse(to) + 1000) {
        throw new RemoteError({ system: 'allocadence', operation: 'listShippingOrders', kind: 'fatal', status: 200, detail: `the shippedFrom/shippedTo filter was ignored (shipping order ${so.id} shipped ${so.shippedDate})` });
      }
      out.push(...(await packagesOf(clients, so)));
    }
    yield out;
  }
}

/** The packages of one shipping order by id, for the retry queue; empty when it is gone or voided. */
export async function shippingOrder(clients: AllocadenceClients, id: string): Promise<WarehouseShipment[]> {
  try {
    const res = await clients.legacy.request<unknown>({ operation: 'getShippingOrder', method: 'GET', path: `/shippingorders/${encodeURIComponent(id)}` });
    return await packagesOf(clients, parseAnswer(shippingOrderSchema, res.data, 'getShippingOrder', 'allocadence'));
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404) return [];
    throw err;
  }
}

/** Whether the warehouse recorded any shipment for an order (then push-shipments, not push-status, tells Amazon). */
export async function hasShipments(clients: AllocadenceClients, orderNumber: string): Promise<boolean> {
  for await (const page of pages(clients.legacy, 'listShippingOrders', '/shippingorders', 'shippingOrders', shippingOrderSchema, { orderNumber })) {
    if (page.some((so) => so.orderNumber === orderNumber && !so.cancelled)) return true;
    if (page.length > 0 && !page.some((so) => so.orderNumber === orderNumber)) {
      throw new RemoteError({ system: 'allocadence', operation: 'listShippingOrders', kind: 'fatal', status: 200, detail: 'the orderNumber filter was ignored' });
    }
  }
  return false;
}

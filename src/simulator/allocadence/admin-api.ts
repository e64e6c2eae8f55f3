import { json, parseJsonBody, type RecordedRequest, type SimRequest, type SimResponse } from '../server';
import { apiError } from './responses';
import { OrderStateError, type AllocadenceStore } from './store';

/**
 * `/__sim/…`: what a warehouse user does in the Allocadence UI, plus state and request dumps for
 * tests and demos in another process. No auth, never faulted (server.ts exempts the prefix).
 */
export function createAdminHandler(store: AllocadenceStore, requests: RecordedRequest[]) {
  return (req: SimRequest): SimResponse => {
    if (req.method === 'GET' && req.path === '/__sim/state') {
      return json(200, {
        warehouses: store.warehouses,
        items: store.items.map((i) => store.renderItem(i)),
        orders: store.allOrders().map((o) => store.renderOrder(o)),
      });
    }
    if (req.method === 'GET' && req.path === '/__sim/requests') return json(200, { requests });
    const m = /^\/__sim\/orders\/([^/]+)\/(cancel|complete)$/.exec(req.path);
    if (!m?.[1] || req.method !== 'POST') return apiError(404, 'not_found', `No simulator route ${req.method} ${req.path}.`);
    const order = store.findOrderByNumber(decodeURIComponent(m[1]));
    if (!order) return apiError(404, 'not_found', 'Customer order not found.');
    try {
      if (m[2] === 'complete') store.complete(order);
      else {
        const body = parseJsonBody(req);
        const reason = typeof body === 'object' && body !== null && 'reason' in body ? body.reason : undefined;
        store.cancel(order, typeof reason === 'string' ? reason : null);
      }
    } catch (err) {
      if (err instanceof OrderStateError) return apiError(409, 'invalid_state', err.message);
      throw err;
    }
    return json(200, { order: store.renderOrder(order) });
  };
}

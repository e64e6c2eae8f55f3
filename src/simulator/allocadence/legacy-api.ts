import { json, type SimRequest, type SimResponse } from '../server';
import { parseInstant, type AccountOffset } from './dates';
import { htmlNotFound, pageOf, readPaging } from './responses';
import { OrderStateError, type AllocadenceStore, type ShippingOrderRecord } from './store';

type Route = { name: 'cancelOrder' | 'getShippingOrder' | 'getShippingOrderItems'; id: string } | { name: 'listShippingOrders' };

/** Every legacy route name, for answer rewrites. */
export const LEGACY_ROUTES: readonly string[] = ['cancelOrder', 'getShippingOrder', 'getShippingOrderItems', 'listShippingOrders'];

export function legacyRouteName(method: string, subPath: string): string | undefined {
  return routeOf(method, subPath)?.name;
}

function routeOf(method: string, subPath: string): Route | undefined {
  const cancel = /^\/customerorders\/([^/]+)\/cancel$/.exec(subPath);
  if (cancel?.[1]) return method === 'PUT' ? { name: 'cancelOrder', id: cancel[1] } : undefined;
  if (method !== 'GET') return undefined;
  if (subPath === '/shippingorders') return { name: 'listShippingOrders' };
  const one = /^\/shippingorders\/([^/]+)(\/items)?$/.exec(subPath);
  if (!one?.[1]) return undefined;
  return { name: one[2] ? 'getShippingOrderItems' : 'getShippingOrder', id: one[1] };
}

function invalid(parameter: string): SimResponse {
  return json(400, { success: false, message: `Invalid value for parameter ${parameter}.` });
}

/**
 * `GET /shippingorders`: by id, with `orderNumber` (exact) and `shippedFrom`/`shippedTo` (instants,
 * inclusive; no offset means the account's). Other parameters are ignored, like the rest of the API.
 */
function listShippingOrders(req: SimRequest, store: AllocadenceStore, offset: AccountOffset): SimResponse {
  const paging = readPaging(req);
  if (typeof paging === 'string') return invalid(paging);
  const filters: ((s: ShippingOrderRecord) => boolean)[] = [];
  const orderNumber = req.query.get('orderNumber');
  if (orderNumber !== null && orderNumber !== '') filters.push((s) => s.order.orderNumber === orderNumber);
  for (const [name, keep] of [
    ['shippedFrom', (at: number) => (s: ShippingOrderRecord) => s.shippedAt >= at],
    ['shippedTo', (at: number) => (s: ShippingOrderRecord) => s.shippedAt <= at],
  ] as const) {
    const raw = req.query.get(name);
    if (raw === null || raw === '') continue;
    const at = parseInstant(raw, offset);
    if (at === undefined) return invalid(name);
    filters.push(keep(at));
  }
  const matching = store.allShippingOrders().filter((s) => filters.every((f) => f(s)));
  const { rows, meta } = pageOf(matching, paging);
  return json(200, { shippingOrders: rows.map((s) => store.renderShippingOrder(s)), meta });
}

/**
 * The legacy REST API under `/services/rest`: the order cancel, which API 2.0 lacks, and the shipped
 * orders. Its answers are `{success, message}` shaped, unlike API 2.0's `{code, message}`. Routing
 * comes before authentication, as in API 2.0.
 */
export function createLegacyHandler(store: AllocadenceStore, secureKey: string, offset: AccountOffset) {
  return (req: SimRequest, subPath: string): SimResponse => {
    const route = routeOf(req.method, subPath);
    if (!route) return htmlNotFound();
    if (req.headers['securekey'] !== secureKey) return json(401, { error: '401', message: 'Unauthorized' });
    if (route.name === 'listShippingOrders') return listShippingOrders(req, store, offset);
    const id = /^\d+$/.test(route.id) ? Number(route.id) : undefined;
    if (route.name === 'cancelOrder') {
      const order = id === undefined ? undefined : store.findOrderById(id);
      if (!order) return json(404, { success: false, message: 'Order not found.' });
      try {
        store.cancel(order, req.query.get('reason'));
      } catch (err) {
        if (err instanceof OrderStateError) return json(400, { success: false, message: err.message });
        throw err;
      }
      return json(200, { success: true });
    }
    const record = id === undefined ? undefined : store.findShippingOrderById(id);
    if (!record) return json(404, { success: false, message: 'Shipping order not found.' });
    if (route.name === 'getShippingOrder') return json(200, store.renderShippingOrder(record));
    return json(200, { items: store.renderShippingOrderItems(record) });
  };
}

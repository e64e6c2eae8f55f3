import { json, type SimRequest, type SimResponse } from '../server';
import { dayOf, parseDay, type AccountClock } from './dates';
import { unknownRoute } from './responses';
import { enveloped, renderShippingOrder, renderShippingOrderItems, spelled } from './shipping-order-view';
import { shippedAtOf, type ShippingOrderRecord } from './shipping-orders';
import { OrderStateError, type AllocadenceStore } from './store';
import type { SimLegacyShape } from './types';

type Route = { name: 'cancelOrder' | 'getShippingOrder' | 'getShippingOrderItems'; id: string } | { name: 'listShippingOrders' };

/** Every legacy route name, for answer rewrites. */
export const LEGACY_ROUTES: readonly string[] = ['cancelOrder', 'getShippingOrder', 'getShippingOrderItems', 'listShippingOrders'];

/**
 * Where the evidence is split, the form served by default. The list is a bare array: the production
 * client tries that form first and types `shippingOrders` as optional (`KlbShippingOrder[] |
 * {shippingOrders?: …}`), and an API that spells every row key in lower case is unlikely to wrap
 * rows in a camelCase key (§2.1 "Response envelope"). Keys are lower case, as every row that
 * client read (§2.1 "Row"; §2.2 for `/{id}` and `/{id}/items` by analogy).
 */
export const DEFAULT_LEGACY_SHAPE: SimLegacyShape = { envelope: 'array', keys: 'lower' };

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

function flag(req: SimRequest, name: string): boolean | undefined {
  const raw = req.query.get(name);
  return raw === 'true' ? true : raw === 'false' ? false : undefined;
}

/**
 * `GET /shippingorders`, as the production client uses it (§2.1 "Query"): `start_date`/`end_date`
 * are whole days of the account (inclusive) on the shipping order's ship date; `shipped=true`
 * keeps shipped ones (all of ours are); `include_shipments=true` is needed for the shipments and
 * their tracking ("the response carries no tracking numbers" without it, dev-plan §5.2). No paging:
 * `page`/`perPage` are ignored like every other unknown parameter (`orderNumber`, `shippedFrom`),
 * as the real API ignores what it does not know (§2.1, §2.3). Rows in id order.
 */
function listShippingOrders(req: SimRequest, store: AllocadenceStore, clock: AccountClock, shape: SimLegacyShape): SimResponse {
  const filters: ((s: ShippingOrderRecord) => boolean)[] = [];
  for (const [name, keep] of [
    ['start_date', (day: string) => (s: ShippingOrderRecord) => dayOf(shippedAtOf(s), clock) >= day],
    ['end_date', (day: string) => (s: ShippingOrderRecord) => dayOf(shippedAtOf(s), clock) <= day],
  ] as const) {
    const raw = req.query.get(name);
    if (raw === null || raw === '') continue;
    const day = parseDay(raw);
    if (day === undefined) return invalid(name);
    filters.push(keep(day));
  }
  if (flag(req, 'shipped') === false) filters.push(() => false);
  const rows = store
    .allShippingOrders()
    .filter((s) => filters.every((f) => f(s)))
    .map((s) => rendered(s, clock, flag(req, 'include_shipments') === true));
  return json(200, spelled(enveloped(rows, 'shippingOrders', shape), shape.keys));
}

function rendered(s: ShippingOrderRecord, clock: AccountClock, withShipments: boolean): unknown {
  const { shipments, ...order } = renderShippingOrder(s, clock);
  return withShipments ? { ...order, shipments } : order;
}

/**
 * The legacy REST API under `/services/rest`: the order cancel, which API 2.0 lacks, and the shipped
 * orders. Its answers are `{success, message}` shaped, unlike API 2.0's `{code, message}`. Routing
 * comes before authentication: a path it does not route answers 500 with an empty body whatever the
 * credentials, and a known one without the key a JSON 401 (§2.13 "Routing signals").
 */
export function createLegacyHandler(
  store: AllocadenceStore,
  secureKey: string,
  clock: AccountClock,
  shape: SimLegacyShape = DEFAULT_LEGACY_SHAPE,
) {
  return (req: SimRequest, subPath: string): SimResponse => {
    const route = routeOf(req.method, subPath);
    if (!route) return unknownRoute();
    if (req.headers.securekey !== secureKey) return json(401, { error: '401', message: 'Unauthorized' });
    if (route.name === 'listShippingOrders') return listShippingOrders(req, store, clock, shape);
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
    // No client reads these two (§2.2): same spelling and shipments rule as the list, by analogy.
    if (route.name === 'getShippingOrder')
      return json(200, spelled(rendered(record, clock, flag(req, 'include_shipments') === true), shape.keys));
    return json(200, spelled(enveloped(renderShippingOrderItems(record), 'items', shape), shape.keys));
  };
}

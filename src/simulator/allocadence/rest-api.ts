import { parseJsonBody, json, type SimRequest, type SimResponse } from '../server';
import { validateNewOrder, validateOrderUpdate } from './create-order';
import { createAdjustment, createItem, listInventory, listItems, listKitInventory, updateItem } from './items-api';
import { dateBound, type AccountOffset } from './dates';
import { apiError, invalidParameter, isResponse, pageOf, parsePaging, readFlag, unknownRoute } from './responses';
import { OrderStateError, type AllocadenceStore, type ItemRecord, type OrderRecord } from './store';

export interface RestCredentials {
  apiKey: string;
  apiSecret: string;
}

function authorized(req: SimRequest, creds: RestCredentials): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(header);
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return decoded.slice(0, colon) === creds.apiKey && decoded.slice(colon + 1) === creds.apiSecret;
}

type OrderFilter = (o: OrderRecord) => boolean;

/** Builds the AND of the order filters the simulator knows; every other parameter is ignored, like the real API. */
function orderFilters(req: SimRequest, offset: AccountOffset): OrderFilter[] | SimResponse {
  const filters: OrderFilter[] = [];
  const orderNumber = req.query.get('orderNumber');
  if (orderNumber !== null && orderNumber !== '') filters.push((o) => o.orderNumber === orderNumber);

  // `modifiedDate` is the documented advanced filter (§2.5 [Z+]); `completedDate` is served the same
  // way, as §2.5 suggests the other dates may be ("untested"), with the same day-granular reading.
  const dated: [string, (o: OrderRecord) => number | null][] = [
    ['modifiedDate', (o) => o.modifiedAt],
    ['completedDate', (o) => o.completedAt],
  ];
  for (const [name, at] of dated) {
    const value = req.query.get(name);
    if (value === null || value === '') continue;
    const bound = dateBound(value, offset);
    if (bound === undefined) return invalidParameter(name);
    const op = req.query.get(`${name}Conditional`) ?? 'on_or_after';
    const when = (o: OrderRecord): number | undefined => at(o) ?? undefined;
    if (op === 'on_or_after' || op === '') filters.push((o) => when(o) !== undefined && bound.onOrAfter(when(o) as number));
    else if (op === 'on_or_before') filters.push((o) => when(o) !== undefined && bound.onOrBefore(when(o) as number));
    else return invalidParameter(`${name}Conditional`);
  }

  const flags: [string, (o: OrderRecord) => boolean][] = [
    ['cancelled', (o) => o.cancelledAt !== null],
    ['completed', (o) => o.completedAt !== null],
    ['open', (o) => o.cancelledAt === null && o.completedAt === null],
    ['onHold', () => false],
  ];
  for (const [name, test] of flags) {
    const want = readFlag(req, name);
    if (want === 'invalid') return invalidParameter(name);
    if (want !== undefined) filters.push((o) => test(o) === want);
  }
  return filters;
}

function listOrders(req: SimRequest, store: AllocadenceStore, offset: AccountOffset): SimResponse {
  const paging = parsePaging(req);
  if (isResponse(paging)) return paging;
  const filters = orderFilters(req, offset);
  if (!Array.isArray(filters)) return filters;
  const matching = store
    .allOrders()
    .filter((o) => filters.every((f) => f(o)))
    .sort((a, b) => a.id - b.id);
  const { rows, meta } = pageOf(matching, paging);
  return json(200, { customerOrders: rows.map((o) => store.renderOrder(o)), meta });
}

function createOrder(req: SimRequest, store: AllocadenceStore, offset: AccountOffset): SimResponse {
  const input = validateNewOrder(parseJsonBody(req), store, offset);
  if (isResponse(input)) return input;
  return json(201, store.renderOrder(store.createOrder(input)));
}

function updateOrder(req: SimRequest, store: AllocadenceStore, order: OrderRecord | undefined): SimResponse {
  if (!order) return apiError(404, 'not_found', 'Customer order not found.');
  const change = validateOrderUpdate(parseJsonBody(req), store, order);
  if (isResponse(change)) return change;
  try {
    return json(200, store.renderOrder(store.update(order, change)));
  } catch (err) {
    if (err instanceof OrderStateError) return apiError(400, 'invalid_state', err.message);
    throw err;
  }
}

function byId<T extends { id: number }>(rows: readonly T[], raw: string): T | undefined {
  return /^\d+$/.test(raw) ? rows.find((r) => r.id === Number(raw)) : undefined;
}

function itemById(store: AllocadenceStore, raw: string): ItemRecord | undefined {
  return /^\d+$/.test(raw) ? store.findItemById(Number(raw)) : undefined;
}

/**
 * API 2.0 under `/rest`. A path (or method) the application does not route is answered with HTTP
 * 500 and an empty body, before and whatever the credentials: unauthenticated probes of production
 * got that for misspelled routes, and JSON 401 for existing ones (evidence §2.13, "Routing signals" [Z+]).
 */
export function createRestHandler(store: AllocadenceStore, creds: RestCredentials, offset: AccountOffset) {
  return (req: SimRequest, subPath: string): SimResponse => {
    const route = routeOf(req.method, subPath, store);
    if (!route) return unknownRoute();
    if (!authorized(req, creds)) return apiError(401, 'unauthorized', 'Invalid API key and/or secret.');
    switch (route.name) {
      case 'listOrders':
        return listOrders(req, store, offset);
      case 'createOrder':
        return createOrder(req, store, offset);
      case 'getOrder': {
        const order = byId(store.allOrders(), route.id);
        return order ? json(200, store.renderOrder(order)) : apiError(404, 'not_found', 'Customer order not found.');
      }
      case 'updateOrder':
        return updateOrder(req, store, byId(store.allOrders(), route.id));
      case 'listItems':
        return listItems(req, store);
      case 'createItem':
        return createItem(req, store);
      case 'getItem': {
        const item = itemById(store, route.id);
        return item ? json(200, store.renderItem(item)) : apiError(404, 'not_found', 'Item not found.');
      }
      case 'updateItem':
        return updateItem(req, store, itemById(store, route.id));
      case 'listInventory':
        return listInventory(req, store);
      case 'listKitInventory':
        return listKitInventory(req, store);
      case 'createAdjustment':
        return createAdjustment(req, store);
    }
  };
}

type CollectionRoute =
  'listOrders' | 'createOrder' | 'listItems' | 'createItem' | 'listInventory' | 'listKitInventory' | 'createAdjustment';
type MemberRoute = 'getOrder' | 'updateOrder' | 'getItem' | 'updateItem';
type Route = { name: CollectionRoute } | { name: MemberRoute; id: string };

/** Path → method → route. A known path with another method is unrouted too (500, empty body) [I]. */
const COLLECTIONS = new Map<string, Map<string, CollectionRoute>>([
  [
    '/customer-orders',
    new Map([
      ['GET', 'listOrders'],
      ['POST', 'createOrder'],
    ]),
  ],
  [
    '/items',
    new Map([
      ['GET', 'listItems'],
      ['POST', 'createItem'],
    ]),
  ],
  ['/inventory', new Map([['GET', 'listInventory']])],
  ['/inventory/kits', new Map([['GET', 'listKitInventory']])],
  // Routed only when RestBehaviour.adjustments says so (§2.12).
  ['/inventory/adjustments', new Map([['POST', 'createAdjustment']])],
]);

const MEMBERS = new Map<string, Map<string, MemberRoute>>([
  [
    'customer-orders',
    new Map([
      ['GET', 'getOrder'],
      ['PUT', 'updateOrder'],
    ]),
  ],
  [
    'items',
    new Map([
      ['GET', 'getItem'],
      ['PUT', 'updateItem'],
    ]),
  ],
]);

/** Every API 2.0 route name, for answer rewrites. */
export const REST_ROUTES: readonly string[] = [
  ...[...COLLECTIONS.values()].flatMap((m) => [...m.values()]),
  ...[...MEMBERS.values()].flatMap((m) => [...m.values()]),
];

/** The route a request takes, by name; undefined when the application does not route it (500, empty body). */
export function restRouteName(method: string, subPath: string, store: AllocadenceStore): string | undefined {
  return routeOf(method, subPath, store)?.name;
}

function routeOf(method: string, subPath: string, store: AllocadenceStore): Route | undefined {
  const collection = COLLECTIONS.get(subPath)?.get(method);
  if (collection === 'createAdjustment' && !store.behaviour.adjustments) return undefined;
  if (collection) return { name: collection };
  const one = /^\/([^/]+)\/([^/]+)$/.exec(subPath);
  if (!one?.[1] || !one[2]) return undefined;
  const member = MEMBERS.get(one[1])?.get(method);
  return member ? { name: member, id: decodeURIComponent(one[2]) } : undefined;
}

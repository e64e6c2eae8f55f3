import { parseRewrite, RewriteInputError, type AnswerRewrites } from '../answer-rewrites';
import { json, parseJsonBody, type RecordedRequest, type SimRequest, type SimResponse } from '../server';
import type { AccountOffset } from './dates';
import { newItemOf } from './item-input';
import { newShipmentOf } from './shipment-input';
import { AdminError, apiError } from './responses';
import { setBehaviour, setInventoryQuirk } from './admin-behaviour';
import { OrderStateError, type AllocadenceStore, type NewItem } from './store';
import type { SimCustomerOrder, SimItem, SimShippingOrderWithItems, SimStockLevel } from './types';
import { Invalid, isObject } from './validation';

export { AdminError };

/** Sets an item's absolute sellable stock in a warehouse (by name), creating the record if missing. Not logged as an adjustment. */
export function setStockLevel(store: AllocadenceStore, sku: unknown, warehouse: unknown, sellable: unknown): SimStockLevel {
  if (typeof sku !== 'string' || sku === '') throw new AdminError(400, 'invalid_parameter', 'sku is required.', 'sku');
  const item = store.findItemBySku(sku);
  if (!item) throw new AdminError(404, 'not_found', `Item not found: ${sku}`);
  if (item.kit) throw new AdminError(400, 'invalid_parameter', `A kit has no stock of its own: ${sku}`, 'sku');
  if (typeof warehouse !== 'string' || warehouse === '')
    throw new AdminError(400, 'invalid_parameter', 'warehouse is required.', 'warehouse');
  const target = store.findWarehouse(warehouse);
  if (!target) throw new AdminError(404, 'not_found', `Warehouse not found: ${warehouse}`);
  if (typeof sellable !== 'number' || !Number.isSafeInteger(sellable) || sellable < 0) {
    throw new AdminError(400, 'invalid_parameter', 'sellable must be a non-negative integer.', 'sellable');
  }
  return store.renderStockLevel(store.stock.set(item, target, sellable));
}

/** Adds items as a warehouse user would (description defaults to the sku). All or nothing: the first bad entry refuses the batch. */
export function addItemsAsUser(store: AllocadenceStore, entries: unknown): SimItem[] {
  if (!Array.isArray(entries)) throw new AdminError(400, 'invalid_parameter', 'items must be an array.', 'items');
  const taken = new Set<string>();
  const inputs: NewItem[] = [];
  try {
    entries.forEach((entry: unknown, i) => {
      if (!isObject(entry)) throw new Invalid(`items[${i}]`, 'Each item must be an object.');
      const input = newItemOf(entry, store, { descriptionRequired: false, prefix: `items[${i}].`, taken, components: true });
      taken.add(input.sku);
      inputs.push(input);
    });
  } catch (err) {
    if (err instanceof Invalid) throw new AdminError(400, 'invalid_parameter', err.message, err.parameter);
    throw err;
  }
  return inputs.map((input) => store.renderItem(store.addItem(input)));
}

/** The warehouse ships one package of an order, on a new or a given shipping order (see shipment-input.ts for what is refused). */
export function shipAsWarehouse(store: AllocadenceStore, offset: AccountOffset, body: unknown): SimShippingOrderWithItems {
  const input = newShipmentOf(body, store, offset);
  try {
    return store.renderShippingOrderWithItems(store.ship(input));
  } catch (err) {
    if (err instanceof OrderStateError) throw new AdminError(400, 'invalid_state', err.message);
    throw err;
  }
}

/** The warehouse picks units of an order (before shipping them): per sku, over its lines in order, never past a line's quantity. */
export function pickAsWarehouse(store: AllocadenceStore, orderNumber: string, lines: unknown): SimCustomerOrder {
  const order = store.findOrderByNumber(orderNumber);
  if (!order) throw new AdminError(404, 'not_found', 'Customer order not found.');
  if (!Array.isArray(lines)) throw new AdminError(400, 'invalid_parameter', 'lines must be an array.', 'lines');
  for (const entry of lines as unknown[]) {
    const sku = field(entry, 'sku');
    let rest = field(entry, 'quantity');
    if (typeof sku !== 'string' || typeof rest !== 'number' || !Number.isInteger(rest) || rest < 1)
      throw new AdminError(400, 'invalid_parameter', 'Each line needs a sku and a positive quantity.', 'lines');
    for (const line of order.lines.filter((l) => l.sku === sku)) {
      const take = Math.min(rest, line.quantity - line.pickedQuantity);
      line.pickedQuantity += take;
      rest -= take;
    }
    if (rest > 0) throw new AdminError(400, 'invalid_parameter', `Order ${orderNumber} has fewer unpicked units of ${sku}.`, 'lines');
  }
  return store.renderOrder(order);
}

/** Voids labels of a shipping order (by id): one package by its shipment id, or all of them; 404 when unknown. */
export function voidShippingOrder(store: AllocadenceStore, id: number, shipmentId?: unknown): SimShippingOrderWithItems {
  const record = store.findShippingOrderById(id);
  if (!record) throw new AdminError(404, 'not_found', 'Shipping order not found.');
  if (shipmentId !== undefined && (typeof shipmentId !== 'number' || !Number.isSafeInteger(shipmentId))) {
    throw new AdminError(400, 'invalid_parameter', 'shipmentId must be an integer.', 'shipmentId');
  }
  try {
    return store.renderShippingOrderWithItems(store.voidShippingOrder(record, shipmentId));
  } catch (err) {
    if (err instanceof OrderStateError) throw new AdminError(404, 'not_found', err.message);
    throw err;
  }
}

function field(body: unknown, key: string): unknown {
  return isObject(body) ? body[key] : undefined;
}

/** `POST /__sim/orders/{number}/cancel|complete`: as a warehouse user would; a closed order refuses. */
function orderAction(store: AllocadenceStore, req: SimRequest, orderNumber: string, action: string): SimResponse {
  const order = store.findOrderByNumber(orderNumber);
  if (!order) return apiError(404, 'not_found', 'Customer order not found.');
  try {
    if (action === 'complete') store.complete(order);
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
}

type AdminRoute = [method: string, path: RegExp, answer: (req: SimRequest, params: string[]) => SimResponse];

function adminRoutes(store: AllocadenceStore, requests: RecordedRequest[], offset: AccountOffset, rewrites: AnswerRewrites): AdminRoute[] {
  const body = (req: SimRequest, name: string): unknown => field(parseJsonBody(req), name);
  const state = (): SimResponse =>
    json(200, {
      warehouses: store.warehouses,
      items: store.items.map((i) => store.renderItem(i)),
      orders: store.allOrders().map((o) => store.renderOrder(o)),
      inventory: store.stock.rows().map((r) => store.renderInventoryRow(r)),
      adjustments: store.stock.adjustments.map((a) => store.renderAdjustment(a)),
      shippingOrders: store.allShippingOrders().map((s) => store.renderShippingOrderWithItems(s)),
    });
  const legacyApi = (req: SimRequest): SimResponse => {
    const enabled = body(req, 'enabled');
    if (typeof enabled !== 'boolean') return apiError(400, 'invalid_parameter', 'enabled must be true or false.');
    store.legacyApiEnabled = enabled;
    return json(200, { enabled });
  };
  return [
    [
      'POST',
      /^\/__sim\/rewrite-next$/,
      (req) => {
        const { operation, rewrite } = parseRewrite(parseJsonBody(req) ?? null);
        rewrites.add(operation, rewrite);
        return json(200, { operation, times: rewrite.times ?? 1 });
      },
    ],
    ['GET', /^\/__sim\/state$/, state],
    ['POST', /^\/__sim\/shipments$/, (req) => json(201, { shippingOrder: shipAsWarehouse(store, offset, parseJsonBody(req)) })],
    [
      'POST',
      /^\/__sim\/shipments\/([^/]+)\/void$/,
      (req, [id = '']) =>
        json(200, { shippingOrder: voidShippingOrder(store, /^\d+$/.test(id) ? Number(id) : -1, body(req, 'shipmentId')) }),
    ],
    ['GET', /^\/__sim\/requests$/, () => json(200, { requests })],
    ['POST', /^\/__sim\/stock$/, (req) => json(200, setStockLevel(store, body(req, 'sku'), body(req, 'warehouse'), body(req, 'sellable')))],
    ['POST', /^\/__sim\/legacy-api$/, legacyApi],
    [
      'POST',
      /^\/__sim\/inventory-quirk$/,
      (req) => json(200, setInventoryQuirk(store, body(req, 'kind'), body(req, 'reads'), body(req, 'list'))),
    ],
    ['POST', /^\/__sim\/behaviour$/, (req) => json(200, setBehaviour(store, parseJsonBody(req)))],
    ['POST', /^\/__sim\/items$/, (req) => json(201, { items: addItemsAsUser(store, body(req, 'items')) })],
    [
      'POST',
      /^\/__sim\/orders\/([^/]+)\/pick$/,
      (req, [n = '']) => json(200, { order: pickAsWarehouse(store, decodeURIComponent(n), body(req, 'lines')) }),
    ],
    [
      'POST',
      /^\/__sim\/orders\/([^/]+)\/(cancel|complete)$/,
      (req, [n = '', action = '']) => orderAction(store, req, decodeURIComponent(n), action),
    ],
  ];
}

/**
 * `/__sim/…`: what a warehouse user does in the Allocadence UI, plus state and request dumps for
 * tests and demos in another process. No auth, never faulted (server.ts exempts the prefix).
 */
export function createAdminHandler(
  store: AllocadenceStore,
  requests: RecordedRequest[],
  offset: AccountOffset,
  rewrites: AnswerRewrites,
): (req: SimRequest) => SimResponse {
  const routes = adminRoutes(store, requests, offset, rewrites);
  return (req: SimRequest): SimResponse => {
    try {
      for (const [method, path, answer] of routes) {
        const m = path.exec(req.path);
        if (m && req.method === method) return answer(req, m.slice(1));
      }
      return apiError(404, 'not_found', `No simulator route ${req.method} ${req.path}.`);
    } catch (err) {
      if (err instanceof AdminError) return err.toResponse();
      if (err instanceof RewriteInputError) return apiError(400, 'invalid_parameter', err.message);
      throw err;
    }
  };
}

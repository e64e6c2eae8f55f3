import { AnswerRewrites, type AnswerRewrite } from '../answer-rewrites';
import { createFaultPlan, faultTiming, type FaultKind, type FaultPlan, type FaultTiming } from '../faults';
import { createRng, type Rng } from '../random';
import { startServer, type RecordedRequest, type RequestListener, type RunningServer, type SimRequest, type SimResponse } from '../server';
import { addItemsAsUser, createAdminHandler, pickAsWarehouse, setStockLevel, shipAsWarehouse, voidShippingOrder } from './admin-api';
import { setBehaviour } from './admin-behaviour';
import type { InventoryQuirkKind, StockList } from './inventory-quirks';
import type { RestBehaviour, RestBehaviourOptions } from './rest-behaviour';
import { accountClock, type AccountOffset, type DateFilterMode } from './dates';
import { createLegacyHandler, DEFAULT_LEGACY_SHAPE, LEGACY_ROUTES, legacyRouteName } from './legacy-api';
import { apiError, htmlNotFound } from './responses';
import { createRestHandler, REST_ROUTES, restRouteName } from './rest-api';
import { AllocadenceStore, type OrderRecord } from './store';
import type {
  SimAdjustment,
  SimCustomerOrder,
  SimInventoryRow,
  SimItem,
  SimNewItem,
  SimLegacyShape,
  SimNewShipment,
  SimShippingOrderWithItems,
  SimStockLevel,
} from './types';

export type { RecordedRequest } from '../server';
export type { FaultKind } from '../faults';
export type * from './types';
export type { InventoryQuirkKind, StockList } from './inventory-quirks';
export type { RestBehaviour, RestBehaviourOptions } from './rest-behaviour';
export { AdminError } from './responses';

export interface AllocadenceSimOptions {
  apiKey: string;
  apiSecret: string;
  secureKey: string;
  /** Default 1. */
  seed?: number;
  /** Default 40; items come from buildCatalog(seed, catalogSize). */
  catalogSize?: number;
  /** Default ['Main']. */
  warehouses?: string[];
  /**
   * The account's IANA time zone, default America/Phoenix (-07:00): API 2.0 dates carry its offset
   * at each instant, legacy dates are its wall time with no offset.
   */
  timeZone?: string;
  /** How customer-order `modifiedDate` filters read their value; default `day` (see dates.ts). */
  modifiedDateFilter?: DateFilterMode;
  /** The legacy list's envelope and key spelling; default a bare array in lower case (see legacy-api.ts). */
  legacyShape?: Partial<SimLegacyShape>;
  /** Default Date.now. */
  now?: () => number;
  /** Kinds only Amazon has (expire, fatal, cancelled) never fire here. */
  faults?: Partial<Record<FaultKind, number>>;
  slowMs?: number;
  /** How long a 'timeout' fault holds the connection before dropping it, ms. */
  holdMs?: number;
  port?: number;
  /** Where the REST evidence is split, which way this account answers (rest-behaviour.ts). */
  behaviour?: RestBehaviourOptions;
}

export interface AllocadenceSimulator {
  /** http://127.0.0.1:PORT; REST 2.0 at origin + '/rest', legacy at origin + '/services/rest'. */
  origin: string;
  /** The account's IANA time zone: what a config for this account names as `allocadence.timeZone`. */
  timeZone: string;
  requests: RecordedRequest[];
  /** Sees each non-admin request as it arrives and once it is answered (see RequestListener); returns the remover. */
  onRequest(listener: RequestListener): () => void;
  orders(): SimCustomerOrder[];
  items(): SimItem[];
  /** As a warehouse user would; throws for an unknown or completed order. */
  cancelOrder(orderNumber: string, reason?: string): SimCustomerOrder;
  /**
   * Marks the order completed without any shipment record (e.g. shipped outside the system), which
   * no API call can do; throws for an unknown or cancelled order. `at` (epoch ms): when the
   * warehouse completed it, for orders completed long ago; default now.
   */
  completeOrder(orderNumber: string, at?: number): SimCustomerOrder;
  /** Same as `POST /__sim/orders/{orderNumber}/pick`: the warehouse picks units (per sku) before shipping them. Throws AdminError. */
  pickOrder(orderNumber: string, lines: { sku: string; quantity: number }[]): SimCustomerOrder;
  /**
   * The warehouse ships one package: a new shipping order with one shipment, or one more shipment on
   * `input.shippingOrderId`, read through the legacy `shippingorders` API. Marks the units shipped on
   * the order, bumps its modifiedDate, and completes it once every line is fully shipped. Throws
   * AdminError like `POST /__sim/shipments` answers.
   */
  ship(input: SimNewShipment): SimShippingOrderWithItems;
  /**
   * Voids labels of a shipping order (by its id): the one shipment given, else all of them; they turn
   * cancelled, and the shipping order with the last one. Throws AdminError 404 if either is unknown.
   */
  voidShipment(shippingOrderId: number, shipmentId?: number): SimShippingOrderWithItems;
  /** Every shipping order with its items, by id. */
  shippingOrders(): SimShippingOrderWithItems[];
  /**
   * Sets the absolute sellable stock of an item in a warehouse (by name), creating the stock record
   * if missing; not logged as an adjustment. Throws AdminError for an unknown sku or warehouse or a
   * sellable that is not an integer ≥ 0.
   */
  setStock(sku: string, warehouse: string, sellable: number): SimStockLevel;
  /** Adds items as a warehouse user would, all or nothing; throws AdminError (e.g. for a taken sku). */
  addItems(items: SimNewItem[]): SimItem[];
  /** Every stock record, as `GET /rest/inventory` rows, by item id then warehouse id. */
  inventory(): SimInventoryRow[];
  /** Every kit's stock, as `GET /rest/inventory/kits` rows, by item id then warehouse id. */
  kitInventory(): SimInventoryRow[];
  /** The log of `POST /rest/inventory/adjustments` that took effect, oldest first. */
  adjustments(): SimAdjustment[];
  /**
   * Same as `POST /__sim/inventory-quirk`: the next `reads` whole reads (default 1) of `GET
   * /inventory` (or `list: 'kits'`) page oddly, as offset paging or a proxy can (inventory-quirks.ts).
   */
  inventoryQuirk(kind: InventoryQuirkKind, reads?: number, list?: StockList): void;
  /** Reads the last inventoryQuirk still has to play. */
  pendingInventoryQuirks(): number;
  /** Same as `POST /__sim/behaviour`: changes how the REST tree answers from now on; returns the whole behaviour. */
  setBehaviour(change: Partial<RestBehaviour>): RestBehaviour;
  /** Switches the legacy REST tree (`/services/rest`) on or off, like an account without it. */
  setLegacyApi(enabled: boolean): void;
  /**
   * Same as `POST /__sim/rewrite-next`: the next answer(s) of a route (REST_ROUTES or LEGACY_ROUTES,
   * e.g. `listInventory`) to an authenticated request are changed as given. Throws for an unknown route.
   */
  rewriteNext(operation: string, rewrite: AnswerRewrite): void;
  /** Rewritten answers not yet sent, by operation. */
  pendingRewrites(): Record<string, number>;
  /** Replaces the fault rates from now on (undefined: none); draws go on from the same seeded stream. */
  setFaults(rates: Partial<Record<FaultKind, number>> | undefined): void;
  close(): Promise<void>;
}

/**
 * An API 2.0 sample from September carries -07:00 (reference/allocadence-evidence-2026-12.md §2.5):
 * Pacific summer time or Arizona, which keeps -07:00 all year. Tests of summer time name a zone.
 */
export const DEFAULT_TIME_ZONE = 'America/Phoenix';

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests.',
  500: 'An unexpected error occurred.',
  503: 'Service temporarily unavailable.',
};

/** The shared fault plan, with Allocadence's error body and a Retry-After on 429 (server.ts adds no headers). */
function allocadenceFaults(rates: Partial<Record<FaultKind, number>>, rng: Rng, timing: FaultTiming): FaultPlan {
  const base = createFaultPlan(rates, rng, {
    errorBody: (status) => ({ code: 'server_error', message: FAULT_MESSAGES[status] ?? 'Server error.' }),
    ...timing,
  });
  return {
    draw(req) {
      const fault = base.draw(req);
      if (fault?.kind !== '429' || !fault.before) return fault;
      return { ...fault, before: { ...fault.before, headers: { ...fault.before.headers, 'retry-after': '1' } } };
    },
  };
}

/** Every request's route: admin, the REST API 2.0, the legacy tree, or the server's HTML 404 page. */
function allocadenceHandler(
  store: AllocadenceStore,
  opts: AllocadenceSimOptions,
  offset: AccountOffset,
  requests: RecordedRequest[],
  rewrites: AnswerRewrites,
): (req: SimRequest) => SimResponse {
  const shape: SimLegacyShape = { ...DEFAULT_LEGACY_SHAPE, ...opts.legacyShape };
  const rest = createRestHandler(store, { apiKey: opts.apiKey, apiSecret: opts.apiSecret }, offset);
  const legacy = createLegacyHandler(store, opts.secureKey, offset, shape);
  const admin = createAdminHandler(store, requests, offset, rewrites);
  // A refused login is answered before any route runs, so it is never rewritten.
  const rewritten = (route: string | undefined, out: SimResponse): SimResponse =>
    route && out.status !== 401 ? rewrites.apply(route, out) : out;
  return (req) => {
    try {
      if (req.path.startsWith('/__sim/')) return admin(req);
      if (req.path.startsWith('/rest/')) {
        const sub = req.path.slice('/rest'.length);
        return rewritten(restRouteName(req.method, sub, store), rest(req, sub));
      }
      if (req.path.startsWith('/services/rest/') && store.legacyApiEnabled) {
        const sub = req.path.slice('/services/rest'.length);
        return rewritten(legacyRouteName(req.method, sub), legacy(req, sub));
      }
      return htmlNotFound();
    } catch (err) {
      // Answer in Allocadence's shape rather than server.ts's generic (Amazon-shaped) fallback.
      return apiError(500, 'server_error', `Simulator error: ${String(err)}`);
    }
  };
}

/** What tests and the world do with a running simulator: act as the warehouse, change its behaviour, read its state. */
function simulatorApi(
  store: AllocadenceStore,
  offset: AccountOffset,
  server: RunningServer,
  requests: RecordedRequest[],
  rewrites: AnswerRewrites,
  setFaults: AllocadenceSimulator['setFaults'],
): AllocadenceSimulator {
  const byNumber = (orderNumber: string): OrderRecord => {
    const order = store.findOrderByNumber(orderNumber);
    if (!order) throw new Error(`No customer order ${orderNumber}`);
    return order;
  };
  return {
    origin: server.origin,
    timeZone: offset.zone,
    requests,
    onRequest: (listener) => server.onRequest(listener),
    orders: () => store.allOrders().map((o) => store.renderOrder(o)),
    items: () => store.items.map((i) => store.renderItem(i)),
    cancelOrder: (orderNumber, reason) => store.renderOrder(store.cancel(byNumber(orderNumber), reason ?? null)),
    completeOrder: (orderNumber, at) => store.renderOrder(store.complete(byNumber(orderNumber), at)),
    pickOrder: (orderNumber, lines) => pickAsWarehouse(store, orderNumber, lines),
    ship: (input) => shipAsWarehouse(store, offset, input),
    voidShipment: (id, shipmentId) => voidShippingOrder(store, id, shipmentId),
    shippingOrders: () => store.allShippingOrders().map((s) => store.renderShippingOrderWithItems(s)),
    setStock: (sku, warehouse, sellable) => setStockLevel(store, sku, warehouse, sellable),
    addItems: (items) => addItemsAsUser(store, items),
    inventory: () => store.stock.rows().map((r) => store.renderInventoryRow(r)),
    kitInventory: () => store.stock.kitRows().map((r) => store.renderKitRow(r)),
    adjustments: () => store.stock.adjustments.map((a) => store.renderAdjustment(a)),
    inventoryQuirk: (kind, reads, list) => store.inventoryQuirks.set(kind, reads, list),
    pendingInventoryQuirks: () => store.inventoryQuirks.pending(),
    setBehaviour: (change) => setBehaviour(store, change),
    setLegacyApi: (enabled) => {
      store.legacyApiEnabled = enabled;
    },
    rewriteNext: (operation, rewrite) => rewrites.add(operation, rewrite),
    pendingRewrites: () => rewrites.pending(),
    setFaults,
    close: () => server.close(),
  };
}

export async function startAllocadenceSimulator(opts: AllocadenceSimOptions): Promise<AllocadenceSimulator> {
  const seed = opts.seed ?? 1;
  const offset = accountClock(opts.timeZone ?? DEFAULT_TIME_ZONE, opts.modifiedDateFilter);
  const store = new AllocadenceStore(
    seed,
    opts.catalogSize ?? 40,
    opts.warehouses ?? ['Main'],
    offset,
    opts.now ?? Date.now,
    opts.behaviour,
  );
  const requests: RecordedRequest[] = [];
  const rewrites = new AnswerRewrites([...REST_ROUTES, ...LEGACY_ROUTES]);
  const handler = allocadenceHandler(store, opts, offset, requests, rewrites);
  const timing = faultTiming(opts);
  const faultRng = createRng(seed ^ 0xfa017);
  let faults = allocadenceFaults(opts.faults ?? {}, faultRng, timing);
  const server = await startServer(handler, {
    port: opts.port,
    faults: { draw: (req) => faults.draw(req) },
    log: requests,
    now: opts.now ?? Date.now,
  });
  return simulatorApi(store, offset, server, requests, rewrites, (rates) => {
    faults = allocadenceFaults(rates ?? {}, faultRng, timing);
  });
}

import { json, parseJsonBody, type RecordedRequest, type SimRequest, type SimResponse } from '../server';
import { amazonError, SimInputError, SimNotFoundError } from './errors';
import type { LwaServer } from './lwa';
import type { OrderStore } from './order-store';

export interface AdminContext {
  store: OrderStore;
  lwa: LwaServer;
  requests: RecordedRequest[];
  now: () => number;
}

function body(req: SimRequest): unknown {
  const parsed = parseJsonBody(req);
  if (parsed === undefined) throw new SimInputError('the body must be a JSON object');
  return parsed;
}

function route(ctx: AdminContext, req: SimRequest): SimResponse {
  const { method, path } = req;
  if (method === 'POST' && path === '/__sim/orders') {
    return json(201, { orders: ctx.store.add(body(req), ctx.now()) });
  }
  const update = /^\/__sim\/orders\/([^/]+)$/.exec(path);
  if (method === 'POST' && update) {
    return json(200, { order: ctx.store.update(decodeURIComponent(update[1] as string), body(req), ctx.now()) });
  }
  if (method === 'GET' && path === '/__sim/state') {
    return json(200, { sellers: ctx.store.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: [...s.marketplaceIds] })), orders: ctx.store.all() });
  }
  if (method === 'GET' && path === '/__sim/requests') return json(200, { requests: ctx.requests });
  if (method === 'POST' && path === '/__sim/expire-tokens') return json(200, { expired: ctx.lwa.expireAll() });
  return amazonError(404, 'NotFound', `no simulator admin route ${method} ${path}`);
}

/** `/__sim/…`: set-up and inspection for tests and demos; never throttled, never faulted. */
export function handleAdmin(ctx: AdminContext, req: SimRequest): SimResponse {
  try {
    return route(ctx, req);
  } catch (err) {
    if (err instanceof SimInputError || err instanceof URIError) return amazonError(400, 'InvalidInput', err.message);
    if (err instanceof SimNotFoundError) return amazonError(404, 'NotFound', err.message);
    throw err;
  }
}

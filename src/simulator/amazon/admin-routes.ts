import { parseRewrite, RewriteInputError, type AnswerRewrites } from '../answer-rewrites';
import { json, parseJsonBody, type RecordedRequest, type SimRequest, type SimResponse } from '../server';
import { amazonError, SimInputError, SimNotFoundError } from './errors';
import { parseHeadings, parseUnapplied } from './feed-quirks';
import type { OutcomeQueue } from './jobs';
import { parseRejection } from './listing-input';
import type { LwaServer } from './lwa';
import { OPERATIONS, type SimStores } from './operations';

export interface AdminContext extends SimStores {
  lwa: LwaServer;
  requests: RecordedRequest[];
  now: () => number;
  outcomes: { feed: OutcomeQueue; report: OutcomeQueue };
  rewrites: AnswerRewrites;
  /** Operations answered with 403, as for an application that lacks their role. */
  denied: Set<string>;
}

/** Replaces the denied operations; unknown names are refused so a typo does not pass silently. */
export function setDenied(denied: Set<string>, names: unknown): string[] {
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !OPERATIONS.some((op) => op.name === n))) {
    throw new SimInputError(`the body must be {"operations": [names]} with names from: ${OPERATIONS.map((op) => op.name).join(', ')}`);
  }
  denied.clear();
  for (const n of names as string[]) denied.add(n);
  return [...denied];
}

/** `{"kind": "feed"|"report", "status": "FATAL"|"CANCELLED"}`. */
export function parseOutcome(value: unknown): { kind: 'feed' | 'report'; status: 'FATAL' | 'CANCELLED' } {
  const v = value as { kind?: unknown; status?: unknown } | undefined;
  const kindOk = v?.kind === 'feed' || v?.kind === 'report';
  const statusOk = v?.status === 'FATAL' || v?.status === 'CANCELLED';
  if (!kindOk || !statusOk || Object.keys(v).length !== 2) {
    throw new SimInputError('the body must be {"kind": "feed" | "report", "status": "FATAL" | "CANCELLED"}');
  }
  return v as { kind: 'feed' | 'report'; status: 'FATAL' | 'CANCELLED' };
}

/** Everything the simulator holds, for tests and demos: buyer data, feed contents and results included. */
function state(ctx: AdminContext): unknown {
  return {
    sellers: ctx.store.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: [...s.marketplaceIds] })),
    orders: ctx.store.all(),
    listings: ctx.listings.all(),
    reports: [...ctx.reports.values()].map((r) => ctx.reports.stateView(r)),
    feeds: [...ctx.feeds.values()].map((f) => ctx.feeds.stateView(f)),
  };
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
  const edit = /^\/__sim\/orders\/([^/]+)\/(cancellation-request|cancel-items|edit)$/.exec(path);
  if (method === 'POST' && edit) {
    const id = decodeURIComponent(edit[1] as string);
    const change = { 'cancellation-request': 'requestCancellation', 'cancel-items': 'cancelItems', edit: 'edit' } as const;
    return json(200, { order: ctx.store[change[edit[2] as keyof typeof change]](id, parseJsonBody(req) ?? {}, ctx.now()) });
  }
  const update = /^\/__sim\/orders\/([^/]+)$/.exec(path);
  if (method === 'POST' && update) {
    return json(200, { order: ctx.store.update(decodeURIComponent(update[1] as string), body(req), ctx.now()) });
  }
  if (method === 'POST' && path === '/__sim/listings') return json(201, { listings: ctx.listings.add(body(req), ctx.now()) });
  const reject = /^\/__sim\/listings\/([^/]+)\/reject$/.exec(path);
  if (method === 'POST' && reject) {
    const sku = decodeURIComponent(reject[1] as string);
    const message = parseRejection(body(req));
    ctx.listings.reject(sku, message);
    return json(200, { sku, message });
  }
  if (method === 'POST' && path === '/__sim/unapplied-quantities') {
    const raw = parseJsonBody(req);
    if (raw === undefined) throw new SimInputError('the body must be JSON: {"share"?, "skus"?, "report"?} or null');
    ctx.feeds.quirks.unapplied = parseUnapplied(raw);
    return json(200, { unapplied: ctx.feeds.quirks.unapplied });
  }
  if (method === 'POST' && path === '/__sim/invalid-headings') {
    ctx.feeds.quirks.invalidHeadings = new Set(parseHeadings((body(req) as { headings?: unknown }).headings));
    return json(200, { headings: [...ctx.feeds.quirks.invalidHeadings] });
  }
  if (method === 'POST' && path === '/__sim/next-outcome') {
    const outcome = parseOutcome(body(req));
    ctx.outcomes[outcome.kind].push(outcome.status);
    return json(200, outcome);
  }
  if (method === 'POST' && path === '/__sim/rewrite-next') {
    const { operation, rewrite } = parseRewrite(body(req));
    ctx.rewrites.add(operation, rewrite);
    return json(200, { operation, times: rewrite.times ?? 1 });
  }
  if (method === 'GET' && path === '/__sim/state') return json(200, state(ctx));
  if (method === 'GET' && path === '/__sim/requests') return json(200, { requests: ctx.requests });
  if (method === 'POST' && path === '/__sim/deny')
    return json(200, { denied: setDenied(ctx.denied, (body(req) as { operations?: unknown }).operations) });
  if (method === 'POST' && path === '/__sim/expire-tokens') return json(200, { expired: ctx.lwa.expireAll() });
  return amazonError(404, 'NotFound', `no simulator admin route ${method} ${path}`);
}

/** `/__sim/…`: set-up and inspection for tests and demos; never throttled, never faulted. */
export function handleAdmin(ctx: AdminContext, req: SimRequest): SimResponse {
  try {
    return route(ctx, req);
  } catch (err) {
    if (err instanceof SimInputError || err instanceof URIError || err instanceof RewriteInputError)
      return amazonError(400, 'InvalidInput', err.message);
    if (err instanceof SimNotFoundError) return amazonError(404, 'NotFound', err.message);
    throw err;
  }
}

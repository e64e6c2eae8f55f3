import type { FaultPlan } from '../faults';
import type { Rng } from '../random';
import type { SimRequest, SimResponse } from '../server';
import { handleAdmin, type AdminContext } from './admin-routes';
import { amazonError, InvalidInputError, invalidInput } from './errors';
import { findOperation, type RateTable } from './operations';
import { sandboxAnswer } from './sandbox';
import type { TokenBuckets } from './token-buckets';

export interface RouterContext extends AdminContext {
  rates: RateTable;
  buckets: TokenBuckets;
  /** Present when the simulator plays Amazon's static sandbox instead of a seller's live account. */
  sandbox?: { origin: () => string };
}

/** A UUID-shaped id from the seeded rng, like Amazon's x-amzn-RequestId. */
export function requestIdFactory(rng: Rng): () => string {
  const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

function withHeaders(out: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...out, headers: { ...(out.headers ?? {}), ...headers } };
}

/** The LWA token exchange and a presigned document download, by the names rewrites use for them. */
export const TOKEN_OPERATION = 'token';
export const DOWNLOAD_OPERATION = 'downloadDocument';

const QUOTA = amazonError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');

function handleOperation(ctx: RouterContext, req: SimRequest): SimResponse {
  const found = findOperation(req.method, req.path);
  if (found === 'wrong-method') return amazonError(405, 'MethodNotAllowed', `${req.method} is not supported on ${req.path}`);
  if (!found) return amazonError(404, 'NotFound', `the simulator has no operation at ${req.method} ${req.path}`);
  const auth = ctx.lwa.authenticate(req);
  if (!auth.ok) return auth.response;
  const { op, params } = found;
  if (ctx.denied.has(op.name))
    return amazonError(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      'The application is not authorized for this operation: it lacks the role the operation needs.',
    );
  const limit = ctx.rates[op.name] as { rate: number; burst: number };
  const nowMs = ctx.now();
  if (!ctx.buckets.take(op.name, auth.sellerId, limit, nowMs)) return QUOTA;
  let out: SimResponse;
  try {
    const { store, listings, reports, feeds, documents } = ctx;
    out = ctx.sandbox
      ? sandboxAnswer(op.name, req, params, ctx.sandbox.origin())
      : op.handle({ store, listings, reports, feeds, documents, sellerId: auth.sellerId, nowMs }, req, params);
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    out = invalidInput(err.message);
  }
  out = ctx.rewrites.apply(op.name, out);
  // The models list the rate header on 2xx, 400 and 404 answers.
  const withLimit = out.status < 300 || out.status === 400 || out.status === 404;
  return withLimit ? withHeaders(out, { 'x-amzn-RateLimit-Limit': String(limit.rate) }) : out;
}

/** The simulator's one handler: LWA, admin routes, presigned documents, then SP-API operations (auth, throttle, run). */
export function createRouter(ctx: RouterContext, nextRequestId: () => string): (req: SimRequest) => SimResponse {
  return (req) => {
    // Presigned URLs are S3's, not the SP-API's: no token, no buckets, S3's own request id header.
    if (req.path.startsWith('/documents/')) {
      const out = ctx.documents.handle(req, ctx.now());
      return req.method === 'GET' ? ctx.rewrites.apply(DOWNLOAD_OPERATION, out) : out;
    }
    let out: SimResponse;
    if (req.path.startsWith('/__sim/')) out = handleAdmin(ctx, req);
    else if (req.path === '/auth/o2/token') {
      out =
        req.method === 'POST'
          ? ctx.rewrites.apply(TOKEN_OPERATION, ctx.lwa.handleToken(req))
          : amazonError(405, 'MethodNotAllowed', 'use POST for /auth/o2/token');
    } else out = handleOperation(ctx, req);
    return withHeaders(out, { 'x-amzn-RequestId': nextRequestId() });
  };
}

/** Faulted answers bypass the router, so they get their request id here. */
export function withRequestIds(plan: FaultPlan, nextRequestId: () => string): FaultPlan {
  return {
    draw(req) {
      const fault = plan.draw(req);
      if (!fault) return undefined;
      const stamped = { ...fault };
      if (fault.before) stamped.before = withHeaders(fault.before, { 'x-amzn-RequestId': nextRequestId() });
      const after = fault.after;
      if (after)
        stamped.after = (out) => withHeaders(after(out), { 'x-amzn-RequestId': out.headers?.['x-amzn-RequestId'] ?? nextRequestId() });
      return stamped;
    },
  };
}

import type { Config } from '../config/schema';
import type { Secrets } from '../config/secrets';
import { RemoteError } from '../errors';
import { HttpClient, type HttpDeps, type HttpStats } from '../http/client';
import type { Gate } from '../http/gate';
import type { RetryPolicy } from '../http/retry-policy';

/** How an error without a body reads: this platform's answer to a path it does not route (evidence §2.13). */
export const EMPTY_ANSWER = 'with an empty body';

/**
 * API 2.0 answers `{code, message, parameter}`; the legacy tree `{error, message}` or
 * `{success:false, message}`; a path the application does not route, HTTP 500 with no body at all.
 */
function describeAllocadenceError(body: unknown): { code?: string; detail?: string } {
  if (body === undefined) return { detail: EMPTY_ANSWER };
  const b = (body ?? {}) as { code?: unknown; error?: unknown; message?: unknown; parameter?: unknown };
  const code = typeof b.code === 'string' ? b.code : typeof b.error === 'string' ? `error ${b.error}` : undefined;
  const parts = [
    typeof b.message === 'string' ? b.message : undefined,
    typeof b.parameter === 'string' ? `(parameter ${b.parameter})` : undefined,
  ];
  const detail = parts.filter(Boolean).join(' ');
  return { ...(code ? { code } : {}), ...(detail ? { detail } : {}) };
}

/** What follows `Basic ` in the REST API's authorization header: as secret as the key and secret it encodes. */
export function basicAuthValue(secrets: Pick<Secrets, 'allocadenceApiKey' | 'allocadenceApiSecret'>): string {
  return Buffer.from(`${secrets.allocadenceApiKey}:${secrets.allocadenceApiSecret}`).toString('base64');
}

export interface AllocadenceClients {
  rest: HttpClient;
  legacy: HttpClient;
}

/** The legacy tree sits beside REST 2.0 on the same host: `/rest` → `/services/rest`. */
export function legacyBaseUrl(allocadence: Config['allocadence']): string {
  return allocadence.legacyBaseUrl ?? allocadence.baseUrl.replace(/\/rest\/?$/, '/services/rest');
}

export function createAllocadenceClients(
  allocadence: Config['allocadence'],
  secrets: Secrets,
  retry: RetryPolicy,
  deps: HttpDeps,
  stats: HttpStats,
  /** One bound on the requests in flight to the warehouse, over both trees and every seller of the process. */
  gate?: Gate,
): AllocadenceClients {
  const basic = basicAuthValue(secrets);
  const common = {
    ...(gate ? { gate } : {}),
    timeoutMs: allocadence.timeoutMs,
    retry,
    deps,
    stats,
    describeError: describeAllocadenceError,
    system: 'allocadence' as const,
  };
  return {
    rest: new HttpClient({ ...common, baseURL: allocadence.baseUrl, authHeaders: () => ({ authorization: `Basic ${basic}` }) }),
    legacy: new HttpClient({
      ...common,
      baseURL: legacyBaseUrl(allocadence),
      authHeaders: () => ({ SecureKey: secrets.allocadenceSecureKey }),
    }),
  };
}

/**
 * Whether a failed call looks like one this account does not have: HTTP 500 with an empty body,
 * which is how the application answers a path it does not route (unauthenticated probes of
 * production, evidence §2.13 [Z+]), or a 404 that is an HTML page or empty (the web server in
 * front, or an account without the API). A 404 with a JSON body is the application answering. A real failure can look the same, which is why
 * callers treat this as "probably", and only where the call is optional or harmless to skip.
 */
export function looksLikeNoSuchCall(err: unknown): boolean {
  if (!(err instanceof RemoteError) || err.system !== 'allocadence') return false;
  const detail = err.detail ?? '';
  if (err.status === 500) return err.code === undefined && detail.startsWith(EMPTY_ANSWER);
  return err.status === 404 && (detail.startsWith('an HTML page') || detail.startsWith(EMPTY_ANSWER));
}

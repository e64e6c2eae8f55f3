import type { Config, Secrets } from '../config';
import { HttpClient, type HttpDeps, type HttpStats } from '../http/client';
import type { RetryPolicy } from '../http/retry-policy';

/** API 2.0 answers `{code, message, parameter}`; the legacy tree `{error, message}` or `{success:false, message}`. */
function describeAllocadenceError(body: unknown): { code?: string; detail?: string } {
  const b = (body ?? {}) as { code?: unknown; error?: unknown; message?: unknown; parameter?: unknown };
  const code = typeof b.code === 'string' ? b.code : typeof b.error === 'string' ? `error ${b.error}` : undefined;
  const parts = [typeof b.message === 'string' ? b.message : undefined, typeof b.parameter === 'string' ? `(parameter ${b.parameter})` : undefined];
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
): AllocadenceClients {
  const basic = basicAuthValue(secrets);
  const common = { timeoutMs: allocadence.timeoutMs, retry, deps, stats, describeError: describeAllocadenceError, system: 'allocadence' as const };
  return {
    rest: new HttpClient({ ...common, baseURL: allocadence.baseUrl, authHeaders: async () => ({ authorization: `Basic ${basic}` }) }),
    legacy: new HttpClient({
      ...common,
      baseURL: legacyBaseUrl(allocadence),
      authHeaders: async () => ({ SecureKey: secrets.allocadenceSecureKey }),
    }),
  };
}

import type { Config, SellerConfig } from '../config/schema';
import { HttpClient, type HttpDeps, type HttpStats } from '../http/client';
import { RateLimiter, type BucketLevel, type RateLimiterDeps } from '../http/rate-limiter';
import type { WindowStore } from '../http/submission-window';
import type { RetryPolicy } from '../http/retry-policy';
import { spApiEndpoint } from './endpoints';
import type { LwaTokenProvider } from './lwa';
import { isFeedTypeLimit, SP_API_RATE_LIMITS } from './rate-limits';

interface SpApiErrorBody {
  errors?: { code?: string; message?: string; details?: string }[];
}

function describeSpApiError(body: unknown): { code?: string; detail?: string } {
  const first = (body as SpApiErrorBody | undefined)?.errors?.[0];
  if (!first) return {};
  const detail = [first.message, first.details].filter(Boolean).join(' ');
  return { ...(first.code ? { code: first.code } : {}), ...(detail ? { detail } : {}) };
}

/** Amazon answers an expired token with 401/403 and says so in the message or details. */
function saysTokenExpired(body: unknown): boolean {
  const first = (body as SpApiErrorBody | undefined)?.errors?.[0];
  return /expired/i.test(`${first?.message ?? ''} ${first?.details ?? ''}`);
}

export interface SpApiClientOptions {
  amazon: Config['amazon'];
  seller: SellerConfig;
  refreshToken: string;
  lwa: LwaTokenProvider;
  retry: RetryPolicy;
  deps: HttpDeps;
  stats: HttpStats;
  /** The seller's buckets, when the caller keeps them beyond this client (to save their levels). */
  limiter?: RateLimiter;
}

/**
 * One seller's buckets; `levels` are what an earlier run left in them. `windows` keeps the feed
 * types' rolling windows (this seller, this region) as each submission is counted.
 */
export function createSpApiLimiter(
  amazon: Config['amazon'],
  deps: RateLimiterDeps,
  levels?: Readonly<Record<string, BucketLevel>>,
  windows?: WindowStore,
): RateLimiter {
  return new RateLimiter({ ...SP_API_RATE_LIMITS, ...amazon.rateLimits }, deps, undefined, levels, {
    isWindow: isFeedTypeLimit,
    ...(windows ? { store: windows } : {}),
  });
}

/**
 * An HTTP client for one seller: Amazon's usage plans apply per seller and application, so each
 * seller gets its own buckets.
 */
export function createSpApiClient(opts: SpApiClientOptions): HttpClient {
  const limiter = opts.limiter ?? createSpApiLimiter(opts.amazon, opts.deps);
  return new HttpClient({
    system: 'amazon',
    baseURL: spApiEndpoint(opts.amazon),
    timeoutMs: opts.amazon.timeoutMs,
    retry: opts.retry,
    deps: opts.deps,
    stats: opts.stats,
    limiter,
    authHeaders: async () => ({ 'x-amz-access-token': await opts.lwa.getToken(opts.refreshToken) }),
    onAuthRejected: (_status, body) => {
      if (!saysTokenExpired(body)) return false;
      opts.lwa.invalidate(opts.refreshToken);
      return true;
    },
    describeError: describeSpApiError,
  });
}

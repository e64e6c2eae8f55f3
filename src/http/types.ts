import { AsyncLocalStorage } from 'node:async_hooks';
import type { RemoteSystem } from '../errors';
import type { Logger } from '../output/log';
import type { Gate } from './gate';
import type { RateLimiter } from './rate-limiter';
import type { RemoteClock } from './remote-clock';
import type { RetryPolicy } from './retry-policy';

export interface HttpDeps {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Logger;
  /**
   * Removes secrets from text a remote system sent: an error body may echo a key or a header back,
   * and error details end up in logs, summaries and the state file.
   */
  redact?: (text: string) => string;
  /** Aborted by SIGINT or SIGTERM: no request is sent from then on (the one in flight is answered first). */
  stop?: AbortSignal;
}

/** Counters a run reports in its summary; and, when given a RemoteClock, every answer's Date header. */
export interface HttpStats {
  requests: number;
  retries: number;
  throttled: number;
  remoteClock?: RemoteClock;
}

export function newStats(): HttpStats {
  return { requests: 0, retries: 0, throttled: 0 };
}

/**
 * The counters of the run a request is made for, when sellers run side by side through clients
 * they share (the warehouse's): a request counts in its client's stats and in the run's.
 */
export const runStats = new AsyncLocalStorage<HttpStats>();

export function countIn(stats: HttpStats, counter: 'requests' | 'retries' | 'throttled'): void {
  stats[counter]++;
  const run = runStats.getStore();
  if (run && run !== stats) run[counter]++;
}

/** The methods the two APIs use. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RequestSpec {
  /** Names the call in logs, errors and the rate table (e.g. `searchOrders`). */
  operation: string;
  method: Method;
  path: string;
  params?: Record<string, QueryValue>;
  data?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice. Defaults to true except for POST; a non-idempotent write is never resent blindly. */
  idempotent?: boolean;
  responseType?: 'json' | 'buffer';
  /**
   * Reads a 2xx `buffer` body (e.g. gunzip). A throw makes the answer unreadable, like bad JSON:
   * retried when the request is safe to resend, so a corrupt download is fetched again.
   */
  decode?: (raw: Buffer) => Buffer;
  /** A further bucket this call draws from, such as Amazon's per-feed-type submission limit. */
  alsoLimitedBy?: string;
  /** Epoch ms: rather than wait (for a rate-limit token or a retry) past this instant, throw DeadlineReachedError. */
  notAfter?: number;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

export interface HttpClientOptions {
  system: RemoteSystem;
  baseURL: string;
  timeoutMs: number;
  retry: RetryPolicy;
  deps: HttpDeps;
  stats: HttpStats;
  limiter?: RateLimiter;
  /** Shared with other clients of the same system: bounds their requests in flight together. */
  gate?: Gate;
  /** Headers added to every request (auth); called per attempt so a refreshed token is picked up. */
  authHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Called on 401/403: return true when credentials were refreshed and the request deserves one more try. */
  onAuthRejected?: (status: number, body: unknown) => boolean | Promise<boolean>;
  /** Pulls a code and message out of this system's error body. */
  describeError: (body: unknown) => { code?: string; detail?: string };
}

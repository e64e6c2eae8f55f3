export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Give up when the next wait would end later than this after the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxTotalMs: 180_000, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * Exponential back-off with "equal jitter": half the step is fixed, half random, so many clients
 * that failed together do not come back together. A server hint (Retry-After) wins when longer.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, hintMs?: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(step / 2 + random() * (step / 2));
  return hintMs !== undefined && hintMs > jittered ? Math.min(hintMs, policy.maxDelayMs) : jittered;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

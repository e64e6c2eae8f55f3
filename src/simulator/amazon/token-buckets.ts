/**
 * Amazon's usage plans: one bucket per operation and seller, starting full, refilling at `rate`
 * per second up to `burst`. Time comes from the injected clock so tests can step it.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  take(operation: string, sellerId: string, limit: { rate: number; burst: number }, nowMs: number): boolean {
    const key = `${operation}\u0000${sellerId}`;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, atMs: nowMs };
    // A clock stepped backwards must not drain or overfill the bucket.
    const elapsedS = Math.max(0, nowMs - bucket.atMs) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsedS * limit.rate);
    bucket.atMs = Math.max(bucket.atMs, nowMs);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

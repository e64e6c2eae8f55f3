export interface RateLimit {
  /** Requests per second, sustained. */
  rate: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

/**
 * Our copy of the server's token bucket. A caller reserves a token up front (the balance may go
 * negative), so concurrent callers queue in order instead of racing for the same refill.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private limit: RateLimit,
    private readonly clock: () => number,
  ) {
    this.tokens = limit.burst;
    this.last = clock();
  }

  get current(): RateLimit {
    return { ...this.limit };
  }

  /**
   * Takes one token and returns in how many ms it exists: positive, the caller must wait that long;
   * zero or negative, it has existed for at least that long (-Infinity from a full bucket: no telling).
   */
  reserve(): number {
    this.refill();
    const full = this.tokens >= this.limit.burst;
    this.tokens -= 1;
    return full ? -Infinity : (-this.tokens / this.limit.rate) * 1000;
  }

  setRate(rate: number): void {
    this.refill();
    this.limit = { ...this.limit, rate };
  }

  /** The server said 429: whatever we believed, it has no tokens left, and its burst is smaller than ours. */
  throttled(): void {
    this.refill();
    this.limit = { ...this.limit, burst: Math.max(1, Math.floor(this.limit.burst / 2)) };
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
    this.last = now;
  }
}

export interface RateLimiterDeps {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * One bucket per operation. Every request keeps a margin: the server's clock and ours never agree
 * exactly, and a request that lands a few ms early costs a 429 and a back-off.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly deps: RateLimiterDeps,
    private readonly padding = { factor: 1.02, ms: 40 },
  ) {}

  /** Waits for a token; returns the ms waited. Operations without a known limit pass straight through. */
  async acquire(operation: string): Promise<number> {
    const bucket = this.bucket(operation);
    if (!bucket) return 0;
    const due = bucket.reserve();
    // A token that appeared just now needs the margin as much as one waited for: a request sent
    // the moment it appears is early at the server on the slightest jitter. Older tokens need none.
    const padded = Math.ceil(due > 0 ? due * this.padding.factor + this.padding.ms : this.padding.ms + due);
    if (padded <= 0) return 0;
    await this.deps.sleep(padded);
    return padded;
  }

  /** Adapts to `x-amzn-RateLimit-Limit`, which tells the rate Amazon applies to this account. */
  observe(operation: string, header: string | undefined): void {
    const rate = Number(header);
    if (!header || !Number.isFinite(rate) || rate <= 0) return;
    const bucket = this.bucket(operation);
    if (bucket && Math.abs(bucket.current.rate - rate) > 1e-9) bucket.setRate(rate);
  }

  throttled(operation: string): void {
    this.bucket(operation)?.throttled();
  }

  limitOf(operation: string): RateLimit | undefined {
    return this.bucket(operation)?.current;
  }

  private bucket(operation: string): TokenBucket | undefined {
    let bucket = this.buckets.get(operation);
    const limit = this.limits[operation];
    if (!bucket && limit) {
      bucket = new TokenBucket(limit, this.deps.clock);
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }
}

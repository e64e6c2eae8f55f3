import { DeadlineReachedError } from '../errors';

export interface RateLimit {
  /** Requests per second, sustained. */
  rate: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

/** A bucket's balance at an instant (epoch ms): what a run leaves for the next one. */
export interface BucketLevel {
  tokens: number;
  at: number;
}

/**
 * Our copy of the server's token bucket. A caller reserves a token up front (the balance may go
 * negative), so concurrent callers queue in order instead of racing for the same refill.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /** Without `level` the bucket starts full; with it, from that balance refilled for the time since. */
  constructor(
    private limit: RateLimit,
    private readonly clock: () => number,
    level?: BucketLevel,
  ) {
    this.tokens = level ? level.tokens : limit.burst;
    // A level stamped in our future (clocks disagree between runs) must not drain the bucket.
    this.last = level ? Math.min(level.at, clock()) : clock();
  }

  get current(): RateLimit {
    return { ...this.limit };
  }

  /** How many ms a caller reserving now would wait, without taking a token. */
  waitFor(): number {
    this.refill();
    const after = this.tokens - 1;
    return after >= 0 ? 0 : (-after / this.limit.rate) * 1000;
  }

  /** Takes one token and returns how many ms the caller must wait before using it. */
  reserve(): number {
    const wait = this.waitFor();
    this.tokens -= 1;
    return wait;
  }

  level(): BucketLevel {
    this.refill();
    return { tokens: this.tokens, at: this.last };
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
 * One bucket per operation. Waits are padded a little: the server's clock and ours never agree
 * exactly, and a request that lands a few ms early costs a 429 and a back-off.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  /** `levels`: what an earlier run left in each bucket, so this run does not start from a full bucket the server has not refilled. */
  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly deps: RateLimiterDeps,
    private readonly padding = { factor: 1.02, ms: 40 },
    private readonly levels: Readonly<Record<string, BucketLevel>> = {},
  ) {}

  /**
   * Waits for a token; returns the ms waited. Operations without a known limit pass straight
   * through. With `notAfter`, a wait that would end later than that instant is not begun and no
   * token is taken: DeadlineReachedError instead.
   */
  async acquire(operation: string, notAfter?: number): Promise<number> {
    const bucket = this.bucket(operation);
    if (!bucket) return 0;
    const wait = bucket.waitFor();
    const padded = wait <= 0 ? 0 : Math.ceil(wait * this.padding.factor + this.padding.ms);
    if (notAfter !== undefined && this.deps.clock() + padded > notAfter) throw new DeadlineReachedError(operation);
    bucket.reserve();
    if (padded > 0) await this.deps.sleep(padded);
    return padded;
  }

  /** Every bucket this run used, for the next run to start from. */
  snapshot(): Record<string, BucketLevel> {
    return Object.fromEntries([...this.buckets].map(([op, b]) => [op, b.level()]));
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
      bucket = new TokenBucket(limit, this.deps.clock, this.levels[operation]);
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }
}

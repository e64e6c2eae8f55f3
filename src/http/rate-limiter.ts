import { DeadlineReachedError } from '../errors';
import { SubmissionWindow, windowOf, type WindowStore } from './submission-window';

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
 * Our copy of the server's token bucket. A caller takes its token for the instant it will send
 * (perhaps later than now), so concurrent callers queue in order instead of racing for the same
 * refill. The balance is kept at that instant, capped at the burst as the server caps it: a wait
 * padded past the moment the server's bucket is full earns nothing there, and counting it here
 * would send the next request early.
 */
export class TokenBucket {
  /** The balance at `last`, which is now or the send time of the latest reservation. */
  private tokens: number;
  private last: number;

  /** Without `level` the bucket starts full; with it, from that balance refilled for the time since. */
  constructor(
    private limit: RateLimit,
    private readonly clock: () => number,
    level?: BucketLevel,
  ) {
    this.tokens = level ? level.tokens : limit.burst;
    // A level stamped in our future (clocks disagree between runs) must not hold the bucket back until then.
    this.last = level ? Math.min(level.at, clock()) : clock();
  }

  get current(): RateLimit {
    return { ...this.limit };
  }

  /** How many ms from now until a token is free, without taking it. */
  waitFor(): number {
    this.refill();
    const now = this.clock();
    const short = Math.max(0, 1 - this.tokens);
    return this.last - now + (short / this.limit.rate) * 1000;
  }

  /** Takes the token of a request sent at `at` (epoch ms, not before the wait `waitFor` gave). */
  take(at: number): void {
    this.refill();
    if (at > this.last) {
      this.tokens = Math.min(this.limit.burst, this.tokens + ((at - this.last) / 1000) * this.limit.rate);
      this.last = at;
    }
    this.tokens -= 1;
  }

  /**
   * A request has been answered: the server took its token at some instant up to now. Were it now,
   * its bucket could hold at most `burst − 1`; assuming less would be wrong when the request
   * waited on the network or the server while the bucket refilled to the brim.
   */
  answered(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, this.limit.burst - 1);
  }

  /** Takes one token and returns how many ms the caller must wait before using it. */
  reserve(): number {
    const wait = this.waitFor();
    this.take(this.clock() + wait);
    return wait;
  }

  /** How long (ms) the next token has been there; Infinity from a full bucket, which holds no news of timing. */
  tokenAge(): number {
    this.refill();
    if (this.tokens >= this.limit.burst) return Infinity;
    return ((this.tokens - 1) / this.limit.rate) * 1000;
  }

  /** Requests that can start from now until `until` (epoch ms): the balance plus what refills meanwhile. */
  affordable(until: number): number {
    this.refill();
    return this.tokens + (Math.max(0, until - this.last) / 1000) * this.limit.rate;
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

  /** Brings the balance up to now; a reservation in the future is already counted up to its send time. */
  private refill(): void {
    const now = this.clock();
    if (now <= this.last) return;
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
  private readonly windows = new Map<string, SubmissionWindow>();

  /**
   * `levels`: what an earlier run left in each bucket, so this run does not start from a full
   * bucket the server has not refilled. `windowed`: the names whose limit is a rolling window of
   * `burst` requests per `burst / rate` s rather than a bucket, kept in `windowStore` as they change.
   */
  constructor(
    private readonly limits: Readonly<Record<string, RateLimit>>,
    private readonly deps: RateLimiterDeps,
    private readonly padding = { factor: 1.02, ms: 40 },
    private readonly levels: Readonly<Record<string, BucketLevel>> = {},
    private readonly windowed: { isWindow: (name: string) => boolean; store?: WindowStore } = { isWindow: () => false },
  ) {}

  /**
   * Waits for a token; returns the ms waited. Operations without a known limit pass straight
   * through. With `notAfter`, a wait that would end later than that instant is not begun and no
   * token is taken: DeadlineReachedError instead.
   */
  async acquire(operation: string, notAfter?: number): Promise<number> {
    const window = this.window(operation);
    if (window) return this.acquireWindow(window, operation, notAfter);
    const bucket = this.bucket(operation);
    if (!bucket) return 0;
    const wait = bucket.waitFor();
    // A token that appeared just now needs the margin as much as one waited for: a request sent
    // the moment it appears is early at the server on the slightest jitter. Older tokens need none.
    const padded =
      wait > 0 ? Math.ceil(wait * this.padding.factor + this.padding.ms) : Math.max(0, Math.ceil(this.padding.ms - bucket.tokenAge()));
    const now = this.deps.clock();
    if (notAfter !== undefined && now + padded > notAfter) throw new DeadlineReachedError(operation);
    bucket.take(now + padded);
    if (padded > 0) await this.deps.sleep(padded);
    return padded;
  }

  /** A window's wait is padded for clock jitter only: its times are already the latest Amazon can have counted. */
  private async acquireWindow(window: SubmissionWindow, operation: string, notAfter?: number): Promise<number> {
    const wait = window.waitFor();
    const padded = wait > 0 ? Math.ceil(wait * this.padding.factor + this.padding.ms) : 0;
    const now = this.deps.clock();
    if (notAfter !== undefined && now + padded > notAfter) throw new DeadlineReachedError(operation);
    if (padded > 0) await this.deps.sleep(padded);
    window.take(this.deps.clock());
    return padded;
  }

  /** How many ms a request of `operation` would wait now for its limit (0 without one), taking nothing. */
  waitFor(operation: string): number {
    return Math.max(0, this.window(operation)?.waitFor() ?? this.bucket(operation)?.waitFor() ?? 0);
  }

  /** How many `operation` requests can start before `until`; Infinity for an operation without a known limit. */
  affordable(operation: string, until: number): number {
    return this.window(operation)?.affordable(until) ?? this.bucket(operation)?.affordable(until) ?? Infinity;
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
    const window = this.window(operation);
    if (window) window.throttled();
    else this.bucket(operation)?.throttled();
  }

  /** The request is back (answered or not): see TokenBucket.answered and SubmissionWindow.answered. */
  answered(operation: string): void {
    const window = this.window(operation);
    if (window) window.answered();
    else this.bucket(operation)?.answered();
  }

  limitOf(operation: string): RateLimit | undefined {
    return this.window(operation) ? this.limits[operation] : this.bucket(operation)?.current;
  }

  private window(name: string): SubmissionWindow | undefined {
    let window = this.windows.get(name);
    const limit = this.limits[name];
    if (!window && limit && this.windowed.isWindow(name)) {
      window = new SubmissionWindow(windowOf(limit), this.deps.clock, name, this.windowed.store);
      this.windows.set(name, window);
    }
    return window;
  }

  private bucket(operation: string): TokenBucket | undefined {
    if (this.windowed.isWindow(operation)) return undefined;
    let bucket = this.buckets.get(operation);
    const limit = this.limits[operation];
    if (!bucket && limit) {
      bucket = new TokenBucket(limit, this.deps.clock, this.levels[operation]);
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }
}

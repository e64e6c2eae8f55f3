/** At most `count` requests within any `windowMs`: a rolling window, not a refilling bucket. */
export interface WindowLimit {
  count: number;
  windowMs: number;
}

/** Where a window's send times are kept between runs (and between processes sharing the state file). */
export interface WindowStore {
  load(name: string): number[];
  save(name: string, times: readonly number[]): void;
}

/**
 * A limit counted over a rolling window, as Amazon counts JSON_LISTINGS_FEED submissions
 * ("5 submissions per 5 minutes", reference/spapi-2026-12.md §2): unlike a token bucket, which
 * would let a sixth go a minute after the fifth, a window lets it go only when the first of the
 * five is `windowMs` old. Each request counts from the moment its answer came back, the latest
 * moment Amazon can have counted it, so our window never frees a slot before Amazon's does.
 */
export class SubmissionWindow {
  private times: number[];

  constructor(
    private readonly limit: WindowLimit,
    private readonly clock: () => number,
    private readonly name: string,
    private readonly store?: WindowStore,
  ) {
    // A time stamped in our future (clocks disagree between runs) counts as now, never later.
    const now = clock();
    this.times = (store?.load(name) ?? []).map((t) => Math.min(t, now)).sort((a, b) => a - b);
  }

  get current(): WindowLimit {
    return { ...this.limit };
  }

  /** How many ms from now until a request may go. */
  waitFor(): number {
    this.prune();
    if (this.times.length < this.limit.count) return 0;
    const oldest = this.times[this.times.length - this.limit.count] ?? 0;
    return Math.max(0, oldest + this.limit.windowMs - this.clock());
  }

  /** Counts a request sent at `at`; kept at once, so a run that dies next still leaves it counted. */
  take(at: number): void {
    this.prune();
    this.times.push(at);
    this.persist();
  }

  /** The latest request is back: Amazon counted it no later than now. */
  answered(): void {
    const last = this.times.length - 1;
    if (last < 0) return;
    this.times[last] = Math.max(this.times[last] ?? 0, this.clock());
    this.persist();
  }

  /** Amazon refused: whoever else spent the window (another host, a run we do not know), it is full as of now. */
  throttled(): void {
    this.times = new Array<number>(this.limit.count).fill(this.clock());
    this.persist();
  }

  /** Requests that can start from now until `until` (epoch ms). */
  affordable(until: number): number {
    this.prune();
    const freed = this.times.filter((t) => t + this.limit.windowMs <= until).length;
    return this.limit.count - this.times.length + freed;
  }

  private prune(): void {
    const now = this.clock();
    this.times = this.times.filter((t) => t + this.limit.windowMs > now);
  }

  private persist(): void {
    this.store?.save(this.name, this.times);
  }
}

/** A limit given as rate/burst (config, x-amzn headers) read as a window: `burst` requests per `burst / rate` seconds. */
export function windowOf(limit: { rate: number; burst: number }): WindowLimit {
  return { count: limit.burst, windowMs: (limit.burst / limit.rate) * 1000 };
}

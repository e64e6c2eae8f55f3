/**
 * Reads `source` (pages of items) in the background, queueing what it reads, so that the next
 * pages are already on their way while the caller writes: with a slow warehouse, the caller then
 * finds enough listings queued to keep every write slot busy. Reading pauses while the queue
 * holds `limit()` items or more (the limit may change: a run that waits for something else
 * first can queue more meanwhile) and resumes as the caller takes them.
 */
export class ReadAhead<T> {
  private readonly queue: T[][] = [];
  private queued = 0;
  private done = false;
  private failure: { err: unknown } | undefined;
  private stopped = false;
  private wakeReader: (() => void) | undefined;
  private wakeTaker: (() => void) | undefined;
  private readonly task: Promise<void>;

  constructor(
    source: AsyncIterable<T[]>,
    private readonly limit: () => number,
  ) {
    this.task = this.read(source);
  }

  private async read(source: AsyncIterable<T[]>): Promise<void> {
    try {
      for await (const page of source) {
        this.queue.push(page);
        this.queued += page.length;
        this.wake('taker');
        while (!this.stopped && this.queued >= this.limit()) await new Promise<void>((r) => (this.wakeReader = r));
        if (this.stopped) return;
      }
    } catch (err) {
      this.failure = { err };
    } finally {
      this.done = true;
      this.wake('taker');
    }
  }

  private wake(who: 'reader' | 'taker'): void {
    const fn = who === 'reader' ? this.wakeReader : this.wakeTaker;
    if (who === 'reader') this.wakeReader = undefined;
    else this.wakeTaker = undefined;
    fn?.();
  }

  /** The limit went up: a paused reader may go on. */
  nudge(): void {
    if (this.queued < this.limit()) this.wake('reader');
  }

  /**
   * Whole pages queued now, at least one (waiting for it), up to about `max` items; undefined once
   * every page is taken. A failure of the source is thrown here, after the pages read before it.
   */
  async take(max: number): Promise<T[] | undefined> {
    while (this.queue.length === 0 && !this.done) await new Promise<void>((r) => (this.wakeTaker = r));
    if (this.queue.length === 0) {
      if (this.failure) throw this.failure.err;
      return undefined;
    }
    const out: T[] = [];
    while (this.queue.length > 0 && (out.length === 0 || out.length + (this.queue[0]?.length ?? 0) <= max)) {
      const page = this.queue.shift() ?? [];
      this.queued -= page.length;
      for (const item of page) out.push(item);
    }
    this.nudge();
    return out;
  }

  /** Stops reading after the request in flight, and waits for it: no request outlives the caller's loop. */
  async close(): Promise<void> {
    this.stopped = true;
    this.wake('reader');
    await this.task;
  }
}

/**
 * At most `limit` requests in flight at once, the rest waiting in order: the warehouse's limits
 * are unpublished, so the sellers running side by side share one bound on what they ask of it.
 */
export class Gate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Resolves once a place is free; the caller must `leave()` once its request is answered (or failed). */
  async enter(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return;
    }
    // The place is handed over by leave(): the count stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  /** Requests in flight now (for tests and the bench). */
  get busy(): number {
    return this.inFlight;
  }
}

/**
 * Runs `fn` over `items` with at most `limit` in flight; results keep the input order. After a
 * failure no new item starts, and the call settles only when the ones in flight have: nothing
 * keeps writing behind the back of a run that has already stopped.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}

/**
 * Keeps the next page of `source` in flight while the caller works on the current one: with a
 * rate-limited source, the wait for the next page then hides the time spent writing this one.
 */
export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let pending = it.next();
  for (;;) {
    const current = await pending;
    if (current.done) return;
    pending = it.next();
    // A failure of the prefetched page surfaces when it is awaited; keep it from counting as unhandled meanwhile.
    pending.catch(() => undefined);
    yield current.value;
  }
}

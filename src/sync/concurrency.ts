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
 * A caller that stops early waits for the page in flight, so no request outlives its loop.
 */
export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let pending = it.next();
  let done = false;
  try {
    for (;;) {
      const current = await pending;
      if (current.done) {
        done = true;
        return;
      }
      pending = it.next();
      // A failure of the prefetched page surfaces when it is awaited; keep it from counting as unhandled meanwhile.
      pending.catch(() => undefined);
      yield current.value;
    }
  } finally {
    if (!done) {
      await pending.catch(() => undefined);
      await it.return?.();
    }
  }
}

/**
 * Runs independent tasks side by side, so that each waits on its own rate limit while the others
 * work. When one fails, the others see `failed()` turn true and stop at their next step; the call
 * settles only when all have, and throws the first failure.
 */
export async function together(tasks: readonly ((failed: () => boolean) => Promise<void>)[]): Promise<void> {
  let failed = false;
  const settled = await Promise.allSettled(
    tasks.map(async (task) => {
      try {
        await task(() => failed);
      } catch (err) {
        failed = true;
        throw err;
      }
    }),
  );
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
}

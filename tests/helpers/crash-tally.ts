import type { RecordedRequest } from '../../src/simulator/server';

/** How often each key occurs. */
export function countBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(key(t), (out.get(key(t)) ?? 0) + 1);
  return out;
}

/** Occurrences beyond the first, summed over all keys: what was done more than once. */
export function excess(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += Math.max(0, c - 1);
  return n;
}

/** Requests the simulator answered with success, i.e. that took effect whether or not the client read the answer. */
export function succeeded(requests: readonly RecordedRequest[], method: string, path: RegExp): RecordedRequest[] {
  return requests.filter((r) => r.method === method && path.test(r.path) && r.status >= 200 && r.status < 300);
}

export const missing = <T>(want: Iterable<T>, have: (t: T) => boolean): number => [...want].filter((t) => !have(t)).length;

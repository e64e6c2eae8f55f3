import { errorMessage } from '../errors';
import { mapLimit } from './concurrency';
import type { ItemResult } from './types';

/**
 * What a write did before something stopped it (a fatal error, a signal): the results of the items
 * that finished, and the error. The runner records the results, then handles the error as
 * thrown: a run never loses from its summary what it already did on either side.
 */
export class UnfinishedWrite extends Error {
  override name = 'UnfinishedWrite';
  constructor(
    readonly done: ItemResult[],
    override readonly cause: unknown,
  ) {
    super(errorMessage(cause));
  }
}

/**
 * Writes `items` with at most `limit` in flight, results in input order. When one throws, no new
 * item starts, and once those in flight have settled the call throws UnfinishedWrite carrying the
 * results of every item that finished.
 */
export async function writeEach<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<ItemResult | ItemResult[]>,
): Promise<ItemResult[]> {
  const results = new Array<ItemResult[] | undefined>(items.length);
  let index = 0;
  const indexed = items.map((item) => ({ item, i: index++ }));
  try {
    await mapLimit(indexed, limit, async ({ item, i }) => {
      results[i] = [await fn(item)].flat();
    });
  } catch (err) {
    throw new UnfinishedWrite(
      results.flatMap((r) => r ?? []),
      err,
    );
  }
  return results.flatMap((r) => r ?? []);
}

/** Records what `write` did, also when it stopped part-way (UnfinishedWrite): then records what finished and throws the cause. */
export async function recordWrite(
  write: () => Promise<ItemResult[]>,
  record: (results: readonly ItemResult[]) => void,
): Promise<ItemResult[]> {
  let results: ItemResult[];
  try {
    results = await write();
  } catch (err) {
    if (!(err instanceof UnfinishedWrite)) throw err;
    record(err.done);
    throw err.cause;
  }
  record(results);
  return results;
}

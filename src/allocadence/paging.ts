import { z } from 'zod';
import { parseAnswer } from '../http/answer';
import { RemoteError } from '../errors';
import type { HttpClient, QueryValue } from '../http/client';
import { pageMetaSchema } from './types';

export const PER_PAGE = 100;

/** A page of an API 2.0 list as read here: the rows under the list's own key, and `meta.totalPages`. */
export function pageSchemaOf<K extends string, T extends z.ZodType>(key: K, row: T) {
  return z.object({ [key]: z.array(row), meta: pageMetaSchema } as Record<K, z.ZodArray<T>> & { meta: typeof pageMetaSchema });
}

/** Every page of an Allocadence list (`page` from 1, `perPage` ≤ 100, `meta.totalPages`). */
export async function* pages<T extends z.ZodType>(
  client: HttpClient,
  operation: string,
  path: string,
  key: string,
  row: T,
  params: Record<string, QueryValue> = {},
): AsyncGenerator<z.infer<T>[]> {
  // Named by the list's own key, so an error points at the field as the answer spells it.
  const schema = pageSchemaOf(key, row);
  for (let page = 1, total = 1; page <= total; page++) {
    const res = await client.request<Record<string, unknown> | undefined>({
      operation,
      method: 'GET',
      path,
      params: { ...params, page, perPage: PER_PAGE },
    });
    const parsed = parseAnswer(schema, res.data, operation, 'allocadence') as Record<string, unknown> & {
      meta: z.infer<typeof pageMetaSchema>;
    };
    total = parsed.meta.totalPages;
    yield parsed[key] as z.infer<T>[];
  }
}

/**
 * The row a filtered list was asked for. Several other rows and not this one mean the account
 * ignored the filter (the real API ignores what it does not know): "not found" would be a guess.
 */
export async function findExact<T>(
  rows: AsyncIterable<T[]>,
  isIt: (row: T) => boolean,
  operation: string,
  filter: string,
): Promise<T | undefined> {
  for await (const page of rows) {
    const match = page.find(isIt);
    if (match) return match;
    if (page.length > 1) {
      throw new RemoteError({
        system: 'allocadence',
        operation,
        kind: 'fatal',
        status: 200,
        detail: `the ${filter} filter was ignored (got ${page.length} other rows): cannot look up by ${filter} on this account`,
      });
    }
  }
  return undefined;
}

import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { HttpClient } from '../http/client';
import { PER_PAGE, pageSchemaOf } from './paging';
import type { pageMetaSchema } from './types';

const id = z.union([z.number(), z.string()]).transform(String);

/** A row of `GET /inventory` (`item.sku`, `item.id`, `sellable`: Theseus, evidence §2.11 [Z]) or of `GET /inventory/kits` (same shape [I]). */
export const stockRowSchema = z.object({
  item: z.object({ id: id.nullish(), sku: z.string() }),
  warehouse: z.object({ id: id.nullish(), name: z.string() }).nullish(),
  sellable: z.number(),
});

export type StockRow = z.infer<typeof stockRowSchema>;

/** What is kept of a row: a list of 300,000 rows is held as these, not as parsed answers. */
export interface StockLine {
  sku: string;
  /** The row's warehouse name; undefined when the row names none. */
  warehouse: string | undefined;
  sellable: number;
}

const pageSchema = pageSchemaOf('inventory', stockRowSchema);

/** One row per item per warehouse: what a repeated row is recognised by. */
function identity(r: StockRow): string {
  return `${r.item.id ?? `sku:${r.item.sku}`}@${r.warehouse?.id ?? r.warehouse?.name ?? ''}`;
}

const where = (r: StockRow): string => `${r.item.sku}${r.warehouse ? ` in ${r.warehouse.name}` : ''}`;

/**
 * One pass over every page: the distinct rows, or why the pages do not make one list. Pages are cut
 * by offset (§2.5), so a row created or removed while we page moves the rest: a row then comes back
 * twice (harmless once recognised) or is skipped (which would read as no stock at all). A row seen
 * twice is counted once; the read is refused when a repeat differs, when the count or page count
 * changes between pages, when a page before the last is not full, or when the distinct rows are
 * fewer than the pages or the count promise.
 */
async function readOnce(
  client: HttpClient,
  operation: string,
  path: string,
  params: Record<string, string>,
): Promise<{ rows: StockLine[] } | { problem: string }> {
  const seen = new Map<string, StockLine>();
  let first: z.infer<typeof pageMetaSchema> | undefined;
  let size = PER_PAGE;
  for (let page = 1, total = 1; page <= total; page++) {
    const res = await client.request<unknown>({ operation, method: 'GET', path, params: { ...params, page, perPage: PER_PAGE } });
    const { inventory: rows, meta } = parseAnswer(pageSchema, res.data, operation, 'allocadence');
    if (!first) {
      first = meta;
      size = meta.perPage ?? PER_PAGE;
    } else if (meta.totalPages !== first.totalPages || (meta.count ?? null) !== (first.count ?? null)) {
      return {
        problem: `page ${page} says ${meta.count ?? '?'} row(s) on ${meta.totalPages} page(s) where page 1 said ${first.count ?? '?'} on ${first.totalPages}`,
      };
    }
    total = meta.totalPages;
    if (rows.length > size || (page < total && rows.length < size))
      return { problem: `page ${page} of ${total} has ${rows.length} row(s), not ${size}` };
    for (const row of rows) {
      const key = identity(row);
      const earlier = seen.get(key);
      if (earlier && (earlier.sellable !== row.sellable || earlier.sku !== row.item.sku)) {
        return { problem: `${where(row)} came back twice, with sellable ${earlier.sellable} and ${row.sellable}` };
      }
      seen.set(key, { sku: row.item.sku, warehouse: row.warehouse?.name, sellable: row.sellable });
    }
  }
  const promised = first?.count;
  if (promised !== undefined && seen.size !== promised)
    return { problem: `${seen.size} distinct row(s) where the list counts ${promised}` };
  const pagesPromised = first?.totalPages ?? 0;
  if (pagesPromised > 1 && seen.size <= (pagesPromised - 1) * size)
    return { problem: `${seen.size} distinct row(s) cannot fill ${pagesPromised} pages of ${size}` };
  return { rows: [...seen.values()] };
}

/**
 * Every row of a stock list, each once. A read that does not add up (see readOnce) is made again
 * once; a second one stops the run (exit 3) before anything is pushed from it: stock read wrong
 * either offers what the warehouse does not hold or zeroes what it does.
 */
export async function readStockList(
  client: HttpClient,
  list: { operation: string; path: string; params: Record<string, string> },
  onReread: (problem: string) => void,
): Promise<StockLine[]> {
  const first = await readOnce(client, list.operation, list.path, list.params);
  if ('rows' in first) return first.rows;
  onReread(first.problem);
  const second = await readOnce(client, list.operation, list.path, list.params);
  if ('rows' in second) return second.rows;
  throw new RemoteError({
    system: 'allocadence',
    operation: list.operation,
    kind: 'fatal',
    status: 200,
    detail: `GET ${list.path} did not read as one consistent list, twice (first: ${first.problem}; then: ${second.problem}); nothing was done with it, try again later`,
  });
}

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

const pageSchema = pageSchemaOf('inventory', stockRowSchema);

/**
 * One row per item per warehouse: what a repeated row is recognised by, mapped to a position. A
 * numeric item id is a number key, not a string made for each of 300,000 rows.
 */
class RowPositions {
  private readonly byWarehouse = new Map<string, Map<string | number, number>>();
  size = 0;

  get(r: StockRow): number | undefined {
    return this.byWarehouse.get(warehouseKey(r))?.get(itemKey(r));
  }

  set(r: StockRow, position: number): void {
    const w = warehouseKey(r);
    let items = this.byWarehouse.get(w);
    if (!items) this.byWarehouse.set(w, (items = new Map<string | number, number>()));
    items.set(itemKey(r), position);
    this.size++;
  }
}

function warehouseKey(r: StockRow): string {
  return r.warehouse?.id ?? r.warehouse?.name ?? '';
}

function itemKey(r: StockRow): string | number {
  const id = r.item.id;
  if (id === undefined || id === null) return `sku:${r.item.sku}`;
  const n = Number(id);
  return Number.isSafeInteger(n) && String(n) === id ? n : id;
}

const where = (r: StockRow): string => `${r.item.sku}${r.warehouse ? ` in ${r.warehouse.name}` : ''}`;

/**
 * One pass over every page: the warehouse's sellable per SKU, or why the pages do not make one
 * list. Pages are cut by offset (§2.5), so a row created or removed while we page moves the rest: a
 * row then comes back twice (harmless once recognised) or is skipped (which would read as no stock
 * at all). A row seen twice is counted once; the read is refused when a repeat differs, when the
 * count or page count changes between pages, when a page before the last is not full, or when the
 * distinct rows are fewer than the pages or the count promise. Rows of other warehouses (a
 * warehouse filter this account did not apply) count as rows but are left out, not summed.
 */
async function readOnce(
  client: HttpClient,
  list: StockListCall,
  warehouse: string,
): Promise<{ sellable: Map<string, number> } | { problem: string }> {
  // Each distinct row's position in `skus` and `amounts`: a list of 300,000 rows is not held as objects.
  const seen = new RowPositions();
  const skus: string[] = [];
  const amounts: number[] = [];
  const sellable = new Map<string, number>();
  let first: z.infer<typeof pageMetaSchema> | undefined;
  let size = PER_PAGE;
  for (let page = 1, total = 1; page <= total; page++) {
    const res = await client.request<unknown>({
      operation: list.operation,
      method: 'GET',
      path: list.path,
      params: { ...list.params, page, perPage: PER_PAGE },
    });
    const { inventory: rows, meta } = parseAnswer(pageSchema, res.data, list.operation, 'allocadence');
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
      const at = seen.get(row);
      if (at !== undefined) {
        if (amounts[at] !== row.sellable || skus[at] !== row.item.sku)
          return { problem: `${where(row)} came back twice, with sellable ${amounts[at] ?? '?'} and ${row.sellable}` };
        continue;
      }
      seen.set(row, skus.length);
      skus.push(row.item.sku);
      amounts.push(row.sellable);
      if (row.warehouse && row.warehouse.name !== warehouse) continue;
      sellable.set(row.item.sku, (sellable.get(row.item.sku) ?? 0) + row.sellable);
    }
  }
  const promised = first?.count;
  if (promised !== undefined && seen.size !== promised)
    return { problem: `${seen.size} distinct row(s) where the list counts ${promised}` };
  const pagesPromised = first?.totalPages ?? 0;
  if (pagesPromised > 1 && seen.size <= (pagesPromised - 1) * size)
    return { problem: `${seen.size} distinct row(s) cannot fill ${pagesPromised} pages of ${size}` };
  return { sellable };
}

export interface StockListCall {
  operation: string;
  path: string;
  params: Record<string, string>;
}

/**
 * Sellable per SKU in `warehouse`, from every row of a stock list, each once. A read that does not
 * add up (see readOnce) is made again once; a second one stops the run (exit 3) before anything is
 * pushed from it: stock read wrong either offers what the warehouse does not hold or zeroes what it does.
 */
export async function readStockList(
  client: HttpClient,
  list: StockListCall,
  warehouse: string,
  onReread: (problem: string) => void,
): Promise<Map<string, number>> {
  const first = await readOnce(client, list, warehouse);
  if ('sellable' in first) return first.sellable;
  onReread(first.problem);
  const second = await readOnce(client, list, warehouse);
  if ('sellable' in second) return second.sellable;
  throw new RemoteError({
    system: 'allocadence',
    operation: list.operation,
    kind: 'fatal',
    status: 200,
    detail: `GET ${list.path} did not read as one consistent list, twice (first: ${first.problem}; then: ${second.problem}); nothing was done with it, try again later`,
  });
}

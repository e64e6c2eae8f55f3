import { pageOf, type Paging } from './responses';
import type { SimListMeta } from './types';

/**
 * Reads of a stock list that do not come back as one clean snapshot. Lists page by offset and are
 * ordered by id (§2.5, "orders with higher IDs appear on later pages"), so a stock record created
 * for an older item while a client pages moves every later row one place on; a caching proxy can
 * serve a page from before such a change. None of this has been seen on Allocadence: it is what
 * offset paging does, played on request so the reader's checks are tested.
 *
 * - `repeat`: every page after the first starts with the previous page's last row again, and the
 *   pages still cover every row once the repeats are removed (count and totalPages agree with them).
 * - `repeat-changed`: the same, but the repeated row comes back with another `sellable` (stock moved
 *   between the two pages).
 * - `shift`: from page 2 on, a row was inserted ahead of the reader: `meta.count` (and maybe
 *   `totalPages`) grow by one, and each later page starts one row early.
 * - `short`: every page but the last comes back one row short, with the same meta.
 */
export type InventoryQuirkKind = 'repeat' | 'repeat-changed' | 'shift' | 'short';
export const INVENTORY_QUIRK_KINDS: readonly InventoryQuirkKind[] = ['repeat', 'repeat-changed', 'shift', 'short'];

/** Which list a quirk plays on: `GET /inventory` or `GET /inventory/kits`. */
export type StockList = 'inventory' | 'kits';

export class InventoryQuirks {
  private next: { kind: InventoryQuirkKind; list: StockList; reads: number } | undefined;
  /** The quirk of the read in progress, per list: a read starts with its page 1. */
  private readonly current = new Map<StockList, InventoryQuirkKind | undefined>();

  /** The next `reads` whole reads of `list` (default 1) play `kind`; later ones are clean again. */
  set(kind: InventoryQuirkKind, reads = 1, list: StockList = 'inventory'): void {
    if (!INVENTORY_QUIRK_KINDS.includes(kind))
      throw new Error(`unknown inventory quirk '${kind}'; known: ${INVENTORY_QUIRK_KINDS.join(', ')}`);
    if (!Number.isInteger(reads) || reads < 1) throw new Error('reads must be a whole number of at least 1');
    this.next = { kind, list, reads };
  }

  /** Reads still to be played, for tests that check the reader came back. */
  pending(): number {
    return this.next?.reads ?? 0;
  }

  /** One page of `rows` as this read serves it; `bump` gives a row another sellable (repeat-changed). */
  page<T, R>(
    list: StockList,
    rows: readonly T[],
    paging: Paging,
    render: (row: T) => R,
    bump: (row: R) => R,
  ): { rows: R[]; meta: SimListMeta } {
    if (paging.page === 1) {
      const q = this.next?.list === list ? this.next : undefined;
      this.current.set(list, q?.kind);
      if (q && --q.reads === 0) this.next = undefined;
    }
    const kind = this.current.get(list);
    const { perPage, page } = paging;
    const count = rows.length;
    if (kind === undefined || perPage < 2 || (kind === 'shift' && page === 1)) {
      const plain = pageOf(rows, paging);
      return { rows: plain.rows.map(render), meta: plain.meta };
    }
    if (kind === 'short') {
      const plain = pageOf(rows, paging);
      const out = page < plain.meta.totalPages ? plain.rows.slice(0, -1) : plain.rows;
      return { rows: out.map(render), meta: plain.meta };
    }
    if (kind === 'shift') {
      const start = (page - 1) * perPage - 1;
      const meta = { count: count + 1, page, perPage, totalPages: Math.ceil((count + 1) / perPage) };
      return { rows: rows.slice(start, start + perPage).map(render), meta };
    }
    const step = perPage - 1;
    const start = (page - 1) * step;
    const totalPages = count === 0 ? 0 : count <= perPage ? 1 : 1 + Math.ceil((count - perPage) / step);
    const out = rows.slice(start, start + perPage).map(render);
    if (kind === 'repeat-changed' && page > 1 && out[0] !== undefined) out[0] = bump(out[0]);
    return { rows: out, meta: { count, page, perPage, totalPages } };
  }
}

import { DeadlineReachedError } from '../../errors';
import type { UnreadableOrder } from '../../amazon/orders-types';
import type { SellerContext } from '../../sync/context';
import { orderFindings } from './orders';
import { readOrderPairs, readStockPairs, readWarehouse, type WarehouseSide } from './read';
import { mergeUnknown, stockFinding } from './stock';
import { sortFindings, type Finding } from './types';

export interface Compared {
  findings: Finding[];
  orders: number;
  listings: number;
  /** The parts compared whole (`orders <marketplace>`, `stock <marketplace>`): a finding's `part` is one of them. */
  complete: Set<string>;
  /** Each part not compared whole, and why (`stock ATVPDKIKX0DER: not compared: deadline`). */
  notCompared: string[];
}

/** Runs one part's read, unless the deadline came first: then the rest of the seller's comparison is left for the next run. */
async function beforeDeadline<T>(ctx: SellerContext, read: () => Promise<T>): Promise<T | 'deadline'> {
  if (ctx.pastDeadline()) return 'deadline';
  try {
    return await read();
  } catch (err) {
    if (err instanceof DeadlineReachedError) return 'deadline';
    throw err;
  }
}

/**
 * Reads both systems for one seller (orders last updated since `since`, every merchant listing) and
 * lists where they disagree. `recheck`: order ids read by id when the search does not show them.
 * At the deadline it keeps what it compared, and names each part it did not compare (whole).
 */
export async function compareSeller(
  ctx: SellerContext,
  since: string,
  lateWithinMs: number,
  recheck: ReadonlySet<string> = new Set(),
): Promise<Compared> {
  const out: Compared = { findings: [], orders: 0, listings: 0, complete: new Set(), notCompared: [] };
  const side = await beforeDeadline(ctx, () => readWarehouse(ctx));
  let stopped = side === 'deadline';
  for (const marketplaceId of ctx.seller.marketplaceIds) {
    for (const part of ['orders', 'stock'] as const) {
      const name = `${part} ${marketplaceId}`;
      if (stopped || side === 'deadline') {
        out.notCompared.push(`${name}: not compared: deadline`);
        continue;
      }
      const done = await beforeDeadline(ctx, () => comparePart(ctx, part, marketplaceId, side, { since, lateWithinMs, recheck }, out));
      if (done === 'deadline') {
        stopped = true;
        out.notCompared.push(`${name}: not compared: deadline`);
      } else if (done.whole) out.complete.add(name);
      else {
        stopped = true;
        out.notCompared.push(`${name}: not compared whole: deadline (the ${done.read} read before it are compared)`);
      }
      for (const f of done === 'deadline' ? [] : done.findings) out.findings.push({ ...f, part: name });
    }
  }
  out.findings = sortFindings(mergeUnknown(out.findings));
  return out;
}

/** An order Amazon answered with that cannot be read: not compared, and said so where the findings are read. */
function unreadableFinding(u: UnreadableOrder, marketplaceId: string): Finding {
  return {
    kind: 'unreadable',
    key: u.orderId ?? '(an order without an id)',
    detail: `Amazon's order could not be read, so it was not compared: ${u.problem}`,
    marketplaceId,
    manual: 'nothing can be concluded from an answer that cannot be read; run reconcile again, and report the answer if it persists',
  };
}

interface OrderWindow {
  since: string;
  lateWithinMs: number;
  recheck: ReadonlySet<string>;
}

async function comparePart(
  ctx: SellerContext,
  part: 'orders' | 'stock',
  marketplaceId: string,
  side: WarehouseSide,
  w: OrderWindow,
  out: Compared,
): Promise<{ findings: Finding[]; whole: boolean; read: number }> {
  const findings: Finding[] = [];
  if (part === 'orders') {
    const { pairs, unreadable, whole } = await readOrderPairs(ctx, marketplaceId, w.since, w.recheck);
    out.orders += pairs.length;
    const options = { now: ctx.now, lateWithinMs: w.lateWithinMs, knownSkus: side.knownSkus };
    for (const p of pairs) findings.push(...orderFindings(p, options));
    for (const u of unreadable) findings.push(unreadableFinding(u, marketplaceId));
    return { findings, whole, read: pairs.length };
  }
  const stock = await readStockPairs(ctx, marketplaceId, side);
  out.listings += stock.length;
  for (const s of stock) {
    const f = stockFinding(s, side.knownSkus);
    if (f) findings.push(f);
  }
  return { findings, whole: true, read: stock.length };
}

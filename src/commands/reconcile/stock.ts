import { NO_SUCH_ITEM } from './orders';
import type { Finding, StockPair } from './types';

/**
 * A merchant listing against the warehouse: a SKU Allocadence lacks, or a quantity other than what
 * push-stock would offer now. A SKU whose stock push-stock cannot trust is left alone, as push-stock leaves it.
 */
export function stockFinding(s: StockPair, knownSkus: ReadonlySet<string>): Finding | undefined {
  const base = { key: s.sku, marketplaceId: s.marketplaceId };
  if (!knownSkus.has(s.sku))
    return {
      ...base,
      kind: 'unknown-sku',
      detail: 'listed on Amazon (merchant-fulfilled); no such item in Allocadence',
      manual: NO_SUCH_ITEM,
    };
  if (s.unreadable || s.wanted === undefined || s.offered === s.wanted) return undefined;
  const repair = { via: 'push-stock' as const, marketplaceId: s.marketplaceId, sku: s.sku, quantity: s.wanted };
  const offered = s.offered === undefined ? 'no quantity' : String(s.offered);
  return { ...base, kind: 'stock-drift', detail: `Amazon offers ${offered}; push-stock would offer ${s.wanted}`, repair };
}

/** One finding per unknown SKU and marketplace, however many orders and listings name it. */
export function mergeUnknown(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const unknown = new Map<string, Finding>();
  for (const f of findings) {
    if (f.kind !== 'unknown-sku') {
      out.push(f);
      continue;
    }
    const id = `${f.marketplaceId}\u0000${f.key}`;
    const known = unknown.get(id);
    if (!known) {
      const copy = { ...f };
      unknown.set(id, copy);
      out.push(copy);
    } else if (!known.detail.includes(f.detail)) known.detail = [known.detail, f.detail].sort().join('; ');
  }
  return out;
}

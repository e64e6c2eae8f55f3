/**
 * The positions of `items` in SKU order, for lookups by binary search: a 300,000-SKU push is
 * looked up row by row in Amazon's listings report without a map keyed by every SKU beside it.
 */
export class SkuIndex {
  private readonly order: Uint32Array;

  constructor(private readonly items: { readonly length: number; sku(i: number): string }) {
    this.order = new Uint32Array(items.length);
    for (let i = 0; i < items.length; i++) this.order[i] = i;
    this.order.sort((a, b) => compare(items.sku(a), items.sku(b)));
  }

  /** The position in `items` of the SKU, or -1. */
  find(sku: string): number {
    let lo = 0;
    let hi = this.order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.order[mid] ?? 0;
      const c = compare(this.items.sku(at), sku);
      if (c === 0) return at;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Code-unit order: any total order does, and this one needs no locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

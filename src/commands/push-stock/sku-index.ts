/**
 * The positions of `items` in SKU order, for lookups by binary search: a 300,000-SKU push is
 * looked up row by row in Amazon's listings report without a map keyed by every SKU beside it.
 */
export class SkuIndex {
  private readonly order: Uint32Array;
  private readonly skuAt: (i: number) => string;

  constructor(items: readonly { sku: string }[] | { readonly length: number; sku(i: number): string }) {
    this.skuAt = Array.isArray(items)
      ? (i) => {
          const item = (items as readonly { sku: string }[])[i];
          if (!item) throw new Error(`SkuIndex: no item at ${i}`);
          return item.sku;
        }
      : (i) => (items as { sku(i: number): string }).sku(i);
    this.order = new Uint32Array(items.length);
    for (let i = 0; i < items.length; i++) this.order[i] = i;
    this.order.sort((a, b) => compare(this.skuAt(a), this.skuAt(b)));
  }

  /** The position in `items` of the SKU, or -1. */
  find(sku: string): number {
    let lo = 0;
    let hi = this.order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.order[mid] ?? 0;
      const c = compare(this.skuAt(at), sku);
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

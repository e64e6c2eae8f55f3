import type { ListingRow } from '../../state/listings';
import type { RunContext } from '../../sync/context';

/** What the state file's upsert keeps of two rows of one SKU: a later row may know less than an earlier one. */
function merged(prev: ListingRow | undefined, next: ListingRow): ListingRow {
  if (!prev) return next;
  return {
    sku: next.sku,
    asin: next.asin ?? prev.asin,
    productType: next.productType ?? prev.productType,
    fulfillment: next.fulfillment,
    isParent: prev.isParent || next.isParent,
    parentSku: next.parentSku ?? prev.parentSku,
    variationTheme: next.variationTheme ?? prev.variationTheme,
    allocItemId: next.allocItemId ?? prev.allocItemId,
  };
}

/**
 * The listing rows one write of pull-items makes, written to the state file in one transaction at
 * its end rather than one by one. They are a cache (what a listing is, which item it became): a
 * crash before they are written loses nothing, as a first run without a checkpoint reads and
 * writes every listing again, and a later run finds the items by SKU. Rows of this write are read
 * from here first, so linking sees them as if they were written.
 */
export class PendingRows {
  private readonly rows = new Map<string, ListingRow>();

  constructor(private readonly ctx: RunContext) {}

  get(sku: string): ListingRow | undefined {
    return this.rows.get(sku) ?? this.ctx.state.listings.get(this.ctx.seller.name, this.ctx.marketplaceId, sku);
  }

  keep(row: ListingRow): void {
    if (!this.ctx.dryRun) this.rows.set(row.sku, merged(this.rows.get(row.sku), row));
  }

  flush(): void {
    if (this.rows.size === 0) return;
    this.ctx.state.listings.upsertMany(this.ctx.seller.name, this.ctx.marketplaceId, this.rows.values(), this.ctx.iso());
    this.rows.clear();
  }
}

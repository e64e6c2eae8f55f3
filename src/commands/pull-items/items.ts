import { sellableBySku } from '../../allocadence/inventory';
import type { AllocadenceItem } from '../../allocadence/items';
import { RemoteError } from '../../errors';
import type { ListingRow } from '../../state/listings';
import type { RunContext, SellerContext } from '../../sync/context';
import type { ItemResult, Window } from '../../sync/types';
import { writeEach } from '../../sync/write-each';
import { families } from './families';
import { PendingRows } from './rows';
import type { PulledListing } from './listing';
import { initialQuantities } from './quantities';

export function parentFieldValue(parentSku: string, theme: string | undefined): string {
  return theme ? `${parentSku} | ${theme}` : parentSku;
}

function failure(key: string, err: unknown): ItemResult {
  if (err instanceof RemoteError && err.kind === 'item') return { key, ok: false, reason: err.message, retriable: true };
  throw err;
}

/** An existing item marked inactive: it is hidden from most of the warehouse's processes, orders for it may be refused. */
function inactive(item: AllocadenceItem): { warning?: string } {
  return item.active === false
    ? { warning: `item ${item.sku} is inactive in Allocadence: activate it there, or its orders may be refused` }
    : {};
}

/**
 * Listings become Allocadence items, one seller's run at a time. A first run loads every item and
 * the warehouse's stock once; later runs look SKUs up one by one.
 */
export class ListingWriter {
  private itemCache: Map<string, AllocadenceItem> | undefined;
  private stock: Map<string, number> | undefined;
  private initial = false;
  private readonly field;
  private readonly quantities;

  constructor(seller: SellerContext) {
    this.field = seller.seller.items.parentField;
    this.quantities = initialQuantities(seller.allocadence.clients, seller.seller.warehouse, seller.log);
  }

  /** Before a marketplace's window (or its retries): in a first run, items retried from an earlier try import quantities too. */
  async prepare(ctx: RunContext, window: Window | undefined): Promise<void> {
    this.initial = window?.initial ?? false;
    if (!this.initial) return;
    this.itemCache = await ctx.allocadence.items.bySku();
    // Only initial quantities need the warehouse's stock (a SKU that has some keeps it).
    if (ctx.seller.items.importQuantities) this.stock = await sellableBySku(ctx.allocadence.clients, ctx.seller.warehouse);
  }

  /**
   * At the warehouse's write concurrency, family by family (see families): a family's listings in
   * order, families side by side.
   */
  async write(ctx: RunContext, listings: readonly PulledListing[]): Promise<ItemResult[]> {
    const rows = new PendingRows(ctx);
    try {
      return await writeEach(families(listings), ctx.allocadence.writeConcurrency, (family) => this.writeFamily(ctx, rows, family));
    } finally {
      rows.flush();
    }
  }

  private async writeFamily(ctx: RunContext, rows: PendingRows, family: readonly PulledListing[]): Promise<ItemResult[]> {
    const out: ItemResult[] = [];
    for (const l of family) {
      if (l.problem) {
        out.push({ key: l.sku, ok: false, reason: l.problem, retriable: true });
        continue;
      }
      try {
        out.push(...(await this.handle(ctx, rows, l)));
      } catch (err) {
        out.push(failure(l.sku, err));
      }
    }
    return out;
  }

  private async findItem(ctx: RunContext, sku: string): Promise<AllocadenceItem | undefined> {
    if (this.itemCache) return this.itemCache.get(sku);
    return ctx.allocadence.items.findBySku(sku);
  }

  /** Writes "parent | theme" into the item's field, unless the field holds something else: never overwrite warehouse data. */
  private async link(ctx: RunContext, sku: string, item: AllocadenceItem, value: string): Promise<ItemResult> {
    const current = item[this.field];
    if (current === value) return { key: sku, ok: true, action: 'already-linked' };
    if (current)
      return {
        key: sku,
        ok: true,
        action: 'not-linked',
        warning: `item ${sku} keeps its ${this.field} "${current}"; variation parent ${value} not written`,
      };
    if (ctx.dryRun) return { key: sku, ok: true, action: 'would-link', detail: value };
    await ctx.allocadence.items.setField(item.id, this.field, value);
    item[this.field] = value;
    return { key: sku, ok: true, action: 'linked' };
  }

  private async handle(ctx: RunContext, rows: PendingRows, l: PulledListing): Promise<ItemResult[]> {
    const { state } = ctx;
    const seller = ctx.seller.name;
    const known = rows.get(l.sku);
    const row: ListingRow = {
      sku: l.sku,
      asin: l.asin ?? null,
      productType: l.productType ?? null,
      fulfillment: l.fulfillment,
      isParent: l.isParent,
      parentSku: l.parentSku ?? null,
      variationTheme: l.variationTheme ?? null,
      allocItemId: known?.allocItemId ?? null,
    };
    rows.keep(row);
    if (l.isParent) return [{ key: l.sku, ok: true, action: 'parent' }, ...(await this.adoptChildren(ctx, rows, l))];

    const parent = row.parentSku ?? known?.parentSku;
    const fieldValue = parent ? parentFieldValue(parent, row.variationTheme ?? known?.variationTheme ?? undefined) : undefined;
    // Only an item this program creates gets Amazon's quantity: one the warehouse has already holds its own count, even 0.
    const wantsQuantity = this.initial && ctx.seller.items.importQuantities && l.fulfillment === 'MERCHANT' && (l.quantity ?? 0) > 0;
    const { item, ours, results } = await this.itemFor(ctx, l, fieldValue, wantsQuantity);
    if (item) rows.keep({ ...row, allocItemId: item.id });
    // A kit has no stock of its own to set: it is built from its components.
    if (ours && !item?.kit) {
      const settled = (): void => {
        if (!ctx.dryRun) state.itemCreates.finish(seller, ctx.marketplaceId, l.sku);
      };
      results.push(...(await this.quantities.importOnce(l.sku, l.quantity ?? 0, ctx.dryRun, this.stock, settled)));
    }
    return results;
  }

  /** The listing's item, found or created; `ours` when this program created it (and so sets its first quantity). */
  private async itemFor(
    ctx: RunContext,
    l: PulledListing,
    fieldValue: string | undefined,
    wantsQuantity: boolean,
  ): Promise<{ item: AllocadenceItem | undefined; ours: boolean; results: ItemResult[] }> {
    const { state } = ctx;
    const seller = ctx.seller.name;
    const found = await this.findItem(ctx, l.sku);
    if (found) {
      // Unless an interrupted run of ours created it (its intent row says so) before importing the quantity.
      const ours = wantsQuantity && state.itemCreates.has(seller, ctx.marketplaceId, l.sku);
      const results: ItemResult[] = [{ key: l.sku, ok: true, action: 'item-exists', ...inactive(found) }];
      if (fieldValue) results.push(await this.link(ctx, l.sku, found, fieldValue));
      return { item: found, ours, results };
    }
    if (ctx.dryRun)
      return { item: undefined, ours: wantsQuantity, results: [{ key: l.sku, ok: true, action: 'would-create', detail: l.title }] };
    if (wantsQuantity) state.itemCreates.start(seller, ctx.marketplaceId, l.sku, l.quantity ?? 0, ctx.iso());
    const created = await ctx.allocadence.items
      .create({
        sku: l.sku,
        description: l.title,
        warehouse: ctx.seller.warehouse,
        ...(l.price !== undefined ? { price: l.price } : {}),
        ...(fieldValue ? { fields: { [this.field]: fieldValue } } : {}),
      })
      .catch((err: unknown) => {
        // Refused outright: nothing was created, so no intent may outlive it.
        if (err instanceof RemoteError && err.kind === 'item') state.itemCreates.finish(seller, ctx.marketplaceId, l.sku);
        throw err;
      });
    const item = created.item;
    this.itemCache?.set(l.sku, item);
    // Found instead of created (`existed`) means this very create took effect and its answer was
    // lost: the SKU was in no list a moment ago. It is ours, quantity and all.
    const results: ItemResult[] = [{ key: l.sku, ok: true, action: created.existed ? 'item-exists' : 'created', ...inactive(item) }];
    // A create that found an existing item did not write the field.
    if (created.existed && fieldValue) results.push(await this.link(ctx, l.sku, item, fieldValue));
    return { item, ours: wantsQuantity, results };
  }

  /** A parent that arrives after its children: children that did not name it get linked now. */
  private async adoptChildren(ctx: RunContext, rows: PendingRows, parent: PulledListing): Promise<ItemResult[]> {
    const out: ItemResult[] = [];
    for (const childSku of parent.childSkus) {
      const child = rows.get(childSku);
      if (!child || child.parentSku) continue;
      rows.keep({ ...child, parentSku: parent.sku, variationTheme: parent.variationTheme ?? null });
      const item = await this.findItem(ctx, childSku);
      if (item) out.push(await this.link(ctx, childSku, item, parentFieldValue(parent.sku, parent.variationTheme)));
    }
    return out;
  }
}

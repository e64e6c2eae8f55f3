import type { TestWorld } from '../helpers/world-run';
import { ago, extraOccurrences, MINUTE, projectionOf, runClean, tookEffect, type Projection, type Scenario } from './scenario';

function amazonListings(w: TestWorld): Projection {
  return projectionOf(
    'amazon',
    w.amazon.listings(),
    (l) => l.sku,
    (l) => ({ quantity: l.quantity ?? null, fulfillment: l.fulfillment, parent: l.parentSku ?? null }),
  );
}

function allocadenceItems(w: TestWorld): Projection {
  const stock = new Map(
    w.allocadence
      .inventory()
      .filter((r) => r.warehouse.name === 'Main')
      .map((r) => [r.item.sku, r.sellable]),
  );
  return projectionOf(
    'allocadence',
    w.allocadence.items(),
    (i) => i.sku,
    (i) => ({
      description: i.description,
      price: i.price,
      userField1: i.userField1,
      sellable: stock.get(i.sku) ?? 0,
    }),
  );
}

const bothListingViews = (w: TestWorld): Projection => ({ ...amazonListings(w), ...allocadenceItems(w) });

export const pullItems: Scenario = {
  direction: 'pull-items',
  world: { listings: 60 },
  // Initial quantities are off by default, and the adjustment call unconfirmed: on for an account that has it.
  edit: (c) => {
    for (const seller of c.sellers as Record<string, unknown>[]) seller.items = { importQuantities: true };
  },
  setup(w) {
    w.allocadence.setBehaviour({ adjustments: true });
  },
  phases: [
    // The first run: the listings report, every listing, initial quantities as stock adjustments.
    { argv: ['pull-items'] },
    {
      argv: ['pull-items'],
      before(w) {
        w.time?.advance(30 * MINUTE);
        const created = ago(w, 5);
        w.amazon.addListings({
          listings: [
            ...[1, 2, 3, 4].map((n) => ({ sku: `NEW-${n}`, title: `New thing ${n}`, quantity: 3, createdDate: created })),
            { sku: 'NEW-P', isParent: true, variationTheme: 'SIZE_NAME', createdDate: created },
            { sku: 'NEW-P-S', parentSku: 'NEW-P', variationTheme: 'SIZE_NAME', createdDate: created },
            { sku: 'NEW-P-M', parentSku: 'NEW-P', variationTheme: 'SIZE_NAME', createdDate: created },
          ],
        });
      },
    },
  ],
  project: bothListingViews,
  duplicates(w) {
    const creates = tookEffect(w.allocadence.requests, 'POST', /^\/rest\/items$/).map((r) => (JSON.parse(r.body) as { sku: string }).sku);
    return (
      extraOccurrences(w.allocadence.adjustments().map((a) => a.sku)) +
      Math.max(extraOccurrences(creates), extraOccurrences(w.allocadence.items().map((i) => i.sku)))
    );
  },
};

/** Every `sku=quantity` a processed (DONE) listings feed carried. */
function stockChangesInDoneFeeds(w: TestWorld): string[] {
  return w.amazon
    .feeds()
    .filter((f) => f.feedType === 'JSON_LISTINGS_FEED' && f.processingStatus === 'DONE')
    .flatMap((f) => {
      const doc = JSON.parse(f.input.content) as {
        messages: { sku: string; patches: { value: { quantity: number }[] }[] }[];
      };
      return doc.messages.map((m) => `${m.sku}=${m.patches[0]?.value[0]?.quantity}`);
    });
}

export const pushStock: Scenario = {
  direction: 'push-stock',
  world: { listings: 60 },
  async setup(w) {
    await runClean(w, ['pull-items']);
  },
  phases: [
    // Every merchant SKU at once: one feed.
    { argv: ['push-stock', '--full'] },
    {
      // A handful changed in the warehouse: one patch each.
      argv: ['push-stock'],
      before(w) {
        const safety = new Map(w.allocadence.items().map((i) => [i.sku, i.safetyStock]));
        const merchant = w.amazon
          .listings()
          .filter((l) => l.fulfillment === 'MERCHANT' && !l.isParent)
          .map((l) => l.sku)
          .sort();
        merchant.slice(0, 5).forEach((sku, i) => w.allocadence.setStock(sku, 'Main', (safety.get(sku) ?? 0) + 13 + i));
      },
    },
  ],
  project: bothListingViews,
  duplicates: (w) => extraOccurrences(stockChangesInDoneFeeds(w)),
};

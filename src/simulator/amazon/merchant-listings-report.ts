import type { ListingStore, StoredListing } from './listing-store';
import { amazonChannelCode, marketplaceInfo, money } from './marketplaces';

/** The column set of GET_MERCHANT_LISTINGS_ALL_DATA (reference/spapi.md §2a-1), in order. */
export const MERCHANT_LISTINGS_COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
] as const;
type Column = (typeof MERCHANT_LISTINGS_COLUMNS)[number];

// North American reports stamp open-date in Pacific time ("2026-01-15 08:30:00 PST"); others in UTC here.
const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function openDate(ms: number, marketplaceId: string): string {
  if (!['US', 'CA', 'MX'].includes(marketplaceInfo(marketplaceId).country)) {
    return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }
  const p = Object.fromEntries(PACIFIC.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

/** A stable listing id shaped like Amazon's ("0115Z3K9QX2"): open month and day, then a hash of the SKU. */
function listingId(l: StoredListing): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < l.sku.length; i++) h = Math.imul(h ^ l.sku.charCodeAt(i), 0x01000193) >>> 0;
  const d = new Date(l.createdMs);
  const mmdd = `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${mmdd}Z${h.toString(36).toUpperCase().padStart(7, '0').slice(-7)}`;
}

function row(l: StoredListing): string {
  const merchant = l.fulfillment === 'MERCHANT' && !l.isParent;
  // Amazon lists an out-of-stock merchant offer as Inactive.
  const status = merchant && (l.quantity ?? 0) === 0 ? 'Inactive' : 'Active';
  const values: Partial<Record<Column, string>> = {
    'item-name': l.itemName,
    'listing-id': listingId(l),
    'seller-sku': l.sku,
    price: l.priceMinor === undefined ? '' : money(l.priceMinor, l.marketplaceId).amount,
    quantity: merchant ? String(l.quantity ?? 0) : '',
    'open-date': openDate(l.createdMs, l.marketplaceId),
    'item-is-marketplace': 'y',
    'product-id-type': '1',
    'item-condition': '11',
    asin1: l.asin,
    'product-id': l.asin,
    'pending-quantity': merchant ? '0' : '',
    'fulfillment-channel': l.fulfillment === 'AMAZON' ? amazonChannelCode(l.marketplaceId) : 'DEFAULT',
    'merchant-shipping-group': merchant ? 'Migrated Template' : '',
    status,
  };
  return MERCHANT_LISTINGS_COLUMNS.map((c) => values[c] ?? '').join('\t');
}

/**
 * The tab-separated report: a header row, then one row per listing of the seller in the
 * marketplace, parents and FBA included. Values are written raw, never quoted: a `"` or `,` in an
 * item name is just text (stored names never hold a tab or line break).
 */
export function merchantListingsReport(store: ListingStore, sellerId: string, marketplaceId: string): string {
  const lines = [MERCHANT_LISTINGS_COLUMNS.join('\t')];
  for (const l of store.forSeller(sellerId)) if (l.marketplaceId === marketplaceId) lines.push(row(l));
  return `${lines.join('\n')}\n`;
}

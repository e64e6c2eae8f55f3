import type { ListingsIncludedData, ListingsItem } from './listing-types';
import { listingStatus, type ListingStore, type StoredListing } from './listing-store';
import { amazonChannelCode, money } from './marketplaces';
import { iso } from './time';

/** COLOR_NAME/SIZE_NAME -> ['color', 'size']: the attribute names behind a theme. */
export function themeAttributes(theme: string): string[] {
  return theme.split('/').map((part) => part.toLowerCase().replace(/_name$/, ''));
}

function availability(l: StoredListing): NonNullable<ListingsItem['fulfillmentAvailability']> {
  if (l.isParent) return [];
  // Amazon keeps FBA stock in its own inventory API; the listing only names the channel.
  if (l.fulfillment === 'AMAZON') return [{ fulfillmentChannelCode: amazonChannelCode(l.marketplaceId) }];
  return [{ fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity ?? 0 }];
}

function relationships(store: ListingStore, l: StoredListing): NonNullable<ListingsItem['relationships']>[number]['relationships'] {
  const theme = store.theme(l);
  const variationTheme = theme ? { variationTheme: { attributes: themeAttributes(theme), theme } } : {};
  if (l.parentSku) return [{ type: 'VARIATION', parentSkus: [l.parentSku], ...variationTheme }];
  const children = store.childSkus(l.sellerId, l.sku);
  if (l.isParent || children.length > 0) return [{ type: 'VARIATION', childSkus: [...children], ...variationTheme }];
  return [];
}

/** The listing's raw attributes, in the product-type-definition style Amazon returns. */
function attributes(store: ListingStore, l: StoredListing): Record<string, unknown> {
  const marketplace_id = l.marketplaceId;
  const out: Record<string, unknown> = {
    item_name: [{ value: l.itemName, language_tag: 'en_US', marketplace_id }],
    condition_type: [{ value: 'new_new', marketplace_id }],
  };
  // The submitted value, which may differ from the effective fulfillmentAvailability (amzn/selling-partner-api-models#5327).
  if (l.fulfillment === 'MERCHANT' && !l.isParent)
    out.fulfillment_availability = [{ fulfillment_channel_code: 'DEFAULT', quantity: l.submittedQuantity ?? l.quantity ?? 0 }];
  if (l.priceMinor !== undefined) {
    const { amount, currencyCode } = money(l.priceMinor, l.marketplaceId);
    out.purchasable_offer = [{ currency: currencyCode, our_price: [{ schedule: [{ value_with_tax: Number(amount) }] }], marketplace_id }];
  }
  const theme = store.theme(l);
  if (l.isParent) out.parentage_level = [{ value: 'parent', marketplace_id }];
  if (l.parentSku) {
    out.parentage_level = [{ value: 'child', marketplace_id }];
    out.child_parent_sku_relationship = [{ child_relationship_type: 'variation', parent_sku: l.parentSku, marketplace_id }];
  }
  if (theme && (l.isParent || l.parentSku)) out.variation_theme = [{ name: theme, marketplace_id }];
  return out;
}

/** The API view of a listing: `sku` always, each dataset only when asked for. */
export function renderListing(store: ListingStore, l: StoredListing, data: ReadonlySet<ListingsIncludedData>): ListingsItem {
  const item: ListingsItem = { sku: l.sku };
  const marketplaceId = l.marketplaceId;
  if (data.has('summaries')) {
    item.summaries = [
      {
        marketplaceId,
        asin: l.asin,
        productType: l.productType,
        conditionType: 'new_new',
        status: listingStatus(l),
        itemName: l.itemName,
        createdDate: iso(l.createdMs),
        lastUpdatedDate: iso(l.lastUpdatedMs),
      },
    ];
  }
  if (data.has('attributes')) item.attributes = attributes(store, l);
  if (data.has('issues')) item.issues = [];
  if (data.has('offers'))
    item.offers = l.priceMinor === undefined ? [] : [{ marketplaceId, offerType: 'B2C', price: money(l.priceMinor, marketplaceId) }];
  if (data.has('fulfillmentAvailability')) item.fulfillmentAvailability = availability(l);
  if (data.has('procurement')) item.procurement = [];
  if (data.has('relationships')) item.relationships = [{ marketplaceId, relationships: relationships(store, l) }];
  if (data.has('productTypes')) item.productTypes = [{ marketplaceId, productType: l.productType }];
  return item;
}

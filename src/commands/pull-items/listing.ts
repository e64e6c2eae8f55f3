import type { ReportRow } from '../../amazon/listings-report';
import type { ListingsItem } from '../../amazon/listings-types';
import type { Fulfillment } from '../../state/listings';

/** One Amazon listing as pull-items needs it, from the report, the Listings API, or both. */
export interface PulledListing {
  sku: string;
  asin?: string;
  title: string;
  productType?: string;
  fulfillment: Fulfillment;
  /** Merchant quantity on Amazon (the report's, else the API's). */
  quantity?: number;
  price?: number;
  isParent: boolean;
  parentSku?: string;
  childSkus: string[];
  variationTheme?: string;
  /** Set when the listing cannot be trusted yet: it is reported and fetched again next run. */
  problem?: string;
}

/**
 * What the Listings API says of a listing, before its report row is known: kept small, as a first
 * run may hold many of these while the report is still being made.
 */
export interface ApiListing extends Omit<PulledListing, 'title'> {
  /** The summary's item name, if any: the report's title stands in for it. */
  title?: string;
}

/** What pull-items needs of one Listings API item (type, variations, the API's view of channel and quantity). */
export function fromListingsItem(item: ListingsItem, marketplaceId: string): ApiListing {
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const relations = (item.relationships?.find((r) => r.marketplaceId === marketplaceId)?.relationships ?? []).filter(
    (r) => r.type === 'VARIATION',
  );
  const childSkus = relations.flatMap((r) => r.childSkus ?? []);
  const parentSku = relations.flatMap((r) => r.parentSkus ?? [])[0];
  const theme = relations.find((r) => r.variationTheme)?.variationTheme?.theme;
  const channels = item.fulfillmentAvailability ?? [];
  const merchant = channels.find((c) => c.fulfillmentChannelCode === 'DEFAULT');
  const productType = item.productTypes?.find((p) => p.marketplaceId === marketplaceId)?.productType ?? summary?.productType;
  return {
    sku: item.sku,
    fulfillment: channels.length > 0 && !merchant ? 'AMAZON' : 'MERCHANT',
    isParent: childSkus.length > 0,
    childSkus,
    ...(summary?.itemName !== undefined ? { title: summary.itemName } : {}),
    ...(summary?.asin ? { asin: summary.asin } : {}),
    ...(productType ? { productType } : {}),
    ...(merchant?.quantity !== undefined ? { quantity: merchant.quantity } : {}),
    ...(parentSku ? { parentSku } : {}),
    ...(theme ? { variationTheme: theme } : {}),
  };
}

/** The listing with its report row (channel, quantity, price), where the report has one. */
export function withReportRow(api: ApiListing, row: ReportRow | undefined): PulledListing {
  const quantity = row?.quantity ?? api.quantity;
  const asin = api.asin ?? row?.asin;
  return {
    ...api,
    title: api.title ?? row?.title ?? api.sku,
    fulfillment: row?.fulfillment ?? api.fulfillment,
    ...(asin ? { asin } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(row?.price !== undefined ? { price: row.price } : {}),
  };
}

/** Merges what the Listings API says about an item (type, variations) with its report row (quantity, price). */
export function toPulledListing(item: ListingsItem, marketplaceId: string, row: ReportRow | undefined): PulledListing {
  return withReportRow(fromListingsItem(item, marketplaceId), row);
}

/**
 * A SKU the report lists but the Listings API did not return. The report cannot tell a variation
 * parent from a plain SKU, so nothing is created from it: it waits in the retry queue and is looked
 * up by SKU next run.
 */
export function fromReportOnly(row: ReportRow): PulledListing {
  return {
    ...row,
    isParent: false,
    childSkus: [],
    problem: 'listed in the report but not returned by the Listings API; looked up again next run',
  };
}

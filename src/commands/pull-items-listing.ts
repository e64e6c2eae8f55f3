import { parse } from 'csv-parse/sync';
import { RemoteError } from '../errors';
import type { ListingsItem } from '../amazon/listings-types';
import type { Fulfillment } from '../state/listings';

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

export interface ReportRow {
  sku: string;
  asin?: string;
  title: string;
  quantity?: number;
  price?: number;
  fulfillment: Fulfillment;
}

const REQUIRED = ['seller-sku', 'fulfillment-channel'];

function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * GET_MERCHANT_LISTINGS_ALL_DATA: tab-separated, a header row, no quoting (a `"` in a title is
 * just a character). `DEFAULT` is the merchant channel; anything else (AMAZON_NA, AMAZON_EU…) is FBA.
 */
export function parseListingsReport(text: string): Map<string, ReportRow> {
  const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter: '\t', columns: true, quote: false, relax_column_count: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const first = rows[0];
  if (first) {
    const missing = REQUIRED.filter((c) => !(c in first));
    if (missing.length) {
      throw new RemoteError({ system: 'amazon', operation: 'downloadReport', kind: 'fatal', detail: `listings report without column(s) ${missing.join(', ')} (got ${Object.keys(first).slice(0, 8).join(', ')}…)` });
    }
  }
  const out = new Map<string, ReportRow>();
  for (const r of rows) {
    const sku = r['seller-sku']?.trim();
    if (!sku) continue;
    const channel = (r['fulfillment-channel'] ?? 'DEFAULT').trim().toUpperCase();
    const asin = r['asin1']?.trim();
    const quantity = num(r['quantity']);
    const price = num(r['price']);
    out.set(sku, {
      sku,
      title: r['item-name']?.trim() || sku,
      fulfillment: channel === 'DEFAULT' || channel === '' ? 'MERCHANT' : 'AMAZON',
      ...(asin ? { asin } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(price !== undefined ? { price } : {}),
    });
  }
  return out;
}

/** Merges what the Listings API says about an item (type, variations) with its report row (quantity, price). */
export function toPulledListing(item: ListingsItem, marketplaceId: string, row: ReportRow | undefined): PulledListing {
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const relations = (item.relationships?.find((r) => r.marketplaceId === marketplaceId)?.relationships ?? []).filter((r) => r.type === 'VARIATION');
  const childSkus = relations.flatMap((r) => r.childSkus ?? []);
  const parentSku = relations.flatMap((r) => r.parentSkus ?? [])[0];
  const theme = relations.find((r) => r.variationTheme)?.variationTheme?.theme;
  const channels = item.fulfillmentAvailability ?? [];
  const merchant = channels.find((c) => c.fulfillmentChannelCode === 'DEFAULT');
  const fulfillment: Fulfillment = row?.fulfillment ?? (channels.length > 0 && !merchant ? 'AMAZON' : 'MERCHANT');
  const productType = item.productTypes?.find((p) => p.marketplaceId === marketplaceId)?.productType ?? summary?.productType;
  const quantity = row?.quantity ?? merchant?.quantity;
  const asin = summary?.asin ?? row?.asin;
  return {
    sku: item.sku,
    title: summary?.itemName ?? row?.title ?? item.sku,
    fulfillment,
    isParent: childSkus.length > 0,
    childSkus,
    ...(asin ? { asin } : {}),
    ...(productType ? { productType } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(row?.price !== undefined ? { price: row.price } : {}),
    ...(parentSku ? { parentSku } : {}),
    ...(theme ? { variationTheme: theme } : {}),
  };
}

/**
 * A SKU the report lists but the Listings API did not return. The report cannot tell a variation
 * parent from a plain SKU, so nothing is created from it: it waits in the retry queue and is looked
 * up by SKU next run.
 */
export function fromReportOnly(row: ReportRow): PulledListing {
  return { ...row, isParent: false, childSkus: [], problem: 'listed in the report but not returned by the Listings API; looked up again next run' };
}

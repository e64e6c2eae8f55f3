import { parse } from 'csv-parse/sync';
import { RemoteError } from '../errors';
import type { Fulfillment } from '../state/listings';

/** One row of GET_MERCHANT_LISTINGS_ALL_DATA, as pull-items and push-stock's check read it. */
export interface ReportRow {
  sku: string;
  asin?: string;
  title: string;
  /** The merchant quantity Amazon offers (empty for FBA rows). */
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
 * `needs` names further columns the caller cannot do without (a localised header may lack them).
 */
export function parseListingsReport(text: string, needs: readonly string[] = []): Map<string, ReportRow> {
  const required = [...REQUIRED, ...needs];
  const header = (names: string[]): string[] => {
    const missing = required.filter((c) => !names.includes(c));
    if (missing.length) {
      throw new RemoteError({
        system: 'amazon',
        operation: 'downloadReport',
        kind: 'fatal',
        detail: `listings report without column(s) ${missing.join(', ')} (got ${names.slice(0, 8).join(', ')}…)`,
      });
    }
    return names;
  };
  // Each record becomes its small row as it is read: a report of 100,000 listings has 29 columns a row.
  const rows = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: '\t',
    columns: header,
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: toRow,
  });
  return new Map(rows.map((r) => [r.sku, r]));
}

function toRow(r: Record<string, string>): ReportRow | null {
  const sku = r['seller-sku']?.trim();
  if (!sku) return null;
  const channel = (r['fulfillment-channel'] ?? 'DEFAULT').trim().toUpperCase();
  const asin = r.asin1?.trim();
  const quantity = num(r.quantity);
  const price = num(r.price);
  return {
    sku,
    title: r['item-name']?.trim() || sku,
    fulfillment: channel === 'DEFAULT' || channel === '' ? 'MERCHANT' : 'AMAZON',
    ...(asin ? { asin } : {}),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(price !== undefined ? { price } : {}),
  };
}

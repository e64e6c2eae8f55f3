import { parse } from 'csv-parse/sync';

export const FLAT_FILE_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';

/** Tabs and line breaks would shift columns in a flat file; nothing we send needs them. */
function cell(value: string | number | undefined): string {
  return String(value ?? '').replace(/[\t\r\n]+/g, ' ');
}

function tsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join('\t')).join('\n') + '\n';
}

export interface CancelRow {
  orderId: string;
  orderItemId: string;
  reason: string;
}

/** POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA: a row per order item, each with the reason it is cancelled. */
export function acknowledgementFeed(rows: readonly CancelRow[]): string {
  return tsv(
    ['order-id', 'amazon-order-item-code', 'cancellation-reason-code'],
    rows.map((r) => [r.orderId, r.orderItemId, r.reason]),
  );
}

export interface FulfillmentRow {
  orderId: string;
  shipDate: string;
  carrierCode: string;
  carrierName?: string;
  shipMethod?: string;
  trackingNumber?: string;
}

/** POST_FLAT_FILE_FULFILLMENT_DATA for whole orders (empty item and quantity columns mean all of it). */
export function fulfillmentFeed(rows: readonly FulfillmentRow[]): string {
  return tsv(
    ['order-id', 'order-item-id', 'quantity', 'ship-date', 'carrier-code', 'carrier-name', 'tracking-number', 'ship-method'],
    rows.map((r) => [r.orderId, '', '', r.shipDate, r.carrierCode, r.carrierName, r.trackingNumber, r.shipMethod]),
  );
}

/** A line of the processing report's table, tied to a data row (1-based, as in the feed). */
export interface FlatFileLine {
  record: number;
  orderId: string;
  message: string;
}

export interface FlatFileReport {
  processed: number | undefined;
  successful: number | undefined;
  /** Rows Amazon refused. */
  errors: FlatFileLine[];
  /** Rows Amazon warned about because values of theirs were not applied: failures, to be sent again. */
  ignored: FlatFileLine[];
  /** Lines about the document as a whole (record 0, or a Fatal): no row of it can be trusted to have applied. */
  document: string[];
  /** Other warnings, passed on as they are. */
  warnings: FlatFileLine[];
}

// A warning that values were left out: "The X field heading is invalid, so values in this field were
// ignored" (jlevers/selling-partner-api#394), or a row of which nothing was changed.
const NOT_APPLIED = /heading|header|ignored|not (been )?(applied|changed|processed|updated)|nothing (was )?changed/i;

/**
 * Amazon's text processing report: a summary block, then a tab-separated table of errors and
 * warnings. A warning can mean the feed did nothing: a wrong or reformatted header is only warned
 * about, its column's values are ignored, and the feed finishes with every row counted successful
 * (jlevers/selling-partner-api#394, reference/spapi-2026-12.md §3.2). So a line about the document
 * (record 0, type Fatal) fails every row, and a warning that values were ignored fails its row.
 */
export function readFlatFileReport(text: string): FlatFileReport {
  const number = (label: string): number | undefined => {
    const m = new RegExp(`${label}\\s+(\\d+)`, 'i').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const start = text.search(/^original-record-number\t/m);
  const report: FlatFileReport = {
    processed: number('Number of records processed'),
    successful: number('Number of records successful'),
    errors: [],
    ignored: [],
    document: [],
    warnings: [],
  };
  if (start < 0) return report;
  const rows = parse<Record<string, string>>(text.slice(start), {
    delimiter: '\t',
    columns: true,
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  for (const r of rows) {
    const type = (r['error-type'] ?? '').trim().toLowerCase();
    const message = [r['error-code'], r['error-message']].filter(Boolean).join(': ');
    const record = Number(r['original-record-number']) || 0;
    const line = { record, orderId: r['order-id'] ?? '', message };
    if (type === 'fatal' || record === 0) report.document.push([r['error-type']?.trim(), message].filter(Boolean).join(' '));
    else if (type === 'error') report.errors.push(line);
    else if (NOT_APPLIED.test(message)) report.ignored.push(line);
    else report.warnings.push(line);
  }
  return report;
}

import { parse } from 'csv-parse/sync';

export const FLAT_FILE_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';

/** Tabs and line breaks would shift columns in a flat file; nothing we send needs them. */
function cell(value: string | number | undefined): string {
  return String(value ?? '').replace(/[\t\r\n]+/g, ' ');
}

function tsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return [header, ...rows].map((r) => r.map(cell).join('\t')).join('\n') + '\n';
}

export interface CancelRow {
  orderId: string;
  orderItemId: string;
  reason: string;
}

/** POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA: a row per order item, each with the reason it is cancelled. */
export function acknowledgementFeed(rows: readonly CancelRow[]): string {
  return tsv(['order-id', 'amazon-order-item-code', 'cancellation-reason-code'], rows.map((r) => [r.orderId, r.orderItemId, r.reason]));
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

export interface FlatFileReport {
  processed: number | undefined;
  successful: number | undefined;
  /** Errors by data row (1-based, as in the feed). */
  errors: Array<{ record: number; orderId: string; message: string }>;
}

/** Amazon's text processing report: a summary block, then a tab-separated table of errors and warnings. */
export function readFlatFileReport(text: string): FlatFileReport {
  const number = (label: string): number | undefined => {
    const m = new RegExp(`${label}\\s+(\\d+)`, 'i').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const start = text.search(/^original-record-number\t/m);
  const errors: FlatFileReport['errors'] = [];
  if (start >= 0) {
    const rows = parse(text.slice(start), { delimiter: '\t', columns: true, quote: false, relax_column_count: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    for (const r of rows) {
      if ((r['error-type'] ?? '').toLowerCase() !== 'error') continue;
      errors.push({ record: Number(r['original-record-number']), orderId: r['order-id'] ?? '', message: [r['error-code'], r['error-message']].filter(Boolean).join(': ') });
    }
  }
  return { processed: number('Number of records processed'), successful: number('Number of records successful'), errors };
}

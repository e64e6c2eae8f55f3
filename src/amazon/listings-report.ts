import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { RemoteError } from '../errors';
import type { HttpClient } from '../http/client';
import { streamDocument } from './documents';
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
function reportOptions(needs: readonly string[]) {
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
  return { delimiter: '\t', columns: header, quote: false, relax_column_count: true, skip_empty_lines: true, bom: true } as const;
}

/** A whole report held as text (small documents and tests). */
export function parseListingsReport(text: string, needs: readonly string[] = []): Map<string, ReportRow> {
  // Each record becomes its small row as it is read: a report of 100,000 listings has 29 columns a row.
  const rows: ReportRow[] = parse(text, { ...reportOptions(needs), on_record: toRow });
  return new Map(rows.map((r) => [r.sku, r]));
}

/** Where a report's rows go as they are read: `start` makes a fresh holder (a download read again starts over). */
export interface RowSink<T> {
  start: () => T;
  add: (into: T, row: ReportRow) => void;
}

/**
 * A report document read row by row as it downloads, unpacks and decodes: only what `sink`
 * keeps of each row stays, so the memory is the caller's, not the report's 29 columns.
 */
export function readListingsReport<T>(
  docs: HttpClient,
  doc: { url: string; compressionAlgorithm?: string | undefined },
  needs: readonly string[],
  sink: RowSink<T>,
): Promise<T> {
  return streamDocument(docs, doc.url, doc.compressionAlgorithm, 'downloadReport', () => {
    const into = sink.start();
    const parser = parseStream({
      ...reportOptions(needs),
      // Nothing is passed on: each row is handed over here and the parser's output stays empty.
      on_record: (record: Record<string, string>) => {
        const row = toRow(record);
        if (row) sink.add(into, row);
        return null;
      },
    });
    return { streams: [parser], result: () => into };
  });
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

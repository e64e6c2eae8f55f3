import type { FeedResult } from './feed-processors';

/** The columns a flat-file feed type takes: all of `required` must be in the header, nothing outside both. */
export interface FlatFileColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** One data row: `recordNumber` counts data rows from 1 (the header and blank lines do not count). */
export interface FlatRow {
  recordNumber: number;
  values: Record<string, string>;
  /** Set when the row has more fields than the header. */
  problem?: string;
}

/** One line of the processing report's error table. */
export interface FlatFileOutcome {
  recordNumber: number;
  orderId: string;
  orderItemId: string;
  code: number;
  type: 'Error' | 'Warning';
  message: string;
}

/** What `/__sim/state` shows as the result of a flat-file feed; `text` is the document as served. */
export interface FlatFileReport {
  recordsProcessed: number;
  recordsSuccessful: number;
  outcomes: FlatFileOutcome[];
}

export const FLAT_FILE_CONTENT_TYPE = 'text/tab-separated-values; charset=UTF-8';
export const REPORT_COLUMNS = ['original-record-number', 'order-id', 'order-item-id', 'error-code', 'error-type', 'error-message'] as const;
// Document-level problems (content type, encoding, header) are reported against record 0.
export const FATAL_CODE = 90001;

/** text/tab-separated-values with charset UTF-8, in any letter case and spacing. */
function isTsvUtf8(contentType: string): boolean {
  const [media, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return media === 'text/tab-separated-values' && (charset === 'utf-8' || charset === 'utf8');
}

const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');

/**
 * Header row, then data rows; blank lines are skipped. Returns the document-level problems instead
 * when the document as a whole cannot be processed (the feed then ends FATAL).
 */
export function parseFlatFile(content: Buffer, contentType: string, feedType: string, columns: FlatFileColumns): { rows: FlatRow[] } | { fatal: string[] } {
  if (!isTsvUtf8(contentType)) return { fatal: [`${feedType} must be uploaded as '${FLAT_FILE_CONTENT_TYPE}', not '${contentType}'.`] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { fatal: ['The feed document is not valid UTF-8.'] };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerLine = lines.shift();
  if (headerLine === undefined) return { fatal: ['The feed document is empty: it needs a header row and at least one data row.'] };
  const header = headerLine.split('\t').map((h) => h.trim());
  const problems: string[] = [];
  const known = [...columns.required, ...columns.optional];
  for (const [i, name] of header.entries()) {
    if (name === '') problems.push(`Header column ${i + 1} is empty.`);
    else if (!known.includes(name)) problems.push(`Unknown column '${name}' in the header row; ${feedType} takes ${known.join(', ')}.`);
    else if (header.indexOf(name) !== i) problems.push(`Column '${name}' appears twice in the header row.`);
  }
  for (const name of columns.required) if (!header.includes(name)) problems.push(`Required column '${name}' is missing from the header row.`);
  if (problems.length === 0 && lines.length === 0) problems.push('The feed document has a header row but no data rows.');
  if (problems.length > 0) return { fatal: problems };
  const rows = lines.map((line, i): FlatRow => {
    const cells = line.split('\t');
    const values: Record<string, string> = {};
    // Trailing fields may be left off; missing ones read as empty.
    header.forEach((name, c) => (values[name] = (cells[c] ?? '').trim()));
    const row: FlatRow = { recordNumber: i + 1, values };
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      row.problem = `The row has ${cells.length} fields but the header has ${header.length}.`;
    }
    return row;
  });
  return { rows };
}

/** Amazon's classic text processing report: summary, blank line, the error table (header always present). */
export function flatFileResult(report: FlatFileReport): FeedResult {
  const lines = [
    'Feed Processing Summary:',
    `\tNumber of records processed\t\t${report.recordsProcessed}`,
    `\tNumber of records successful\t\t${report.recordsSuccessful}`,
    '',
    REPORT_COLUMNS.join('\t'),
    ...report.outcomes.map((o) => [o.recordNumber, clean(o.orderId), clean(o.orderItemId), o.code, o.type, clean(o.message)].join('\t')),
  ];
  return { text: `${lines.join('\n')}\n`, contentType: 'text/plain;charset=UTF-8', view: report };
}

/** The report of a feed none of whose rows were processed. */
export function fatalFlatFileResult(messages: readonly string[]): FeedResult {
  const outcomes = messages.map((message): FlatFileOutcome => ({ recordNumber: 0, orderId: '', orderItemId: '', code: FATAL_CODE, type: 'Error', message }));
  return flatFileResult({ recordsProcessed: 0, recordsSuccessful: 0, outcomes });
}

/** Runs `handle` on every row and counts a row successful when it produced no Error. */
export function processRows(rows: readonly FlatRow[], handle: (row: FlatRow) => FlatFileOutcome[]): FlatFileReport {
  const outcomes: FlatFileOutcome[] = [];
  let successful = 0;
  for (const row of rows) {
    const found = handle(row);
    if (!found.some((o) => o.type === 'Error')) successful++;
    outcomes.push(...found);
  }
  return { recordsProcessed: rows.length, recordsSuccessful: successful, outcomes };
}

import type { FeedResult } from './feed-types';

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
  /** `Fatal` only for the document as a whole (record 0), as Amazon's reports show. */
  type: 'Error' | 'Warning' | 'Fatal';
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
// Document-level problems are reported against record 0 with type Fatal, as in Amazon's reports
// (amzn/selling-partner-api-models#1213, amzn/selling-partner-api-docs#457). Amazon's own codes
// where a report shows them; 90001 is the simulator's for the rest (content type, encoding…).
export const FATAL_CODE = 90001;
export const REQUIRED_FIELD_MISSING = 90012;
export const HEADING_INVALID = 90061;

/** A record-0 line of the report: about the document, not a row. */
export function documentNote(message: string, code = FATAL_CODE, type: FlatFileOutcome['type'] = 'Fatal'): FlatFileOutcome {
  return { recordNumber: 0, orderId: '', orderItemId: '', code, type, message };
}

/** text/tab-separated-values with charset UTF-8, in any letter case and spacing. */
function isTsvUtf8(contentType: string): boolean {
  const [media, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return media === 'text/tab-separated-values' && (charset === 'utf-8' || charset === 'utf8');
}

const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');

/**
 * The header row as Amazon reads it (amzn/selling-partner-api-docs#457, jlevers/selling-partner-api#394):
 * a heading it does not know is a Warning, "values in this field were ignored", and processing goes
 * on without that column; a missing required field is Fatal. `invalid` are headings treated as
 * unknown although the template has them (feed-quirks.ts).
 */
function readHeader(
  header: readonly string[],
  columns: FlatFileColumns,
  invalid: ReadonlySet<string>,
): { used: Set<string>; fatal: FlatFileOutcome[]; warnings: FlatFileOutcome[] } {
  const fatal: FlatFileOutcome[] = [];
  const warnings: FlatFileOutcome[] = [];
  const used = new Set<string>();
  const known = [...columns.required, ...columns.optional];
  for (const [i, name] of header.entries()) {
    if (name === '') fatal.push(documentNote(`Header column ${i + 1} is empty.`));
    else if (header.indexOf(name) !== i) fatal.push(documentNote(`Column '${name}' appears twice in the header row.`));
    else if (!known.includes(name) || invalid.has(name)) {
      warnings.push(
        documentNote(
          `The ${name} field heading is invalid, so values in this field were ignored. To correct this error, download the template again and use the new copy, or fix the field heading in your existing file.`,
          HEADING_INVALID,
          'Warning',
        ),
      );
    } else used.add(name);
  }
  for (const name of columns.required) {
    if (!used.has(name))
      fatal.push(
        documentNote(
          `The required ${name} field is missing from the file. To correct this error, download the template again and use the new copy, or insert the required field into your existing file.`,
          REQUIRED_FIELD_MISSING,
        ),
      );
  }
  return { used, fatal, warnings };
}

/**
 * Header row, then data rows; blank lines are skipped. Returns the document-level problems instead
 * when the document as a whole cannot be processed (the feed then ends FATAL); else the rows and
 * the header's warnings. Every column the feed type takes reads as empty when it was not usable.
 */
export function parseFlatFile(
  content: Buffer,
  contentType: string,
  feedType: string,
  columns: FlatFileColumns,
  invalid: ReadonlySet<string> = new Set(),
): { rows: FlatRow[]; notes: FlatFileOutcome[] } | { fatal: FlatFileOutcome[] } {
  if (!isTsvUtf8(contentType))
    return { fatal: [documentNote(`${feedType} must be uploaded as '${FLAT_FILE_CONTENT_TYPE}', not '${contentType}'.`)] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { fatal: [documentNote('The feed document is not valid UTF-8.')] };
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const headerLine = lines.shift();
  if (headerLine === undefined)
    return { fatal: [documentNote('The feed document is empty: it needs a header row and at least one data row.')] };
  const header = headerLine.split('\t').map((h) => h.trim());
  const { used, fatal, warnings } = readHeader(header, columns, invalid);
  if (fatal.length === 0 && lines.length === 0) fatal.push(documentNote('The feed document has a header row but no data rows.'));
  if (fatal.length > 0) return { fatal: [...fatal, ...warnings] };
  const empty = Object.fromEntries([...columns.required, ...columns.optional].map((name) => [name, '']));
  const rows = lines.map((line, i): FlatRow => {
    const cells = line.split('\t');
    const values: Record<string, string> = { ...empty };
    // Trailing fields may be left off; missing ones read as empty.
    header.forEach((name, c) => {
      if (used.has(name)) values[name] = (cells[c] ?? '').trim();
    });
    const row: FlatRow = { recordNumber: i + 1, values };
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      row.problem = `The row has ${cells.length} fields but the header has ${header.length}.`;
    }
    return row;
  });
  return { rows, notes: warnings };
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
export function fatalFlatFileResult(outcomes: readonly FlatFileOutcome[]): FeedResult {
  return flatFileResult({ recordsProcessed: 0, recordsSuccessful: 0, outcomes: [...outcomes] });
}

/**
 * Runs `handle` on every row and counts a row successful when it produced no Error: a row whose
 * only outcome is a Warning counts as successful, even when nothing of it was applied. `notes`
 * (the header's warnings) come first.
 */
export function processRows(
  rows: readonly FlatRow[],
  handle: (row: FlatRow) => FlatFileOutcome[],
  notes: readonly FlatFileOutcome[] = [],
): FlatFileReport {
  const outcomes: FlatFileOutcome[] = [...notes];
  let successful = 0;
  for (const row of rows) {
    const found = handle(row);
    if (!found.some((o) => o.type === 'Error')) successful++;
    outcomes.push(...found);
  }
  return { recordsProcessed: rows.length, recordsSuccessful: successful, outcomes };
}

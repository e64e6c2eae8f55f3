import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import { availabilityPatch } from './listings-api';

/** Amazon's ceiling per JSON_LISTINGS_FEED document. */
export const MAX_FEED_MESSAGES = 25_000;
export const JSON_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

export interface QuantityChange {
  sku: string;
  productType: string;
  quantity: number;
}

/**
 * What the processing report is asked to carry besides its acceptance issues. Without it the report
 * only says which messages were accepted, not what they did (amzn/selling-partner-api-models#4801);
 * with it each item comes as the Listings API shows it: its issues, and the quantity buyers see
 * (header.report in listings-feed-schema-v2.json).
 */
export const FEED_REPORT = { includedData: ['issues', 'fulfillmentAvailability'], apiVersion: '2021-08-01' } as const;

/**
 * A JSON_LISTINGS_FEED of PATCH messages; messageId n is changes[n − 1]. Written message by
 * message, the same text JSON.stringify gives for the whole document, without first building
 * every message as an object: a 25,000-message feed is written while 300,000 changes wait.
 */
export function buildQuantityFeed(sellerId: string, changes: readonly QuantityChange[]): string {
  const header = JSON.stringify({ sellerId, version: '2.0', issueLocale: 'en_US', report: FEED_REPORT });
  const messages = changes.map((c, i) =>
    JSON.stringify({
      messageId: i + 1,
      sku: c.sku,
      operationType: 'PATCH',
      productType: c.productType,
      patches: [availabilityPatch(c.quantity)],
    }),
  );
  return `{"header":${header},"messages":[${messages.join(',')}]}`;
}

// listings-feed-processing-report-schema-v2.json: only what we read; anything else may come too.
const processingReport = z.object({
  issues: z
    .array(
      z.object({
        messageId: z.number().int().optional(),
        sku: z.string().optional(),
        code: z.string().optional(),
        severity: z.string(),
        message: z.string().optional(),
      }),
    )
    .default([]),
  summary: z
    .object({
      messagesProcessed: z.number().optional(),
      messagesAccepted: z.number().optional(),
      messagesInvalid: z.number().optional(),
      itemSummary: z.object({ items: z.number(), errors: z.number(), warnings: z.number() }).optional(),
    })
    .optional(),
  // Each item is checked on its own below: a copy of a 25,000-item report made at once outlives
  // the young generation and is left for a full GC, feed after feed.
  items: z.array(z.unknown()).optional(),
});
const reportItem = z.object({
  sku: z.string(),
  fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().optional() })).optional(),
});
/** Only to name the first wrong item's field the way every other answer's check does. */
const reportItems = z.object({ items: z.array(reportItem) });

export interface FeedOutcome {
  /** SKU → Amazon's message, for every message with an ERROR. */
  rejected: Map<string, string>;
  /** Issues not tied to a message (header errors): the whole feed's outcome is unknown. */
  general: string[];
  /** SKU → the merchant quantity the report's item shows buyers being offered, where an item says. */
  shown: Map<string, number>;
  summary: unknown;
}

/**
 * Reads a processing report; messages without an ERROR issue were accepted. An item's
 * fulfillmentAvailability is the quantity in effect, which can differ from what was accepted
 * (amzn/selling-partner-api-models#5327): the caller compares the two.
 */
export function readProcessingReport(text: string, changes: readonly ({ sku: string } | undefined)[]): FeedOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RemoteError({
      system: 'amazon',
      operation: 'downloadFeedResult',
      kind: 'fatal',
      detail: `the listings feed's processing report is not JSON (starts ${JSON.stringify(text.slice(0, 40))})`,
    });
  }
  const report = parseAnswer(processingReport, data, 'downloadFeedResult');
  const rejected = new Map<string, string>();
  const general: string[] = [];
  for (const issue of report.issues) {
    if (issue.severity !== 'ERROR') continue;
    const sku = issue.messageId !== undefined ? changes[issue.messageId - 1]?.sku : issue.sku;
    const message = [issue.code, issue.message].filter(Boolean).join(': ');
    if (sku) rejected.set(sku, rejected.has(sku) ? `${rejected.get(sku)}; ${message}` : message);
    else general.push(message);
  }
  const shown = new Map<string, number>();
  for (const raw of report.items ?? []) {
    const checked = reportItem.safeParse(raw);
    if (!checked.success) throw parseAnswerError(reportItems, data);
    const item = checked.data;
    const merchant = item.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT')?.quantity;
    if (merchant !== undefined) shown.set(item.sku, merchant);
  }
  return { rejected, general, shown, summary: report.summary };
}

/** The error parseAnswer gives for `data` against `schema`, which it does not match. */
function parseAnswerError(schema: z.ZodType, data: unknown): unknown {
  try {
    parseAnswer(schema, data, 'downloadFeedResult');
  } catch (err) {
    return err;
  }
  return new Error('downloadFeedResult: an item of the processing report did not match, yet the report did');
}

/**
 * What the processing report of a feed Amazon applied none of says, in one line: its errors, or
 * that there is none to read. Only words for a person: nothing is concluded from it, so a report
 * we cannot read is said, not an error.
 */
export function feedWideMessage(text: string | undefined): string {
  if (text === undefined) return 'Amazon gave no processing report';
  try {
    const report = readProcessingReport(text, []);
    return [...report.general, ...report.rejected.values()].join('; ') || 'its processing report names no error';
  } catch (err) {
    if (err instanceof RemoteError) return 'its processing report could not be read';
    throw err;
  }
}

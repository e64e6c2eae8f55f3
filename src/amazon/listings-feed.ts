import { z } from 'zod';
import { availabilityPatch } from './listings-api';

/** Amazon's ceiling per JSON_LISTINGS_FEED document. */
export const MAX_FEED_MESSAGES = 25_000;
export const JSON_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

export interface QuantityChange {
  sku: string;
  productType: string;
  quantity: number;
}

/** A JSON_LISTINGS_FEED of PATCH messages; messageId n is changes[n − 1]. */
export function buildQuantityFeed(sellerId: string, changes: readonly QuantityChange[]): string {
  return JSON.stringify({
    header: { sellerId, version: '2.0', issueLocale: 'en_US' },
    messages: changes.map((c, i) => ({ messageId: i + 1, sku: c.sku, operationType: 'PATCH', productType: c.productType, patches: [availabilityPatch(c.quantity)] })),
  });
}

const processingReport = z.object({
  issues: z
    .array(z.object({ messageId: z.number().int().optional(), sku: z.string().optional(), code: z.string().optional(), severity: z.string(), message: z.string().optional() }))
    .default([]),
  summary: z.object({ messagesProcessed: z.number().optional(), messagesAccepted: z.number().optional(), messagesInvalid: z.number().optional() }).optional(),
});

export interface FeedOutcome {
  /** SKU → Amazon's message, for every message with an ERROR. */
  rejected: Map<string, string>;
  /** Issues not tied to a message (header errors): the whole feed's outcome is unknown. */
  general: string[];
  summary: unknown;
}

/** Reads a processing report; messages without an ERROR issue were accepted. */
export function readProcessingReport(text: string, changes: ReadonlyArray<{ sku: string } | undefined>): FeedOutcome {
  const report = processingReport.parse(JSON.parse(text));
  const rejected = new Map<string, string>();
  const general: string[] = [];
  for (const issue of report.issues) {
    if (issue.severity !== 'ERROR') continue;
    const sku = issue.messageId !== undefined ? changes[issue.messageId - 1]?.sku : issue.sku;
    const message = [issue.code, issue.message].filter(Boolean).join(': ');
    if (sku) rejected.set(sku, rejected.has(sku) ? `${rejected.get(sku)}; ${message}` : message);
    else general.push(message);
  }
  return { rejected, general, summary: report.summary };
}

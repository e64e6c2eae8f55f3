import type { FeedProcessor, FeedResult, FeedRun } from './feed-types';
import { leftUnapplied } from './feed-quirks';
import { applyPatch, evaluatePatch, hasErrors, type ListingProblem } from './listing-patches';
import type { ListingsIncludedData, ListingsItem, PatchOperation } from './listing-types';
import { renderListing } from './listing-view';
import { validateListingsFeed, type FeedMessage, type ListingsFeedDocument, type SchemaProblem } from './listings-feed-schema';
import { isObject } from './patch-shape';

/** An issue of the listings feed processing report (listings-feed-processing-report-schema-v2). */
export interface FeedIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

export interface ProcessingReport {
  header: { sellerId: string; version: '2.0'; feedId: string; report?: { includedData: string[]; apiVersion: string } };
  issues: FeedIssue[];
  summary: {
    errors: number;
    warnings: number;
    messagesProcessed: number;
    messagesAccepted: number;
    messagesInvalid: number;
    /** "When requested": only with header.report (listings-feed-processing-report-schema-v2.json). */
    itemSummary?: { items: number; errors: number; warnings: number };
  };
  items?: ListingsItem[];
}

function result(report: ProcessingReport): FeedResult {
  return { text: JSON.stringify(report), contentType: 'application/json;charset=UTF-8', view: report };
}

function fatalReport(run: FeedRun, issues: FeedIssue[]): ProcessingReport {
  return {
    header: { sellerId: run.sellerId, version: '2.0', feedId: run.feedId },
    issues,
    summary: { errors: issues.length, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
  };
}

function schemaIssue(p: SchemaProblem): FeedIssue {
  const issue: FeedIssue = {
    code: 'INVALID_DOCUMENT',
    severity: 'ERROR',
    message: `The feed document does not match the JSON_LISTINGS_FEED schema: ${p.message}`,
  };
  if (p.messageId !== undefined) issue.messageId = p.messageId;
  if (p.sku !== undefined) issue.sku = p.sku;
  return issue;
}

/** PARTIAL_UPDATE sets the attributes it names: the same as merging each of them. */
function attributesAsPatches(m: FeedMessage): PatchOperation[] | ListingProblem {
  const patches: PatchOperation[] = [];
  for (const [name, value] of Object.entries(m.attributes ?? {})) {
    if (!Array.isArray(value) || !value.every(isObject)) {
      return { code: 'INVALID_VALUE', message: `Attribute '${name}' must be an array of objects.`, severity: 'ERROR', attributeName: name };
    }
    patches.push({ op: 'merge', path: `/attributes/${name}`, value });
  }
  return patches;
}

/**
 * One message's problems; an accepted change is applied at once, unless it is a quantity Amazon
 * leaves unapplied (feed-quirks.ts): then only the listing's attributes take it, and its SKU is
 * added to `unapplied`.
 */
function processMessage(run: FeedRun, m: FeedMessage, unapplied: Set<string>): ListingProblem[] {
  if (m.operationType === 'UPDATE' || m.operationType === 'DELETE') {
    return [
      {
        code: 'UNSUPPORTED_OPERATION',
        message: `operationType ${m.operationType} is not simulated; use PATCH or PARTIAL_UPDATE.`,
        severity: 'ERROR',
      },
    ];
  }
  const patches = m.operationType === 'PATCH' ? (m.patches as PatchOperation[]) : attributesAsPatches(m);
  if (!Array.isArray(patches)) return [patches];
  const evaluation = evaluatePatch(run.listings, run.sellerId, run.marketplaceIds, {
    sku: m.sku,
    productType: m.productType as string,
    patches,
  });
  if (hasErrors(evaluation)) return evaluation.problems;
  if (evaluation.listing && evaluation.quantity !== undefined && leftUnapplied(run.quirks, m.sku)) {
    run.listings.submitQuantityOnly(evaluation.listing, evaluation.quantity, run.nowMs);
    unapplied.add(m.sku);
  } else applyPatch(run.listings, evaluation, run.nowMs);
  return evaluation.problems;
}

/**
 * The items section asked for by header.report: each SKU of the feed as the Listings API renders
 * it, with an item summary. With the `submitted` quirk a SKU left unapplied shows what was sent.
 */
function reportItems(
  run: FeedRun,
  feed: ListingsFeedDocument,
  unapplied: ReadonlySet<string>,
): Pick<ProcessingReport, 'items'> & { itemSummary: NonNullable<ProcessingReport['summary']['itemSummary']> } {
  const data = new Set(feed.header.report?.includedData as ListingsIncludedData[]);
  const showSubmitted = run.quirks.unapplied?.report === 'submitted';
  const items = [...new Set(feed.messages.map((m) => m.sku))].flatMap((sku) => {
    const l = run.listings.get(run.sellerId, sku);
    if (!l || !run.marketplaceIds.includes(l.marketplaceId)) return [];
    const item = renderListing(run.listings, l, data);
    if (showSubmitted && unapplied.has(sku) && l.submittedQuantity !== undefined && item.fulfillmentAvailability) {
      item.fulfillmentAvailability = item.fulfillmentAvailability.map((f) =>
        f.fulfillmentChannelCode === 'DEFAULT' ? { ...f, quantity: l.submittedQuantity } : f,
      );
    }
    return [item];
  });
  const count = (severity: string): number => items.reduce((n, i) => n + (i.issues ?? []).filter((x) => x.severity === severity).length, 0);
  return { items, itemSummary: { items: items.length, errors: count('ERROR'), warnings: count('WARNING') } };
}

function process(run: FeedRun, content: Buffer): { status: 'DONE' | 'FATAL'; result: FeedResult } {
  let doc: unknown;
  try {
    doc = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    const issue: FeedIssue = {
      code: 'INVALID_JSON',
      severity: 'ERROR',
      message: `The feed document is not valid JSON: ${(err as Error).message}`,
    };
    return { status: 'FATAL', result: result(fatalReport(run, [issue])) };
  }
  const problems = validateListingsFeed(doc, run.sellerId);
  if (problems.length > 0) return { status: 'FATAL', result: result(fatalReport(run, problems.map(schemaIssue))) };
  const feed = doc as ListingsFeedDocument;
  const issues: FeedIssue[] = [];
  const unapplied = new Set<string>();
  let invalid = 0;
  for (const m of feed.messages) {
    const found = processMessage(run, m, unapplied);
    if (found.some((p) => p.severity === 'ERROR')) invalid++;
    for (const p of found) {
      const issue: FeedIssue = { messageId: m.messageId, sku: m.sku, code: p.code, severity: p.severity, message: p.message };
      if (p.attributeName) issue.attributeName = p.attributeName;
      issues.push(issue);
    }
  }
  const report: ProcessingReport = {
    header: { sellerId: run.sellerId, version: '2.0', feedId: run.feedId },
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: feed.messages.length,
      messagesAccepted: feed.messages.length - invalid,
      messagesInvalid: invalid,
    },
  };
  // Without header.report the report says only which messages were accepted, not what they did
  // (amzn/selling-partner-api-models#4801); with it, items and their summary come too.
  const asked = feed.header.report;
  if (asked) {
    report.header.report = { includedData: [...asked.includedData], apiVersion: asked.apiVersion };
    const { items, itemSummary } = reportItems(run, feed, unapplied);
    report.summary.itemSummary = itemSummary;
    report.items = items;
  }
  return { status: 'DONE', result: result(report) };
}

/** JSON_LISTINGS_FEED: schema-checked as a whole, then PATCH / PARTIAL_UPDATE messages one by one. */
export const listingsFeedProcessor: FeedProcessor = {
  process,
  fatal: (run, message) => result(fatalReport(run, [{ code: 'FATAL', severity: 'ERROR', message }])),
};

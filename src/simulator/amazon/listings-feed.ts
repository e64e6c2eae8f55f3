import type { FeedProcessor, FeedResult, FeedRun } from './feed-processors';
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
  summary: { errors: number; warnings: number; messagesProcessed: number; messagesAccepted: number; messagesInvalid: number };
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
  const issue: FeedIssue = { code: 'INVALID_DOCUMENT', severity: 'ERROR', message: `The feed document does not match the JSON_LISTINGS_FEED schema: ${p.message}` };
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

/** One message's problems; an accepted change is applied at once. */
function processMessage(run: FeedRun, m: FeedMessage): ListingProblem[] {
  if (m.operationType === 'UPDATE' || m.operationType === 'DELETE') {
    return [{ code: 'UNSUPPORTED_OPERATION', message: `operationType ${m.operationType} is not simulated; use PATCH or PARTIAL_UPDATE.`, severity: 'ERROR' }];
  }
  const patches = m.operationType === 'PATCH' ? (m.patches as PatchOperation[]) : attributesAsPatches(m);
  if (!Array.isArray(patches)) return [patches];
  const evaluation = evaluatePatch(run.listings, run.sellerId, run.marketplaceIds, { sku: m.sku, productType: m.productType as string, patches });
  if (!hasErrors(evaluation)) applyPatch(run.listings, evaluation, run.nowMs);
  return evaluation.problems;
}

function process(run: FeedRun, content: Buffer): { status: 'DONE' | 'FATAL'; result: FeedResult } {
  let doc: unknown;
  try {
    doc = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    const issue: FeedIssue = { code: 'INVALID_JSON', severity: 'ERROR', message: `The feed document is not valid JSON: ${(err as Error).message}` };
    return { status: 'FATAL', result: result(fatalReport(run, [issue])) };
  }
  const problems = validateListingsFeed(doc, run.sellerId);
  if (problems.length > 0) return { status: 'FATAL', result: result(fatalReport(run, problems.map(schemaIssue))) };
  const feed = doc as ListingsFeedDocument;
  const issues: FeedIssue[] = [];
  let invalid = 0;
  for (const m of feed.messages) {
    const found = processMessage(run, m);
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
  const asked = feed.header.report;
  if (asked) {
    report.header.report = { includedData: [...asked.includedData], apiVersion: asked.apiVersion };
    const data = new Set(asked.includedData as ListingsIncludedData[]);
    const skus = [...new Set(feed.messages.map((m) => m.sku))];
    report.items = skus.flatMap((sku) => {
      const l = run.listings.get(run.sellerId, sku);
      return l && run.marketplaceIds.includes(l.marketplaceId) ? [renderListing(run.listings, l, data)] : [];
    });
  }
  return { status: 'DONE', result: result(report) };
}

/** JSON_LISTINGS_FEED: schema-checked as a whole, then PATCH / PARTIAL_UPDATE messages one by one. */
export const listingsFeedProcessor: FeedProcessor = {
  process,
  fatal: (run, message) => result(fatalReport(run, [{ code: 'FATAL', severity: 'ERROR', message }])),
};

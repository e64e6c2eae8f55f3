import { searchListings } from '../../amazon/listings-api';
import { readListingsReport, type ReportRow } from '../../amazon/listings-report';
import type { ListingsItem } from '../../amazon/listings-types';
import { fetchReportDocument } from '../../amazon/reports-api';
import { together } from '../../sync/concurrency';
import type { RunContext } from '../../sync/context';
import type { ItemResult, Window } from '../../sync/types';
import { fromReportOnly, toPulledListing, type PulledListing } from './listing';

/** SKUs looked up by one searchListingsItems call. */
const SKU_BATCH = 20;

/**
 * The listings of one window. A first run reads every listing: the report (for quantities) and
 * the listing pages (for types and variations) are fetched side by side, since the report is
 * minutes of Amazon's processing and the pages draw on another bucket. A first run is one slice
 * (the whole catalogue has no time to cut it by): at the deadline it stops between pages and
 * sets no checkpoint, so the next run is a first run again, a quicker one, as the items it
 * created exist and the quantities it imported are stock now.
 */
export async function* readListings(ctx: RunContext, window: Window): AsyncGenerator<PulledListing[]> {
  const base = { sellerId: ctx.seller.sellerId, marketplaceId: ctx.marketplaceId };
  if (!window.initial) {
    for await (const page of searchListings(ctx.sp, { ...base, createdAfter: window.from, createdBefore: window.to }))
      yield page.map((item) => toPulledListing(item, ctx.marketplaceId, undefined));
    return;
  }
  let report = new Map<string, ReportRow>();
  const pages: ListingsItem[][] = [];
  await together([
    async () => {
      report = await readReport(ctx);
    },
    async (failed) => {
      for await (const page of searchListings(ctx.sp, base)) {
        pages.push(page);
        if (failed()) return;
      }
    },
  ]);
  for (const page of pages) {
    yield page.map((item) => {
      const row = report.get(item.sku);
      report.delete(item.sku);
      return toPulledListing(item, ctx.marketplaceId, row);
    });
  }
  const leftovers = [...report.values()].map(fromReportOnly);
  for (let i = 0; i < leftovers.length; i += 100) yield leftovers.slice(i, i + 100);
}

async function readReport(ctx: RunContext): Promise<Map<string, ReportRow>> {
  const doc = await fetchReportDocument(ctx.sp, ctx, {
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceId: ctx.marketplaceId,
    onWait: (status, waitedMs) => {
      ctx.log.debug('waiting for the listings report', { status, waitedMs });
      ctx.log.progress(`waiting for Amazon's listings report: ${status}, ${Math.round(waitedMs / 1000)} s`);
    },
  });
  // Read as it downloads: the rows are kept, the report's text and other columns are not.
  const report = await readListingsReport(ctx.documents, doc, [], {
    start: () => new Map<string, ReportRow>(),
    add: (into, row) => void into.set(row.sku, row),
  });
  ctx.log.info('listings report read', { marketplace: ctx.marketplaceId, rows: report.size });
  return report;
}

/** Listings waiting in the retry queue, looked up by SKU; a SKU Amazon no longer lists is reported. */
export async function* refetchListings(
  ctx: RunContext,
  keys: readonly string[],
): AsyncGenerator<{ items: PulledListing[]; missing: ItemResult[] }> {
  for (let i = 0; i < keys.length; i += SKU_BATCH) {
    const batch = keys.slice(i, i + SKU_BATCH);
    const items: PulledListing[] = [];
    for await (const page of searchListings(ctx.sp, { sellerId: ctx.seller.sellerId, marketplaceId: ctx.marketplaceId, skus: batch })) {
      items.push(...page.map((it) => toPulledListing(it, ctx.marketplaceId, undefined)));
    }
    const found = new Set(items.map((x) => x.sku));
    yield {
      items,
      missing: batch
        .filter((k) => !found.has(k))
        .map((key) => ({ key, ok: false as const, reason: 'Amazon no longer lists this SKU', retriable: false })),
    };
  }
}

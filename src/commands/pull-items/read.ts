import { searchListings } from '../../amazon/listings-api';
import { readListingsReport, type ReportRow } from '../../amazon/listings-report';
import { fetchReportDocument } from '../../amazon/reports-api';
import type { RunContext } from '../../sync/context';
import type { ItemResult, Window } from '../../sync/types';
import { fromListingsItem, fromReportOnly, toPulledListing, withReportRow, type ApiListing, type PulledListing } from './listing';
import { ReadAhead } from './read-ahead';

/** SKUs looked up by one searchListingsItems call. */
const SKU_BATCH = 20;

/**
 * Listings a first run hands to the writer at once, at most: whole pages, as many as were read
 * meanwhile, so that a slow warehouse finds enough families to keep every write slot busy, and few
 * enough that the deadline and the summary are never far behind.
 */
const BATCH = 400;
/** Listings read ahead of the writer once the report is in: reading stays ahead without holding the catalogue. */
const AHEAD = 1_000;

/**
 * The listings of one window. A later run reads the listings created in it, page by page. A first
 * run reads every listing (see readEverything).
 */
export async function* readListings(ctx: RunContext, window: Window): AsyncGenerator<PulledListing[]> {
  const base = { sellerId: ctx.seller.sellerId, marketplaceId: ctx.marketplaceId };
  if (!window.initial) {
    for await (const page of searchListings(ctx.sp, { ...base, createdAfter: window.from, createdBefore: window.to }))
      yield page.map((item) => toPulledListing(item, ctx.marketplaceId, undefined));
    return;
  }
  yield* readEverything(ctx, base);
}

async function* apiListings(ctx: RunContext, base: { sellerId: string; marketplaceId: string }): AsyncGenerator<ApiListing[]> {
  for await (const page of searchListings(ctx.sp, base)) yield page.map((item) => fromListingsItem(item, ctx.marketplaceId));
}

/**
 * A first run: the report (quantities, prices) and the listing pages (types, variations) are read
 * side by side, since the report is minutes of Amazon's processing and the pages draw on another
 * bucket. Listings are written as their pages arrive, once the report is in: an item is created
 * with the report's price and channel, and takes its quantity from it, so writing before the
 * report would create items that lack them (and later runs do not revisit existing items). Pages
 * read while the report is made wait in their small form (a few fields per listing, as the report
 * keeps); after it, reading stays at most AHEAD listings ahead of the writer. The rows left in the
 * report once every page is read are listings the Listings API did not return.
 *
 * A first run is one slice (the whole catalogue has no time to cut it by): at the deadline it
 * stops between batches and sets no checkpoint, so the next run is a first run again, a quicker
 * one, as the items it created exist and the quantities it imported are stock now.
 */
async function* readEverything(ctx: RunContext, base: { sellerId: string; marketplaceId: string }): AsyncGenerator<PulledListing[]> {
  let report: Map<string, ReportRow> | undefined;
  const ahead = new ReadAhead(apiListings(ctx, base), () => (report ? AHEAD : Infinity));
  const reading = readReport(ctx).then((r) => {
    report = r;
    ahead.nudge();
    return r;
  });
  // A failure is thrown where the report is awaited; until then it must not count as unhandled.
  reading.catch(() => undefined);
  try {
    const rows = await reading;
    for (let batch = await ahead.take(BATCH); batch; batch = await ahead.take(BATCH)) {
      yield batch.map((l) => {
        const row = rows.get(l.sku);
        rows.delete(l.sku);
        return withReportRow(l, row);
      });
    }
    const leftovers = [...rows.values()].map(fromReportOnly);
    for (let i = 0; i < leftovers.length; i += 100) yield leftovers.slice(i, i + 100);
  } finally {
    await ahead.close();
    await reading.catch(() => undefined);
  }
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

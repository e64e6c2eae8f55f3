import type { QuantityChange } from '../../amazon/listings-feed';
import { parseListingsReport, type ReportRow } from '../../amazon/listings-report';
import { requestReport } from '../../amazon/reports-api';
import { RemoteError } from '../../errors';
import type { ItemResult } from '../../sync/types';
import type { RunContext } from '../../sync/context';
import { NAMED_SKUS, repush, type Pushed } from './transport';

const SOURCE = "Amazon's listings report after the --full push";

/**
 * After a --full push: what Amazon offers, read from one GET_MERCHANT_LISTINGS_ALL_DATA report,
 * compared per SKU with what this run pushed. Amazon has ended listings feeds DONE, without an
 * error, while 100–200 of several thousand quantities stayed as they were
 * (amzn/selling-partner-api-models#5327); such a SKU may still be sold though we zeroed it. A SKU
 * that differs is sent again by patch, in place of its earlier result. When the report cannot be
 * read (Amazon cancels a report asked for too often and gives no reason, reference/spapi-2026-12.md
 * §3.5) the check is skipped with a warning: the push itself stands, and the next --full run checks.
 */
export async function verifyAfterFull(
  ctx: RunContext,
  results: readonly ItemResult[],
  changes: readonly QuantityChange[],
): Promise<Pushed> {
  const change = new Map(changes.map((c) => [c.sku, c]));
  const sent = results
    .flatMap((r) => (r.ok && (r.action === 'pushed' || r.action === 'repushed') ? [change.get(r.key)] : []))
    .filter((c): c is QuantityChange => c !== undefined);
  if (sent.length === 0) return { results: [...results], left: 0 };
  const skipped = (why: string): Pushed => {
    ctx.log.warn('quantities not checked against the listings report', { marketplace: ctx.marketplaceId, why });
    const warning = `the quantities sent were not checked against Amazon's listings report: ${why}; the next --full run checks them`;
    return { results: [...results, { key: ctx.marketplaceId, ok: true, action: 'check-skipped', warning }], left: 0 };
  };
  if (ctx.pastDeadline()) return skipped('the run reached its deadline');
  const read = await reportQuantities(ctx);
  if ('why' in read) return skipped(read.why);
  const { rows } = read;
  const differing: (QuantityChange & { shown: number })[] = [];
  const unchecked = new Set<string>();
  for (const c of sent) {
    const shown = rows.get(c.sku)?.quantity;
    if (shown === undefined) unchecked.add(c.sku);
    else if (shown !== c.quantity) differing.push({ ...c, shown });
  }
  ctx.log.info("quantities checked against Amazon's listings report", {
    marketplace: ctx.marketplaceId,
    checked: sent.length,
    differing: differing.length,
    unchecked: unchecked.size,
  });
  // What Amazon offers stands in for the last pushed quantity before anything is sent again.
  ctx.state.listings.recordPushed(
    ctx.seller.name,
    ctx.marketplaceId,
    differing.map((d) => ({ sku: d.sku, quantity: d.shown })),
    ctx.iso(),
  );
  const again = await repush(ctx, differing, SOURCE);
  const replaced = new Set(differing.map((d) => d.sku));
  let named = 0;
  const kept = results.flatMap((r): ItemResult[] => {
    if (!r.ok) return [r];
    if (replaced.has(r.key)) return [];
    if (!unchecked.has(r.key)) return [r];
    named++;
    if (named > NAMED_SKUS + 1) return [r];
    const warning =
      named <= NAMED_SKUS
        ? "not in Amazon's listings report with a quantity: not checked"
        : `one of ${unchecked.size - NAMED_SKUS} more SKU(s) not in Amazon's listings report with a quantity, not named one by one: not checked`;
    return [{ ...r, warning }];
  });
  return { results: [...kept, ...again.results], left: again.left };
}

/** The quantities of Amazon's listings report by SKU, or why they cannot be had. */
async function reportQuantities(ctx: RunContext): Promise<{ rows: Map<string, ReportRow> } | { why: string }> {
  try {
    const report = await requestReport(ctx.sp, ctx.documents, ctx, {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceId: ctx.marketplaceId,
      onWait: (status, waitedMs) =>
        ctx.log.progress(`checking the quantities: waiting for Amazon's listings report: ${status}, ${Math.round(waitedMs / 1000)} s`),
    });
    if (report.status !== 'DONE')
      return {
        why: `report ${report.reportId} ended ${report.status}${report.status === 'CANCELLED' ? ' (Amazon cancels a report asked for too often, and says no more)' : ''}`,
      };
    return { rows: parseListingsReport(report.text, ['quantity']) };
  } catch (err) {
    // The push is done and recorded; a report that cannot be had is no reason to fail it.
    if (err instanceof RemoteError) return { why: err.message };
    throw err;
  }
}

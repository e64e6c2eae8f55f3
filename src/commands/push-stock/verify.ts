import type { QuantityChange } from '../../amazon/listings-feed';
import { readListingsReport } from '../../amazon/listings-report';
import { locateReport } from '../../amazon/reports-api';
import { RemoteError } from '../../errors';
import type { ItemResult } from '../../sync/types';
import type { RunContext } from '../../sync/context';
import { SkuIndex } from './sku-index';
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
  // Every change has its result here (the deadline left none out); only those not pushed are listed apart.
  const notSent = new Set(results.flatMap((r) => (r.ok && (r.action === 'pushed' || r.action === 'repushed') ? [] : [r.key])));
  const sent = changes.reduce((n, c) => (notSent.has(c.sku) ? n : n + 1), 0);
  if (sent === 0) return { results: [...results], left: 0 };
  const skipped = (why: string): Pushed => {
    ctx.log.warn('quantities not checked against the listings report', { marketplace: ctx.marketplaceId, why });
    const warning = `the quantities sent were not checked against Amazon's listings report: ${why}; the next --full run checks them`;
    return { results: [...results, { key: ctx.marketplaceId, ok: true, action: 'check-skipped', warning }], left: 0 };
  };
  if (ctx.pastDeadline()) return skipped('the run reached its deadline');
  // What Amazon shows of changes[i], NaN when the report does not say: no map keyed by every SKU.
  const index = new SkuIndex(changes);
  let shown: Float64Array;
  try {
    const report = await locateReport(ctx.sp, ctx, {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceId: ctx.marketplaceId,
      onWait: (status, waitedMs) =>
        ctx.log.progress(`checking the quantities: waiting for Amazon's listings report: ${status}, ${Math.round(waitedMs / 1000)} s`),
    });
    if (report.status !== 'DONE')
      return skipped(
        `report ${report.reportId} ended ${report.status}${report.status === 'CANCELLED' ? ' (Amazon cancels a report asked for too often, and says no more)' : ''}`,
      );
    // Read as it downloads, keeping only the quantity of each SKU this run sent.
    shown = await readListingsReport(ctx.documents, report.document, ['quantity'], {
      start: () => new Float64Array(changes.length).fill(NaN),
      add: (into, row) => {
        if (row.quantity === undefined) return;
        const at = index.find(row.sku);
        if (at >= 0) into[at] = row.quantity;
      },
    });
  } catch (err) {
    // The push is done and recorded; a report that cannot be had is no reason to fail it.
    if (err instanceof RemoteError) return skipped(err.message);
    throw err;
  }
  const differing: (QuantityChange & { shown: number })[] = [];
  const unchecked = new Set<string>();
  for (const [i, c] of changes.entries()) {
    if (notSent.has(c.sku)) continue;
    const offered = shown[i] ?? NaN;
    if (Number.isNaN(offered)) unchecked.add(c.sku);
    else if (offered !== c.quantity) differing.push({ ...c, shown: offered });
  }
  ctx.log.info("quantities checked against Amazon's listings report", {
    marketplace: ctx.marketplaceId,
    checked: sent,
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

import type { QuantityChange } from '../../amazon/listings-feed';
import { readListingsReport } from '../../amazon/listings-report';
import { locateReport } from '../../amazon/reports-api';
import { RemoteError } from '../../errors';
import type { ItemResult } from '../../sync/types';
import type { RunContext } from '../../sync/context';
import type { ChangeList } from './changes';
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
export async function verifyAfterFull(ctx: RunContext, written: Pick<Pushed, 'results' | 'counted'>, changes: ChangeList): Promise<Pushed> {
  const { results } = written;
  const counted = { ...written.counted };
  // Every change has its result here, listed or counted as pushed (the deadline left none out); only those not pushed are listed apart.
  const notSent = new Set(results.flatMap((r) => (r.ok && (r.action === 'pushed' || r.action === 'repushed') ? [] : [r.key])));
  let sent = 0;
  for (let i = 0; i < changes.length; i++) if (!notSent.has(changes.sku(i))) sent++;
  if (sent === 0) return { results: [...results], counted, left: 0 };
  const skipped = (why: string): Pushed => {
    ctx.log.warn('quantities not checked against the listings report', { marketplace: ctx.marketplaceId, why });
    const warning = `the quantities sent were not checked against Amazon's listings report: ${why}; the next --full run checks them`;
    return { results: [...results, { key: ctx.marketplaceId, ok: true, action: 'check-skipped', warning }], counted, left: 0 };
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
  // Counted, and the first of them kept to be named: a report without quantities would otherwise list the catalogue.
  let unchecked = 0;
  const toName: QuantityChange[] = [];
  for (let i = 0; i < changes.length; i++) {
    if (notSent.has(changes.sku(i))) continue;
    const offered = shown[i] ?? NaN;
    if (Number.isNaN(offered)) {
      if (++unchecked <= NAMED_SKUS + 1) toName.push(changes.at(i));
    } else if (offered !== changes.quantity(i)) {
      const { sku, productType, quantity } = changes.at(i);
      differing.push({ sku, productType, quantity, shown: offered });
    }
  }
  ctx.log.info("quantities checked against Amazon's listings report", {
    marketplace: ctx.marketplaceId,
    checked: sent,
    differing: differing.length,
    unchecked,
  });
  // What Amazon offers stands in for the last pushed quantity before anything is sent again.
  ctx.state.listings.recordPushed(
    ctx.seller.name,
    ctx.marketplaceId,
    differing.map((d) => ({ sku: d.sku, quantity: d.shown })),
    ctx.iso(),
  );
  const again = await repush(ctx, differing, SOURCE);
  // A SKU with a result of its own has it replaced or marked; one only counted as pushed leaves the count for its new result.
  const listed = new Set(results.flatMap((r) => (r.ok ? [r.key] : [])));
  const uncount = (sku: string): boolean => {
    if (listed.has(sku)) return false;
    counted.pushed = (counted.pushed ?? 0) - 1;
    return true;
  };
  const replaced = new Set(differing.map((d) => d.sku));
  for (const sku of replaced) uncount(sku);
  const warnings = new Map(
    toName.map((c, n) => [
      c.sku,
      n < NAMED_SKUS
        ? "not in Amazon's listings report with a quantity: not checked"
        : `one of ${unchecked - NAMED_SKUS} more SKU(s) not in Amazon's listings report with a quantity, not named one by one: not checked`,
    ]),
  );
  const kept = results.flatMap((r): ItemResult[] => {
    if (!r.ok) return [r];
    if (replaced.has(r.key)) return [];
    const warning = warnings.get(r.key);
    return [warning ? { ...r, warning } : r];
  });
  const named = toName.flatMap((c): ItemResult[] =>
    uncount(c.sku) ? [{ key: c.sku, ok: true, action: 'pushed', detail: String(c.quantity), warning: warnings.get(c.sku) ?? '' }] : [],
  );
  return { results: [...kept, ...named, ...again.results], counted, left: again.left };
}

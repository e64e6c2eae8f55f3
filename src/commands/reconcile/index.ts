import type { SellerConfig } from '../../config/schema';
import { configPathOf, type Deps } from '../../deps';
import { EXIT } from '../../errors';
import { safeJson } from '../../output/safe-text';
import { sellerContext, type SellerContext } from '../../sync/context';
import { withSession, type Session } from '../../sync/session';
import { withRun } from '../../sync/with-run';
import type { GlobalFlags } from '../options';
import { compareSeller, type Compared } from './compare';
import { sortFindings } from './types';
import { findingId, repairAll, type NotFixed } from './fix';
import { renderReports, reportFinding, type SellerReport } from './render';

export interface ReconcileFlags {
  since?: string;
  fix?: boolean;
  lateWithin?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** What a reconcile reads of orders when not told: the last week. */
export const DEFAULT_WINDOW_DAYS = 7;

/** A repair can lead to the next step of the same order (pull-orders takes a line off, push-status then tells Amazon): a few rounds. */
const FIX_ROUNDS = 3;

/**
 * A comparison after repairs that the deadline cut short: what it did not compare again is taken
 * from the one before (a finding there is not proven fixed), and only what neither compared is left out.
 */
function carryOver(before: Compared, after: Compared): Compared {
  const kept = before.findings.filter((f) => f.part && before.complete.has(f.part) && !after.complete.has(f.part));
  if (kept.length === 0 && before.complete.size <= after.complete.size) return after;
  const complete = new Set([...after.complete, ...before.complete]);
  const notCompared = after.notCompared.filter((n) => !complete.has(n.slice(0, n.indexOf(':'))));
  return { ...after, findings: sortFindings([...after.findings, ...kept]), complete, notCompared };
}

/** Compares, and with --fix repairs and compares again until nothing new can be repaired: what is left is the report. */
async function reconcileSeller(ctx: SellerContext, flags: ReconcileFlags, fix: boolean, report: SellerReport): Promise<void> {
  const since = flags.since ?? new Date(ctx.now - DEFAULT_WINDOW_DAYS * DAY).toISOString();
  const lateWithinMs = (flags.lateWithin ?? ctx.seller.reconcile.lateWithinHours) * HOUR;
  let found = await compareSeller(ctx, since, lateWithinMs);
  const first = new Set(found.findings.map(findingId));
  const notFixed: NotFixed = new Map();
  const tried = new Set<string>();
  const recheck = new Set<string>();
  for (let round = 0; fix && round < FIX_ROUNDS && !ctx.pastDeadline(); round++) {
    const todo = found.findings.filter((f) => f.repair && !tried.has(findingId(f)));
    if (todo.length === 0) break;
    for (const f of todo) {
      tried.add(findingId(f));
      if (f.repair && f.repair.via !== 'push-stock') recheck.add(f.key);
    }
    for (const [id, reason] of await repairAll(ctx, todo)) notFixed.set(id, reason);
    found = carryOver(found, await compareSeller(ctx, since, lateWithinMs, recheck));
  }
  const left = new Set(found.findings.map(findingId));
  report.fixed = [...first].filter((id) => !left.has(id)).length;
  report.orders = found.orders;
  report.listings = found.listings;
  report.notCompared = found.notCompared;
  report.findings = found.findings.map((f) => reportFinding(f, notFixed.get(findingId(f)) ?? (fix ? f.manual : undefined)));
}

async function runSeller(session: Session, seller: SellerConfig, flags: ReconcileFlags, fix: boolean): Promise<SellerReport> {
  const report: SellerReport = { seller: seller.name, findings: [], fixed: 0, orders: 0, listings: 0, notCompared: [] };
  const deadline = session.deadlineFor(seller);
  const env = {
    state: session.state,
    logger: session.deps.logger,
    clock: session.deps.clock,
    stats: session.stats,
    ...(deadline === undefined ? {} : { deadline }),
  };
  const summary = await withRun(env, 'reconcile', seller, session.dryRun, async (run) => {
    await reconcileSeller(sellerContext(session, seller, run), flags, fix, report);
    for (const f of report.findings) run.summary.totals[f.kind] = (run.summary.totals[f.kind] ?? 0) + 1;
    if (report.fixed) run.summary.totals.fixed = report.fixed;
    run.summary.note = `${report.findings.length} finding(s)${report.notCompared.length ? `; ${report.notCompared.join('; ')}` : ''}`;
  });
  if (summary.outcome === 'failed' || summary.outcome === 'locked') report.error = summary.error ?? summary.outcome;
  return summary.outcome === 'locked' ? { ...report, error: `locked: ${report.error ?? ''}` } : report;
}

/**
 * `reconcile`: reads both systems and reports where they disagree; with --fix, repairs what the
 * directions' own write paths can repair, then reports what is left. Exit 0 when they agree, 1
 * when findings remain or the deadline left a part not compared, 3 when a system could not be read,
 * 75 when another reconcile holds the lock.
 */
export async function reconcile(deps: Deps, global: GlobalFlags, flags: ReconcileFlags): Promise<number> {
  const fix = flags.fix === true && !global.dryRun;
  const options = {
    config: configPathOf(deps, global),
    ...(global.seller ? { seller: global.seller } : {}),
    ...(global.shard ? { shard: global.shard } : {}),
    dryRun: global.dryRun,
    ...(global.maxMinutes === undefined ? {} : { maxMinutes: global.maxMinutes }),
  };
  const reports = await withSession(deps, options, async (session) => {
    const out: SellerReport[] = [];
    for (const seller of session.sellers) out.push(await runSeller(session, seller, flags, fix));
    return out;
  });
  if (global.json) {
    const sellers = reports.map(({ seller, findings, fixed, orders, listings, notCompared, error }) => ({
      seller,
      findings,
      fixed,
      orders,
      listings,
      ...(notCompared.length ? { incomplete: true, notCompared } : {}),
      ...(error ? { error } : {}),
    }));
    deps.out(safeJson(JSON.stringify({ sellers })) + '\n');
  } else if (!global.quiet || reports.some((r) => r.error || r.findings.length || r.notCompared.length)) deps.out(renderReports(reports));
  if (reports.some((r) => r.error && !r.error.startsWith('locked'))) return EXIT.remote;
  // A comparison the deadline cut short proves no agreement: it is not 0, and not 3 (every answer read was sound).
  if (reports.some((r) => r.findings.length || r.notCompared.length)) return EXIT.itemsFailed;
  if (reports.some((r) => r.error)) return EXIT.locked;
  return EXIT.ok;
}

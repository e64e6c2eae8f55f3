import type { SyncFlags } from '../commands/options';
import type { SellerConfig } from '../config/schema';
import { sellerContext } from './context';
import type { DirectionFactory } from './direction';
import type { Session } from './session';
import type { RunSummary } from './types';
import { runWholeSet } from './whole-set';
import { runWindow } from './window-run';
import { withRun } from './with-run';
import { newSummary } from './summary';
import { iso } from '../time';
import type { UnusableSeller } from '../config/seller-apart';

/**
 * One run of a direction for one seller: the lock and run record (withRun), the direction built
 * for the seller, then its marketplaces as the direction reads them. A windowed direction's
 * marketplaces go one after another, each with its own window and checkpoint; a whole-set
 * direction's go side by side.
 */
export async function runSeller(
  session: Session,
  name: string,
  build: DirectionFactory,
  flags: SyncFlags,
  seller: SellerConfig,
): Promise<RunSummary> {
  const deadline = session.deadlineFor(seller);
  const env = {
    state: session.state,
    logger: session.deps.logger,
    clock: session.deps.clock,
    stats: session.stats,
    stop: session.stop,
    ...(deadline === undefined ? {} : { deadline }),
  };
  return withRun(env, name, seller, session.dryRun, async (run) => {
    const ctx = sellerContext(session, seller, run);
    const direction = build(ctx, flags);
    const note = direction.skip?.(seller);
    if (note) {
      run.summary.note = note;
      run.log.info(note);
      return;
    }
    await direction.prepare?.(ctx);
    if (direction.kind === 'whole-set') return runWholeSet(ctx, run, direction);
    for (const marketplaceId of seller.marketplaceIds) await runWindow(ctx, run, direction, marketplaceId, flags.since);
  });
}

/** A seller whose own config or secrets are unusable: it fails alone, its summary line saying why. */
function unusableSummary(session: Session, name: string, u: UnusableSeller): RunSummary {
  const summary = newSummary(name, u.seller, session.dryRun, iso(session.deps.clock()));
  return { ...summary, outcome: 'failed', failedWith: 'config', error: u.problems.join('; ') };
}

/** Every seller of the session in turn: each gets what is left of the command's time, shared with those after it. */
export async function runSellers(session: Session, name: string, build: DirectionFactory, flags: SyncFlags): Promise<RunSummary[]> {
  const summaries: RunSummary[] = session.loaded.unusable.map((u) => unusableSummary(session, name, u));
  for (const seller of session.sellers) {
    // After SIGINT or SIGTERM no seller starts: the next run does them.
    if (session.stop.aborted) break;
    summaries.push(await runSeller(session, name, build, flags, seller));
  }
  return summaries;
}

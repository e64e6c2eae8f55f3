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
import { logScope } from '../output/log';
import { newStats, runStats, type HttpStats } from '../http/types';
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
  // This run's own counters (sellers side by side share clients); the remote clock is the session's.
  const stats: HttpStats = { ...newStats(), ...(session.stats.remoteClock ? { remoteClock: session.stats.remoteClock } : {}) };
  const env = {
    state: session.state,
    logger: session.deps.logger,
    clock: session.deps.clock,
    stats,
    stop: session.stop,
    keepRunsDays: session.loaded.config.keepRunsDays,
    ...(deadline === undefined ? {} : { deadline }),
    ...(session.lockOverdueMs === undefined ? {} : { lockOverdueMs: session.lockOverdueMs }),
  };
  return runStats.run(stats, () =>
    withRun(env, name, seller, session.dryRun, async (run) => {
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
    }),
  );
}

/** A seller whose own config or secrets are unusable: it fails alone, its summary line saying why. */
function unusableSummary(session: Session, name: string, u: UnusableSeller): RunSummary {
  const summary = newSummary(name, u.seller, session.dryRun, iso(session.deps.clock()));
  return { ...summary, outcome: 'failed', failedWith: 'config', error: u.problems.join('; ') };
}

/**
 * Every seller of the session, `session.parallel` side by side (each waits on its own Amazon rate
 * limits, so they overlap well; the warehouse is bounded apart, in its client). One seller's
 * failure is its own summary and never stops another; only what ends the whole command (the
 * state file cannot be written) stops new sellers from starting, and is thrown once those running
 * have finished. After SIGINT or SIGTERM no seller starts: the next run does them.
 */
export async function runSellers(session: Session, name: string, build: DirectionFactory, flags: SyncFlags): Promise<RunSummary[]> {
  const { sellers } = session;
  const done = new Array<RunSummary | undefined>(sellers.length);
  let next = 0;
  let fatal: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!fatal && !session.stop.aborted && next < sellers.length) {
      const i = next++;
      const seller = sellers[i] as SellerConfig;
      try {
        // Lines logged by clients the sellers share name the seller they work for.
        done[i] = await logScope.run({ command: name, seller: seller.name }, () => runSeller(session, name, build, flags, seller));
      } catch (error) {
        fatal ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: session.parallel }, worker));
  if (fatal) throw fatal.error;
  const unusable = session.loaded.unusable.map((u) => unusableSummary(session, name, u));
  return [...unusable, ...done.filter((s): s is RunSummary => s !== undefined)];
}

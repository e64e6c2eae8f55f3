import type { SellerContext } from './context';
import { marketplaceContext } from './context';
import type { WindowDirection } from './direction';
import { readListed, settleListed } from './listed-read';
import { newPart } from './part';
import { backfillProgress, liveProgress, planBackfill } from './progress';
import { readSlices } from './sliced-read';
import { planWindow } from './window';
import type { RunHandle } from './run-handle';

/**
 * One marketplace of a windowed direction's run. The window is `[checkpoint − lookback, now −
 * lag]`, or from `since` (a back-fill: see progress.ts); a checkpoint later than that (a clock that ran ahead) is not believed
 * (planWindow). A marketplace reached after the deadline is not started. Then the direction's
 * setup, the retry queue and the window (as its read says), its finish, and for a listed read the
 * checkpoint; a sliced read moved it slice by slice.
 */
export async function runWindow<T>(
  seller: SellerContext,
  run: RunHandle,
  direction: WindowDirection<T>,
  marketplaceId: string,
  since: string | undefined,
): Promise<void> {
  const { state } = seller;
  const key = { seller: seller.seller.name, marketplace: marketplaceId, direction: run.summary.command };
  const { bounds } = direction;
  const lookbackMs = bounds.lookbackMs(seller.seller);
  // --since is a back-fill: it keeps its own cursor and never moves the live checkpoint back.
  const backfill = since === undefined ? undefined : planBackfill(state, run.log, key, since, lookbackMs);
  const plan = planWindow(state, run.log, {
    command: key.direction,
    key,
    now: run.now,
    lagMs: bounds.lagMs,
    lookbackMs,
    initialLookbackMs: bounds.initialLookbackMs(seller.seller),
    since: backfill?.readFrom,
  });
  // No checkpoint and no --since: the direction's first run for this marketplace.
  const window = plan.window && { ...plan.window, initial: !plan.checkpoint && !since };
  const mp = run.marketplace(marketplaceId, window);
  const progress = backfill ? backfillProgress(run, state, key, backfill) : liveProgress(run, state, key, plan.trusted);
  if (run.pastDeadline()) {
    run.stopAtDeadline(
      marketplaceId,
      `not started; ${backfill ? progress.next() : `from ${plan.trusted ?? window?.from ?? 'the initial lookback'}`}`,
    );
    return;
  }
  const ctx = marketplaceContext(seller, marketplaceId);
  await direction.setup?.(ctx, window);
  const waiting = state.retries.list(key).map((r) => r.key);
  const part = newPart(run, direction, ctx, { key, mp, window, trusted: plan.trusted, progress }, waiting);
  const read = direction.read;
  if (read.kind === 'slices') {
    await readSlices(part, read, waiting);
    if (direction.finish) part.record(await direction.finish(ctx));
    return;
  }
  const reached = await readListed(part, read, waiting);
  // What the direction does once its items are looked at (feeds) is part of the work the checkpoint stands for.
  if (direction.finish) part.record(await direction.finish(ctx));
  settleListed(part, read, reached);
}

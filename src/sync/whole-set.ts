import { mapLimit } from './concurrency';
import { marketplaceContext, type RunContext, type SellerContext } from './context';
import type { WholeSetDirection } from './direction';
import type { MarketplaceSummary } from './types';
import type { RunHandle } from './run-handle';

/** Marketplaces side by side: one's feed is processed by the other side while another's changes go out. */
export async function runWholeSet<T>(seller: SellerContext, run: RunHandle, direction: WholeSetDirection<T>): Promise<void> {
  const parts = seller.seller.marketplaceIds.map((id) => ({ ctx: marketplaceContext(seller, id), mp: run.marketplace(id) }));
  await mapLimit(parts, parts.length, ({ ctx, mp }) => reconcileMarketplace(ctx, run, mp, direction));
}

/**
 * One marketplace: the direction compares the whole set, the changes are written, then checked
 * when the deadline left nothing out. What the deadline left is said in the summary; the next run
 * finds it different still and does it then.
 */
async function reconcileMarketplace<T>(
  ctx: RunContext,
  run: RunHandle,
  mp: MarketplaceSummary,
  direction: WholeSetDirection<T>,
): Promise<void> {
  const { read, settled, counted, changes } = await direction.reconcile(ctx);
  mp.read = read;
  run.record(mp, settled, counted);
  if (changes.length === 0) return;
  let written = await direction.write(ctx, changes);
  if (direction.finish && written.left === 0) written = await direction.finish(ctx, changes, written);
  run.record(mp, written.results, written.counted);
  if (written.left) run.stopAtDeadline(ctx.marketplaceId, direction.leftOver(written.left));
}

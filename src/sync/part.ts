import type { CheckpointKey } from '../state/checkpoints';
import { atomically } from '../state/statements';
import type { RunContext } from './context';
import type { WindowDirection } from './direction';
import type { ItemResult, MarketplaceSummary, Window } from './types';
import type { Progress } from './progress';
import type { RunHandle } from './run-handle';

/** One marketplace's part of a windowed run: what the reads work with. */
export interface Part<T> {
  run: RunHandle;
  direction: WindowDirection<T>;
  ctx: RunContext;
  key: CheckpointKey;
  mp: MarketplaceSummary;
  /** The run's window here; undefined when there is nothing to read yet. */
  window: Window | undefined;
  /** The checkpoint when it can be believed (see planWindow). */
  trusted: string | undefined;
  /** Where the reads record how far they got: the live checkpoint, or a back-fill's cursor. */
  progress: Progress;
  /** Keys the retry queue handles this run: the window leaves them alone. */
  handled: ReadonlySet<string>;
  /** Counts results in the summary and keeps the retry queue: a retriable failure waits there, anything else leaves it. */
  record(results: readonly ItemResult[]): void;
}

export function newPart<T>(
  run: RunHandle,
  direction: WindowDirection<T>,
  ctx: RunContext,
  p: Pick<Part<T>, 'key' | 'mp' | 'window' | 'trusted' | 'progress'>,
  waiting: readonly string[],
): Part<T> {
  const { state } = ctx;
  return {
    run,
    direction,
    ctx,
    ...p,
    handled: new Set(waiting),
    record(results) {
      run.record(p.mp, results);
      if (ctx.dryRun) return;
      // A page's results in one commit, not one each.
      atomically(state.db, () => {
        for (const r of results) {
          if (!r.ok && r.retriable && !r.ownQueue) state.retries.fail(p.key, r.key, r.reason, ctx.iso());
          else state.retries.clear(p.key, r.key);
        }
      });
    },
  };
}

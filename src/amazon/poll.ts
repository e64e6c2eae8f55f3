import { RemoteError } from '../errors';

export interface PollDeps {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface PollOptions {
  /** What is being waited for, for the error when it takes too long. */
  what: string;
  firstDelayMs?: number;
  maxDelayMs?: number;
  maxTotalMs?: number;
  onWait?: (status: string, waitedMs: number) => void;
}

const FINISHED = new Set(['DONE', 'FATAL', 'CANCELLED']);

/**
 * Polls a report or feed until Amazon finishes it: quickly at first (small ones finish in
 * seconds), then backing off to a minute between checks.
 */
export async function pollUntilFinished<T extends { processingStatus: string }>(
  fetch: () => Promise<T>,
  deps: PollDeps,
  opts: PollOptions,
): Promise<T> {
  const started = deps.clock();
  let delay = opts.firstDelayMs ?? 1000;
  for (;;) {
    const current = await fetch();
    if (FINISHED.has(current.processingStatus)) return current;
    if (deps.clock() - started + delay > (opts.maxTotalMs ?? 3_600_000)) {
      throw new RemoteError({
        system: 'amazon',
        operation: opts.what,
        kind: 'fatal',
        detail: `still ${current.processingStatus} after ${Math.round((deps.clock() - started) / 1000)} s; try again later`,
      });
    }
    opts.onWait?.(current.processingStatus, deps.clock() - started);
    await deps.sleep(delay);
    delay = Math.min(opts.maxDelayMs ?? 60_000, delay * 2);
  }
}

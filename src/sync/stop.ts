import { StoppedError, type StopSignalName } from '../errors';

/**
 * The stop of a run (SIGINT, SIGTERM) is an AbortSignal whose reason is the signal's name. The
 * runner, the HTTP client and the report and feed polls all read it through these helpers: no new
 * request, page, item or feed starts once it is aborted, and a wait in progress ends at once.
 */
export const NEVER_STOPPED: AbortSignal = new AbortController().signal;

/** The signal that stopped the run, or undefined while it goes on. */
export function stoppedBy(stop: AbortSignal): StopSignalName | undefined {
  if (!stop.aborted) return undefined;
  return stop.reason === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
}

/** Throws StoppedError once the run was asked to stop: before anything new is started. */
export function throwIfStopped(stop: AbortSignal, operation?: string): void {
  const signal = stoppedBy(stop);
  if (signal) throw new StoppedError(signal, operation);
}

/**
 * A sleep that a stop cuts short with StoppedError: a rate-limit wait, a retry's back-off, a
 * report or feed poll. The sleep itself may honour the signal too (the real one clears its timer);
 * a sleep that does not is raced against it.
 */
export function stoppableSleep(sleep: (ms: number) => Promise<void>, stop: AbortSignal): (ms: number) => Promise<void> {
  if (stop === NEVER_STOPPED) return sleep;
  return async (ms) => {
    throwIfStopped(stop);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      onAbort = () => resolve();
      stop.addEventListener('abort', onAbort, { once: true });
    });
    try {
      // The sleep's own abort (the real one rejects when the signal fires) is the stop, told below.
      const slept = (async () => {
        try {
          await sleep(ms);
        } catch (err) {
          if (!stop.aborted) throw err;
        }
      })();
      await Promise.race([slept, aborted]);
    } finally {
      if (onAbort) stop.removeEventListener('abort', onAbort);
    }
    throwIfStopped(stop);
  };
}

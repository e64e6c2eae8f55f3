import { EXIT, type StopSignalName } from './errors';

const SIGNALS: readonly StopSignalName[] = ['SIGINT', 'SIGTERM'];

/**
 * SIGINT (Ctrl-C) and SIGTERM (`kill`, `systemctl stop`, shutdown) stop a sync command cleanly: the
 * first one aborts the returned signal, so the run finishes the request in flight, records itself
 * as `stopped`, releases its lock and prints its summary. A second one ends the process at once
 * with the same code a clean stop would give (130 or 143), as an impatient operator expects; what
 * it leaves behind is what a crash leaves, which the next run copes with.
 */
export function watchStopSignals(say: (line: string) => void, proc: NodeJS.Process = process): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: StopSignalName): void => {
    if (controller.signal.aborted) {
      say(`alloc-amazon: ${signal} again: exiting at once\n`);
      proc.exit(EXIT[signal]);
    }
    say(
      `alloc-amazon: ${signal}: stopping after the request in flight (${signal === 'SIGINT' ? 'Ctrl-C' : 'send it'} again to exit at once)\n`,
    );
    controller.abort(signal);
  };
  for (const s of SIGNALS) proc.on(s, onSignal);
  return controller.signal;
}

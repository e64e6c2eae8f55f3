import v8 from 'node:v8';
import { parseArgv } from './cli';
import { COMMANDS, DIRECTION_NAMES, runDirection } from './commands/registry';
import { realDeps, type Deps, type Io } from './deps';
import { errorMessage, EXIT, LockHeldError, UsageError } from './errors';
import { safeText } from './output/safe-text';
import { CLEAR_LINE } from './output/status-line';
import { localIoError } from './state/io-errors';
import { watchStopSignals } from './stop-signals';
import { stoppedBy } from './sync/stop';

/** What an operator needs to know after exit 74: nothing is lost, and what the next run finds. */
const LOCAL_IO_NEXT =
  'the run stopped there. Make room (or repair the file system) and let the next run go ahead: it continues from the last saved checkpoint, ' +
  'and what this run did on either side is found again, not repeated (if this run could not record its end, status shows it as never finished and its lock is taken over)';

/** The exit code for what stopped a command: the one place an error becomes one. */
function exitCodeFor(err: unknown, deps: Deps): number {
  if (err instanceof UsageError) {
    // A list of problems (a config file's) is one log record each: a record is one line.
    for (const line of errorMessage(err).split('\n')) if (line.trim()) deps.logger.error(line.trimEnd());
    return EXIT.usage;
  }
  if (err instanceof LockHeldError) {
    deps.logger.warn(errorMessage(err));
    return EXIT.locked;
  }
  const local = localIoError(err);
  if (local) {
    deps.logger.error(`${local.message}; ${LOCAL_IO_NEXT}`);
    return EXIT.localIo;
  }
  deps.logger.error('unexpected error', { error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
  return EXIT.remote;
}

/** Runs one command and returns its exit code. The only place outcomes become exit codes. */
export async function main(argv: readonly string[], io: Io, overrides: Partial<Deps> = {}): Promise<number> {
  const parsed = parseArgv(argv, { out: io.out, err: io.err });
  if (parsed.kind === 'exit') return parsed.code;
  // Only a sync command stops cleanly on a signal; `simulate` and the others keep the default (exit at once).
  const stop = parsed.kind === 'sync' && !overrides.stop ? io.watchStop?.() : undefined;
  const deps = realDeps(parsed.global, io, stop ? { ...overrides, stop } : overrides);
  try {
    // The registry is the dispatch table: a command it does not list cannot be parsed.
    if (parsed.kind === 'sync') return afterStop(deps, await runDirection(deps, parsed.command, parsed.global, parsed.options));
    return await COMMANDS[parsed.command].run(deps, parsed.global, parsed.options, DIRECTION_NAMES);
  } catch (err) {
    return afterStop(deps, exitCodeFor(err, deps));
  }
}

/**
 * A run a signal stopped exits 128 + the signal's number, as the shell and service managers expect
 * of a process that honoured it; only a state file that could not be written (74) says more, since
 * it needs a person whatever else happened. The summary lines tell the rest.
 */
function afterStop(deps: Deps, code: number): number {
  const signal = stoppedBy(deps.stop);
  return signal && code !== EXIT.localIo ? EXIT[signal] : code;
}

/**
 * A writer to a stream whose reader may go away (`alloc-amazon status | head`). The reader leaving
 * ends what we print, not the run: a sync goes on to its end and its exit code, as its logs and
 * state say what it did. Any other write error is still thrown.
 */
function pipeWriter(stream: NodeJS.WriteStream): (s: string) => void {
  let gone = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    gone = true;
  });
  return (s) => {
    if (!gone) stream.write(s);
  };
}

/**
 * A run mostly waits on Amazon's rate limits, and under cron or in a container a process is
 * killed at its memory limit rather than slowed: V8 is asked to collect garbage sooner and keep a
 * smaller heap, for up to 30 % more CPU (npm run bench, when last measured both ways: push-stock
 * --full over 300,000 SKUs peaked at 191 MiB instead of 297–383). `node --no-optimize-for-size …/alloc-amazon.js` keeps
 * V8's default.
 */
function favourMemory(): void {
  if (!process.execArgv.some((a) => a.endsWith('optimize-for-size'))) v8.setFlagsFromString('--optimize-for-size');
}

export function runFromProcess(): void {
  favourMemory();
  const err = pipeWriter(process.stderr);
  const io: Io = {
    env: process.env,
    out: pipeWriter(process.stdout),
    err,
    errIsTTY: process.stderr.isTTY,
    // On a terminal the notice replaces the progress line (and the ^C the terminal echoed) rather than trailing it.
    watchStop: () => watchStopSignals((line) => err(process.stderr.isTTY ? `${CLEAR_LINE}${line}` : line)),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`alloc-amazon: ${safeText(errorMessage(err))}\n`);
      process.exitCode = EXIT.remote;
    },
  );
}

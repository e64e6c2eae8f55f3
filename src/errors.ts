/** Exit codes are part of the contract with cron and alerting (DESIGN §4). */
export const EXIT = {
  ok: 0,
  itemsFailed: 1,
  usage: 2,
  remote: 3,
  /** EX_IOERR (sysexits.h): a file the tool writes could not be written. */
  localIo: 74,
  locked: 75,
  /** 128 + the signal's number, as a shell reports a process a signal ended; here the run stopped cleanly first. */
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/** The signals that stop a run cleanly (a second one ends the process at once). */
export type StopSignalName = 'SIGINT' | 'SIGTERM';

/** Bad arguments, bad config, missing secrets, a state file from a newer program: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/** Another run holds the lock for this command and seller: exit 75 (EX_TEMPFAIL), cron tries again later. */
export class LockHeldError extends Error {
  override name = 'LockHeldError' as const;
  constructor(
    message: string,
    /** When the holder took the lock, ISO-8601 (absent for a busy state file). */
    readonly heldSince?: string,
  ) {
    super(message);
  }
}

/**
 * A file the tool writes could not be written: a full disk, a file system gone read-only, an I/O
 * error, a state file moved away mid-run. Exit 74 (EX_IOERR); the message names the file and the
 * cause, and the run stops before it does anything that would need recording.
 */
export class LocalIoError extends Error {
  override name = 'LocalIoError' as const;
  constructor(
    readonly file: string | undefined,
    readonly reason: string,
    what = 'state file',
  ) {
    super(file ? `${what} ${file}: ${reason}` : `${what}: ${reason}`);
  }
}

/**
 * A request was not sent because its rate-limit wait would end after the run's deadline. Not a
 * failure: the run stops there and the next one continues from its checkpoint.
 */
export class DeadlineReachedError extends Error {
  override name = 'DeadlineReachedError';
  constructor(
    readonly operation: string,
    message = `${operation} not sent: its rate-limit wait would end after the deadline`,
  ) {
    super(message);
  }
}

/**
 * SIGINT or SIGTERM asked the run to stop: the request in flight was answered, nothing new is
 * sent, and the run ends like one that reached its deadline (what is durable stays, the
 * checkpoint continues next run). A deadline error, so every place that stops cleanly at the
 * deadline stops cleanly here too.
 */
export class StoppedError extends DeadlineReachedError {
  override name = 'StoppedError';
  constructor(
    readonly signal: StopSignalName,
    operation = 'the next step',
  ) {
    super(operation, `${operation} not started: stopped by ${signal}`);
  }
}

export type RemoteSystem = 'amazon' | 'allocadence' | 'lwa';

/**
 * What the caller should do about a failed call:
 * - `retriable`: throttled, server error or network trouble; retried here, fatal to the run once retries run out.
 * - `fatal`: will not heal by retrying (auth, unreachable host, wrong path); stops the run, exit 3.
 * - `item`: this one request was rejected (validation, not found); the run goes on, the item is reported.
 * - `uncertain`: a write may or may not have taken effect; never resent blindly.
 */
export type ErrorKind = 'retriable' | 'fatal' | 'item' | 'uncertain';

export interface RemoteErrorInit {
  system: RemoteSystem;
  operation: string;
  kind: ErrorKind;
  status?: number;
  code?: string;
  detail?: string;
}

/** Every failed remote call ends up as one of these; its message never carries headers or secrets. */
export class RemoteError extends Error {
  override name = 'RemoteError' as const;
  readonly system: RemoteSystem;
  readonly operation: string;
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly detail: string | undefined;

  constructor(init: RemoteErrorInit) {
    // "no response" only where the network failed; a report that ended FATAL had answers, just bad news.
    const what = init.status !== undefined ? `HTTP ${init.status}` : init.code ? 'no response' : '';
    const why = [init.code, init.detail].filter(Boolean).join(': ');
    super(`${init.system} ${init.operation}: ${[what, why].filter(Boolean).join(' ')}`);
    this.system = init.system;
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
  }
}

/** An error's message; also for errors from another realm (a native module's), which are not `instanceof Error` here. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(err);
}

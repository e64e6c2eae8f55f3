import { LocalIoError } from '../errors';

/** SQLite's result codes (extended ones start with the primary's name) in the operator's words. */
const SQLITE_REASONS: readonly [prefix: string, reason: string][] = [
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY_DBMOVED', 'it was moved or deleted while the run was using it'],
  [
    'SQLITE_READONLY',
    'it can no longer be written (its file system went read-only, or its permissions changed while the run was using it)',
  ],
  // Extending the -shm file fails when its file system has no room left.
  ['SQLITE_IOERR_SHMSIZE', 'its -shm file beside it could not be extended (the disk is probably full)'],
  ['SQLITE_IOERR', 'the disk reported an error reading or writing it'],
  ['SQLITE_CANTOPEN', 'it, or its -wal or -shm file beside it, could not be opened again while the run was using it'],
  ['SQLITE_CORRUPT', 'it was found damaged while the run was using it (restore it from a backup, or move it aside to start afresh)'],
  ['SQLITE_NOTADB', 'it was found damaged while the run was using it (restore it from a backup, or move it aside to start afresh)'],
];

/** The same for the system errors a file write can end in. */
const ERRNO_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota of this user is used up',
  EROFS: 'its file system is read-only',
  EIO: 'the disk reported an error reading or writing it',
  EFBIG: 'it is larger than the system allows a file to be',
};

/**
 * The local I/O failure `err` is, if it is one: a SQLite error on the state file, or a system error
 * on a file the tool writes (named by the error itself). Anything else is left as it is. Used once
 * a file is open: opening has its own errors (see `openState`), which are mostly configuration.
 */
export function localIoError(err: unknown, stateFile?: string): LocalIoError | undefined {
  if (err instanceof LocalIoError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const sqlite = SQLITE_REASONS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
  // The extended code says more than SQLite's words do (a short read, a failed fsync).
  if (sqlite) return new LocalIoError(stateFile, `${sqlite[1]} (${code})`);
  const reason = ERRNO_REASONS[code];
  if (!reason) return undefined;
  const file = (err as { path?: unknown }).path;
  if (typeof file === 'string') return new LocalIoError(file, `${reason} (${code})`, file === stateFile ? 'state file' : 'file');
  return new LocalIoError(stateFile, `${reason} (${code})`);
}

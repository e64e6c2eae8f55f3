import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, LockHeldError, UsageError } from '../errors';
import { localIoError } from './io-errors';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS.length;

/** How long a statement waits for another process's write transaction before giving up as busy. */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLite's refusal in the operator's terms: which file, what is wrong with it, what to do. */
function stateFileError(file: string, err: unknown): unknown {
  const raw = (err as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : raw;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UsageError(
      `state file ${file} is damaged or not a SQLite database (${errorMessage(err)}); ` +
        'restore it from a backup, or move it aside to start afresh (each direction then re-reads its first window)',
    );
  }
  if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_AUTH' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return new UsageError(
      `state file ${file} cannot be opened (${errorMessage(err)}); it must be readable and writable by the user cron runs as`,
    );
  }
  if (code === 'SQLITE_BUSY') return busy(file);
  // A full disk or an I/O error while opening (migrating, switching to WAL) is not a configuration problem.
  return localIoError(err, file) ?? err;
}

/** Another process holds a write transaction on the state file: like a held lock, a later run will go ahead. */
export function busy(file: string): LockHeldError {
  return new LockHeldError(
    `state file ${file} is busy: another process has held a write transaction on it for more than ${BUSY_TIMEOUT_MS / 1000} s; the next scheduled run will go ahead`,
  );
}

/** A state path that cannot be a state file: its folder is missing, or it is a directory. */
export function checkStateFolder(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    // Creating it would hide a mistyped stateDb behind a fresh, empty state and a full re-sync.
    throw new UsageError(`state file ${file}: the folder ${dir} does not exist (create it, or correct "stateDb" in the config)`);
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new UsageError(`state file ${file} is a directory (correct "stateDb" in the config)`);
}

/**
 * Opens (creating if needed) the state file in WAL mode, checks it is sound, and brings its schema
 * up to date. A file written by a newer program is refused rather than risked; a damaged,
 * unreadable or busy one is reported with its path instead of as SQLite's bare words.
 */
export interface OpenOptions {
  readonly?: boolean;
  /**
   * Tests only, never set by configuration: how many pages the file may grow by on this connection
   * (SQLite's `max_page_count`), so a test meets a real SQLITE_FULL mid-run, as on a full disk.
   */
  growthLimitPages?: number;
}

export function openState(file: string, opts: OpenOptions = {}): Db {
  const readonly = opts.readonly ?? false;
  const onDisk = file !== ':memory:';
  if (onDisk) checkStateFolder(file);
  let db: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw stateFileError(file, err);
  }
  try {
    // Another process may hold a write transaction briefly (lock take-over, a commit): wait for it.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A truncated or scribbled-on file can open cleanly and fail only halfway through a run; checked before anything is written.
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    // Order ids and run history are the seller's business: readable by the owner only (umask allowing).
    // Before WAL mode, since SQLite gives the -wal and -shm files the database file's mode.
    if (onDisk && !readonly) fs.chmodSync(file, 0o600);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, file, readonly);
    if (opts.growthLimitPages !== undefined) {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + Math.max(0, Math.floor(opts.growthLimitPages))}`);
    }
  } catch (err) {
    db.close();
    throw stateFileError(file, err);
  }
  return db;
}

function migrate(db: Db, file: string, readonly: boolean): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new UsageError(
      `state file ${file} has schema version ${version}, newer than this program knows (${SCHEMA_VERSION}); ` +
        'upgrade alloc-amazon instead of running an older copy against it',
    );
  }
  if (version === SCHEMA_VERSION || readonly) return;
  const apply = db.transaction(() => {
    // Read again under the write lock: two runs that open a new file at once both saw version 0,
    // and the one that waited must not create the tables the other just made.
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current >= SCHEMA_VERSION) return;
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}

/** A dry run opens an older state file read-only, without migrating it: tables added since may be missing. */
export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

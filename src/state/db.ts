import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../errors';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating if needed) the state file in WAL mode and brings its schema up to date.
 * A file written by a newer program is refused rather than risked.
 */
export function openState(file: string, opts: { readonly?: boolean } = {}): Db {
  const onDisk = file !== ':memory:' && !opts.readonly;
  if (onDisk) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  // Order ids and run history are the seller's business: readable by the owner only (umask allowing).
  if (onDisk) fs.chmodSync(file, 0o600);
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // Another process may hold a write transaction briefly (lock take-over, a commit): wait for it.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, file, opts.readonly ?? false);
  } catch (err) {
    db.close();
    throw err;
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
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}

/** A dry run opens an older state file read-only, without migrating it: tables added since may be missing. */
export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

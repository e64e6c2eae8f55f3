import type Database from 'better-sqlite3';
import type { Db } from './db';

const prepared = new WeakMap<Db, Map<string, Database.Statement>>();
const transactions = new WeakMap<Db, (body: () => void) => void>();

/**
 * The statement for `sql` on this connection, prepared the first time it is asked for. Preparing
 * costs more than running the small statements the state file is written with, and an import runs
 * the same few for every order. Not for a statement being iterated: one SQL text, one statement.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let byText = prepared.get(db);
  if (!byText) {
    byText = new Map();
    prepared.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}

/** Runs `body` in one transaction (a savepoint inside another); the wrapper is made once per connection. */
export function atomically(db: Db, body: () => void): void {
  let run = transactions.get(db);
  if (!run) {
    run = db.transaction((fn: () => void) => fn());
    transactions.set(db, run);
  }
  run(body);
}

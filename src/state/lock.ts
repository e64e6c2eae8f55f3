import { randomUUID } from 'node:crypto';
import { LockHeldError } from '../errors';
import { busy, type Db } from './db';

export interface LockOptions {
  pid: number;
  host: string;
  /** Whether a process with this pid runs on this host (signal 0). */
  isAlive: (pid: number) => boolean;
  /** A holder that has not refreshed its heartbeat for this long is presumed dead, wherever it ran. */
  staleAfterMs: number;
}

interface LockRow {
  token: string;
  pid: number;
  host: string;
  acquired_at: string;
  heartbeat_at: string;
}

export interface LockHolder {
  command: string;
  seller: string;
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
  /** False when the holder is gone (dead pid on this host, or no heartbeat for too long): the next run takes over. */
  live: boolean;
}

/** A run refreshes its heartbeat with every batch it writes; this long without one, its holder is presumed dead. */
export const LOCK_STALE_MS = 30 * 60_000;

/** Tokens held by this process: tells a live holder in this very process from a recycled pid. */
const heldHere = new Set<string>();

/**
 * One lock per command × seller, kept in the state file so it works for every process that
 * shares it. Check and take-over happen in one IMMEDIATE transaction: two runs that both find a
 * dead holder cannot both take its place.
 */
export class LockStore {
  constructor(
    private readonly db: Db,
    private readonly opts: LockOptions,
  ) {}

  acquire(command: string, seller: string, now: Date): string {
    const token = randomUUID();
    const take = this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT token, pid, host, acquired_at, heartbeat_at FROM locks WHERE command = ? AND seller = ?')
        .get(command, seller) as LockRow | undefined;
      if (row && !this.isStale(row, now)) {
        throw new LockHeldError(
          `another ${command} run for seller ${seller} is in progress (pid ${row.pid} on ${row.host}, since ${row.acquired_at}); ` +
            'this run exits without doing anything and the next scheduled run will go ahead',
          row.acquired_at,
        );
      }
      this.db
        .prepare(
          `INSERT INTO locks (command, seller, token, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (command, seller) DO UPDATE SET token = excluded.token, pid = excluded.pid, host = excluded.host,
             acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
        )
        .run(command, seller, token, this.opts.pid, this.opts.host, now.toISOString(), now.toISOString());
      return row;
    });
    let previous: LockRow | undefined;
    try {
      previous = take.immediate();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw busy(this.db.name);
      throw err;
    }
    heldHere.add(token);
    return previous ? `took over a lock left by pid ${previous.pid} on ${previous.host}` : '';
  }

  heartbeat(command: string, seller: string, now: Date): void {
    this.db
      .prepare('UPDATE locks SET heartbeat_at = ? WHERE command = ? AND seller = ? AND pid = ? AND host = ?')
      .run(now.toISOString(), command, seller, this.opts.pid, this.opts.host);
  }

  release(command: string, seller: string): void {
    const row = this.db.prepare('SELECT token FROM locks WHERE command = ? AND seller = ?').get(command, seller) as
      { token: string } | undefined;
    if (!row || !heldHere.has(row.token)) return;
    this.db.prepare('DELETE FROM locks WHERE command = ? AND seller = ? AND token = ?').run(command, seller, row.token);
    heldHere.delete(row.token);
  }

  /** Every lock with whether its holder still counts as alive, by the same rule a run uses to take it over. */
  holders(now: Date): LockHolder[] {
    const rows = this.db.prepare('SELECT command, seller, token, pid, host, acquired_at, heartbeat_at FROM locks').all() as (LockRow & {
      command: string;
      seller: string;
    })[];
    return rows.map((r) => ({
      command: r.command,
      seller: r.seller,
      pid: r.pid,
      host: r.host,
      acquiredAt: r.acquired_at,
      heartbeatAt: r.heartbeat_at,
      live: !this.isStale(r, now),
    }));
  }

  private isStale(row: LockRow, now: Date): boolean {
    if (now.getTime() - Date.parse(row.heartbeat_at) > this.opts.staleAfterMs) return true;
    if (row.host !== this.opts.host) return false;
    if (row.pid === this.opts.pid) return !heldHere.has(row.token);
    return !this.opts.isAlive(row.pid);
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import type { Db } from './db';

/** `stopped`: SIGINT or SIGTERM ended the run cleanly, after the request in flight. */
export type RunOutcome = 'ok' | 'partial' | 'failed' | 'stopped';

export interface RunRow {
  id: number;
  command: string;
  seller: string;
  startedAt: string;
  endedAt: string | null;
  outcome: RunOutcome | 'running' | null;
  summary: unknown;
}

/** The run log: one row per command × seller run, with its summary as JSON. */
export class RunStore {
  constructor(private readonly db: Db) {}

  start(command: string, seller: string, now: string): number {
    const info = this.db
      .prepare(`INSERT INTO runs (command, seller, started_at, outcome) VALUES (?, ?, ?, 'running')`)
      .run(command, seller, now);
    return Number(info.lastInsertRowid);
  }

  finish(id: number, outcome: RunOutcome, summary: unknown, now: string): void {
    this.db.prepare('UPDATE runs SET ended_at = ?, outcome = ?, summary = ? WHERE id = ?').run(now, outcome, JSON.stringify(summary), id);
  }

  /**
   * Deletes this command and seller's runs that started before `before`, older than run `current`,
   * except the newest that ended ok (status and status --check read it). One indexed delete per
   * run end, so the table stays as long as the days kept, whatever the cron interval.
   */
  prune(command: string, seller: string, current: number, before: string): number {
    return this.db
      .prepare(
        `DELETE FROM runs WHERE command = ? AND seller = ? AND id < ? AND started_at < ?
           AND id IS NOT (SELECT MAX(id) FROM runs WHERE command = ? AND seller = ? AND outcome = 'ok')`,
      )
      .run(command, seller, current, before, command, seller).changes;
  }

  /** The newest run of `command` for `seller`; with `outcomes`, the newest that ended in one of them. */
  latest(command: string, seller: string, outcomes?: readonly RunOutcome[]): RunRow | undefined {
    const filter = outcomes?.length ? `AND outcome IN (${outcomes.map(() => '?').join(', ')})` : '';
    const row = this.db
      .prepare(
        `SELECT id, command, seller, started_at AS startedAt, ended_at AS endedAt, outcome, summary FROM runs
         WHERE command = ? AND seller = ? ${filter} ORDER BY id DESC LIMIT 1`,
      )
      .get(command, seller, ...(outcomes ?? [])) as (Omit<RunRow, 'summary'> & { summary: string | null }) | undefined;
    return row && { ...row, summary: row.summary ? (JSON.parse(row.summary) as unknown) : null };
  }

  /**
   * The windows one marketplace's runs of `command` read, newest first, from run `fromId` back, at
   * most `limit` runs: `from` and `to` as the run summary recorded them, or absent for a run that
   * recorded none (it never finished, or read no window there).
   */
  windows(
    command: string,
    seller: string,
    marketplace: string,
    fromId: number,
    limit: number,
  ): { id: number; from?: string; to?: string }[] {
    const rows = this.db
      .prepare('SELECT id, summary FROM runs WHERE command = ? AND seller = ? AND id <= ? ORDER BY id DESC LIMIT ?')
      .all(command, seller, fromId, limit) as { id: number; summary: string | null }[];
    return rows.map(({ id, summary }) => {
      const mp = readSummary(summary)?.marketplaces?.find((m) => m.marketplaceId === marketplace);
      return mp?.from && mp.to ? { id, from: mp.from, to: mp.to } : { id };
    });
  }

  /** Sellers that have run at least once, for a status that also shows sellers since removed from the config. */
  sellers(): string[] {
    return (this.db.prepare('SELECT DISTINCT seller FROM runs ORDER BY seller').all() as { seller: string }[]).map((r) => r.seller);
  }
}

/** A stored summary's windows; a summary that cannot be read counts as none. */
function readSummary(text: string | null): { marketplaces?: { marketplaceId?: string; from?: string; to?: string }[] } | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { marketplaces?: unknown }).marketplaces)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

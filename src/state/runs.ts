import type { Db } from './db';

export type RunOutcome = 'ok' | 'partial' | 'failed';

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
    this.db
      .prepare('UPDATE runs SET ended_at = ?, outcome = ?, summary = ? WHERE id = ?')
      .run(now, outcome, JSON.stringify(summary), id);
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

  /** Sellers that have run at least once, for a status that also shows sellers since removed from the config. */
  sellers(): string[] {
    return (this.db.prepare('SELECT DISTINCT seller FROM runs ORDER BY seller').all() as Array<{ seller: string }>).map((r) => r.seller);
  }
}

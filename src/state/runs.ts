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

  recent(opts: { command?: string; seller?: string; limit?: number } = {}): RunRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, command, seller, started_at AS startedAt, ended_at AS endedAt, outcome, summary FROM runs
         WHERE (? IS NULL OR command = ?) AND (? IS NULL OR seller = ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(opts.command ?? null, opts.command ?? null, opts.seller ?? null, opts.seller ?? null, opts.limit ?? 20) as Array<
      Omit<RunRow, 'summary'> & { summary: string | null }
    >;
    return rows.map((r) => ({ ...r, summary: r.summary ? (JSON.parse(r.summary) as unknown) : null }));
  }
}

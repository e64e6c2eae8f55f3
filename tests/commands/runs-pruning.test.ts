import Database from 'better-sqlite3';
import { createState, openState } from '../../src/state';
import { worldsClosedAfterEach } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const DAY = 86_400_000;

/** Run records as cron would have left them, `days` ago, straight into the state file. */
function oldRuns(file: string, rows: { command: string; seller: string; daysAgo: number; outcome: string }[]): void {
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO runs (command, seller, started_at, ended_at, outcome, summary) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rows) {
    const at = new Date(Date.now() - r.daysAgo * DAY).toISOString();
    insert.run(r.command, r.seller, at, at, r.outcome, '{}');
  }
  db.close();
}

function runsIn(file: string): { command: string; seller: string; daysAgo: number; outcome: string }[] {
  const db = openState(file, { readonly: true });
  const rows = db.prepare('SELECT command, seller, started_at AS startedAt, outcome FROM runs ORDER BY id').all() as {
    command: string;
    seller: string;
    startedAt: string;
    outcome: string;
  }[];
  db.close();
  return rows.map((r) => ({ ...r, daysAgo: Math.round((Date.now() - Date.parse(r.startedAt)) / DAY) })).map(({ startedAt: _s, ...r }) => r);
}

test('a run deletes its own runs older than keepRunsDays; other commands and sellers wait for their own runs', async () => {
  const w = await world({ seed: 91, orders: 2 }, (c) => (c.keepRunsDays = 30));
  expect((await w.run(['pull-orders'])).code).toBe(0); // creates the state file
  const db = new Database(w.stateFile);
  db.prepare('DELETE FROM runs').run();
  db.close();
  oldRuns(w.stateFile, [
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 200, outcome: 'ok' },
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 100, outcome: 'ok' },
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 40, outcome: 'failed' },
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 10, outcome: 'partial' },
    { command: 'push-stock', seller: 'sim-us', daysAgo: 100, outcome: 'ok' },
    { command: 'pull-orders', seller: 'gone', daysAgo: 100, outcome: 'ok' },
  ]);
  await w.run(['--seller', 'sim-us', 'pull-orders']);
  const after = runsIn(w.stateFile);
  expect(after.filter((r) => r.command === 'pull-orders' && r.seller === 'sim-us').map((r) => [r.daysAgo, r.outcome])).toEqual([
    [10, 'partial'],
    [0, 'ok'],
  ]);
  expect(after.filter((r) => r.command !== 'pull-orders' || r.seller !== 'sim-us')).toHaveLength(2);
});

test('the default keeps 90 days; a dry run deletes nothing', async () => {
  const w = await world({ seed: 92, orders: 2 });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  oldRuns(w.stateFile, [
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 95, outcome: 'failed' },
    { command: 'pull-orders', seller: 'sim-us', daysAgo: 85, outcome: 'failed' },
  ]);
  await w.run(['--dry-run', 'pull-orders']);
  expect(runsIn(w.stateFile)).toHaveLength(3);
  await w.run(['pull-orders']);
  expect(runsIn(w.stateFile).map((r) => r.daysAgo)).toEqual([0, 85, 0]);
});

test('the prune is one indexed delete, and keeps the last good run', () => {
  const db = openState(':memory:');
  const plan = db
    .prepare(
      `EXPLAIN QUERY PLAN DELETE FROM runs WHERE command = ? AND seller = ? AND id < ? AND started_at < ?
         AND id IS NOT (SELECT MAX(id) FROM runs WHERE command = ? AND seller = ? AND outcome = 'ok')`,
    )
    .all('a', 'b', 1, 'x', 'a', 'b') as { detail: string }[];
  expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX runs_by_command/);
  // A failing command keeps its last good run, however old: status --check reads when it was.
  const state = createState(db, { pid: 1, host: 'h', isAlive: () => true, staleAfterMs: 1 });
  const old = state.runs.start('a', 'b', '2026-01-01T00:00:00.000Z');
  state.runs.finish(old, 'ok', {}, '2026-01-01T00:01:00.000Z');
  const failed = state.runs.start('a', 'b', '2026-01-02T00:00:00.000Z');
  state.runs.finish(failed, 'failed', {}, '2026-01-02T00:01:00.000Z');
  const current = state.runs.start('a', 'b', '2026-06-01T00:00:00.000Z');
  state.runs.finish(current, 'failed', {}, '2026-06-01T00:01:00.000Z');
  expect(state.runs.prune('a', 'b', current, '2026-05-01T00:00:00.000Z')).toBe(1);
  expect(state.runs.latest('a', 'b', ['ok'])?.id).toBe(old);
  db.close();
});

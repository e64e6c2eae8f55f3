import Database from 'better-sqlite3';
import os from 'node:os';
import { worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
const DAY = 86_400_000;

function value(w: TestWorld, direction: string): string | undefined {
  const db = new Database(w.stateFile, { readonly: true });
  try {
    return (db.prepare('SELECT value FROM checkpoints WHERE direction = ?').get(direction) as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
}

test('checkpoint show lists checkpoints; set says old → new, refuses the future and push-stock, and --dry-run writes nothing', async () => {
  const w = await world({ seed: 95, orders: 10, fakeClock: true });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const old = value(w, 'pull-orders') ?? '';
  const shown = await w.run(['checkpoint']);
  expect(shown.code).toBe(0);
  expect(shown.out).toContain(`pull-orders sim-us ATVPDKIKX0DER: ${old}`);
  expect((await w.run(['checkpoint', 'show', '--direction', 'push-status'])).out).not.toContain('pull-orders');
  const json = JSON.parse((await w.run(['--json', 'checkpoint', 'show', '--seller', 'sim-us'])).out) as {
    checkpoints: { value: string }[];
  };
  expect(json.checkpoints.map((c) => c.value)).toEqual([old]);

  const now = w.time?.clock() ?? Date.now();
  const earlier = new Date(now - 3 * DAY).toISOString();
  const dry = await w.run(['--dry-run', 'checkpoint', 'set', 'pull-orders', earlier, '--seller', 'sim-us']);
  expect(dry.code).toBe(0);
  expect(dry.out).toBe(`pull-orders sim-us ATVPDKIKX0DER: ${old} → ${earlier} (dry run: not written)\n`);
  expect(value(w, 'pull-orders')).toBe(old);

  const set = await w.run(['checkpoint', 'set', 'pull-orders', earlier, '--seller', 'sim-us', '--marketplace', 'ATVPDKIKX0DER']);
  expect(set).toMatchObject({ code: 0, out: `pull-orders sim-us ATVPDKIKX0DER: ${old} → ${earlier}\n` });
  expect(value(w, 'pull-orders')).toBe(earlier);

  const future = await w.run(['checkpoint', 'set', 'pull-orders', new Date(now + DAY).toISOString(), '--seller', 'sim-us']);
  expect(future.code).toBe(2);
  expect(future.err).toContain('is in the future');
  const stock = await w.run(['checkpoint', 'set', 'push-stock', earlier, '--seller', 'sim-us']);
  expect(stock.code).toBe(2);
  expect(stock.err).toContain('push-stock keeps no checkpoint');
  expect((await w.run(['checkpoint', 'set', 'pull-orders', 'yesterday', '--seller', 'sim-us'])).code).toBe(2);
  expect((await w.run(['checkpoint', 'set', 'pull-orders', earlier, '--seller', 'sim-us', '--marketplace', 'A1PA6795UKMFR9'])).code).toBe(
    2,
  );
  expect(value(w, 'pull-orders')).toBe(earlier);

  // The next run reads from there (less the lookback).
  const run = JSON.parse((await w.run(['--json', 'pull-orders'])).out) as { runs: { marketplaces: { from: string }[] }[] };
  expect(run.runs[0]?.marketplaces[0]?.from).toBe(new Date(Date.parse(earlier) - 30 * 60_000).toISOString());
});

test('checkpoint set takes the direction lock: exit 75 while a run holds it, nothing written', async () => {
  const w = await world({ seed: 96, orders: 5, fakeClock: true });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const old = value(w, 'pull-orders');
  const db = new Database(w.stateFile);
  const at = new Date(w.time?.clock() ?? Date.now()).toISOString();
  db.prepare('INSERT INTO locks (command, seller, token, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'pull-orders',
    'sim-us',
    'other',
    process.pid,
    os.hostname(),
    at,
    at,
  );
  db.close();
  const r = await w.run(['checkpoint', 'set', 'pull-orders', new Date(Date.parse(at) - DAY).toISOString(), '--seller', 'sim-us'], {
    isProcessAlive: () => true,
    pid: process.pid + 1,
  });
  expect(r.code).toBe(75);
  expect(r.err).toContain('another pull-orders run for seller sim-us is in progress');
  expect(value(w, 'pull-orders')).toBe(old);
});

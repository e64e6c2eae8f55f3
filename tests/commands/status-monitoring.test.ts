import { openOrders } from '../helpers/open-orders';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { minutesAgo, worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';
import { parseExposition } from '../helpers/prometheus-text';
import { setRedactAfterDays } from '../helpers/redact-world';

const world = worldsClosedAfterEach();
const DIRECTIONS = ['pull-items', 'pull-orders', 'push-stock', 'push-shipments', 'push-status'];

/** Run records as cron would have left them, straight into the state file (made by one real run first). */
async function withRuns(w: TestWorld, rows: { direction: string; minutesAgo: number; outcome: string; error?: string }[]): Promise<void> {
  if (!fs.existsSync(w.stateFile)) expect((await w.run(['--seller', 'sim-us', 'pull-orders'])).code).toBeLessThan(2);
  const db = new Database(w.stateFile);
  db.prepare('DELETE FROM runs').run();
  const insert = db.prepare('INSERT INTO runs (command, seller, started_at, ended_at, outcome, summary) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rows) {
    const summary = JSON.stringify({
      marketplaces: [{ read: 3 }],
      totals: { created: 2 },
      failures: [],
      ...(r.error ? { error: r.error } : {}),
    });
    insert.run(r.direction, 'sim-us', minutesAgo(r.minutesAgo + 1), minutesAgo(r.minutesAgo), r.outcome, summary);
  }
  db.close();
}
const allOk = (minutes = 5): { direction: string; minutesAgo: number; outcome: string }[] =>
  DIRECTIONS.map((direction) => ({ direction, minutesAgo: minutes, outcome: 'ok' }));

async function check(w: TestWorld, ...argv: string[]): Promise<{ code: number; first: string; lines: string[] }> {
  const r = await w.run([...argv, 'status', '--check']);
  const lines = r.out.trimEnd().split('\n');
  return { code: r.code, first: lines[0] ?? '', lines };
}

describe('status --check', () => {
  test('nothing has run yet: CRITICAL (2), every direction never succeeded', async () => {
    const w = await world({ seed: 81, orders: 0 });
    const r = await check(w);
    expect(r.code).toBe(2);
    expect(r.first).toMatch(
      /^ALLOC-AMAZON CRITICAL - sim-us\/pull-items: no successful run yet \(max age 8 h\); .*sim-us\/pull-orders: no successful run yet \(max age 30 min\)/,
    );
    expect(r.lines.slice(1)).toEqual(
      DIRECTIONS.map((d) => expect.stringMatching(new RegExp(`^CRITICAL: sim-us/${d} — no successful run yet`))),
    );
  });

  test('every direction succeeded within twice its cron interval: OK (0), with perfdata', async () => {
    const w = await world({ seed: 82, orders: 0 });
    await withRuns(w, allOk());
    const r = await check(w);
    expect(r.first).toMatch(/^ALLOC-AMAZON OK - 5 direction\(s\) of 1 seller\(s\) succeeded within their max age \| /);
    expect(r.first).toContain("'sim-us/pull-orders last_success_age'=300s;;1800;0 'sim-us/pull-orders retry_items'=0;0;;0");
    expect(r.first).toContain("'sim-us/push-stock last_success_age'=300s;;172800;0");
    expect(r.code).toBe(0);
  });

  test('an opt-in direction is expected only of the sellers that turned it on (redact-pii with privacy.redactAfterDays)', async () => {
    const w = await world({ seed: 87, orders: 0 });
    await withRuns(w, allOk());
    setRedactAfterDays(w, 30);
    const on = await check(w);
    expect(on.first).toMatch(/^ALLOC-AMAZON CRITICAL - sim-us\/redact-pii: no successful run yet/);
    expect(on.code).toBe(2);
    setRedactAfterDays(w, undefined);
    const off = await check(w);
    expect(off.first).not.toContain('redact-pii');
    expect(off.code).toBe(0);
  });

  test('a last success older than its max age is CRITICAL; --max-age overrides it for every direction', async () => {
    const w = await world({ seed: 83, orders: 0 });
    await withRuns(w, [
      ...allOk().filter((r) => r.direction !== 'pull-orders'),
      { direction: 'pull-orders', minutesAgo: 45, outcome: 'ok' },
    ]);
    const r = await check(w);
    expect([r.code, r.first]).toEqual([
      2,
      expect.stringMatching(/^ALLOC-AMAZON CRITICAL - sim-us\/pull-orders: last success 45 min ago \(max 30 min\) \|/),
    ]);
    const relaxed = await w.run(['status', '--check', '--max-age', '1h']);
    expect([relaxed.code, relaxed.out.split('\n')[0]]).toEqual([0, expect.stringMatching(/^ALLOC-AMAZON OK - /)]);
    const strict = await w.run(['status', '--check', '--max-age', '2m']);
    expect(strict.code).toBe(2);
    expect(strict.out.split('\n')[0]).toMatch(/push-stock: last success 5 min ago \(max 2 min\)/);
  });

  test('a last run that failed fatally is CRITICAL, with its error', async () => {
    const w = await world({ seed: 84, orders: 0 });
    await withRuns(w, [
      ...allOk(),
      { direction: 'push-status', minutesAgo: 1, outcome: 'failed', error: 'lwa token: HTTP 400 invalid_client' },
    ]);
    const r = await check(w);
    expect([r.code, r.first]).toEqual([
      2,
      expect.stringMatching(/^ALLOC-AMAZON CRITICAL - sim-us\/push-status: last run failed: lwa token: HTTP 400 invalid_client \|/),
    ]);
  });

  test('items waiting for retry are a WARNING (1)', async () => {
    const w = await world({ seed: 85, orders: 0 });
    openOrders(w, [{ sku: 'NOT-IN-WAREHOUSE', quantity: 1 }]);
    expect((await w.run(['pull-orders'])).code).toBe(1);
    const db = new Database(w.stateFile);
    const insert = db.prepare(
      "INSERT INTO runs (command, seller, started_at, ended_at, outcome, summary) VALUES (?, 'sim-us', ?, ?, 'ok', '{}')",
    );
    for (const d of DIRECTIONS.filter((x) => x !== 'pull-orders')) insert.run(d, minutesAgo(6), minutesAgo(5));
    db.close();
    const r = await check(w);
    // pull-orders' last run ended partial: its last success is a run that never was, so it is critical too.
    expect(r.code).toBe(2);
    expect(r.lines).toContain('OK: sim-us/pull-items');
    expect(r.lines.slice(1).find((l) => l.includes('sim-us/pull-orders'))).toMatch(/1 item\(s\) waiting for retry/);
    // Once a run succeeded but an item still waits: WARNING.
    const db2 = new Database(w.stateFile);
    db2
      .prepare(
        "INSERT INTO runs (command, seller, started_at, ended_at, outcome, summary) VALUES ('pull-orders', 'sim-us', ?, ?, 'ok', '{}')",
      )
      .run(minutesAgo(3), minutesAgo(2));
    db2.close();
    const warned = await check(w);
    expect([warned.code, warned.first]).toEqual([
      1,
      expect.stringMatching(
        /^ALLOC-AMAZON WARNING - sim-us\/pull-orders: 1 item\(s\) waiting for retry \| .*'sim-us\/pull-orders retry_items'=1;0;;0/,
      ),
    ]);
  });

  test('a lock held longer than the cron interval is a WARNING', async () => {
    const w = await world({ seed: 86, orders: 0 });
    await withRuns(w, allOk());
    const db = new Database(w.stateFile);
    db.prepare(
      "INSERT INTO locks (command, seller, token, pid, host, acquired_at, heartbeat_at) VALUES ('pull-orders', 'sim-us', 't', ?, ?, ?, ?)",
    ).run(process.pid, 'somehost', minutesAgo(40), minutesAgo(1));
    db.close();
    const r = await check(w);
    expect([r.code, r.first]).toEqual([
      1,
      expect.stringMatching(/^ALLOC-AMAZON WARNING - sim-us\/pull-orders: lock held for 40 min by pid \d+@somehost/),
    ]);
  });

  test('a state file or config that cannot be read is UNKNOWN (3)', async () => {
    const w = await world({ seed: 87, orders: 0 });
    fs.writeFileSync(w.stateFile, 'not a database, just text that is long enough to be read as a header '.repeat(20));
    const r = await check(w);
    expect([r.code, r.first]).toEqual([3, expect.stringMatching(/^ALLOC-AMAZON UNKNOWN - .*alloc-amazon\.sqlite/)]);
    fs.writeFileSync(w.configPath, '{');
    const bad = await check(w);
    expect([bad.code, bad.first]).toEqual([3, expect.stringMatching(/^ALLOC-AMAZON UNKNOWN - .*config\.json is not valid JSON/)]);
  });

  test('--seller narrows the check to one seller; an unknown one is UNKNOWN', async () => {
    const w = await world({ seed: 88, orders: 0 });
    await withRuns(w, allOk());
    const db = new Database(w.stateFile);
    db.prepare(
      "INSERT INTO runs (command, seller, started_at, ended_at, outcome, summary) VALUES ('pull-orders', 'old-seller', ?, ?, 'failed', '{}')",
    ).run(minutesAgo(9), minutesAgo(8));
    db.close();
    expect((await check(w)).code).toBe(2);
    const one = await check(w, '--seller', 'sim-us');
    expect([one.code, one.lines.length]).toEqual([0, 6]);
    const unknown = await check(w, '--seller', 'nobody');
    expect([unknown.code, unknown.first]).toEqual([3, 'ALLOC-AMAZON UNKNOWN - no seller named "nobody" in the config (known: sim-us)']);
  });
});

describe('status --format prometheus', () => {
  test('the text exposition format: HELP and TYPE per family, the last run, success, outcome, retries and counts per seller and direction', async () => {
    const w = await world({ seed: 89, orders: 0 });
    await withRuns(w, [...allOk(), { direction: 'push-status', minutesAgo: 1, outcome: 'failed', error: 'boom' }]);
    const r = await w.run(['status', '--format', 'prometheus']);
    expect(r.code).toBe(0);
    const families = parseExposition(r.out);
    const sample = (name: string, labels: Record<string, string>): number | undefined =>
      families.get(name)?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    const mine = { seller: 'sim-us', direction: 'push-status' };
    expect(sample('alloc_amazon_last_run_outcome', { ...mine, outcome: 'failed' })).toBe(1);
    expect(sample('alloc_amazon_last_run_outcome', { ...mine, outcome: 'ok' })).toBe(0);
    expect(sample('alloc_amazon_last_success_timestamp_seconds', mine)).toBeCloseTo(Date.parse(minutesAgo(5)) / 1000, -1);
    expect(sample('alloc_amazon_last_run_end_timestamp_seconds', mine)).toBeCloseTo(Date.parse(minutesAgo(1)) / 1000, -1);
    expect(sample('alloc_amazon_last_run_items', { ...mine, action: 'created' })).toBe(2);
    expect(sample('alloc_amazon_last_run_read_items', mine)).toBe(3);
    expect(sample('alloc_amazon_retry_items', { seller: 'sim-us', direction: 'pull-items' })).toBe(0);
    expect(sample('alloc_amazon_last_run_duration_seconds', mine)).toBeCloseTo(60, 0);
    for (const [name, f] of families) expect([name, f.type, f.help.length > 0]).toEqual([name, 'gauge', true]);
  });

  test('--output writes the file atomically, world-readable, and leaves no temporary file; an unwritable place is exit 74', async () => {
    const w = await world({ seed: 90, orders: 0 });
    await withRuns(w, allOk());
    const out = path.join(w.dir, 'metrics', 'alloc_amazon.prom');
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, 'old\n');
    const r = await w.run(['status', '--format', 'prometheus', '--output', out]);
    expect([r.code, r.out]).toEqual([0, '']);
    expect(parseExposition(fs.readFileSync(out, 'utf8')).size).toBeGreaterThan(5);
    expect(fs.statSync(out).mode & 0o777).toBe(0o644);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['alloc_amazon.prom']);
    const missing = await w.run(['status', '--format', 'prometheus', '--output', path.join(w.dir, 'nope', 'x.prom')]);
    expect(missing.code).toBe(74);
    expect(missing.err).toMatch(/metrics file .*nope\/x\.prom/);
  });
});

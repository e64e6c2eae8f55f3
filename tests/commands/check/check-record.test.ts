import fs from 'node:fs';
import path from 'node:path';
import { accountOffset } from '../../../src/allocadence/account-time';
import { leaks, secretsOf } from '../../helpers/secret-scan';
import { worldsClosedAfterEach, type TestWorld } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface Call {
  call: string;
  verdict: string;
  mismatches: string[];
  alternatives: string[];
  filters: { filter: string; narrowed: string; detail: string; blocks?: string[] }[];
  answers: {
    status?: number;
    contentType?: string;
    envelope?: { kind: string; listKey?: string; meta?: boolean };
    rows?: number;
    readByTool?: true | string;
    failed?: unknown;
  }[];
  rowShape?: { keys?: Record<string, { types: string[]; strings?: string[] }> };
}
interface ShapeFile {
  timeZone: { configured: string | null; datesCarry: string[]; fits: string[] };
  calls: Call[];
}
interface CheckJson {
  exitCode: number;
  blocked: string[];
  checks: { area: string; check: string; result: string; detail: string; blocks?: string[] }[];
  record?: { file: string; written: boolean; mismatches: number; alternatives: number };
}

/** A warehouse with something in every list: orders placed, one shipped in two packages, one cancelled, a kit in stock, an inactive item. */
async function busyWorld(opts: Parameters<typeof world>[0] = {}, edit?: (c: Record<string, unknown>) => void): Promise<TestWorld> {
  const w = await world({ seed: 41, orders: 12, listings: 20, fakeClock: true, ...opts }, edit);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const orders = w.allocadence.orders();
  // Two packages need two units: the first order with more than one.
  const shipped = orders.find((o) => o.items.reduce((n, l) => n + l.quantity, 0) > 1);
  const cancelled = orders.find((o) => o !== shipped);
  if (!shipped || !cancelled) throw new Error('the world has too few orders');
  const units = shipped.items.flatMap((l) => Array.from({ length: l.quantity }, () => l.sku));
  const first = w.allocadence.ship({
    orderNumber: shipped.orderNumber,
    carrier: 'UPS',
    service: 'Ground',
    trackingNumber: 'TRK-REC-1',
    lines: [{ sku: units[0] ?? '', quantity: 1 }],
  });
  w.allocadence.ship({
    orderNumber: shipped.orderNumber,
    shippingOrderId: first.shippingorderid,
    carrier: '',
    trackingNumber: 'TRK-REC-2',
    lines: [{ sku: units[1] ?? '', quantity: 1 }],
  });
  w.allocadence.cancelOrder(cancelled.orderNumber, 'Out of stock');
  w.allocadence.addItems([
    { sku: 'KIT-REC', kit: true, components: [{ sku: 'SKU-0001', quantity: 1 }], warehouseName: 'Main' },
    { sku: 'OLD-REC', active: false, warehouseName: 'Main' },
  ]);
  w.allocadence.setStock('SKU-0001', 'Main', 5);
  return w;
}

async function record(w: TestWorld): Promise<{ json: CheckJson; file: ShapeFile; text: string; out: string }> {
  const file = path.join(w.dir, 'shapes.json');
  const run = await w.run(['--json', 'check', '--record', file]);
  const text = fs.readFileSync(file, 'utf8');
  return { json: JSON.parse(run.out) as CheckJson, file: JSON.parse(text) as ShapeFile, text, out: run.out };
}

const call = (f: ShapeFile, name: string): Call => {
  const found = f.calls.find((c) => c.call === name);
  if (!found) throw new Error(`no ${name} in ${f.calls.map((c) => c.call).join(', ')}`);
  return found;
};
const row = (j: CheckJson, check: string) => j.checks.find((c) => c.area === 'allocadence shape' && c.check === check);

/** Every value the warehouse holds that could identify a buyer, an item or an order: strings of 4+ characters, numbers of 4+ digits. */
function valuesIn(value: unknown, out = { strings: new Set<string>(), numbers: new Set<number>() }): typeof out {
  if (typeof value === 'string' && value.trim().length >= 4) out.strings.add(value);
  if (typeof value === 'number' && Math.abs(value) >= 1000) out.numbers.add(value);
  if (Array.isArray(value)) value.forEach((v) => valuesIn(v, out));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((v) => valuesIn(v, out));
  return out;
}

test('against the simulator: every call recorded as the tool reads it, no mismatch, exit 0, and no value in the file', async () => {
  const w = await busyWorld();
  const before = w.allocadence.requests.length;
  const { json, file, text } = await record(w);
  expect(json.exitCode).toBe(0);
  expect(json.record).toMatchObject({ written: true, mismatches: 0, alternatives: 0 });
  for (const name of [
    'GET /rest/customer-orders',
    'GET /rest/customer-orders/{id}',
    'GET /rest/items',
    'GET /rest/inventory',
    'GET /rest/inventory/kits',
    'GET /services/rest/shippingorders',
    'GET /services/rest/shippingorders/{id}',
    'GET /services/rest/shippingorders/{id}/items',
  ]) {
    expect([name, call(file, name).verdict]).toEqual([name, 'as expected']);
    expect(row(json, name)).toMatchObject({ result: 'ok', detail: expect.stringMatching(/^reads as the tool expects/) });
  }
  const orders = call(file, 'GET /rest/customer-orders');
  expect(orders.answers[0]).toMatchObject({
    status: 200,
    contentType: expect.stringMatching(/^application\/json/),
    envelope: { kind: 'object', listKey: 'customerOrders', meta: true },
    readByTool: true,
  });
  expect(orders.rowShape?.keys?.modifiedDate).toMatchObject({ types: ['string'], strings: ['YYYY-MM-DDTHH:MM:SS±HH:MM'] });
  expect(orders.filters.map((f) => [f.filter.split('=')[0], f.narrowed])).toEqual(
    expect.arrayContaining([
      ['cancelled', 'yes'],
      ['orderNumber', 'yes'],
    ]),
  );
  // No ship-by field is known: the recording says which candidate names the account's orders carry; and whether completedDate filters.
  expect(orders.filters).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        filter: expect.stringMatching(/^ship-by field/),
        detail: expect.stringMatching(/^no order read carries any of requiredShipDate, .*; internalNote is there$/),
      }),
      expect.objectContaining({ filter: expect.stringMatching(/^completed=true&completedDate=<the account day of 30 days ago>/) }),
    ]),
  );
  const list = call(file, 'GET /services/rest/shippingorders');
  expect(list.answers[0]?.envelope).toEqual({ kind: 'array' });
  expect(list.rowShape?.keys?.shippeddate).toMatchObject({ strings: ['YYYY-MM-DD HH:MM:SS'] });
  expect(list.filters[0]).toMatchObject({ filter: 'start_date=<yesterday, account day>&end_date=<today, account day>', narrowed: 'yes' });
  expect(call(file, 'POST /rest/inventory/adjustments')).toMatchObject({
    verdict: 'recorded only',
    answers: [{ failed: { status: 500, body: 'empty' } }],
  });
  expect(file.timeZone).toMatchObject({
    configured: 'America/Phoenix',
    datesCarry: ['-07:00'],
    fits: expect.arrayContaining(['America/Phoenix']),
  });

  // Shapes, never values: nothing the warehouse holds, nothing Amazon's buyers gave, no secret.
  const held = valuesIn([
    w.allocadence.orders(),
    w.allocadence.items(),
    w.allocadence.shippingOrders(),
    w.allocadence.inventory(),
    w.amazon.orders(),
  ]);
  expect(held.strings.size).toBeGreaterThan(100);
  expect([...held.strings].filter((s) => text.includes(s))).toEqual([]);
  expect(held.numbers.size).toBeGreaterThan(20);
  expect([...held.numbers].filter((n) => new RegExp(`(?<![\\d.])${n}(?![\\d.])`).test(text))).toEqual([]);
  expect(leaks({ 'shape file': text }, secretsOf(w.env))).toEqual([]);
  // Only reads, and writes that match nothing.
  expect(
    w.allocadence.requests
      .slice(before)
      .filter((r) => r.method !== 'GET' && !/\/0(\/cancel)?$/.test(r.path) && !r.path.endsWith('/adjustments')),
  ).toEqual([]);
});

test('the other legacy envelope and key spelling still read: reported as accepted alternatives, exit 0', async () => {
  const w = await busyWorld({ allocadence: { legacyShape: { envelope: 'object', keys: 'camel' } } });
  const { json, file } = await record(w);
  expect(json.exitCode).toBe(0);
  const list = call(file, 'GET /services/rest/shippingorders');
  expect(list).toMatchObject({ verdict: 'accepted alternative', mismatches: [] });
  expect(list.alternatives).toEqual([
    expect.stringMatching(/^rows under `shippingOrders`, not a bare array/),
    expect.stringMatching(/^keys in another case .*`shippingOrderId`.*`trackingNumber`/),
  ]);
  expect(call(file, 'GET /services/rest/shippingorders/{id}/items').verdict).toBe('accepted alternative');
  expect(row(json, 'GET /services/rest/shippingorders')).toMatchObject({
    result: 'ok',
    detail: expect.stringMatching(/^reads, in a form the tool also accepts[\s\S]*accepted alternative: rows under `shippingOrders`/),
  });
  expect(json.record?.mismatches).toBe(0);
});

test('a renamed field is a mismatch that names the call, the field and the features it stops (exit 3)', async () => {
  const w = await busyWorld();
  w.allocadence.rewriteNext('listShippingOrders', { remove: ['*.shippingorderid'], set: { '*.shippingorder_id': 1 }, times: 5 });
  const file = path.join(w.dir, 'shapes.json');
  const text = await w.run(['check', '--record', file]);
  expect(text.code).toBe(3);
  expect(text.out).toMatch(
    /allocadence shape: GET \/services\/rest\/shippingorders +FAIL +mismatch: rows have `shippingorder_id`, the tool reads `shippingorderid`/,
  );
  expect(text.out).toMatch(/These features cannot work.*\n {2}- push-shipments\n {2}- push-status\n\(exit 3\)/s);
  const shapes = JSON.parse(fs.readFileSync(file, 'utf8')) as ShapeFile;
  expect(call(shapes, 'GET /services/rest/shippingorders')).toMatchObject({
    verdict: 'mismatch',
    mismatches: ['rows have `shippingorder_id`, the tool reads `shippingorderid`'],
  });
});

test('API 2.0: a number sent as text, and dates written another way, are mismatches too', async () => {
  const w = await busyWorld();
  w.allocadence.rewriteNext('listInventory', { set: { 'inventory.*.sellable': '5' }, times: 5 });
  w.allocadence.rewriteNext('getOrder', { set: { modifiedDate: '12/03/2026 10:15 AM' }, times: 5 });
  const { json } = await record(w);
  expect(json.exitCode).toBe(3);
  expect(row(json, 'GET /rest/inventory')).toMatchObject({
    result: 'fail',
    detail: 'mismatch: `sellable` is string; the tool reads number',
    blocks: ['push-stock'],
  });
  expect(row(json, 'GET /rest/customer-orders/{id}')?.detail).toMatch(
    /^mismatch: `modifiedDate` is written like `99\/99\/9999 99:99 aa`; the tool reads dates as YYYY-MM-DD HH:MM:SS/,
  );
  expect(json.blocked).toEqual(expect.arrayContaining(['push-stock', 'pull-orders', 'push-status']));
});

test('stock rows that name no warehouse, from an account that ignores the warehouse filter, stop push-stock: it would sum every warehouse', async () => {
  const w = await busyWorld();
  // The plain probe, then the recorded read of "Main", then the name that matches nothing, answered with rows all the same.
  w.allocadence.rewriteNext('listInventory', { remove: ['inventory.*.warehouse'], times: 2 });
  w.allocadence.rewriteNext('listInventory', {
    body: { inventory: [{ item: { id: 1, sku: 'SKU-0001' }, sellable: 5 }], meta: { page: 1, perPage: 10, totalPages: 1, count: 1 } },
  });
  const { json, file } = await record(w);
  expect(w.allocadence.pendingRewrites()).toEqual({});
  expect(json.exitCode).toBe(3);
  expect(call(file, 'GET /rest/inventory').filters).toEqual([
    expect.objectContaining({ filter: 'warehouseName=<a name no warehouse has>', narrowed: 'no', blocks: ['push-stock'] }),
  ]);
  expect(row(json, 'GET /rest/inventory')?.detail).toMatch(
    /mismatch: filter warehouseName=<a name no warehouse has>: rows came back and rows name no warehouse: push-stock would add up the stock of every warehouse/,
  );
});

test('time zone not set: a warning shows the offset the account writes and a zone that fits', async () => {
  const w = await busyWorld({ timeZone: 'America/Toronto' }, (c) => delete (c.allocadence as Record<string, unknown>).timeZone);
  const r = await w.run(['--json', 'check']);
  const json = JSON.parse(r.out) as CheckJson;
  expect(json.exitCode).toBe(0);
  const offset = accountOffset(Date.now(), 'America/Toronto');
  const zone = json.checks.find((c) => c.check.startsWith('account time zone'));
  expect(zone).toMatchObject({
    result: 'warn',
    detail: expect.stringMatching(
      new RegExp(
        `^not set, so UTC is assumed; the account's dates carry ${offset}: America/Toronto.* would fit\\n  → set allocadence.timeZone`,
      ),
    ),
  });
});

test('time zone set to another zone than the account writes: a warning that it looks wrong', async () => {
  const w = await busyWorld({ timeZone: 'America/Toronto' }, (c) => ((c.allocadence as Record<string, unknown>).timeZone = 'Asia/Tokyo'));
  const { json, file } = await record(w);
  const zone = json.checks.find((c) => c.check.startsWith('account time zone'));
  const offset = accountOffset(Date.now(), 'America/Toronto');
  expect(zone).toMatchObject({
    result: 'warn',
    detail: expect.stringMatching(
      new RegExp(
        `^Asia/Tokyo looks wrong: it is \\+09:00 at the newest order's dates, but the account's dates carry ${offset}; America/Toronto`,
      ),
    ),
  });
  expect(file.timeZone).toMatchObject({
    configured: 'Asia/Tokyo',
    datesCarry: [offset],
    fits: expect.arrayContaining(['America/Toronto']),
  });
  expect(json.exitCode).toBe(0);
});

test('--record with --offline is a usage error; a file that cannot be written is exit 74 after the table', async () => {
  const w = await world({ seed: 42, fakeClock: true });
  expect((await w.run(['check', '--offline', '--record', path.join(w.dir, 'x.json')])).code).toBe(2);
  const r = await w.run(['check', '--record', path.join(w.dir, 'no-such-folder', 'shapes.json')]);
  expect(r.code).toBe(74);
  expect(r.out).toMatch(/shape file +FAIL +.*no-such-folder.*could not be written: ENOENT/);
  expect(r.out).toMatch(/the --record file could not be written \(exit 74\)/);
});

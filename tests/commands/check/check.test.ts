import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleConfig } from '../../helpers/example-config';
import { testWorld, worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface CheckJson {
  ok: boolean;
  exitCode: number;
  blocked: string[];
  checks: { area: string; check: string; result: string; detail: string; blocks?: string[] }[];
}

function row(json: CheckJson, check: RegExp): CheckJson['checks'][number] {
  const found = json.checks.find((c) => check.test(`${c.area}: ${c.check}`));
  if (!found) throw new Error(`no check matching ${check}: ${json.checks.map((c) => c.check).join(', ')}`);
  return found;
}

test('against the simulators: every probe is green, exit 0, and nothing changed on either side', async () => {
  const w = await world({ seed: 31, orders: 6, listings: 20, fakeClock: true });
  await w.run(['pull-orders']);
  const ordersBefore = JSON.stringify(w.allocadence.orders());
  const amazonBefore = JSON.stringify(w.amazon.orders());
  const text = await w.run(['check']);
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/Ready: every enabled feature can work/);
  for (const name of [
    'LWA token exchange',
    'searchOrders',
    'searchListingsItems',
    'getReports',
    'getFeeds',
    'GET /rest/customer-orders',
    'GET /rest/items',
    'GET /rest/items?searchFor=',
    'GET /rest/inventory',
    'GET /rest/inventory/kits',
    'shippingorders',
    'cancel',
  ]) {
    expect(text.out).toMatch(new RegExp(`${name.replace(/[/{}()?]/g, '\\$&')}.*\\s(ok|skip)\\s`));
  }
  expect(text.out).not.toMatch(/FAIL/);

  const json = JSON.parse((await w.run(['--json', 'check'])).out) as CheckJson;
  expect(json).toMatchObject({ ok: true, exitCode: 0, blocked: [] });
  expect(row(json, /GET \/rest\/customer-orders\/\{id\}/)).toMatchObject({ result: 'ok' });
  // No stock-adjustment call is known (and the simulator has none by default); importQuantities is off by default.
  expect(row(json, /adjustments/)).toMatchObject({
    result: 'warn',
    detail: expect.stringMatching(/^probably not a call this account has: .*HTTP 500 with an empty body.*\(not used by this config\)$/),
  });
  expect(row(json, /adjustments/).blocks).toBeUndefined();
  // Only reads, and writes that match nothing: no order, stock or Amazon state moved.
  expect(JSON.stringify(w.allocadence.orders())).toBe(ordersBefore);
  expect(w.allocadence.adjustments()).toEqual([]);
  expect(JSON.stringify(w.amazon.orders())).toBe(amazonBefore);
  expect(w.amazon.requests.filter((r) => r.method !== 'GET' && r.path !== '/auth/o2/token')).toEqual([]);
  expect(text.out + text.err).not.toContain(w.env.LWA_CLIENT_SECRET);
});

test('--offline on the example config without secrets lists every missing variable at once and exits 2', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-check-'));
  const config = path.join(dir, 'config.json');
  fs.copyFileSync(path.join(__dirname, '../../../config.example.json'), config);
  const w = await testWorld({ seed: 32 });
  try {
    const r = await w.run(['--config', config, 'check', '--offline']);
    expect(r.code).toBe(2);
    for (const v of [
      'LWA_CLIENT_ID',
      'LWA_CLIENT_SECRET',
      'AMAZON_REFRESH_TOKEN_ACME_US',
      'ALLOCADENCE_API_KEY',
      'ALLOCADENCE_API_SECRET',
      'ALLOCADENCE_SECURE_KEY',
    ])
      expect(r.out).toContain(v);
    expect(r.out).toMatch(/not probed \(--offline\)/);
    expect(w.amazon.requests).toEqual([]);
    expect(w.allocadence.requests).toEqual([]);
  } finally {
    await w.close();
  }
});

test('a config with problems lists them all and exits 2 without probing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloc-amazon-check-'));
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ ...exampleConfig(), stateDbb: 'x', amazon: { region: 'mars' } }));
  const w = await testWorld({ seed: 33 });
  try {
    const r = await w.run(['--config', config, 'check']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/local: config +FAIL .*2 problem/s);
    expect(r.out).toMatch(/stateDbb/);
    expect(r.out).toMatch(/region/);
  } finally {
    await w.close();
  }
});

test("with the warehouse's legacy API switched off, it names the features that stop working (exit 3)", async () => {
  const w = await world({ seed: 34, orders: 2, fakeClock: true });
  w.allocadence.setLegacyApi(false);
  const r = await w.run(['check']);
  expect(r.code).toBe(3);
  expect(r.out).toMatch(/shippingorders \(legacy\) +FAIL +not found on this account/);
  expect(r.out).toMatch(/cancel \(legacy\) +FAIL +not found on this account/);
  expect(r.out).toMatch(
    /These features cannot work.*\n {2}- pull-orders: Amazon cancellations reach Allocadence\n {2}- push-shipments\n {2}- push-status\n\(exit 3\)/s,
  );
  expect(r.out).not.toMatch(/- pull-items\n/);
});

test('an Amazon operation refused with 403 names the role to add and the features it blocks', async () => {
  const w = await world({ seed: 35, fakeClock: true });
  w.amazon.denyOperations(['searchListingsItems']);
  const json = JSON.parse((await w.run(['--json', 'check'])).out) as CheckJson;
  expect(json.exitCode).toBe(3);
  expect(row(json, /searchListingsItems/)).toMatchObject({
    result: 'fail',
    detail: expect.stringMatching(/HTTP 403[\s\S]*Product Listing role/),
    blocks: ['pull-items', 'push-stock'],
  });
  expect(json.blocked).toEqual(['pull-items', 'push-stock']);
  expect(row(json, /searchOrders/).result).toBe('ok');
});

test('a refused LWA client secret stops the Amazon probes of the seller at the token exchange', async () => {
  const w = await world({ seed: 36, fakeClock: true });
  const envFile = path.join(w.dir, '.env');
  fs.writeFileSync(
    envFile,
    fs.readFileSync(envFile, 'utf8').replace(/^LWA_CLIENT_SECRET=.*$/m, 'LWA_CLIENT_SECRET=amzn1.oa2-cs.v1.wrong'),
    { mode: 0o600 },
  );
  const r = await w.run(['check']);
  expect(r.code).toBe(3);
  expect(r.out).toMatch(/LWA token exchange +FAIL .*invalid_client/);
  expect(r.out).not.toMatch(/searchOrders/);
  expect(r.out).toMatch(/GET \/rest\/items +ok/);
  expect(r.out + r.err).not.toContain('amzn1.oa2-cs.v1.wrong');
});

test('initial quantities on: a missing adjustment call (500, empty body) fails the check and names the feature; present, it is ok', async () => {
  const w = await world({ seed: 37, fakeClock: true }, (c) => {
    ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).items = { importQuantities: true };
  });
  const json = JSON.parse((await w.run(['--json', 'check'])).out) as CheckJson;
  expect(json.exitCode).toBe(3);
  expect(row(json, /adjustments/)).toMatchObject({
    result: 'fail',
    detail: expect.stringMatching(/^probably not a call this account has/),
    blocks: ['pull-items: initial quantities'],
  });
  expect(json.blocked).toEqual(['pull-items: initial quantities']);
  w.allocadence.setBehaviour({ adjustments: true });
  const again = JSON.parse((await w.run(['--json', 'check'])).out) as CheckJson;
  expect(again.exitCode).toBe(0);
  expect(row(again, /adjustments/)).toMatchObject({
    result: 'ok',
    detail: expect.stringMatching(/^exists \(refused the inert probe as expected: HTTP 400\)/),
  });
  expect(w.allocadence.adjustments()).toEqual([]);
});

test('an account without the kit list, or one that ignores searchFor, gets warnings that say what the tool does then; the item search matches nothing', async () => {
  const w = await world({ seed: 38, fakeClock: true });
  w.allocadence.rewriteNext('listKitInventory', { status: 500, raw: '', times: 3 });
  const item = w.allocadence.items()[0];
  // The first items answer is the plain probe's; the second, the search's, comes back with an item as if searchFor were ignored.
  w.allocadence.rewriteNext('listItems', { times: 1 });
  w.allocadence.rewriteNext('listItems', { set: { items: [item], 'meta.count': 40, 'meta.totalPages': 40 } });
  const json = JSON.parse((await w.run(['--json', 'check'])).out) as CheckJson;
  expect(w.allocadence.pendingRewrites()).toEqual({});
  expect(json.exitCode).toBe(0);
  expect(row(json, /inventory\/kits/)).toMatchObject({
    result: 'warn',
    detail: expect.stringMatching(/^probably not a call this account has[\s\S]*→ push-stock leaves kit listings as they are on Amazon/),
  });
  expect(row(json, /searchFor/)).toMatchObject({
    result: 'warn',
    detail: expect.stringMatching(/searchFor seems ignored here, so pull-items reads every item to find one \(slow, still right\)/),
  });
  const search = w.allocadence.requests.find((r) => r.path === '/rest/items' && r.query.searchFor);
  expect(search?.query).toMatchObject({ searchFor: 'alloc-amazon-check-no-such-item', perPage: '1' });
});

import fs from 'node:fs';
import { assertBuilt, runCli } from '../helpers/cli-process';
import { blank, DAY, importedOrders, placedOrder, redactPuts, setRedactAfterDays, simOrder } from '../helpers/redact-world';
import { worldsClosedAfterEach, type TestWorld } from '../helpers/world-run';

const world = worldsClosedAfterEach();
beforeAll(assertBuilt);

const cli = (w: TestWorld, ...args: string[]) => runCli(['--config', w.configPath, '--json', ...args]);
const puts = (w: TestWorld): number => w.allocadence.requests.filter((r) => r.method !== 'GET').length;

interface Summary {
  runs: { totals: Record<string, number>; note?: string; failures: { key: string; reason: string }[] }[];
}

/**
 * Six orders: Amazon ones this tool imported, completed 40 days ago (old), 10 days ago (recent) and
 * not at all (open); an Amazon order the state does not know (number and source say Amazon),
 * completed 40 days ago; a Shopify order completed 40 days ago; an old one imported and cancelled.
 */
async function sixOrders(w: TestWorld): Promise<Record<'old' | 'recent' | 'open' | 'unknown' | 'shopify', string>> {
  const [old, recent, open] = (await importedOrders(w, 3)) as [string, string, string];
  await placedOrder(w, '111-2222222-3333333', 'Amazon');
  await placedOrder(w, 'SHOP-1001', 'Shopify');
  const now = Date.now();
  w.allocadence.completeOrder(old, now - 40 * DAY);
  w.allocadence.completeOrder(recent, now - 10 * DAY);
  w.allocadence.completeOrder('111-2222222-3333333', now - 40 * DAY);
  w.allocadence.completeOrder('SHOP-1001', now - 40 * DAY);
  return { old, recent, open, unknown: '111-2222222-3333333', shopify: 'SHOP-1001' };
}

test('only completed Amazon orders past privacy.redactAfterDays are blanked, once; --dry-run writes nothing', async () => {
  const w = await world({ seed: 81, orders: 0 });
  const o = await sixOrders(w);
  setRedactAfterDays(w, 30);
  const before = w.allocadence.orders();
  const writesBefore = puts(w);

  const dry = await cli(w, '--dry-run', 'redact-pii');
  expect(dry.code).toBe(0);
  expect((JSON.parse(dry.stdout) as Summary).runs[0]?.totals).toEqual({ 'would-redact': 2 });
  expect(puts(w)).toBe(writesBefore);
  expect(w.allocadence.orders()).toEqual(before);

  const run = await cli(w, 'redact-pii');
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as Summary).runs[0]?.totals).toEqual({ redacted: 2 });
  expect(Object.fromEntries(Object.entries(o).map(([k, n]) => [k, blank(w, n)]))).toEqual({
    old: true,
    recent: false,
    open: false,
    unknown: true,
    shopify: false,
  });
  const done = simOrder(w, o.old);
  expect(done?.customer).toMatchObject({ name: 'REDACTED', email: '' });
  expect(done?.shippingAddress).toMatchObject({
    name: 'REDACTED',
    line1: 'REDACTED',
    city: 'REDACTED',
    zip: '',
    phone: '',
    countryCode: 'US',
  });
  expect(done?.billingAddress).toMatchObject({ line1: 'REDACTED', phone: '' });
  expect(done?.items).toEqual(before.find((b) => b.orderNumber === o.old)?.items);
  expect(JSON.stringify(done)).not.toMatch(/Test Buyer/);

  // Again, and again with the state file's checkpoint forgotten: nothing sent twice.
  expect((await cli(w, 'redact-pii')).code).toBe(0);
  expect((await cli(w, 'redact-pii', '--since', new Date(Date.now() - 3650 * DAY).toISOString())).code).toBe(0);
  expect(Object.fromEntries(redactPuts(w))).toEqual({ [o.old]: 1, [o.unknown]: 1 });
  // The state file lost: the remote data alone says what is Amazon's and what is done.
  fs.rmSync(w.stateFile);
  const lost = await cli(w, 'redact-pii');
  expect(lost.code).toBe(0);
  expect((JSON.parse(lost.stdout) as Summary).runs[0]?.totals).toEqual({ 'already-redacted': 2 });
  expect(Object.fromEntries(redactPuts(w))).toEqual({ [o.old]: 1, [o.unknown]: 1 });
});

test('an account that refuses to edit a completed order: an item failure with the reason, retried; done once the edit is accepted', async () => {
  const w = await world({ seed: 82, orders: 0, allocadence: {} });
  const [old] = (await importedOrders(w, 1)) as [string];
  w.allocadence.completeOrder(old, Date.now() - 40 * DAY);
  setRedactAfterDays(w, 30);
  w.allocadence.setBehaviour({ completedOrderEdits: 'refuse' });
  const refused = await cli(w, 'redact-pii');
  expect(refused.code).toBe(1);
  const failures = (JSON.parse(refused.stdout) as Summary).runs[0]?.failures ?? [];
  expect(failures).toEqual([
    expect.objectContaining({ reason: expect.stringMatching(new RegExp(`^Allocadence refused to edit completed order ${old}: .*closed`)) }),
  ]);
  expect(blank(w, old)).toBe(false);
  w.allocadence.setBehaviour({ completedOrderEdits: 'accept' });
  const retried = await cli(w, 'redact-pii');
  expect(retried.code).toBe(0);
  expect(blank(w, old)).toBe(true);
  expect(Object.fromEntries(redactPuts(w))).toEqual({ [old]: 2 });
});

test('a seller without privacy.redactAfterDays: nothing read or written, and the run says why', async () => {
  const w = await world({ seed: 83, orders: 0 });
  const [old] = (await importedOrders(w, 1)) as [string];
  w.allocadence.completeOrder(old, Date.now() - 400 * DAY);
  const seen = w.allocadence.requests.length;
  const run = await cli(w, 'redact-pii');
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as Summary).runs[0]?.note).toMatch(/^privacy\.redactAfterDays is not set for this seller/);
  expect(w.allocadence.requests.length).toBe(seen);
  expect(blank(w, old)).toBe(false);
});

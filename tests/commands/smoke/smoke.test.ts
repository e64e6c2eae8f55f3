import fs from 'node:fs';
import path from 'node:path';
import { worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface SmokeJson {
  ok: boolean;
  results: { name: string; ok: boolean; detail: string }[];
}

const OPERATIONS = [
  'searchOrders',
  'getOrder',
  'confirmShipment',
  'searchListingsItems',
  'patchListingsItem',
  'createFeedDocument',
  'createFeed',
  'getFeed',
  'getFeeds',
  'getFeedDocument',
  'createReport',
  'getReport',
  'getReportDocument',
];

test('against the simulator playing the static sandbox: every operation answers and reads into the tool types (exit 0), without the warehouse secrets', async () => {
  const w = await world({ seed: 41, sandbox: true, fakeClock: true });
  const envFile = path.join(w.dir, '.env');
  fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace(/^ALLOCADENCE_.*$/gm, ''), { mode: 0o600 });
  const r = await w.run(['--json', 'smoke', '--sandbox']);
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out) as SmokeJson;
  expect(json.ok).toBe(true);
  for (const op of OPERATIONS) expect(json.results.some((x) => x.name === op && x.ok)).toBe(true);
  expect(json.results.find((x) => x.name === 'searchOrders')?.detail).toMatch(/250-1234567-8901234/);
  expect(json.results.find((x) => x.name.startsWith('searchOrders (invalid'))?.detail).toMatch(/HTTP 400 InvalidInput/);
  // Every operation reached the simulator; the warehouse was never called.
  const called = new Set(w.amazon.requests.map((q) => q.path));
  expect(called.has('/orders/v0/orders/902-1106328-1059050/shipmentConfirmation')).toBe(true);
  expect(w.allocadence.requests).toEqual([]);

  const text = await w.run(['smoke', '--sandbox']);
  expect(text.out).toMatch(/All 15 sandbox calls answered and read into the tool's types/);
});

test('against a live (non-sandbox) account the documented inputs do not match: failures are listed and the exit is 3', async () => {
  const w = await world({ seed: 42, fakeClock: true });
  const r = await w.run(['smoke', '--sandbox']);
  expect(r.code).toBe(3);
  expect(r.out).toMatch(/getOrder +FAIL +amazon getOrder: HTTP 404/);
  expect(r.out).toMatch(/\d+ of 15 sandbox calls failed/);
});

test('without --sandbox nothing is called (exit 2)', async () => {
  const w = await world({ seed: 43, sandbox: true });
  const r = await w.run(['smoke']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/pass --sandbox/);
  expect(w.amazon.requests).toEqual([]);
});

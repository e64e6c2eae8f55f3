import { createAllocadenceClients, type AllocadenceClients } from '../../src/allocadence/client';
import { AllocadenceItems } from '../../src/allocadence/items';
import type { Secrets } from '../../src/config/secrets';
import { newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { startAllocadenceSimulator, type AllocadenceSimOptions, type AllocadenceSimulator } from '../../src/simulator/allocadence';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const SECRETS: Secrets = {
  lwaClientId: 'unused-client-id',
  lwaClientSecret: 'unused-client-secret',
  refreshTokens: {},
  allocadenceApiKey: 'unit-api-key-0002',
  allocadenceApiSecret: 'unit-api-secret-0002',
  allocadenceSecureKey: 'unit-secure-key-0002',
};

const open: AllocadenceSimulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup(
  extra: Partial<AllocadenceSimOptions> = {},
): Promise<{ sim: AllocadenceSimulator; items: AllocadenceItems; clients: AllocadenceClients }> {
  const sim = await startAllocadenceSimulator({
    apiKey: SECRETS.allocadenceApiKey,
    apiSecret: SECRETS.allocadenceApiSecret,
    secureKey: SECRETS.allocadenceSecureKey,
    ...extra,
  });
  open.push(sim);
  const time = fakeTime();
  const clients = createAllocadenceClients(
    { baseUrl: `${sim.origin}/rest`, timeoutMs: 5000 },
    SECRETS,
    DEFAULT_RETRY,
    { ...time, random: () => 0.5, logger: captureLogger().logger },
    newStats(),
  );
  return { sim, items: new AllocadenceItems(clients), clients };
}

const listQueries = (sim: AllocadenceSimulator): Record<string, string>[] =>
  sim.requests.filter((r) => r.method === 'GET' && r.path === '/rest/items').map((r) => r.query);

test('a SKU whose search matches more than a page is found on a later page, by exact match', async () => {
  const { sim, items } = await setup({ catalogSize: 3 });
  sim.addItems(Array.from({ length: 150 }, (_, i) => ({ sku: `AB-${String(i).padStart(4, '0')}` })));
  sim.addItems([{ sku: 'AB', description: 'The one' }]);
  const found = await items.findBySku('AB');
  expect(found).toMatchObject({ sku: 'AB', active: true, kit: false });
  expect(listQueries(sim)).toEqual([
    { searchFor: 'AB', page: '1', perPage: '100' },
    { searchFor: 'AB', page: '2', perPage: '100' },
  ]);
  // A SKU that only matches others in part is not one of them.
  sim.requests.length = 0;
  expect(await items.findBySku('AB-00')).toBeUndefined();
  expect(listQueries(sim).map((q) => q.active ?? 'default')).toEqual(['default', 'false']);
});

test('an inactive item is found, and listed with the rest', async () => {
  const { sim, items } = await setup({ catalogSize: 3 });
  sim.addItems([{ sku: 'RETIRED-1', active: false, safetyStock: 4 }]);
  expect(await items.findBySku('RETIRED-1')).toMatchObject({ sku: 'RETIRED-1', active: false });
  const all = await items.bySku();
  expect([...all.keys()]).toEqual(['SKU-0001', 'SKU-0002', 'SKU-0003', 'RETIRED-1']);
  expect(all.get('RETIRED-1')?.safetyStock).toBe(4);
});

test('a create refused because an inactive item has the SKU finds that item instead of failing', async () => {
  const { sim, items } = await setup({ catalogSize: 1 });
  sim.addItems([{ sku: 'RETIRED-2', active: false }]);
  const { item, existed } = await items.create({ sku: 'RETIRED-2', description: 'Again', warehouse: 'Main' });
  expect(existed).toBe(true);
  expect(item).toMatchObject({ sku: 'RETIRED-2', active: false });
  expect(sim.items().filter((i) => i.sku === 'RETIRED-2')).toHaveLength(1);
});

test("a created item is assigned to the seller's warehouse, not the API user's current one", async () => {
  const { sim, items } = await setup({ catalogSize: 1, warehouses: ['Main', 'Overflow'], behaviour: { userWarehouse: 'Overflow' } });
  await items.create({ sku: 'NEW-1', description: 'New', warehouse: 'Main' });
  const post = sim.requests.find((r) => r.method === 'POST' && r.path === '/rest/items');
  expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ sku: 'NEW-1', assignToWarehouse: true, warehouseName: 'Main' });
  expect(
    sim
      .inventory()
      .filter((r) => r.item.sku === 'NEW-1')
      .map((r) => r.warehouse.name),
  ).toEqual(['Main']);
});

import { createAllocadenceClients } from '../../src/allocadence/client';
import { AllocadenceOrders } from '../../src/allocadence/orders';
import type { NewCustomerOrder } from '../../src/allocadence/types';
import type { Secrets } from '../../src/config';
import { newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { startAllocadenceSimulator, type AllocadenceSimulator } from '../../src/simulator/allocadence';
import { json, startServer } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const SECRETS: Secrets = {
  lwaClientId: 'unused-client-id',
  lwaClientSecret: 'unused-client-secret',
  refreshTokens: {},
  allocadenceApiKey: 'unit-api-key-0001',
  allocadenceApiSecret: 'unit-api-secret-0001',
  allocadenceSecureKey: 'unit-secure-key-0001',
};

function adapter(origin: string, secrets = SECRETS): AllocadenceOrders {
  const time = fakeTime();
  const clients = createAllocadenceClients(
    { baseUrl: `${origin}/rest`, timeoutMs: 5000 },
    secrets,
    DEFAULT_RETRY,
    { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: captureLogger().logger },
    newStats(),
  );
  return new AllocadenceOrders(clients);
}

const order = (orderNumber: string, sku = 'SKU-0001'): NewCustomerOrder => ({
  orderNumber,
  orderReference: orderNumber,
  orderSource: 'Amazon',
  orderedDate: '2026-11-27T10:00:00Z',
  shipFromWarehouseName: 'Main',
  customer: { name: 'Test Buyer' },
  shippingAddress: { line1: '100 Example St', city: 'Testville', countryCode: 'US' },
  items: [{ sku, quantity: 1, price: 9.5 }],
});

let sim: AllocadenceSimulator;
beforeEach(async () => {
  sim = await startAllocadenceSimulator({ apiKey: SECRETS.allocadenceApiKey, apiSecret: SECRETS.allocadenceApiSecret, secureKey: SECRETS.allocadenceSecureKey });
});
afterEach(() => sim.close());

test('a second create of the same number finds the first instead of failing or duplicating', async () => {
  const a = adapter(sim.origin);
  const first = await a.create(order('111-0000001-0000001'));
  const again = await a.create(order('111-0000001-0000001'));
  expect(first.existed).toBe(false);
  expect(again).toEqual({ order: expect.objectContaining({ id: first.order.id }), existed: true });
  expect(sim.orders()).toHaveLength(1);
});

test('a create whose answer was lost and whose duplicate refusal came back garbled still finds the order', async () => {
  const created = await adapter(sim.origin).create(order('111-0000001-0000009'));
  let posts = 0;
  const garbling = await startServer((req) => {
    if (req.method === 'POST') return ++posts === 1 ? { status: 201, raw: '{"truncated": ' } : { status: 400, raw: '{"code": "invalid_para' };
    return json(200, { customerOrders: sim.orders(), meta: { count: 1, page: 1, perPage: 100, totalPages: 1 } });
  });
  try {
    const again = await adapter(garbling.origin).create(order('111-0000001-0000009'));
    expect(again).toEqual({ order: expect.objectContaining({ id: created.order.id }), existed: true });
    expect(posts).toBe(2);
  } finally {
    await garbling.close();
  }
});

test('a refused line is an item error naming the SKU', async () => {
  await expect(adapter(sim.origin).create(order('111-0000001-0000002', 'NOPE'))).rejects.toMatchObject({ kind: 'item', status: 400, message: expect.stringMatching(/Unknown item SKU: NOPE/) });
});

test('cancel uses the SecureKey; a completed order cannot be cancelled', async () => {
  const a = adapter(sim.origin);
  const { order: o } = await a.create(order('111-0000001-0000003'));
  await a.cancel(o.id, 'Cancelled on Amazon');
  await a.cancel(o.id, 'Cancelled on Amazon');
  expect((await a.get(o.id))?.cancelled).toBe(true);
  const { order: done } = await a.create(order('111-0000001-0000004'));
  sim.completeOrder('111-0000001-0000004');
  await expect(a.cancel(done.id, 'x')).rejects.toMatchObject({ kind: 'item', status: 400 });
  expect(await a.get('999999')).toBeUndefined();
});

test('wrong credentials are fatal and do not echo them', async () => {
  const err = await adapter(sim.origin, { ...SECRETS, allocadenceApiSecret: 'wrong-secret-0001' })
    .findByNumber('x')
    .then(() => new Error('expected a failure'), (e: unknown) => e as Error);
  expect(err).toMatchObject({ kind: 'fatal', status: 401 });
  expect(err.message).not.toMatch(/wrong-secret-0001|unit-api-key-0001/);
});

test('an ignored orderNumber filter is detected, not taken for "not found"', async () => {
  const rows = [1, 2, 3].map((id) => ({ id, orderNumber: `other-${id}` }));
  const server = await startServer(() => json(200, { customerOrders: rows, meta: { page: 1, perPage: 100, totalPages: 1, count: 3 } }));
  try {
    await expect(adapter(server.origin).findByNumber('111-0000001-0000005')).rejects.toThrow(/orderNumber filter was ignored/);
  } finally {
    await server.close();
  }
});

test('lists pages by modified date and flags, in UTC whatever the account offset', async () => {
  const a = adapter(sim.origin);
  for (let i = 10; i < 13; i++) await a.create(order(`111-0000002-00000${i}`));
  sim.cancelOrder('111-0000002-0000011');
  const all: string[] = [];
  for await (const page of a.list({ modifiedSince: new Date(Date.now() - 60_000).toISOString() })) all.push(...page.map((o) => o.orderNumber));
  expect(all.sort()).toEqual(['111-0000002-0000010', '111-0000002-0000011', '111-0000002-0000012']);
  const cancelled: string[] = [];
  for await (const page of a.list({ cancelled: true })) cancelled.push(...page.map((o) => o.orderNumber));
  expect(cancelled).toEqual(['111-0000002-0000011']);
  const none: string[] = [];
  for await (const page of a.list({ modifiedSince: new Date(Date.now() + 60_000).toISOString() })) none.push(...page.map((o) => o.orderNumber));
  expect(none).toEqual([]);
});

test('a filter the account ignores is detected from the rows', async () => {
  const rows = [{ id: 1, orderNumber: 'old', modifiedDate: '2020-01-01T00:00:00-07:00', cancelled: false }];
  const server = await startServer(() => json(200, { customerOrders: rows, meta: { totalPages: 1 } }));
  try {
    const pages = adapter(server.origin).list({ modifiedSince: '2026-01-01T00:00:00Z' });
    await expect(pages.next()).rejects.toThrow(/a filter was ignored: order old/);
  } finally {
    await server.close();
  }
});

test('a wrong base URL (HTML answer) says so', async () => {
  const time = fakeTime();
  const clients = createAllocadenceClients({ baseUrl: `${sim.origin}/wrong/rest`, timeoutMs: 5000 }, SECRETS, DEFAULT_RETRY, { ...time, random: () => 0, logger: captureLogger().logger }, newStats());
  await expect(new AllocadenceOrders(clients).findByNumber('x')).rejects.toMatchObject({ kind: 'fatal', message: expect.stringMatching(/HTML page instead of JSON/) });
});

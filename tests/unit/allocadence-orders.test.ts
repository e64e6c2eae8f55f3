import { createAllocadenceClients } from '../../src/allocadence/client';
import { AllocadenceOrders } from '../../src/allocadence/orders';
import type { NewCustomerOrder } from '../../src/allocadence/types';
import type { Secrets } from '../../src/config/secrets';
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
  customer: { name: 'Test', surname: 'Buyer' },
  billingAddress: { sameAsShipping: true },
  shippingAddress: { line1: '100 Example St', city: 'Testville', countryCode: 'US' },
  items: [{ sku, quantity: 1, price: 9.5 }],
});

let sim: AllocadenceSimulator;
beforeEach(async () => {
  sim = await startAllocadenceSimulator({
    apiKey: SECRETS.allocadenceApiKey,
    apiSecret: SECRETS.allocadenceApiSecret,
    secureKey: SECRETS.allocadenceSecureKey,
  });
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
    if (req.method === 'POST')
      return ++posts === 1 ? { status: 201, raw: '{"truncated": ' } : { status: 400, raw: '{"code": "invalid_para' };
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
  await expect(adapter(sim.origin).create(order('111-0000001-0000002', 'NOPE'))).rejects.toMatchObject({
    kind: 'item',
    status: 400,
    message: expect.stringMatching(/Unknown item SKU: NOPE/),
  });
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
    .then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    );
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
  for await (const page of a.list({ modifiedSince: new Date(Date.now() - 60_000).toISOString() }))
    all.push(...page.map((o) => o.orderNumber));
  expect(all.sort()).toEqual(['111-0000002-0000010', '111-0000002-0000011', '111-0000002-0000012']);
  const cancelled: string[] = [];
  for await (const page of a.list({ cancelled: true })) cancelled.push(...page.map((o) => o.orderNumber));
  expect(cancelled).toEqual(['111-0000002-0000011']);
  const none: string[] = [];
  for await (const page of a.list({ modifiedSince: new Date(Date.now() + 60_000).toISOString() }))
    none.push(...page.map((o) => o.orderNumber));
  expect(none).toEqual([]);
});

/** A server answering every list with `rows`, recording what it was asked. */
async function listing(rows: unknown[]) {
  const asked: URLSearchParams[] = [];
  const server = await startServer((req) => {
    asked.push(req.query);
    return json(200, { customerOrders: rows, meta: { page: 1, perPage: 100, totalPages: 1, count: rows.length } });
  });
  return { server, asked };
}

function zoned(origin: string, timeZone: string): AllocadenceOrders {
  const time = fakeTime();
  const clients = createAllocadenceClients(
    { baseUrl: `${origin}/rest`, timeoutMs: 5000 },
    SECRETS,
    DEFAULT_RETRY,
    { ...time, random: () => 0, logger: captureLogger().logger },
    newStats(),
  );
  return new AllocadenceOrders(clients, { timeZone });
}

async function numbers(pages: AsyncIterable<{ orderNumber: string }[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const page of pages) out.push(...page.map((o) => o.orderNumber));
  return out;
}

test.each([
  // 2026-11-28T05:30Z is the 27th in Los Angeles (UTC-8) and the 28th in Auckland (UTC+13).
  ['America/Los_Angeles', '2026-11-27'],
  ['Pacific/Auckland', '2026-11-28'],
  ['UTC', '2026-11-28'],
])('the date filter is sent as the account-local day of modifiedSince (%s) and rows before the instant are dropped', async (zone, day) => {
  const since = '2026-11-28T05:30:00Z';
  const rows = [
    { id: 1, orderNumber: 'same-day-before', modifiedDate: '2026-11-27T21:29:59-08:00' },
    { id: 2, orderNumber: 'at-since', modifiedDate: '2026-11-27T21:30:00-08:00' },
    { id: 3, orderNumber: 'after', modifiedDate: '2026-11-28T18:31:00+13:00' },
    { id: 4, orderNumber: 'undated', modifiedDate: '' },
  ];
  const { server, asked } = await listing(rows);
  try {
    expect(await numbers(zoned(server.origin, zone).list({ modifiedSince: since }))).toEqual(['at-since', 'after', 'undated']);
    expect(Object.fromEntries(asked[0] ?? [])).toEqual({
      modifiedDate: day,
      modifiedDateConditional: 'on_or_after',
      page: '1',
      perPage: '100',
    });
  } finally {
    await server.close();
  }
});

test('a row within a day and a half before modifiedSince is a day-granular filter at work; one older means the filter was ignored', async () => {
  const since = '2026-11-28T05:30:00Z';
  const within = await listing([{ id: 1, orderNumber: 'early-that-day', modifiedDate: '2026-11-26T17:31:00Z' }]);
  const beyond = await listing([{ id: 2, orderNumber: 'old', modifiedDate: '2026-11-26T17:29:00Z' }]);
  try {
    expect(await numbers(zoned(within.server.origin, 'Pacific/Kiritimati').list({ modifiedSince: since }))).toEqual([]);
    await expect(numbers(zoned(beyond.server.origin, 'UTC').list({ modifiedSince: since }))).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringMatching(/the modifiedDate filter was ignored: order old was last modified 2026-11-26T17:29:00Z/),
    });
  } finally {
    await within.server.close();
    await beyond.server.close();
  }
});

test('a flag filter the account ignores is detected from the rows; an unreadable date names the order and the field', async () => {
  const flags = await listing([{ id: 1, orderNumber: 'open-one', cancelled: false }]);
  const garbled = await listing([{ id: 2, orderNumber: 'odd', modifiedDate: 'last Tuesday' }]);
  try {
    await expect(numbers(adapter(flags.server.origin).list({ cancelled: true }))).rejects.toThrow(/a filter was ignored: order open-one/);
    await expect(numbers(adapter(garbled.server.origin).list({ modifiedSince: '2026-01-01T00:00:00Z' }))).rejects.toMatchObject({
      kind: 'fatal',
      message: expect.stringMatching(
        /listCustomerOrders: HTTP 200 order odd: modifiedDate "last Tuesday" is not a date \(expected ISO-8601/,
      ),
    });
  } finally {
    await flags.server.close();
    await garbled.server.close();
  }
});

test('an order is looked up with orderNumberConditional=matches and matched exactly', async () => {
  const { server, asked } = await listing([{ id: 7, orderNumber: '111-0000001-0000007' }]);
  try {
    expect(await adapter(server.origin).findByNumber('111-0000001-0000007')).toMatchObject({ id: '7' });
    expect(asked[0]?.get('orderNumber')).toBe('111-0000001-0000007');
    expect(asked[0]?.get('orderNumberConditional')).toBe('matches');
    expect(await adapter(server.origin).findByNumber('111-0000001-0000008')).toBeUndefined();
  } finally {
    await server.close();
  }
});

test('the create answer gives the ship-from warehouse and line ids', async () => {
  const { order: o } = await adapter(sim.origin).create({
    ...order('111-0000003-0000001'),
    items: [
      { sku: 'SKU-0001', quantity: 1 },
      { sku: 'SKU-0002', quantity: 2 },
    ],
  });
  expect(o.shipFromWarehouse).toEqual({ id: '1', name: 'Main' });
  expect(o.items?.map((l) => [l.sku, typeof l.id])).toEqual([
    ['SKU-0001', 'string'],
    ['SKU-0002', 'string'],
  ]);
});

test('a wrong base URL (HTML answer) says so', async () => {
  const time = fakeTime();
  const clients = createAllocadenceClients(
    { baseUrl: `${sim.origin}/wrong/rest`, timeoutMs: 5000 },
    SECRETS,
    DEFAULT_RETRY,
    { ...time, random: () => 0, logger: captureLogger().logger },
    newStats(),
  );
  await expect(new AllocadenceOrders(clients).findByNumber('x')).rejects.toMatchObject({
    kind: 'fatal',
    message: expect.stringMatching(/HTML page instead of JSON/),
  });
});

import { createAllocadenceClients, looksLikeNoSuchCall } from '../../src/allocadence/client';
import { readWarehouseStock } from '../../src/allocadence/inventory';
import type { Secrets } from '../../src/config/secrets';
import { RemoteError } from '../../src/errors';
import { newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { json, startServer, type SimResponse } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const SECRETS: Secrets = {
  lwaClientId: 'unused-client-id',
  lwaClientSecret: 'unused-client-secret',
  refreshTokens: {},
  allocadenceApiKey: 'unit-api-key-0003',
  allocadenceApiSecret: 'unit-api-secret-0003',
  allocadenceSecureKey: 'unit-secure-key-0003',
};

const row = (id: number, sellable: number, warehouse = 'Main') => ({
  item: { id, sku: `S-${id}` },
  warehouse: { id: warehouse === 'Main' ? 1 : 2, name: warehouse },
  sellable,
});

/** Serves `pages(read)` for the n-th whole read (a read starts at page 1) of /rest/inventory; kits as given. */
async function serve(
  pagesOf: (read: number) => { rows: unknown[]; count?: number; totalPages?: number }[],
  kits?: (page: number) => SimResponse,
) {
  let read = 0;
  const server = await startServer((req) => {
    const page = Number(req.query.get('page') ?? '1');
    if (req.path === '/rest/inventory/kits')
      return kits ? kits(page) : json(200, { inventory: [], meta: { count: 0, page: 1, perPage: 100, totalPages: 0 } });
    if (page === 1) read++;
    const pages = pagesOf(read);
    const p = pages[page - 1] ?? { rows: [] };
    return json(200, {
      inventory: p.rows,
      meta: {
        count: p.count ?? pages.reduce((n, x) => n + x.rows.length, 0),
        page,
        perPage: 100,
        totalPages: p.totalPages ?? pages.length,
      },
    });
  });
  const time = fakeTime();
  const clients = createAllocadenceClients(
    { baseUrl: `${server.origin}/rest`, timeoutMs: 5000 },
    SECRETS,
    { ...DEFAULT_RETRY, maxAttempts: 2 },
    { ...time, random: () => 0, logger: captureLogger().logger },
    newStats(),
  );
  return { server, clients, reads: () => read };
}

const full = (from: number, n: number, sellable = 1) => Array.from({ length: n }, (_, i) => row(from + i, sellable));

test('a row that comes back twice with the same figures counts once', async () => {
  // 150 distinct rows; page 2 repeats page 1's last row, and the count says 150.
  const { server, clients, reads } = await serve(() => [
    { rows: full(1, 100, 2), count: 150 },
    { rows: [row(100, 2), ...full(101, 50, 2)], count: 150 },
  ]);
  try {
    const stock = await readWarehouseStock(clients, 'Main', { kits: false });
    expect(stock.sellable.get('S-100')).toBe(2);
    expect([...stock.sellable.values()].reduce((a, b) => a + b, 0)).toBe(300);
    expect(reads()).toBe(1);
  } finally {
    await server.close();
  }
});

test.each([
  [
    'a repeat with another figure',
    () => [{ rows: full(1, 100) }, { rows: [row(100, 9), ...full(101, 20)] }],
    /S-100 in Main came back twice, with sellable 1 and 9/,
  ],
  [
    'a count that changes between pages',
    () => [
      { rows: full(1, 100), count: 150, totalPages: 2 },
      { rows: full(101, 50), count: 151, totalPages: 2 },
    ],
    /page 2 says 151 row\(s\) on 2 page\(s\) where page 1 said 150 on 2/,
  ],
  [
    'a short page before the last',
    () => [
      { rows: full(1, 99), count: 150 },
      { rows: full(100, 51), count: 150 },
    ],
    /page 1 of 2 has 99 row\(s\), not 100/,
  ],
  [
    'fewer distinct rows than counted',
    () => [
      { rows: full(1, 100), count: 101 },
      { rows: [row(1, 1)], count: 101 },
    ],
    /100 distinct row\(s\) where the list counts 101/,
  ],
])('%s: read again once, then the run stops before anything is done with it', async (_label, pages, problem) => {
  const seen: string[] = [];
  const { server, clients, reads } = await serve(pages);
  try {
    const err = await readWarehouseStock(clients, 'Main', { kits: false, onReread: (list, p) => seen.push(`${list}: ${p}`) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({
      kind: 'fatal',
      operation: 'listInventory',
      message: expect.stringMatching(/did not read as one consistent list, twice/),
    });
    expect((err as Error).message).toMatch(problem);
    expect(seen).toEqual([expect.stringMatching(problem)]);
    expect(reads()).toBe(2);
  } finally {
    await server.close();
  }
});

test('a read that adds up the second time is used', async () => {
  const { server, clients, reads } = await serve((read) =>
    read === 1
      ? [
          { rows: full(1, 99), count: 120 },
          { rows: full(100, 21), count: 120 },
        ]
      : [
          { rows: full(1, 100, 3), count: 120 },
          { rows: full(101, 20, 3), count: 120 },
        ],
  );
  try {
    const stock = await readWarehouseStock(clients, 'Main', { kits: false });
    expect(stock.sellable.size).toBe(120);
    expect(stock.sellable.get('S-120')).toBe(3);
    expect(reads()).toBe(2);
  } finally {
    await server.close();
  }
});

test('kits come from /inventory/kits; a SKU on both lists gets the smaller figure; rows of another warehouse are left out', async () => {
  const kits = () =>
    json(200, {
      inventory: [
        { item: { id: 900, sku: 'KIT' }, warehouse: { id: 1, name: 'Main' }, sellable: 4 },
        { item: { id: 2, sku: 'S-2' }, warehouse: { id: 1, name: 'Main' }, sellable: 1 },
      ],
      meta: { count: 2, page: 1, perPage: 100, totalPages: 1 },
    });
  const { server, clients } = await serve(() => [{ rows: [row(1, 5), row(2, 6), row(3, 7, 'Overflow')] }], kits);
  try {
    const stock = await readWarehouseStock(clients, 'Main', { kits: true });
    expect(Object.fromEntries(stock.sellable)).toEqual({ 'S-1': 5, 'S-2': 1, KIT: 4 });
    expect(stock.kitsUnread).toBeUndefined();
  } finally {
    await server.close();
  }
});

test('an account without /inventory/kits (500, empty body) leaves kit stock unknown rather than 0; any other kit failure stops', async () => {
  const missing = await serve(
    () => [{ rows: [row(1, 5)] }],
    () => ({ status: 500, raw: '' }),
  );
  const failing = await serve(
    () => [{ rows: [row(1, 5)] }],
    () => json(500, { code: 'server_error', message: 'Boom.' }),
  );
  try {
    const stock = await readWarehouseStock(missing.clients, 'Main', { kits: true });
    expect(Object.fromEntries(stock.sellable)).toEqual({ 'S-1': 5 });
    expect(stock.kitsUnread).toMatch(
      /GET \/inventory\/kits is probably not a call this account has \(allocadence listKitInventory: HTTP 500 with an empty body/,
    );
    await expect(readWarehouseStock(failing.clients, 'Main', { kits: true })).rejects.toMatchObject({
      kind: 'fatal',
      code: 'server_error',
    });
  } finally {
    await missing.server.close();
    await failing.server.close();
  }
});

test('looksLikeNoSuchCall: 500 with an empty body, or a 404 page; not a JSON error', () => {
  const e = (status: number, detail: string, code?: string) =>
    new RemoteError({ system: 'allocadence', operation: 'x', kind: 'fatal', status, detail, ...(code ? { code } : {}) });
  expect(looksLikeNoSuchCall(e(500, 'with an empty body; not sent again, since it may have taken effect'))).toBe(true);
  expect(looksLikeNoSuchCall(e(404, 'an HTML page instead of JSON: wrong base URL'))).toBe(true);
  expect(looksLikeNoSuchCall(e(500, 'Boom.', 'server_error'))).toBe(false);
  expect(looksLikeNoSuchCall(e(404, 'Order not found.'))).toBe(false);
  expect(
    looksLikeNoSuchCall(new RemoteError({ system: 'amazon', operation: 'x', kind: 'fatal', status: 500, detail: 'with an empty body' })),
  ).toBe(false);
});

import { RemoteError } from '../../src/errors';
import { HttpClient, newStats, serializeParams } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { json, startServer, type RunningServer, type SimHandler, type SimResponse } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

let server: RunningServer;
let answers: SimResponse[];
let seen: { method: string; path: string; query: string; headers: Record<string, unknown>; at?: number }[];
/** The fake clock of a test that times arrivals. */
let arrivalClock: (() => number) | undefined;
const handler: SimHandler = (req) => {
  seen.push({
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    headers: req.headers,
    ...(arrivalClock ? { at: arrivalClock() } : {}),
  });
  return answers.shift() ?? json(200, { ok: true });
};

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(() => server.close());
beforeEach(() => {
  answers = [];
  seen = [];
  arrivalClock = undefined;
});

function client(opts: { maxAttempts?: number; baseURL?: string } = {}) {
  const time = fakeTime();
  const log = captureLogger();
  const stats = newStats();
  const http = new HttpClient({
    system: 'amazon',
    baseURL: opts.baseURL ?? server.origin,
    timeoutMs: 5000,
    retry: { ...DEFAULT_RETRY, maxAttempts: opts.maxAttempts ?? 4 },
    deps: { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: log.logger },
    stats,
    authHeaders: () => ({ 'x-amz-access-token': 'Atza|test-access-token' }),
    describeError: (b) => {
      const e = (b as { errors?: { code: string; message: string }[] } | undefined)?.errors?.[0];
      return e ? { code: e.code, detail: e.message } : {};
    },
  });
  return { http, time, log, stats };
}

const amazonError = (status: number, code: string): SimResponse => json(status, { errors: [{ code, message: `${code} happened` }] });

test('arrays are comma-separated and values encoded', () => {
  expect(serializeParams({ a: ['X', 'Y'], t: '2026-01-01T00:00:00+01:00', skip: undefined })).toBe(
    'a=X%2CY&t=2026-01-01T00%3A00%3A00%2B01%3A00',
  );
});

test('retries 429, 500 and 503 with growing back-off, logging each retry once', async () => {
  answers = [amazonError(429, 'QuotaExceeded'), amazonError(500, 'InternalFailure'), amazonError(503, 'ServiceUnavailable')];
  const { http, time, log, stats } = client();
  const res = await http.request<{ ok: boolean }>({ operation: 'getOrder', method: 'GET', path: '/x', params: { ids: ['a', 'b'] } });
  expect(res.data).toEqual({ ok: true });
  expect(time.sleeps).toEqual([750, 1500, 3000]);
  expect(stats).toEqual({ requests: 4, retries: 3, throttled: 1 });
  const retries = log.records().filter((r) => r.msg === 'retrying');
  expect(retries.map((r) => r.status)).toEqual([429, 500, 503]);
  expect(seen[0]?.query).toBe('ids=a%2Cb');
  expect(seen[0]?.headers['x-amz-access-token']).toBe('Atza|test-access-token');
});

test('gives up after the attempt cap with a fatal error naming the operation', async () => {
  answers = Array.from({ length: 10 }, () => amazonError(503, 'ServiceUnavailable'));
  const { http } = client({ maxAttempts: 3 });
  const err = await http.request({ operation: 'searchOrders', method: 'GET', path: '/x' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RemoteError);
  expect(err).toMatchObject({ kind: 'fatal', status: 503, operation: 'searchOrders' });
  expect((err as Error).message).toMatch(/^amazon searchOrders: HTTP 503 ServiceUnavailable: .*gave up after 3 attempts/);
  expect(seen).toHaveLength(3);
});

test('a 500 to a non-idempotent POST may have taken effect: not resent', async () => {
  answers = [amazonError(500, 'InternalFailure')];
  const { http } = client();
  await expect(http.request({ operation: 'createFeed', method: 'POST', path: '/x', data: {} })).rejects.toMatchObject({
    kind: 'uncertain',
  });
  expect(seen).toHaveLength(1);
});

test('a 429 to a POST was not processed, so it is retried', async () => {
  answers = [amazonError(429, 'QuotaExceeded')];
  const { http } = client();
  await http.request({ operation: 'createFeed', method: 'POST', path: '/x', data: {} });
  expect(seen).toHaveLength(2);
});

test('other 4xx are item errors, never retried', async () => {
  answers = [amazonError(400, 'InvalidInput')];
  const { http } = client();
  await expect(http.request({ operation: 'getOrder', method: 'GET', path: '/x' })).rejects.toMatchObject({
    kind: 'item',
    status: 400,
    code: 'InvalidInput',
  });
  expect(seen).toHaveLength(1);
});

test('401/403 are fatal', async () => {
  answers = [amazonError(403, 'Unauthorized')];
  const { http } = client();
  await expect(http.request({ operation: 'getOrder', method: 'GET', path: '/x' })).rejects.toMatchObject({ kind: 'fatal', status: 403 });
});

test('an HTML page says wrong path or API not enabled', async () => {
  answers = [{ status: 404, raw: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } }];
  const { http } = client();
  await expect(http.request({ operation: 'listCustomerOrders', method: 'GET', path: '/x' })).rejects.toThrow(
    /HTML page instead of JSON: wrong base URL or path/,
  );
});

test('an HTML error page (a proxy in front of the API) says the service is failing, not that the path is wrong', async () => {
  const page = (status: number): SimResponse => ({
    status,
    raw: '<!DOCTYPE html><html><body>Bad Gateway</body></html>',
    headers: { 'content-type': 'text/html' },
  });
  answers = Array.from({ length: 4 }, () => page(502));
  await expect(client().http.request({ operation: 'listItems', method: 'GET', path: '/x' })).rejects.toThrow(
    /^amazon listItems: HTTP 502 an HTML error page instead of JSON: the service, or a proxy in front of it, is failing \(gave up after 4 attempts\)$/,
  );
  // At 200 it is no answer either: the same words as any HTML page where JSON belongs.
  answers = Array.from({ length: 4 }, () => page(200));
  await expect(client().http.request({ operation: 'listItems', method: 'GET', path: '/x' })).rejects.toThrow(
    /HTTP 200 an HTML page instead of JSON: wrong base URL or path/,
  );
});

test('a write that may have taken effect says why it is not sent again', async () => {
  answers = [amazonError(500, 'InternalFailure')];
  await expect(client().http.request({ operation: 'adjustStock', method: 'POST', path: '/x', data: {} })).rejects.toThrow(
    /^amazon adjustStock: HTTP 500 InternalFailure: InternalFailure happened; not sent again, since it may have taken effect$/,
  );
});

test('"no response" only when the network failed', () => {
  expect(new RemoteError({ system: 'amazon', operation: 'getReport', kind: 'fatal', detail: 'report 5 ended FATAL' }).message).toBe(
    'amazon getReport: report 5 ended FATAL',
  );
  expect(
    new RemoteError({ system: 'lwa', operation: 'token', kind: 'retriable', code: 'ECONNRESET', detail: 'socket hang up' }).message,
  ).toBe('lwa token: no response ECONNRESET: socket hang up');
});

test('a malformed body is retried for a GET', async () => {
  answers = [{ status: 200, raw: '{"truncated": ' }];
  const { http } = client();
  await expect(http.request({ operation: 'getOrder', method: 'GET', path: '/x' })).resolves.toMatchObject({ data: { ok: true } });
});

test('a refused connection is retried with back-off, a write too (nothing was sent), then fatal naming the attempts', async () => {
  const { http, stats, time } = client({ baseURL: 'http://127.0.0.1:1' });
  const started = time.clock();
  await expect(http.request({ operation: 'createFeed', method: 'POST', path: '/x', data: {} })).rejects.toMatchObject({
    kind: 'fatal',
    code: 'ECONNREFUSED',
    message: expect.stringContaining('gave up after 4 attempts') as unknown,
  });
  expect(stats.retries).toBe(3);
  // Back-off on the injected clock: 0.75 s, 1.5 s, 3 s (half fixed, half jitter at 0.5).
  expect(time.clock() - started).toBe(5250);
});

test('the rate header adapts the limiter', async () => {
  answers = [json(200, {}, { 'x-amzn-ratelimit-limit': '3.5' })];
  const { RateLimiter } = await import('../../src/http/rate-limiter');
  const time = fakeTime();
  const limiter = new RateLimiter({ getOrder: { rate: 0.5, burst: 30 } }, time);
  const http = new HttpClient({
    system: 'amazon',
    baseURL: server.origin,
    timeoutMs: 5000,
    retry: DEFAULT_RETRY,
    deps: { ...time, random: () => 0, logger: captureLogger().logger },
    stats: newStats(),
    limiter,
    describeError: () => ({}),
  });
  await http.request({ operation: 'getOrder', method: 'GET', path: '/x' });
  expect(limiter.limitOf('getOrder')?.rate).toBe(3.5);
});

test('credentials come before the rate-limit queue: a slow token exchange does not make the next request early', async () => {
  const { RateLimiter } = await import('../../src/http/rate-limiter');
  const time = fakeTime();
  arrivalClock = time.clock;
  let exchanged = false;
  const http = new HttpClient({
    system: 'amazon',
    baseURL: server.origin,
    timeoutMs: 5000,
    retry: DEFAULT_RETRY,
    deps: { ...time, random: () => 0, logger: captureLogger().logger },
    stats: newStats(),
    limiter: new RateLimiter({ confirmShipment: { rate: 1, burst: 1 } }, time),
    authHeaders: async () => {
      // The first call exchanges the refresh token, which takes a while; later ones hit the cache.
      if (!exchanged) await time.sleep(500);
      exchanged = true;
      return { 'x-amz-access-token': 'Atza|test-access-token' };
    },
    describeError: () => ({}),
  });
  for (let i = 0; i < 2; i++) await http.request({ operation: 'confirmShipment', method: 'POST', path: '/x', data: {} });
  const [first, second] = seen.map((s) => s.at ?? NaN);
  // At 1 request/s with a burst of 1, the server's bucket has a token again only a second after the first arrival.
  expect((second ?? NaN) - (first ?? NaN)).toBeGreaterThanOrEqual(1000);
});

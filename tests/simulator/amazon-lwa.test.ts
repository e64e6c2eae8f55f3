import type { AmazonSimulator } from '../../src/simulator/amazon';
import { T0, startAmazonSim, type SimClock } from '../helpers/amazon-sim';

const SELLERS = [
  { sellerId: 'A1SELLER', refreshToken: 'Atzr|refresh-one', marketplaceIds: ['ATVPDKIKX0DER'] },
  { sellerId: 'A2SELLER', refreshToken: 'Atzr|refresh-two', marketplaceIds: ['A2EUQ1WTGCTBG2'] },
];

let sim: AmazonSimulator;
let clock: SimClock;

beforeEach(async () => {
  ({ sim, clock } = await startAmazonSim({ clientId: 'app-id', clientSecret: 'app-secret', sellers: SELLERS, tokenTtlSeconds: 600 }));
});
afterEach(() => sim.close());

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(fields).toString(),
  };
}

const GOOD = { grant_type: 'refresh_token', refresh_token: 'Atzr|refresh-one', client_id: 'app-id', client_secret: 'app-secret' };

async function tokenFor(refreshToken: string): Promise<string> {
  const res = await fetch(`${sim.origin}/auth/o2/token`, form({ ...GOOD, refresh_token: refreshToken }));
  return ((await res.json()) as { access_token: string }).access_token;
}

function getOrders(token?: string): Promise<Response> {
  const url = `${sim.origin}/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00:00:00Z`;
  return fetch(url, token ? { headers: { 'x-amz-access-token': token } } : {});
}

describe('LWA token endpoint', () => {
  test('a form-encoded refresh grant returns a bearer token with the ttl', async () => {
    const res = await fetch(`${sim.origin}/auth/o2/token`, form(GOOD));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^Atza\|[\w-]{64}$/),
      refresh_token: 'Atzr|refresh-one',
      token_type: 'bearer',
      expires_in: 600,
    });
  });

  test('a JSON body works too', async () => {
    const res = await fetch(`${sim.origin}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(GOOD),
    });
    expect(res.status).toBe(200);
  });

  test.each([
    ['a wrong client id', { client_id: 'other' }],
    ['a wrong client secret', { client_secret: 'rotated' }],
  ])('%s is 401 invalid_client', async (_name, change) => {
    const res = await fetch(`${sim.origin}/auth/o2/token`, form({ ...GOOD, ...change }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
  });

  test('an unknown refresh token is 400 invalid_grant', async () => {
    const res = await fetch(`${sim.origin}/auth/o2/token`, form({ ...GOOD, refresh_token: 'Atzr|nobody' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The request has an invalid grant parameter : refresh_token',
    });
  });

  test('a missing parameter is 400 invalid_request; another grant type is unsupported_grant_type', async () => {
    const { refresh_token: _omit, ...noRefresh } = GOOD;
    const missing = await fetch(`${sim.origin}/auth/o2/token`, form(noRefresh));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
    const badJson = await fetch(`${sim.origin}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(((await badJson.json()) as { error: string }).error).toBe('invalid_request');
    const grant = await fetch(`${sim.origin}/auth/o2/token`, form({ ...GOOD, grant_type: 'client_credentials' }));
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });
});

describe('access tokens on SP-API routes', () => {
  const DENIED = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };
  const EXPIRED = {
    errors: [
      { code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' },
    ],
  };

  test('a missing or unknown token is 403 Unauthorized', async () => {
    for (const res of [await getOrders(), await getOrders('Atza|made-up')]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual(DENIED);
    }
  });

  test('a token works until its ttl passes on the injected clock, then says it expired', async () => {
    const token = await tokenFor('Atzr|refresh-one');
    clock.set(T0 + 599_000);
    expect((await getOrders(token)).status).toBe(200);
    clock.set(T0 + 600_000);
    const res = await getOrders(token);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(EXPIRED);
  });

  test('POST /__sim/expire-tokens ends every token; a fresh one works again', async () => {
    const token = await tokenFor('Atzr|refresh-one');
    const admin = await fetch(`${sim.origin}/__sim/expire-tokens`, { method: 'POST' });
    expect(admin.status).toBe(200);
    expect(await (await getOrders(token)).json()).toEqual(EXPIRED);
    expect((await getOrders(await tokenFor('Atzr|refresh-one'))).status).toBe(200);
    expect(sim.requests.some((r) => r.path.startsWith('/__sim/'))).toBe(false);
  });

  test('every answer carries x-amzn-RequestId, and requests are recorded in order', async () => {
    const token = await tokenFor('Atzr|refresh-one');
    const answers = [await getOrders(), await getOrders(token), await fetch(`${sim.origin}/nowhere`)];
    for (const res of answers) expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(sim.requests.map((r) => [r.path, r.status])).toEqual([
      ['/auth/o2/token', 200],
      ['/orders/2026-01-01/orders', 403],
      ['/orders/2026-01-01/orders', 200],
      ['/nowhere', 404],
    ]);
    expect(sim.requests[2]?.headers['x-amz-access-token']).toBe(token);
  });
});

import { getOrder } from '../../src/amazon/orders-api';
import { LwaTokenProvider } from '../../src/amazon/lwa';
import { createSpApiClient } from '../../src/amazon/sp-api';
import { validateConfig } from '../../src/config/load';
import { newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { Redactor } from '../../src/output/redact';
import { startAmazonSimulator, type AmazonSimulator } from '../../src/simulator/amazon';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const CLIENT = { clientId: 'amzn1.application-oa2-client.unit0001', clientSecret: 'unit-client-secret-0001' };
const SELLER = { sellerId: 'A1UNITSELLER', refreshToken: 'Atzr|unit-refresh-0001', marketplaceIds: ['ATVPDKIKX0DER'] };

let sim: AmazonSimulator;
let time: ReturnType<typeof fakeTime>;
beforeEach(async () => {
  time = fakeTime(Date.now());
  sim = await startAmazonSimulator({ ...CLIENT, sellers: [SELLER], now: time.clock, tokenTtlSeconds: 3600 });
});
afterEach(() => sim.close());

function provider(overrides: Partial<typeof CLIENT> = {}, redactor = new Redactor()) {
  return new LwaTokenProvider({
    tokenUrl: `${sim.origin}/auth/o2/token`,
    ...CLIENT,
    ...overrides,
    timeoutMs: 5000,
    retry: DEFAULT_RETRY,
    deps: { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: captureLogger().logger },
    stats: newStats(),
    redactor,
  });
}

const tokenCalls = (): number => sim.requests.filter((r) => r.path === '/auth/o2/token').length;

test('exchanges once, caches, and renews a minute before expiry', async () => {
  const redactor = new Redactor();
  const lwa = provider({}, redactor);
  const [a, b] = await Promise.all([lwa.getToken(SELLER.refreshToken), lwa.getToken(SELLER.refreshToken)]);
  expect(a).toMatch(/^Atza\|/);
  expect(b).toBe(a);
  expect(tokenCalls()).toBe(1);
  const body = new URLSearchParams(sim.requests[0]?.body);
  expect(Object.fromEntries(body)).toEqual({
    grant_type: 'refresh_token',
    refresh_token: SELLER.refreshToken,
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
  });
  expect(redactor.redact(`token ${a}`)).toBe('token [REDACTED]');

  time.advance(3600_000 - 61_000);
  expect(await lwa.getToken(SELLER.refreshToken)).toBe(a);
  time.advance(2_000);
  expect(await lwa.getToken(SELLER.refreshToken)).not.toBe(a);
  expect(tokenCalls()).toBe(2);
});

test('wrong client credentials and an unknown refresh token are fatal, with what to fix', async () => {
  await expect(provider({ clientSecret: 'not-the-secret' }).getToken(SELLER.refreshToken)).rejects.toMatchObject({
    kind: 'fatal',
    status: 401,
    message: expect.stringMatching(/invalid_client: LWA rejected the application credentials/),
  });
  await expect(provider().getToken('Atzr|unknown-token')).rejects.toMatchObject({
    kind: 'fatal',
    message: expect.stringMatching(/invalid_grant: LWA rejected the refresh token: re-authorize/),
  });
});

test('an SP-API call with an expired token refreshes once and retries', async () => {
  const parsed = validateConfig({
    amazon: { endpoint: sim.origin },
    sellers: [{ name: 's', sellerId: SELLER.sellerId, marketplaceIds: SELLER.marketplaceIds, refreshTokenEnv: 'X', warehouse: 'Main' }],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const [order] = sim.addOrders({ orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', items: [{ sku: 'SKU-0001', quantity: 1 }] }] });
  const lwa = provider();
  const client = createSpApiClient({
    amazon: parsed.config.amazon,
    seller: parsed.config.sellers[0] as (typeof parsed.config.sellers)[number],
    refreshToken: SELLER.refreshToken,
    lwa,
    retry: DEFAULT_RETRY,
    deps: { clock: time.clock, sleep: time.sleep, random: () => 0.5, logger: captureLogger().logger },
    stats: newStats(),
  });
  expect((await getOrder(client, order?.orderId ?? ''))?.orderId).toBe(order?.orderId);
  sim.expireTokens();
  expect((await getOrder(client, order?.orderId ?? ''))?.orderId).toBe(order?.orderId);
  expect(tokenCalls()).toBe(2);
  const statuses = sim.requests.filter((r) => r.path.startsWith('/orders/')).map((r) => r.status);
  expect(statuses).toEqual([200, 403, 200]);
  expect(await getOrder(client, '000-0000000-0000000')).toBeUndefined();
});

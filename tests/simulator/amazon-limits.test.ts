import { parseFaults, type FaultKind } from '../../src/simulator/faults';
import { parseRateOverride, type AmazonSimulator } from '../../src/simulator/amazon';
import { T0, startAmazonSim, type AmazonSimSetup, type SimClock } from '../helpers/amazon-sim';

let sim: AmazonSimulator;
let clock: SimClock;
let token: (sellerId: string) => Promise<string>;

// Each test starts its own simulator: the rates and faults under test are start-time options.
async function start(setup: AmazonSimSetup = {}): Promise<void> {
  ({ sim, clock, token } = await startAmazonSim(setup));
}
afterEach(() => sim.close());

function search(accessToken: string): Promise<Response> {
  return fetch(`${sim.origin}/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-01T00:00:00Z`, {
    headers: { 'x-amz-access-token': accessToken },
  });
}

describe('token buckets', () => {
  test('an empty bucket answers 429 QuotaExceeded and refills at the rate on the injected clock', async () => {
    await start({ rates: { searchOrders: { rate: 0.5, burst: 2 } } });
    const t = await token('A1SELLER');
    expect((await search(t)).status).toBe(200);
    expect((await search(t)).status).toBe(200);
    const throttled = await search(t);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }],
    });
    expect(throttled.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBeNull();
    clock.set(T0 + 1_999);
    expect((await search(t)).status).toBe(429);
    clock.set(T0 + 2_000);
    expect((await search(t)).status).toBe(200);
    expect((await search(t)).status).toBe(429);
    // Long idle refills only up to the burst.
    clock.set(T0 + 3_000_000); // still inside the token's hour
    expect([(await search(t)).status, (await search(t)).status, (await search(t)).status]).toEqual([200, 200, 429]);
  });

  test('buckets are per seller and per operation', async () => {
    await start({ rates: { searchOrders: { rate: 0.001, burst: 1 } } });
    const [one, two] = [await token('A1SELLER'), await token('A2SELLER')];
    expect((await search(one)).status).toBe(200);
    expect((await search(one)).status).toBe(429);
    expect((await search(two)).status).toBe(200);
    const get = await fetch(`${sim.origin}/orders/2026-01-01/orders/111-1111111-1111111`, { headers: { 'x-amz-access-token': one } });
    expect(get.status).toBe(404);
    expect(get.headers.get('x-amzn-ratelimit-limit')).toBe('0.5');
  });

  test('defaults come from the model: searchOrders 0.0056/s burst 20', async () => {
    await start();
    const t = await token('A1SELLER');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await search(t);
      statuses.push(res.status);
      if (res.status === 200) expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses[20]).toBe(429);
    clock.set(T0 + Math.ceil(1000 / 0.0056));
    expect((await search(t)).status).toBe(200);
  });

  test('an override for an unknown operation is refused at start', async () => {
    await expect(start({ rates: { searchOrder: { rate: 1, burst: 1 } } })).rejects.toThrow(/unknown operation 'searchOrder'/);
    sim = { close: () => Promise.resolve() } as AmazonSimulator;
  });
});

describe('parseRateOverride', () => {
  test('reads OPERATION=RATE/BURST', () => {
    expect(parseRateOverride('searchOrders=1/5')).toEqual(['searchOrders', { rate: 1, burst: 5 }]);
    expect(parseRateOverride(' getOrder = 0.25 / 3 ')).toEqual(['getOrder', { rate: 0.25, burst: 3 }]);
  });
  test.each([
    ['searchOrders', /not OPERATION=RATE\/BURST/],
    ['searchOrders=1', /not OPERATION=RATE\/BURST/],
    ['searchOrders=x/5', /not OPERATION=RATE\/BURST/],
    ['searchOrders=1/0', /burst for searchOrders must be a whole number of at least 1/],
    ['searchOrders=0/5', /rate for searchOrders must be a positive number/],
    ['listOrders=1/5', /unknown operation 'listOrders'; known: searchOrders, getOrder, getOrders, getOrderItems/],
  ])('%s throws a clear message', (spec, message) => {
    expect(() => parseRateOverride(spec)).toThrow(message);
  });
});

describe('faults', () => {
  test.each<[FaultKind, number, string]>([
    ['429', 429, 'QuotaExceeded'],
    ['500', 500, 'InternalFailure'],
    ['503', 503, 'ServiceUnavailable'],
  ])('%s at 1.0 fails every SP-API call with an Amazon error body; admin routes stay up', async (kind, status, code) => {
    await start({ faults: parseFaults(`${kind}=1`) });
    const res = await search('Atza|whatever');
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]?.code).toBe(code);
    expect(typeof body.errors[0]?.message).toBe('string');
    expect((await fetch(`${sim.origin}/__sim/state`)).status).toBe(200);
    expect(sim.requests.map((r) => r.fault)).toEqual([kind]);
  });

  test('malformed at 1.0 truncates the body of a real answer', async () => {
    await start({ faults: parseFaults('malformed=1') });
    const res = await fetch(`${sim.origin}/auth/o2/token`, { method: 'POST', body: 'grant_type=refresh_token' });
    expect(res.status).toBe(400);
    await expect(res.json()).rejects.toThrow();
  });

  test('slow at 1.0 delays by slowMs but still answers', async () => {
    await start({ faults: parseFaults('slow=1'), slowMs: 10 });
    const started = performance.now();
    expect((await search('Atza|x')).status).toBe(403);
    expect(performance.now() - started).toBeGreaterThanOrEqual(8);
  });
});

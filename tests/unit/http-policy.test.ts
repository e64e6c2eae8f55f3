import { DeadlineReachedError } from '../../src/errors';
import { RateLimiter, TokenBucket } from '../../src/http/rate-limiter';
import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from '../../src/http/retry-policy';
import { Redactor } from '../../src/output/redact';
import { TokenBuckets } from '../../src/simulator/amazon/token-buckets';
import { fakeTime } from '../helpers/fake-time';

describe('token bucket', () => {
  test('a full bucket lets the burst through, then paces at the rate', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 2, burst: 3 }, t.clock);
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 0]);
    expect(b.reserve()).toBeCloseTo(500);
    expect(b.reserve()).toBeCloseTo(1000);
    t.advance(1000);
    expect(b.reserve()).toBeCloseTo(500);
  });

  test('tells how long the next token has been there: for ever in a full bucket, then by the balance', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 2, burst: 3 }, t.clock);
    expect(b.tokenAge()).toBe(Infinity);
    b.reserve();
    expect(b.tokenAge()).toBeCloseTo(500);
    b.reserve();
    expect(b.tokenAge()).toBeCloseTo(0);
  });

  test('refills while idle, never above the burst', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 1, burst: 2 }, t.clock);
    b.reserve();
    b.reserve();
    t.advance(60_000);
    expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 1000]);
  });

  test('a padded wait past the moment the bucket is full earns nothing: the next request waits a whole period', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 1, burst: 1 }, t.clock);
    b.take(t.clock());
    // Sent 1.5 s later although the token was back after 1 s, as the server's bucket holds at most one.
    b.take(t.clock() + 1500);
    expect(b.waitFor()).toBeCloseTo(2500);
  });

  test('an answer that came back late counts its token as taken then', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 1, burst: 2 }, t.clock);
    b.take(t.clock());
    t.advance(5000);
    b.answered();
    expect(b.level().tokens).toBe(1);
    expect([b.reserve(), b.reserve()]).toEqual([0, 1000]);
  });

  test('starts from a saved level refilled for the time since, capped at the burst; a level from the future is not waited for', () => {
    const t = fakeTime();
    const saved = new TokenBucket({ rate: 0.5, burst: 4 }, t.clock, { tokens: -1, at: t.clock() - 4000 });
    expect(saved.level()).toEqual({ tokens: 1, at: t.clock() });
    expect(new TokenBucket({ rate: 0.5, burst: 4 }, t.clock, { tokens: 3, at: t.clock() - 3_600_000 }).level().tokens).toBe(4);
    expect(new TokenBucket({ rate: 0.5, burst: 4 }, t.clock, { tokens: 0, at: t.clock() + 3_600_000 }).waitFor()).toBeCloseTo(2000);
  });

  test('counts what can start before an instant', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 0.01, burst: 20 }, t.clock, { tokens: 2, at: t.clock() });
    expect(b.affordable(t.clock() + 300_000)).toBeCloseTo(5);
    expect(b.affordable(t.clock() - 1)).toBeCloseTo(2);
  });

  test('a 429 empties the bucket and halves the burst', () => {
    const t = fakeTime();
    const b = new TokenBucket({ rate: 1, burst: 20 }, t.clock);
    b.throttled();
    expect(b.current.burst).toBe(10);
    expect(b.reserve()).toBeCloseTo(1000);
  });
});

describe('rate limiter', () => {
  test('sleeps for the padded wait through the injected sleep', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ op: { rate: 1, burst: 1 } }, t);
    await limiter.acquire('op');
    await limiter.acquire('op');
    expect(t.sleeps).toEqual([Math.ceil(1000 * 1.02 + 40)]);
    await limiter.acquire('unknown-op');
    expect(t.sleeps).toHaveLength(1);
  });

  test('a token that has only just appeared still gets the margin; an older one none', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ op: { rate: 20, burst: 2 } }, t);
    await limiter.acquire('op'); // from the full bucket
    await limiter.acquire('op'); // the second token of the burst, due this instant: the 40 ms margin
    await limiter.acquire('op'); // 10 ms after those 40: waited for, padded
    expect(t.sleeps).toEqual([40, Math.ceil(10 * 1.02 + 40)]);
  });

  test.each([0, 3, 11, 26, 38, 47, 60])(
    'one caller doing %i ms of work per request never lands early at the server, and loses little time',
    async (workMs) => {
      const t = fakeTime();
      const limit = { rate: 20, burst: 10 };
      const limiter = new RateLimiter({ op: limit }, t);
      const server = new TokenBuckets();
      const start = t.clock();
      const refused: number[] = [];
      for (let i = 0; i < 200; i++) {
        await limiter.acquire('op');
        // The first request arrives on time; each later one as early as 39 ms of jitter can make it.
        if (!server.take('op', 'seller', limit, i === 0 ? t.clock() : t.clock() - 39)) refused.push(i);
        t.advance(workMs);
      }
      expect(refused).toEqual([]);
      // The floor: the burst at once, the other 190 at 20/s (or the caller's own work, when slower).
      const floorMs = Math.max((190 / 20) * 1000, 200 * workMs);
      expect(t.clock() - start).toBeLessThanOrEqual(floorMs * 1.02 + 100);
    },
  );

  test('a wait that would end after `notAfter` is not begun and takes no token', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ op: { rate: 0.01, burst: 1 } }, t);
    await limiter.acquire('op', t.clock() + 1000);
    const late = await limiter.acquire('op', t.clock() + 100_000).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(DeadlineReachedError);
    expect(t.sleeps).toEqual([]);
    // The refused caller took nothing: the next one waits exactly one period, padded.
    await limiter.acquire('op', t.clock() + 200_000);
    expect(t.sleeps).toEqual([Math.ceil(100_000 * 1.02 + 40)]);
    await expect(limiter.acquire('unknown-op', t.clock() - 1)).resolves.toBe(0);
  });

  test('a snapshot holds the buckets used, for the next run to start from', async () => {
    const t = fakeTime();
    const limits = { op: { rate: 1, burst: 3 }, other: { rate: 1, burst: 3 } };
    const first = new RateLimiter(limits, t);
    await first.acquire('op');
    await first.acquire('op');
    const saved = first.snapshot();
    expect(saved).toEqual({ op: { tokens: 1, at: t.clock() } });
    const next = new RateLimiter(limits, t, undefined, saved);
    await next.acquire('op');
    await next.acquire('op');
    // The saved token is only just there: the margin; the next is 960 ms off after it, padded.
    expect(t.sleeps).toEqual([40, Math.ceil(960 * 1.02 + 40)]);
  });

  test('adapts to x-amzn-RateLimit-Limit and ignores nonsense', () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ op: { rate: 0.0056, burst: 20 } }, t);
    limiter.observe('op', '2.0');
    expect(limiter.limitOf('op')).toEqual({ rate: 2, burst: 20 });
    limiter.observe('op', 'abc');
    limiter.observe('op', undefined);
    limiter.observe('op', '0');
    expect(limiter.limitOf('op')?.rate).toBe(2);
  });
});

describe('retry policy', () => {
  test('doubles per attempt with jitter between half and the full step, capped', () => {
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 0)).toBe(500);
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 1)).toBe(1000);
    expect(backoffDelay(DEFAULT_RETRY, 3, () => 0.5)).toBe(3000);
    expect(backoffDelay(DEFAULT_RETRY, 20, () => 1)).toBe(60_000);
  });

  test('a longer Retry-After wins, within the cap', () => {
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 0, 5000)).toBe(5000);
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 0, 10 * 60_000)).toBe(60_000);
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0)).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});

describe('redaction', () => {
  test('removes registered values and token-shaped strings', () => {
    const r = new Redactor();
    r.add('my-very-secret-value');
    r.add('abc'); // too short to be a secret; must not blank out ordinary text
    const out = r.redact(
      'secret=my-very-secret-value token Atza|IwEBIA-x_y.z abc Basic dXNlcjpwYXNzd29yZA== refresh_token=Atzr|xyz&client_secret=s3cr3t',
    );
    expect(out).not.toMatch(/my-very-secret-value|IwEBIA|dXNlcjpwYXNzd29yZA|s3cr3t|Atzr\|xyz/);
    expect(out).toContain('abc');
  });

  test("a URL's password (a proxy's credentials) is removed, its host kept", () => {
    expect(new Redactor().redact('via http://corp-user:pa55-word@proxy.example.test:3128 failed')).toBe(
      'via http://corp-user:[REDACTED]@proxy.example.test:3128 failed',
    );
  });

  test('redacts inside structured values', () => {
    const r = new Redactor();
    r.add('topsecret-123');
    expect(r.redactValue({ a: ['x topsecret-123 y'] })).toEqual({ a: ['x [REDACTED] y'] });
  });
});

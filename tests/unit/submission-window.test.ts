import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSpApiLimiter } from '../../src/amazon/sp-api';
import type { Config } from '../../src/config/schema';
import { createState, openState } from '../../src/state';
import { fakeTime } from '../helpers/fake-time';

const FEEDS = 'feedType:JSON_LISTINGS_FEED';
const amazon: Config['amazon'] = { region: 'na', sandbox: false, rateLimits: {}, timeoutMs: 30_000 };

function stateFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'window-')), 'state.sqlite');
}

function openAt(file: string) {
  return createState(openState(file), { pid: 1, host: 'h', isAlive: () => true, staleAfterMs: 60_000 });
}

/** Sends `n` feed submissions through a limiter, each answered at once; returns their send times. */
async function submit(limiter: ReturnType<typeof createSpApiLimiter>, time: ReturnType<typeof fakeTime>, n: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire(FEEDS);
    at.push(time.clock());
    limiter.answered(FEEDS);
  }
  return at;
}

describe('the JSON_LISTINGS_FEED window (5 per rolling 5 minutes, reference/spapi-2026-12.md §2)', () => {
  test('five go at once; the sixth waits until the first is 5 minutes old, not a bucket refill of 1 minute', async () => {
    const time = fakeTime();
    const limiter = createSpApiLimiter(amazon, time);
    const at = await submit(limiter, time, 7);
    const t0 = at[0] ?? 0;
    expect(at.slice(0, 5).map((t) => t - t0)).toEqual([0, 0, 0, 0, 0]);
    expect((at[5] ?? 0) - t0).toBeGreaterThanOrEqual(300_000);
    expect((at[6] ?? 0) - t0).toBeLessThan(310_000);
  });

  test('counts from the answer: a slow createFeed holds its slot until it came back', async () => {
    const time = fakeTime();
    const limiter = createSpApiLimiter(amazon, time);
    for (let i = 0; i < 5; i++) {
      await limiter.acquire(FEEDS);
      time.advance(20_000);
      limiter.answered(FEEDS);
    }
    // The first answer came back at +20 s: the sixth may go no sooner than +320 s.
    const t0 = time.clock() - 100_000;
    await limiter.acquire(FEEDS);
    expect(time.clock() - t0).toBeGreaterThanOrEqual(320_000);
  });

  test('kept in the state file: the next run waits for what the last one spent, per seller and region', async () => {
    const file = stateFile();
    const time = fakeTime();
    const first = openAt(file);
    await submit(createSpApiLimiter(amazon, time, {}, first.submissionWindows.of('acme', 'na')), time, 5);
    first.db.close();
    time.advance(60_000);

    const next = openAt(file);
    const same = createSpApiLimiter(amazon, time, {}, next.submissionWindows.of('acme', 'na'));
    expect(same.waitFor(FEEDS)).toBe(240_000);
    // Another seller, or the same seller in another region, has a window of its own.
    expect(createSpApiLimiter(amazon, time, {}, next.submissionWindows.of('other', 'na')).waitFor(FEEDS)).toBe(0);
    expect(createSpApiLimiter(amazon, time, {}, next.submissionWindows.of('acme', 'eu')).waitFor(FEEDS)).toBe(0);
    const before = time.clock();
    await same.acquire(FEEDS);
    expect(time.clock() - before).toBeGreaterThanOrEqual(240_000);
    next.db.close();
  });

  test('a submission counts as soon as it is sent: a run that dies before the answer still leaves it counted', async () => {
    const file = stateFile();
    const time = fakeTime();
    const first = openAt(file);
    const limiter = createSpApiLimiter(amazon, time, {}, first.submissionWindows.of('acme', 'na'));
    for (let i = 0; i < 5; i++) await limiter.acquire(FEEDS);
    first.db.close();
    const next = openAt(file);
    expect(createSpApiLimiter(amazon, time, {}, next.submissionWindows.of('acme', 'na')).waitFor(FEEDS)).toBe(300_000);
    next.db.close();
  });

  test('a 429 means someone else spent it: the window is taken as full from then', async () => {
    const time = fakeTime();
    const limiter = createSpApiLimiter(amazon, time);
    await submit(limiter, time, 1);
    limiter.throttled(FEEDS);
    expect(limiter.waitFor(FEEDS)).toBe(300_000);
  });

  test('a scaled limit in the config is read as the same window: burst per burst/rate seconds', async () => {
    const time = fakeTime();
    const scaled = { ...amazon, rateLimits: { [FEEDS]: { rate: 5, burst: 5 } } };
    const limiter = createSpApiLimiter(scaled, time);
    const at = await submit(limiter, time, 6);
    expect((at[5] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    // createFeed itself stays a token bucket.
    expect(limiter.limitOf('createFeed')).toEqual({ rate: 0.0083, burst: 15 });
  });
});

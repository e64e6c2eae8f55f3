import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SellerConfig } from '../../src/config/schema';
import { HttpClient, newStats } from '../../src/http/client';
import { RemoteClock } from '../../src/http/remote-clock';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { json, startServer } from '../../src/simulator/server';
import { createState, openState, type State } from '../../src/state';
import { planWindow, resumeAfterFutureCheckpoint } from '../../src/sync/window';
import { withRun } from '../../src/sync/with-run';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

const MIN = 60_000;
const T = Date.parse('2026-12-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

describe('RemoteClock', () => {
  test('a remote clock 3 h behind ours: one warning naming the system, and checkpoints held at its time', () => {
    const time = fakeTime(T);
    const log = captureLogger();
    const rc = new RemoteClock(time.clock, log.logger);
    rc.observe('allocadence', new Date(T - 180 * MIN).toUTCString(), T, T + 200);
    rc.observe('allocadence', new Date(T - 180 * MIN).toUTCString(), T, T);
    rc.observe('amazon', new Date(T - 180 * MIN).toUTCString(), T, T);
    expect(log.records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/^this host's clock is 3 h 0 min ahead of Allocadence's .*set this host's clock right \(NTP\)/),
      }),
    ]);
    expect(rc.limit()).toBe(T - 180 * MIN);
    time.advance(10 * MIN);
    expect(rc.limit()).toBe(T - 170 * MIN);
    // The clock is set right: the next answer agrees, and checkpoints are no longer held back.
    rc.observe('allocadence', new Date(time.clock()).toUTCString(), time.clock(), time.clock());
    expect(rc.limit()).toBe(T - 170 * MIN);
    rc.observe('amazon', new Date(time.clock()).toUTCString(), time.clock(), time.clock());
    expect(rc.limit()).toBeUndefined();
  });

  test('a few seconds apart, whole-second headers, slow answers: no warning and no holding back', () => {
    const log = captureLogger();
    const rc = new RemoteClock(() => T, log.logger);
    rc.observe('amazon', new Date(T - 900).toUTCString(), T, T + 30_000);
    rc.observe('amazon', new Date(T - 4 * MIN).toUTCString(), T, T);
    rc.observe('lwa', 'not a date', T, T);
    rc.observe('lwa', undefined, T, T);
    expect(log.records()).toEqual([]);
    expect(rc.limit()).toBeUndefined();
  });

  test('our clock behind: a warning (windows end early, nothing is lost), no holding back', () => {
    const log = captureLogger();
    const rc = new RemoteClock(() => T, log.logger);
    rc.observe('amazon', new Date(T + 20 * MIN).toUTCString(), T, T);
    expect(log.records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/^this host's clock is 20 min behind Amazon's .*loses nothing/),
      }),
    ]);
    expect(rc.limit()).toBeUndefined();
    const far = captureLogger();
    new RemoteClock(() => T, far.logger).observe('allocadence', new Date(T + 6 * 1440 * MIN).toUTCString(), T, T);
    expect(far.records()[0]?.msg).toMatch(/^this host's clock is 6 days behind Allocadence's/);
  });

  test("the HTTP client reads every answer's Date header into it", async () => {
    const server = await startServer(() => json(200, {}), { now: () => T - 60 * MIN });
    try {
      const time = fakeTime(T);
      const log = captureLogger();
      const stats = { ...newStats(), remoteClock: new RemoteClock(time.clock, log.logger) };
      const client = new HttpClient({
        system: 'amazon',
        baseURL: server.origin,
        timeoutMs: 5000,
        retry: DEFAULT_RETRY,
        deps: { ...time, random: () => 0, logger: log.logger },
        stats,
        describeError: () => ({}),
      });
      await client.request({ operation: 'ping', method: 'GET', path: '/ping' });
      expect(stats.remoteClock.limit()).toBe(T - 60 * MIN);
    } finally {
      await server.close();
    }
  });
});

describe('resumeAfterFutureCheckpoint', () => {
  const signpost = T;
  const w = (fromMin: number, toMin: number): { from: string; to: string } => ({ from: iso(T + fromMin * MIN), to: iso(T + toMin * MIN) });

  test('one run ahead: from where it started', () => {
    expect(resumeAfterFutureCheckpoint([w(-60, 180), w(-120, -55)], signpost, 30 * MIN)).toBe(T - 60 * MIN);
  });

  test('several runs ahead in a row: from where the oldest of them started', () => {
    // Hourly runs on a clock 3 h ahead: each started 30 min before the last one's claimed end.
    expect(resumeAfterFutureCheckpoint([w(150, 240), w(90, 180), w(-60, 120), w(-120, -55)], signpost, 30 * MIN)).toBe(T - 60 * MIN);
  });

  test('a run that never finished in between: from the last trustworthy run, less the lookback', () => {
    expect(resumeAfterFutureCheckpoint([w(150, 240), {}, w(-120, -55)], signpost, 30 * MIN)).toBe(T - 150 * MIN);
    expect(resumeAfterFutureCheckpoint([{}, w(-120, -55)], signpost, 30 * MIN)).toBe(T - 150 * MIN);
  });

  test('nothing to go by: unknown', () => {
    expect(resumeAfterFutureCheckpoint([], signpost, 30 * MIN)).toBeUndefined();
    expect(resumeAfterFutureCheckpoint([{}], signpost, 30 * MIN)).toBeUndefined();
    // The first run ever already started in the future: where the data begins is not known.
    expect(resumeAfterFutureCheckpoint([w(60, 180)], signpost, 30 * MIN)).toBeUndefined();
  });
});

function tempState(): State {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clocks-')), 'state.sqlite');
  return createState(openState(file), { pid: 1, host: 'h', isAlive: () => true, staleAfterMs: 60_000 });
}

describe('planWindow', () => {
  const key = { seller: 'acme', marketplace: 'ATVPDKIKX0DER', direction: 'push-shipments' };
  const input = {
    command: 'push-shipments',
    key,
    now: T,
    lagMs: 0,
    lookbackMs: 120 * MIN,
    initialLookbackMs: 3 * 1440 * MIN,
    since: undefined,
  };

  test('a checkpoint in the past: believed, as before', () => {
    const state = tempState();
    state.checkpoints.set(key, iso(T - 60 * MIN), 1, iso(T));
    const log = captureLogger();
    expect(planWindow(state, log.logger, input)).toEqual({
      window: { from: iso(T - 180 * MIN), to: iso(T) },
      checkpoint: iso(T - 60 * MIN),
      trusted: iso(T - 60 * MIN),
    });
    expect(log.records()).toEqual([]);
  });

  test('a checkpoint in the future whose run is not recorded: the initial lookback, with a warning', () => {
    const state = tempState();
    state.checkpoints.set(key, iso(T + 180 * MIN), undefined, iso(T));
    const log = captureLogger();
    expect(planWindow(state, log.logger, input)).toEqual({
      window: { from: iso(T - 3 * 1440 * MIN), to: iso(T) },
      checkpoint: iso(T + 180 * MIN),
      trusted: undefined,
    });
    expect(log.records()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/initial lookback: where that run started is not recorded.*--since/),
      }),
    ]);
  });

  test('a direction with no initial lookback (its first run reads everything): three days back', () => {
    const state = tempState();
    state.checkpoints.set({ ...key, direction: 'pull-items' }, iso(T + 180 * MIN), undefined, iso(T));
    const plan = planWindow(state, captureLogger().logger, {
      ...input,
      command: 'pull-items',
      key: { ...key, direction: 'pull-items' },
      initialLookbackMs: 0,
    });
    expect(plan.window).toEqual({ from: iso(T - 3 * 1440 * MIN), to: iso(T) });
  });
});

test("a checkpoint past the run's signpost is refused as a bug, not written", async () => {
  const state = tempState();
  const key = { seller: 'acme', marketplace: 'ATVPDKIKX0DER', direction: 'pull-orders' };
  const env = { state, logger: captureLogger().logger, clock: () => T, stats: newStats() };
  const summary = await withRun(env, 'pull-orders', { name: 'acme' } as SellerConfig, false, (run) => {
    run.checkpoint(key, T - 2 * MIN, T - 2 * MIN);
    run.checkpoint(key, T - MIN, T - 2 * MIN);
    return Promise.resolve();
  });
  expect(summary).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/is past the run's signpost/) });
  expect(state.checkpoints.get(key)).toBe(iso(T - 2 * MIN));
});

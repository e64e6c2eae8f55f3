import { exitCodeFor } from '../../src/output/run-report';
import { prefetch, together } from '../../src/sync/concurrency';
import { COMMANDS, DEFAULT_MAX_MINUTES, DIRECTION_NAMES } from '../../src/commands/registry';
import { sellerDeadline } from '../../src/sync/deadline';
import { nextSpan, shorterSpan, sliceEnd, SLICING } from '../../src/sync/slices';
import { newSummary, summaryLine } from '../../src/sync/summary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time slices', () => {
  test('a window shorter than the span is one slice; a remainder under a quarter span joins the slice before it', () => {
    expect(sliceEnd(0, 20 * HOUR, DAY)).toBe(20 * HOUR);
    expect(sliceEnd(0, 3 * DAY, DAY)).toBe(DAY);
    expect(sliceEnd(0, DAY + 5 * HOUR, DAY)).toBe(DAY + 5 * HOUR);
    expect(sliceEnd(0, DAY + 7 * HOUR, DAY)).toBe(DAY);
  });

  test("the next span holds about targetPages at the last slice's density, within bounds; a slice cut short says nothing about a longer one", () => {
    const T = SLICING.targetPages;
    expect(nextSpan(DAY, DAY, 1)).toBe(T * DAY);
    expect(nextSpan(DAY, DAY, 4)).toBe((T / 4) * DAY);
    expect(nextSpan(DAY, DAY, 2 * T)).toBe(DAY / 2);
    expect(nextSpan(SLICING.maxMs, SLICING.maxMs, 0)).toBe(SLICING.maxMs);
    expect(nextSpan(DAY, 2 * HOUR, 1)).toBe(DAY);
    expect(nextSpan(DAY, 2 * HOUR, 2 * T)).toBe(HOUR);
    expect(nextSpan(HOUR, HOUR, 100_000)).toBe(SLICING.minMs);
    expect(shorterSpan(DAY)).toBe(DAY / 2);
    expect(shorterSpan(SLICING.minMs)).toBe(SLICING.minMs);
  });
});

describe('deadline', () => {
  test("defaults stay below each direction's cron interval", () => {
    const interval: Record<string, number> = {
      'pull-orders': 15,
      'push-shipments': 60,
      'push-status': 60,
      'pull-items': 240,
      'push-stock': 1440,
      'redact-pii': 1440,
    };
    for (const [command, minutes] of Object.entries(DEFAULT_MAX_MINUTES))
      expect([command, minutes < (interval[command] ?? 0)]).toEqual([command, true]);
  });

  test("the registry holds each direction's documented cron interval, and every direction has a default", () => {
    const interval: Record<string, number> = {
      'pull-orders': 15,
      'push-shipments': 60,
      'push-status': 60,
      'pull-items': 240,
      'push-stock': 1440,
      'redact-pii': 1440,
    };
    expect(Object.fromEntries(DIRECTION_NAMES.map((d) => [d, COMMANDS[d].cronMinutes]))).toEqual(interval);
    expect(Object.keys(DEFAULT_MAX_MINUTES).sort()).toEqual([...DIRECTION_NAMES].sort());
  });

  test("sellers share what is left of the command's time", () => {
    expect(sellerDeadline(1000 + 90 * 60_000, 1000, 3)).toBe(1000 + 30 * 60_000);
    expect(sellerDeadline(1000 + 90 * 60_000, 1000, 1)).toBe(1000 + 90 * 60_000);
    expect(sellerDeadline(1000, 5000, 2)).toBe(5000);
  });

  test('a run stopped at the deadline exits 0 and says where the next run continues', () => {
    const s = {
      ...newSummary('pull-orders', 'sim-us', false, '2026-11-27T12:00:00.000Z'),
      stoppedAtDeadline: {
        deadline: '2026-11-27T12:12:00.000Z',
        resume: [{ marketplaceId: 'ATVPDKIKX0DER', next: 'from 2026-11-25T00:00:00.000Z' }],
      },
    };
    expect(exitCodeFor([s])).toBe(0);
    expect(summaryLine(s)).toMatch(
      /^pull-orders sim-us: ok \(exit 0\) stopped at the deadline; next run continues ATVPDKIKX0DER: from 2026-11-25T00:00:00.000Z; read=0 /,
    );
  });
});

describe('concurrency', () => {
  test('prefetch: a loop that stops early waits for the page in flight and closes the source', async () => {
    const events: string[] = [];
    async function* pages(): AsyncGenerator<number> {
      try {
        for (let i = 1; i <= 5; i++) {
          await new Promise((r) => setImmediate(r));
          events.push(`read ${i}`);
          yield i;
        }
      } finally {
        events.push('closed');
      }
    }
    for await (const page of prefetch(pages())) {
      events.push(`write ${page}`);
      if (page === 2) break;
    }
    events.push('after');
    expect(events).toEqual(['read 1', 'write 1', 'read 2', 'write 2', 'read 3', 'closed', 'after']);
  });

  test('together: a failure tells the others to stop, waits for them, and is thrown', async () => {
    const steps: number[] = [];
    const failing = async (): Promise<void> => {
      await new Promise((r) => setImmediate(r));
      throw new Error('boom');
    };
    const looping = async (failed: () => boolean): Promise<void> => {
      for (let i = 0; i < 100 && !failed(); i++) {
        steps.push(i);
        await new Promise((r) => setImmediate(r));
      }
    };
    await expect(together([failing, looping])).rejects.toThrow('boom');
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThan(100);
  });
});

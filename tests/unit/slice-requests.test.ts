import { nextSpan, sliceEnd, SLICING } from '../../src/sync/slices';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE = 100;

/**
 * The requests a backlog costs when read slice by slice as readWindow cuts it (no deadline): each
 * slice is one request per page it needs, and one for a slice with nothing in it.
 */
function requests(times: readonly number[], windowMs: number, startSpan = SLICING.startMs): { requests: number; slices: number } {
  let from = 0;
  let span: number = startSpan;
  let total = 0;
  let slices = 0;
  let i = 0;
  while (from < windowMs) {
    const end = sliceEnd(from, windowMs, span);
    let count = 0;
    while (i < times.length && (times[i] ?? Infinity) < end) {
      i++;
      count++;
    }
    const pages = Math.max(1, Math.ceil(count / PAGE));
    total += pages;
    slices++;
    span = nextSpan(span, end - from, pages);
    from = end;
  }
  return { requests: total, slices };
}

/** `orders` timestamps over `windowMs`, spread by `shape` (a density over 0..1), sorted. */
function backlog(orders: number, windowMs: number, shape: (x: number) => number): number[] {
  // Inverse of the cumulative density, sampled on a fine grid: deterministic, no random.
  const grid = 10_000;
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < grid; k++) cumulative.push((sum += shape((k + 0.5) / grid)));
  const times: number[] = [];
  let k = 0;
  for (let n = 0; n < orders; n++) {
    const target = ((n + 0.5) / orders) * sum;
    while ((cumulative[k] ?? Infinity) < target) k++;
    times.push(Math.floor(((k + 0.5) / grid) * windowMs));
  }
  return times;
}

const SHAPES = {
  even: () => 1,
  'rising (sales growing)': (x) => 0.2 + x,
  'falling (a busy start)': (x) => 1.2 - x,
  'weekly (quiet weekends)': (x) => (Math.floor(x * 30) % 7 < 5 ? 1 : 0.2),
  'a peak in the middle': (x) => 0.1 + Math.exp(-(((x - 0.5) / 0.05) ** 2)),
} satisfies Record<string, (x: number) => number>;

describe('a backlog costs at most 5 % more searchOrders requests than the pages it needs', () => {
  const cases: [pages: number, days: number][] = [
    [20, 3],
    [20, 30],
    [50, 7],
    [100, 30],
    [200, 14],
    [500, 60],
    [1_000, 90],
    [2_000, 30],
  ];
  for (const [shape, density] of Object.entries(SHAPES)) {
    test.each(cases)(`${shape}: %i pages over %i days`, (pages, days) => {
      const times = backlog(pages * PAGE, days * DAY, density);
      const { requests: made } = requests(times, days * DAY);
      expect(made).toBeGreaterThanOrEqual(pages);
      expect(made).toBeLessThanOrEqual(Math.floor(pages * 1.05));
    });
  }

  test('a window shorter than the span costs its pages and nothing more', () => {
    expect(requests(backlog(350, 6 * HOUR, SHAPES.even), 6 * HOUR).requests).toBe(4);
  });
});

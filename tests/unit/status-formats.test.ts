import { durationMs, durationText } from '../../src/commands/status/duration';
import { statusCheck } from '../../src/commands/status/check';
import { prometheusText } from '../../src/commands/status/prometheus';
import type { DirectionStatus } from '../../src/commands/status/view';
import { parseExposition } from '../helpers/prometheus-text';
import { defined } from '../helpers/defined';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const odd = 'a"b\\c\nd';
const view: DirectionStatus[] = [
  {
    seller: odd,
    direction: 'pull-orders',
    lastRun: {
      id: 1,
      startedAt: '2026-11-27T11:50:00Z',
      endedAt: '2026-11-27T11:51:00Z',
      outcome: 'partial',
      read: 4,
      totals: { created: 3 },
      failed: 1,
      error: 'x | y\nALLOC-AMAZON OK',
    },
    lastOkAt: '2026-11-27T11:00:00Z',
    checkpoints: [],
    retries: [{ marketplace: 'M', key: 'k', lastError: 'e', attempts: 1, firstFailedAt: '', lastFailedAt: '' }],
  },
];

test('label values are escaped as the exposition format says, and read back unchanged', () => {
  const text = prometheusText(view, NOW);
  expect(text).toContain('alloc_amazon_retry_items{seller="a\\"b\\\\c\\nd",direction="pull-orders"} 1');
  const families = parseExposition(text);
  expect(families.get('alloc_amazon_retry_items')?.samples).toEqual([{ labels: { seller: odd, direction: 'pull-orders' }, value: 1 }]);
  expect(families.get('alloc_amazon_last_success_timestamp_seconds')?.samples[0]?.value).toBe(Date.parse('2026-11-27T11:00:00Z') / 1000);
});

test('text from the state file cannot add a line or a perfdata separator to the check output', () => {
  const limits = { maxAgeMs: () => 30 * 60_000, lockMs: () => 15 * 60_000 };
  const row = defined(view[0], 'a status row');
  const lastRun = defined(row.lastRun, 'its last run');
  const { code, text } = statusCheck([{ ...row, seller: 'acme', lastRun: { ...lastRun, outcome: 'failed' } }], NOW, limits);
  expect(code).toBe(2);
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]?.split('|')).toHaveLength(2);
  expect(lines[0]).toMatch(
    /^ALLOC-AMAZON CRITICAL - acme\/pull-orders: last success 60 min ago \(max 30 min\); acme\/pull-orders: last run failed: x \/ y\\nALLOC-AMAZON OK \| /,
  );
});

test.each([
  ['90m', 90 * 60_000],
  ['2h', 7_200_000],
  ['1d', 86_400_000],
  ['1h30m', 5_400_000],
  ['45s', 45_000],
  ['10min', 600_000],
])('--max-age %s', (text, ms) => {
  expect(durationMs(text)).toBe(ms);
});

test.each(['', '2', 'h', '2x', '-1h', '0m', '2h garbage'])('--max-age %j is refused', (text) => {
  expect(() => durationMs(text)).toThrow(/duration/);
});

test('durations read as an operator would say them', () => {
  expect([45_000, 30 * 60_000, 185 * 60_000, 52 * 3_600_000].map(durationText)).toEqual(['45 s', '30 min', '3 h 5 min', '2 days 4 h']);
});

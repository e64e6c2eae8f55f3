import { minutesAgo, worldsClosedAfterEach } from '../helpers/world-run';

// A feed Amazon applies none of is one log line (its id, type, Amazon's message, how many records,
// "retried next run"), not one line per SKU or order; `status` shows it and the items waiting.
const world = worldsClosedAfterEach();

interface FailedFeedJson {
  feedId: string;
  feedType: string;
  marketplaceId: string;
  status: string;
  message: string;
  records: number;
}
const runOf = (out: string): { failures: { key: string; feedId?: string }[]; failedFeeds?: FailedFeedJson[] } =>
  (JSON.parse(out) as { runs: ReturnType<typeof runOf>[] }).runs[0] ?? { failures: [] };
/** Warning and error records of a run's stderr (JSON logs). */
const warnings = (logs: readonly Record<string, unknown>[]): Record<string, unknown>[] =>
  logs.filter((l) => l.level === 'warn' || l.level === 'error');
const SIMULATED_FATAL = /Feed \d+ was aborted by a simulated fatal processing error; nothing in it was applied\./;

test('push-stock: a FATAL JSON_LISTINGS_FEED is one line with the feed id, type, message and count; status shows it', async () => {
  const w = await world({ seed: 81, orders: 0, listings: 80, fakeClock: true });
  expect((await w.run(['pull-items'])).code).toBe(0);
  w.amazon.nextOutcome('feed', 'FATAL');
  const r = await w.run(['--json', 'push-stock', '--full']);
  expect(r.code).toBe(1);
  const run = runOf(r.out);
  const skus = run.failures.length;
  expect(skus).toBeGreaterThan(20);
  const [feed] = run.failedFeeds ?? [];
  expect(run.failedFeeds).toEqual([
    {
      feedId: expect.any(String),
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceId: 'ATVPDKIKX0DER',
      status: 'FATAL',
      message: expect.stringMatching(SIMULATED_FATAL),
      records: skus,
    },
  ]);
  expect(run.failures.every((f) => f.feedId === feed?.feedId)).toBe(true);

  // The summary line and one line for the feed: nothing per SKU.
  const said = warnings(r.logs);
  expect(said.map((l) => l.msg)).toEqual([
    expect.stringMatching(/^push-stock sim-us: partial \(exit 1\) .*failed=\d+ failed-feeds=1 /),
    `feed ${feed?.feedId} (JSON_LISTINGS_FEED, ATVPDKIKX0DER) ended FATAL: ${feed?.message.replace(/\.$/, '')}; ${skus} record(s) retried next run`,
  ]);

  const text = (await w.run(['status'])).out;
  expect(text).toContain(`push-stock: last run's feed ${feed?.feedId} (JSON_LISTINGS_FEED, ATVPDKIKX0DER) ended FATAL: `);
  expect(text).toContain(`; ${skus} record(s) retried next run`);
  const status = JSON.parse((await w.run(['--json', 'status'])).out) as {
    directions: { direction: string; lastRun?: { failed: number; failedFeeds?: FailedFeedJson[] } }[];
  };
  const stock = status.directions.find((d) => d.direction === 'push-stock');
  expect(stock?.lastRun).toMatchObject({ failed: skus, failedFeeds: [{ feedId: feed?.feedId, records: skus }] });

  // Retried next run, as the line says.
  const next = await w.run(['--json', 'push-stock']);
  expect(next.code).toBe(0);
  expect(runOf(next.out).failedFeeds).toBeUndefined();
  expect((await w.run(['status'])).out).not.toContain('retried next run');
});

test('push-status: a FATAL order feed is one text line; status lists its orders waiting for retry', async () => {
  const w = await world({ seed: 82, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  const orders = w.amazon.addOrders({
    orders: Array.from({ length: 4 }, (_, i) => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-000${i + 1}`, quantity: 1 }],
    })),
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  for (const o of orders) w.allocadence.cancelOrder(o.orderId, 'Out of stock');
  w.amazon.nextOutcome('feed', 'FATAL');
  const r = await w.run(['--log-format', 'text', 'push-status']);
  expect(r.code).toBe(1);
  const lines = r.err.split('\n').filter((l) => l.startsWith('warn'));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/push-status sim-us: partial \(exit 1\) .*failed=4 failed-feeds=1/);
  expect(lines[1]).toMatch(
    /feed \d+ \(POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA, ATVPDKIKX0DER\) ended FATAL: .*simulated fatal processing error.*; 4 record\(s\) retried next run/,
  );
  for (const o of orders) expect(r.err).not.toContain(o.orderId);

  const text = (await w.run(['status'])).out;
  expect(text).toMatch(
    /push-status: last run's feed \d+ \(POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA, ATVPDKIKX0DER\) ended FATAL: .*4 record\(s\) retried next run/,
  );
  expect(text).toContain('push-status: 4 item(s) waiting for retry:');
  for (const o of orders)
    expect(text).toMatch(new RegExp(`${o.orderId} \\[ATVPDKIKX0DER\\] 1 attempt\\(s\\) .*ended FATAL; sent again next run`));

  const again = await w.run(['--json', 'push-status']);
  expect(again.code).toBe(0);
  expect((await w.run(['status'])).out).not.toContain('waiting for retry');
});

test('a feed that is not applied as a whole (a header Amazon did not read) is one line too', async () => {
  const w = await world({ seed: 83, orders: 0, fakeClock: true });
  const t = minutesAgo(30);
  const orders = w.amazon.addOrders({
    orders: [1, 2, 3].map((i) => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-000${i}`, quantity: 1 }],
    })),
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  for (const o of orders) w.allocadence.cancelOrder(o.orderId, 'Out of stock');
  w.amazon.invalidateHeadings(['cancellation-reason-code']);
  const r = await w.run(['--json', 'push-status']);
  expect(r.code).toBe(1);
  expect(warnings(r.logs).map((l) => l.msg)).toEqual([
    expect.stringMatching(/partial \(exit 1\)/),
    expect.stringMatching(
      /^feed \d+ \(POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA, ATVPDKIKX0DER\) was not applied: Warning 90061: The cancellation-reason-code field heading is invalid.*; 3 record\(s\) retried next run$/,
    ),
  ]);
});

import Database from 'better-sqlite3';
import { allocadenceOrderNumbers, eligibleOrderIds, minutesAgo, worldsClosedAfterEach } from '../helpers/world-run';

const world = worldsClosedAfterEach();

function rows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

test('the state file fills up mid-run: exit 74 naming the file and the cause, no stack; once there is room the next run finishes the job, duplicating nothing', async () => {
  const w = await world({ seed: 81, orders: 0, fakeClock: true });
  // A first run makes the state file and its tables; the next one has no room to grow it.
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const t = minutesAgo(20);
  w.amazon.addOrders({
    orders: Array.from({ length: 120 }, (_, i) => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [{ sku: `SKU-000${(i % 9) + 1}`, quantity: 1 }],
    })),
  });
  const want = eligibleOrderIds(w);

  const full = await w.run(['pull-orders'], { stateGrowthLimitPages: 0 });
  expect(full.code).toBe(74);
  const errors = full.logs.filter((l) => l.level === 'error');
  expect(errors).toEqual([
    expect.objectContaining({
      msg: expect.stringMatching(
        new RegExp(
          `^state file ${w.stateFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the disk is full \\(SQLITE_FULL\\); the run stopped there\\. .*it continues from the last saved checkpoint`,
        ),
      ),
    }),
  ]);
  expect(full.err).not.toMatch(/unexpected error|stack|\n\s+at /);
  // It stopped mid-run: some orders were created in Allocadence before the state file filled up.
  const before = allocadenceOrderNumbers(w);
  expect(before.length).toBeGreaterThan(0);
  expect(before.length).toBeLessThan(want.length);
  // Finishing the run record and releasing the lock were attempted: the lock is gone.
  expect(rows(w.stateFile, 'SELECT * FROM locks')).toEqual([]);

  const next = await w.run(['pull-orders']);
  expect(next.code).toBe(0);
  const after = allocadenceOrderNumbers(w);
  expect(after).toEqual(want);
  expect(new Set(after).size).toBe(after.length);
  expect(rows<{ n: number }>(w.stateFile, "SELECT COUNT(*) AS n FROM order_map WHERE state = 'created'")[0]?.n).toBe(want.length);
});

import { listedSkus, noWait, worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

test('one reconcile reads Allocadence’s items once (active and inactive), for its SKUs and push-stock’s stock alike', async () => {
  const w = await world({ seed: 96, orders: 0, listings: 0, fakeClock: true });
  await listedSkus(w, 2);
  expect((await w.run(['push-stock', '--full'], noWait)).code).toBe(0);
  w.allocadence.requests.length = 0;
  expect((await w.run(['reconcile'], noWait)).code).toBe(0);
  const itemReads = w.allocadence.requests.filter((q) => q.method === 'GET' && /\/items(\?|$)/.test(q.path));
  expect(itemReads.map((q) => q.path)).toHaveLength(2);
});

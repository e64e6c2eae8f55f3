import { listedSkus, noWait, worldsClosedAfterEach } from '../../helpers/world-run';

const world = worldsClosedAfterEach();

interface Report {
  sellers: { findings: { kind: string; key: string; detail: string; notFixed?: string }[] }[];
}

test('an Amazon order that cannot be read is an `unreadable` finding (exit 1), not only a warning in the log', async () => {
  const w = await world({ seed: 95, orders: 0, listings: 0, fakeClock: true });
  const skus = await listedSkus(w, 1);
  expect((await w.run(['push-stock', '--full'], noWait)).code).toBe(0);
  const t = new Date((w.time?.clock() ?? Date.now()) - 10 * 60_000).toISOString();
  const [order] = w.amazon.addOrders({
    orders: [
      { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items: [{ sku: skus[0] ?? '', quantity: 1 }] },
    ],
  });
  expect((await w.run(['pull-orders'], noWait)).code).toBe(0);
  expect((await w.run(['reconcile'], noWait)).code).toBe(0);

  w.amazon.rewriteNext('searchOrders', { set: { 'orders.0.orderItems.0.quantityOrdered': -1 } });
  const r = await w.run(['--json', 'reconcile', '--fix'], noWait);
  expect(r.code).toBe(1);
  const findings = (JSON.parse(r.out) as Report).sellers[0]?.findings;
  expect(findings).toEqual([
    {
      kind: 'unreadable',
      key: order?.orderId,
      marketplaceId: 'ATVPDKIKX0DER',
      detail: expect.stringMatching(/could not be read, so it was not compared: unexpected order shape at orderItems\.0\.quantityOrdered/),
      notFixed: expect.stringMatching(/run reconcile again/),
    },
  ]);
  expect((await w.run(['reconcile'], noWait)).code).toBe(0);
});

import { OPERATIONS, parseRateOverride } from '../../src/simulator/amazon';
import { at, startAmazonSim, T0, type AmazonSimHarness } from '../helpers/amazon-sim';

let harness: AmazonSimHarness | undefined;
afterEach(async () => {
  await harness?.sim.close();
  harness = undefined;
});

test('the v0 reads carry the model defaults: getOrders 0.0167/20, getOrderItems 0.5/30', () => {
  const table = Object.fromEntries(OPERATIONS.map((op) => [op.name, `${op.rate}/${op.burst}`]));
  expect(table).toMatchObject({ getOrders: '0.0167/20', getOrderItems: '0.5/30' });
  expect(parseRateOverride('getOrderItems=89.3/30')).toEqual(['getOrderItems', { rate: 89.3, burst: 30 }]);
});

test('each v0 read draws on its own bucket, refilled at the overridden rate on the injected clock', async () => {
  harness = await startAmazonSim({ rates: { getOrders: { rate: 0.5, burst: 2 }, getOrderItems: { rate: 1, burst: 1 } } });
  const { sim, clock } = harness;
  const [o] = sim.addOrders({
    orders: [{ status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: at(60), items: [{ sku: 'SKU-0001', quantity: 1 }] }],
  });
  const token = await harness.token('A1SELLER');
  const call = async (path: string): Promise<[number, string | null]> => {
    const res = await fetch(`${sim.origin}${path}`, { headers: { 'x-amz-access-token': token } });
    return [res.status, res.headers.get('x-amzn-ratelimit-limit')];
  };
  const list = `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${at(600)}`;
  const items = `/orders/v0/orders/${o?.orderId}/orderItems`;
  expect([await call(list), await call(list), await call(list)]).toEqual([
    [200, '0.5'],
    [200, '0.5'],
    [429, null],
  ]);
  expect([await call(items), await call(items)]).toEqual([
    [200, '1'],
    [429, null],
  ]);
  clock.set(T0 + 1_000);
  expect(await call(items)).toEqual([200, '1']);
  expect(await call(list)).toEqual([429, null]);
  clock.set(T0 + 2_000);
  expect(await call(list)).toEqual([200, '0.5']);
});

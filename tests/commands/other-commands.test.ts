import { testWorld, type TestWorld } from '../helpers/world-run';

let w: TestWorld;
beforeAll(async () => {
  w = await testWorld({ seed: 21, orders: 15 });
});
afterAll(() => w.close());

test('an unknown seller is a usage error naming the known ones', async () => {
  const r = await w.run(['--seller', 'nobody', 'pull-orders']);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/no seller named \\"nobody\\".*known: sim-us/);
});

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

test('status shows runs, checkpoints and retries, in text and JSON', async () => {
  const empty = await w.run(['status']);
  expect(empty).toMatchObject({ code: 0, out: expect.stringMatching(/no state yet/) });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  const text = await w.run(['status']);
  expect(text.code).toBe(0);
  expect(text.out).toMatch(/#1 pull-orders sim-us .* ok \{"(created|skipped)"/);
  expect(text.out).toMatch(/pull-orders sim-us ATVPDKIKX0DER: \d{4}-\d\d-\d\dT/);
  const json = JSON.parse((await w.run(['--json', 'status'])).out) as { runs: unknown[]; checkpoints: unknown[]; locks: unknown[] };
  expect(json.runs).toHaveLength(1);
  expect(json.checkpoints).toHaveLength(1);
  expect(json.locks).toEqual([]);
});

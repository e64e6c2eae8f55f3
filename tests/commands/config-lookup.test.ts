import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/index';
import { testWorld, type TestWorld } from '../helpers/world-run';

/**
 * The config is found where a Linux service expects it when --config is not given, every command
 * alike; `check --seller` treats a name the config lacks as the sync commands do.
 */
let w: TestWorld;
beforeAll(async () => {
  w = await testWorld({ seed: 67, orders: 4 });
});
afterAll(() => w.close());

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv,
  search: { cwd: string; systemPath: string },
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { env, out: (s) => (out += s), err: (s) => (err += s), errIsTTY: false }, { configSearch: search });
  return { code, out, err };
}

const nowhere = (): { cwd: string; systemPath: string } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nowhere-'));
  return { cwd: dir, systemPath: path.join(dir, 'etc', 'config.json') };
};

test('without --config, the system-wide file is read (here injected for /etc/alloc-amazon/config.json)', async () => {
  const r = await run(['--dry-run', 'pull-orders'], { ...w.env }, { cwd: nowhere().cwd, systemPath: w.configPath });
  expect(r.err).not.toMatch(/"level":"error"/);
  expect(r.code).toBe(0);
  expect((await run(['status'], {}, { cwd: nowhere().cwd, systemPath: w.configPath })).out).toContain(
    `(${path.join(w.dir, 'alloc-amazon.sqlite')}): nothing has run`,
  );
});

test('ALLOC_AMAZON_CONFIG names the file; ./config.json comes before the system file', async () => {
  const where = nowhere();
  const viaEnv = await run(['status', '--json'], { ALLOC_AMAZON_CONFIG: w.configPath }, where);
  expect(JSON.parse(viaEnv.out)).toMatchObject({ stateFile: path.join(w.dir, 'alloc-amazon.sqlite') });
  const local = await run(['status', '--json'], {}, { cwd: w.dir, systemPath: where.systemPath });
  expect(JSON.parse(local.out)).toMatchObject({ stateFile: path.join(w.dir, 'alloc-amazon.sqlite') });
});

test.each([['pull-orders'], ['status'], ['check', '--offline'], ['smoke', '--sandbox']])(
  'no config anywhere: %s exits 2 naming every place it looked',
  async (...argv) => {
    const where = nowhere();
    const r = await run(argv, {}, where);
    expect(r.code).toBe(2);
    expect(`${r.err}${r.out}`).toContain(`ALLOC_AMAZON_CONFIG (not set), ${path.join(where.cwd, 'config.json')}, ${where.systemPath}`);
  },
);

test('check --seller with a seller the config does not list is a usage error, as for the sync commands', async () => {
  const sync = await w.run(['--seller', 'nobody', 'pull-orders']);
  const check = await w.run(['--seller', 'nobody', 'check', '--offline']);
  expect([sync.code, check.code]).toEqual([2, 2]);
  expect(check.err).toMatch(/no seller named \\"nobody\\" in the config \(known: sim-us\)/);
  expect((await w.run(['--seller', 'sim-us', 'check', '--offline'])).code).toBe(0);
});

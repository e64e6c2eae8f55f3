import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testWorld, type TestWorld } from '../helpers/world-run';

/**
 * Bad configuration and secrets: each case names what is wrong and where, exits 2, and changes
 * nothing — no state file, no request to either system.
 */
type Config = Record<string, unknown>;
const seller = (c: Config): Config => (c.sellers as Config[])[0] as Config;
const amazon = (c: Config): Config => c.amazon as Config;

let w: TestWorld;
beforeAll(async () => {
  w = await testWorld({ seed: 61, orders: 10 });
});
afterAll(() => w.close());

/** A fresh folder holding the world's config with `edit` applied, and its .env. */
function folder(edit?: (c: Config) => void): { dir: string; config: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-'));
  return { dir, config: w.writeConfig(dir, edit) };
}

async function refused(dir: string, config: string, argv: string[], message: RegExp): Promise<void> {
  const before = { amazon: w.amazon.requests.length, allocadence: w.allocadence.requests.length };
  const r = await w.run(['--config', config, ...argv]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: expect.stringMatching(message) });
  expect(r.err).not.toMatch(/unexpected error|stack/);
  expect(fs.readdirSync(dir).filter((f) => f.includes('sqlite'))).toEqual([]);
  expect({ amazon: w.amazon.requests.length, allocadence: w.allocadence.requests.length }).toEqual(before);
}

describe('config.json', () => {
  test.each<[string, (c: Config) => void, RegExp]>([
    ['a wrong type', (c) => (seller(c).warehouse = 42), /sellers\[sim-us\]\.warehouse: expected text, got a whole number/],
    ['a wrong nested type', (c) => (amazon(c).sandbox = 'yes'), /amazon\.sandbox: expected true or false, got text/],
    [
      'a misspelt key',
      (c) => (seller(c).warehose = 'Main'),
      /sellers\[sim-us\]\.warehose: unknown setting — did you mean \\"warehouse\\"\?/,
    ],
    ['a misspelt top-level key', (c) => (c.stateDB = './x.sqlite'), /stateDB: unknown setting — did you mean \\"stateDb\\"\?/],
    ['an unknown key like no other', (c) => (c.colour = 'red'), /colour: unknown setting\\n|colour: unknown setting"/],
    ['no sellers', (c) => delete c.sellers, /sellers: required \(at least one seller is needed\)/],
    ['an empty seller list', (c) => (c.sellers = []), /sellers: needs at least 1 entry \(at least one seller is needed\)/],
    ['a seller name used twice', (c) => (c.sellers = [seller(c), { ...seller(c) }]), /sellers\[1\]\.name: \\"sim-us\\" is used twice/],
    [
      'a marketplace id of the wrong shape',
      (c) => (seller(c).marketplaceIds = ['amazon.com']),
      /sellers\[sim-us\]\.marketplaceIds\[0\]: an Amazon marketplace id such as ATVPDKIKX0DER/,
    ],
    [
      'a marketplace id Amazon does not have',
      (c) => (seller(c).marketplaceIds = ['A1ZZZZZZZZZZZZ']),
      /sellers\[sim-us\]\.marketplaceIds\[0\]: A1ZZZZZZZZZZZZ is not an Amazon marketplace id \(region na has .*ATVPDKIKX0DER US/,
    ],
    [
      'a marketplace of another region',
      (c) => (seller(c).marketplaceIds = ['ATVPDKIKX0DER', 'A1PA6795UKMFR9']),
      /sellers\[sim-us\]\.marketplaceIds\[1\]: A1PA6795UKMFR9 \(DE\) is served by the eu endpoint, but amazon\.region is \\"na\\"/,
    ],
    [
      'a marketplace listed twice',
      (c) => (seller(c).marketplaceIds = ['ATVPDKIKX0DER', 'ATVPDKIKX0DER']),
      /sellers\[sim-us\]\.marketplaceIds\[1\]: ATVPDKIKX0DER is listed twice/,
    ],
    ['an unknown region', (c) => (amazon(c).region = 'us'), /amazon\.region: must be one of na, eu, fe/],
    [
      'a URL without a scheme',
      (c) => ((c.allocadence as Config).baseUrl = 'app.allocadence.com/rest'),
      /allocadence\.baseUrl: expected a URL starting with https:\/\/ \(e\.g\. https:\/\/app\.allocadence\.com\/rest\)/,
    ],
    [
      'a URL of another scheme',
      (c) => (amazon(c).tokenUrl = 'ftp://api.amazon.com/auth/o2/token'),
      /amazon\.tokenUrl: expected a URL starting with https:\/\//,
    ],
    [
      'plain http to another host',
      (c) => (amazon(c).endpoint = 'http://sellingpartnerapi-na.amazon.com'),
      /amazon\.endpoint: http:\/\/sellingpartnerapi-na\.amazon\.com is plain http; credentials would cross the network unencrypted/,
    ],
    [
      'plain http to a name that only starts like loopback',
      (c) => ((c.allocadence as Config).legacyBaseUrl = 'http://127.0.0.1.example.com/services/rest'),
      /allocadence\.legacyBaseUrl: .* is plain http/,
    ],
    [
      'plain http on the local network',
      (c) => (amazon(c).tokenUrl = 'http://10.0.0.5/auth/o2/token'),
      /amazon\.tokenUrl: .* is plain http/,
    ],
    ['a list where an object belongs', (c) => (c.retry = [6]), /retry: expected an object \(\{ … \}\), got a list/],
  ])('%s', async (_name, edit, message) => {
    const { dir, config } = folder(edit);
    await refused(dir, config, ['pull-orders'], message);
    // status needs no secrets but the same valid config.
    await refused(dir, config, ['status'], message);
  });

  test.each<[string, string, RegExp]>([
    [
      'a trailing comma',
      '{\n  "stateDb": "./s.sqlite",\n  "sellers": [],\n}\n',
      /is not valid JSON: line 3, column 16: a comma before '}' \(JSON allows no trailing comma\)/,
    ],
    ['a missing brace', '{\n  "sellers": [\n', /is not valid JSON: line 3, column 1: expected a value, found the end of the file/],
    ['an unquoted key', '{ sellers: [] }', /is not valid JSON: line 1, column 3: expected a \\"quoted\\" key, found 's'/],
    ['an empty file', '', /is not valid JSON: line 1, column 1: expected a value, found the end of the file/],
    ['a list at the top', '[]', /has 1 problem\(s\):"}\n.*"msg":" {2}\(top level\): expected an object \(\{ … \}\), got a list/],
  ])('not JSON, or not an object: %s', async (_name, text, message) => {
    const { dir, config } = folder();
    fs.writeFileSync(config, text);
    await refused(dir, config, ['pull-orders'], new RegExp(`${config.replace(/[.]/g, '\\.')}.*${message.source}`));
    await refused(dir, config, ['status'], message);
  });

  test('a byte-order mark from a Windows editor is accepted', async () => {
    const { config } = folder();
    fs.writeFileSync(config, `\uFEFF${fs.readFileSync(config, 'utf8')}`);
    expect((await w.run(['--config', config, '--dry-run', 'pull-orders'])).code).toBe(0);
  });

  test('a config path that is a directory', async () => {
    const { dir } = folder();
    const config = path.join(dir, 'conf.d');
    fs.mkdirSync(config);
    await refused(dir, config, ['push-stock'], /config file .*conf\.d is a directory, not a file/);
    await refused(dir, config, ['status'], /conf\.d is a directory/);
  });

  const root = process.getuid?.() === 0;
  (root ? test.skip : test)('an unreadable config file (skipped as root: chmod 000 does not stop root reading)', async () => {
    const { dir, config } = folder();
    fs.chmodSync(config, 0o000);
    await refused(dir, config, ['pull-orders'], /config file .*config\.json cannot be read: permission denied/);
  });
});

describe('secrets', () => {
  const withEnv = (lines: (env: Record<string, string>) => string[]): { dir: string; config: string } => {
    const f = folder();
    fs.writeFileSync(path.join(f.dir, '.env'), `${lines({ ...w.env }).join('\n')}\n`, { mode: 0o600 });
    return f;
  };
  const except = (env: Record<string, string>, ...names: string[]): string[] =>
    Object.entries(env)
      .filter(([k]) => !names.includes(k))
      .map(([k, v]) => `${k}=${v}`);

  test('every missing secret is listed at once, and no present one is shown', async () => {
    const { dir, config } = withEnv((env) => except(env, 'LWA_CLIENT_SECRET', 'AMAZON_REFRESH_TOKEN_SIM_US', 'ALLOCADENCE_SECURE_KEY'));
    await refused(
      dir,
      config,
      ['push-shipments'],
      /missing or empty secrets.*"}\n.*"msg":" {2}LWA_CLIENT_SECRET \(.*\)"}\n.*"msg":" {2}AMAZON_REFRESH_TOKEN_SIM_US \(refresh token of seller sim-us\)"}\n.*"msg":" {2}ALLOCADENCE_SECURE_KEY/,
    );
    const r = await w.run(['--config', config, 'push-shipments']);
    for (const value of Object.values(w.env)) expect(r.err).not.toContain(value);
  });

  test.each<[string, string]>([
    ['empty', 'LWA_CLIENT_ID='],
    ['whitespace only', 'LWA_CLIENT_ID="   "'],
  ])('a secret that is %s counts as missing', async (_name, line) => {
    const { dir, config } = withEnv((env) => [...except(env, 'LWA_CLIENT_ID'), line]);
    await refused(
      dir,
      config,
      ['pull-items'],
      /missing or empty secrets.*"}\n.*"msg":" {2}LWA_CLIENT_ID \(the SP-API application client id\)"/,
    );
  });

  test('a .env that is a directory', async () => {
    const { dir, config } = folder();
    fs.rmSync(path.join(dir, '.env'));
    fs.mkdirSync(path.join(dir, '.env'));
    await refused(dir, config, ['pull-orders'], /secrets file .*\.env is a directory, not a file/);
  });
});

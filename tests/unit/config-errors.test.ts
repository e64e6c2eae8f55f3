import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, validateConfig } from '../../src/config/load';
import { CONFIG_ENV, locateConfig } from '../../src/config/locate';
import { EXAMPLE_ENV, exampleConfig } from '../helpers/example-config';

type Json = Record<string, unknown>;
const sellers = (c: Json): Json[] => c.sellers as Json[];

function errorsOf(json: unknown): string[] {
  const r = validateConfig(json);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function twoSellers(): Json {
  const c = exampleConfig();
  const first = sellers(c)[0] as Json;
  c.sellers = [first, { ...first, name: 'acme-ca', sellerId: 'A3OTHER', refreshTokenEnv: 'AMAZON_REFRESH_TOKEN_ACME_CA' }];
  return c;
}

describe('config errors', () => {
  test('schema and cross-field problems are reported together, in plain words, under the seller they belong to', () => {
    const c = twoSellers();
    const [us, ca] = sellers(c) as [Json, Json];
    delete us.warehouse;
    ca.stock = { percent: 150, patchThreshold: 2.5 };
    ca.sellerId = us.sellerId; // same account and marketplace as acme-us
    (c.amazon as Json).endpoint = 'http://sp.example.com';
    expect(errorsOf(c).sort()).toEqual(
      [
        'amazon.endpoint: http://sp.example.com is plain http; credentials would cross the network unencrypted (use https, or a 127.0.0.1 simulator)',
        'sellers[acme-us].warehouse: required',
        'sellers[acme-ca].stock.percent: must be at most 100 (0–100: the share of sellable stock offered on Amazon)',
        'sellers[acme-ca].stock.patchThreshold: expected a whole number, got a number',
        'sellers[acme-ca].marketplaceIds[0]: seller id A2EXAMPLE in ATVPDKIKX0DER is already sellers[acme-us]; one Amazon account in one marketplace must be one seller, or every order would be imported twice',
      ].sort(),
    );
  });

  test('no validator wording reaches the operator', () => {
    const c = exampleConfig();
    const s = sellers(c)[0] as Json;
    Object.assign(s, { sellerId: 7, marketplaceIds: 'ATVPDKIKX0DER', synchronizeItems: 'yes', orders: { fulfilledBy: ['SELLER'] } });
    c.retry = { maxAttempts: 0 };
    const errors = errorsOf(c);
    expect(errors).toEqual(
      expect.arrayContaining([
        'sellers[acme-us].sellerId: expected text, got a whole number',
        'sellers[acme-us].marketplaceIds: expected a list ([ … ]), got text (e.g. ["ATVPDKIKX0DER"] for amazon.com)',
        'sellers[acme-us].synchronizeItems: expected true or false, got text',
        'sellers[acme-us].orders.fulfilledBy[0]: must be one of MERCHANT, AMAZON (got "SELLER") (MERCHANT and/or AMAZON)',
        'retry.maxAttempts: must be at least 1',
      ]),
    );
    for (const e of errors) expect(e).not.toMatch(/Invalid input|received|Too small|Too big|>=|Invalid option/);
  });

  test('a seller without a usable name is named by its position', () => {
    const c = twoSellers();
    (sellers(c)[1] as Json).name = 'bad name!';
    delete (sellers(c)[1] as Json).warehouse;
    expect(errorsOf(c)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^sellers\[1\]\.name: letters, digits/), 'sellers[1].warehouse: required']),
    );
  });

  test('the same seller id in different marketplaces, or different seller ids in one, are fine', () => {
    const c = twoSellers();
    expect(validateConfig(c)).toMatchObject({ ok: true });
    (sellers(c)[1] as Json).sellerId = 'A2EXAMPLE';
    (sellers(c)[1] as Json).marketplaceIds = ['A2EUQ1WTGCTBG2'];
    expect(validateConfig(c)).toMatchObject({ ok: true });
  });

  test('cross-field checks run even when the schema already failed', () => {
    const c = twoSellers();
    (c.amazon as Json).region = 'us';
    (sellers(c)[1] as Json).name = 'acme-us';
    const errors = errorsOf(c);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^amazon\.region: must be one of na, eu, fe \(got "us"\)/),
        expect.stringMatching(/^sellers\[1\]\.name: "acme-us" is used twice/),
      ]),
    );
  });
});

describe('where the config is looked for', () => {
  let root: string;
  let cwd: string;
  let etc: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'locate-'));
    cwd = path.join(root, 'work');
    etc = path.join(root, 'etc', 'config.json');
    fs.mkdirSync(cwd);
    fs.mkdirSync(path.dirname(etc));
  });
  const write = (file: string): string => {
    fs.writeFileSync(file, '{}');
    return file;
  };
  const search = (): { cwd: string; systemPath: string } => ({ cwd, systemPath: etc });

  test('--config first, then $ALLOC_AMAZON_CONFIG, then ./config.json, then the system file', () => {
    write(etc);
    expect(locateConfig(undefined, {}, search())).toBe(etc);
    const local = write(path.join(cwd, 'config.json'));
    expect(locateConfig(undefined, {}, search())).toBe(local);
    const named = write(path.join(root, 'named.json'));
    expect(locateConfig(undefined, { [CONFIG_ENV]: named }, search())).toBe(named);
    expect(locateConfig('other.json', { [CONFIG_ENV]: named }, search())).toBe(path.join(cwd, 'other.json'));
  });

  test('a file named by the variable must exist; nothing else is tried', () => {
    write(etc);
    expect(() => locateConfig(undefined, { [CONFIG_ENV]: 'gone.json' }, search())).toThrow(
      `config file not found: ${path.join(cwd, 'gone.json')} (named by ALLOC_AMAZON_CONFIG`,
    );
  });

  test('when none is found, the error says every place it looked', () => {
    expect(() => locateConfig(undefined, { [CONFIG_ENV]: ' ' }, search())).toThrow(
      `no config file found; looked for --config <file>, ALLOC_AMAZON_CONFIG (not set), ${path.join(cwd, 'config.json')}, ${etc}.`,
    );
  });
});

describe('missing secrets and the .env', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envfile-'));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(exampleConfig()));
  });
  const message = (): string => {
    try {
      loadConfig(path.join(dir, 'config.json'), { LWA_CLIENT_ID: EXAMPLE_ENV.LWA_CLIENT_ID });
    } catch (err) {
      return (err as Error).message;
    }
    return '';
  };

  test('no .env beside the config: the error says so and where it looked', () => {
    expect(message()).toMatch(
      new RegExp(
        `^missing or empty secrets; set them in the environment or ${path.join(dir, '.env')}, which does not exist \\(copy \\.env\\.example there, mode 0600\\):\\n  LWA_CLIENT_SECRET`,
      ),
    );
  });

  test('a .env that lacks them is named, not said to be missing', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'ALLOCADENCE_API_KEY=test-key-0002\n', { mode: 0o600 });
    const m = message();
    expect(m).toMatch(new RegExp(`^missing or empty secrets; set them in the environment or ${path.join(dir, '.env')}:\\n`));
    expect(m).not.toMatch(/does not exist/);
  });
});

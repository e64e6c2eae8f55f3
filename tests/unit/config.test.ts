import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, validateConfig } from '../../src/config/load';
import { UsageError } from '../../src/errors';
import { EXAMPLE_ENV, exampleConfig } from '../helpers/example-config';

function seller(c: Record<string, unknown>): Record<string, unknown> {
  return (c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>;
}

function errorsOf(json: unknown): string[] {
  const r = validateConfig(json);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('validateConfig', () => {
  test('accepts the example and fills defaults', () => {
    const r = validateConfig(exampleConfig());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const s = r.config.sellers[0];
    expect(s?.orders).toEqual({
      fulfilledBy: ['MERCHANT'],
      importPending: false,
      lookbackMinutes: 30,
      initialLookbackDays: 7,
      cancelInWarehouse: true,
    });
    expect(r.config.amazon.sandbox).toBe(false);
  });

  test('accepts config.example.json as shipped', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config.example.json'), 'utf8')) as unknown;
    const r = validateConfig(shipped);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  test('reports every problem at once, each with its path', () => {
    const c = exampleConfig();
    (c.amazon as Record<string, unknown>).region = 'us';
    seller(c).marketplaceIds = [];
    delete seller(c).warehouse;
    const errors = errorsOf(c);
    expect(errors).toHaveLength(3);
    expect(errors.find((e) => e.startsWith('amazon.region:'))).toMatch(/one of na, eu, fe/);
    expect(errors).toContain('sellers[acme-us].marketplaceIds: needs at least 1 entry (e.g. ["ATVPDKIKX0DER"] for amazon.com)');
    expect(errors).toContain('sellers[acme-us].warehouse: required');
  });

  test('rejects unknown keys and suggests the intended one', () => {
    const c = exampleConfig();
    seller(c).warehose = 'Main';
    seller(c).orders = { lookbackMinuts: 10 };
    const errors = errorsOf(c);
    expect(errors).toContain('sellers[acme-us].warehose: unknown setting — did you mean "warehouse"?');
    expect(errors).toContain('sellers[acme-us].orders.lookbackMinuts: unknown setting — did you mean "lookbackMinutes"?');
  });

  test('refuses plain http except on loopback', () => {
    const c = exampleConfig();
    (c.amazon as Record<string, unknown>).endpoint = 'http://sp.example.com';
    (c.allocadence as Record<string, unknown>).baseUrl = 'http://127.0.0.1:8080/rest';
    const errors = errorsOf(c);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^amazon\.endpoint: .*plain http/);
  });

  // URL schemes are case-insensitive (RFC 3986 §3.1) and the HTTP client parses URLs the WHATWG way.
  test.each([
    'HTTP://sp.example.com',
    'Http://sp.example.com',
    'hTTp://sp.example.com/x',
    ' http://sp.example.com',
    'http://localhost./',
    'http://localhost.example.com/',
    'http://[::ffff:127.0.0.1]/',
    'http://127.0.0.1.nip.io/',
    'http://10.0.0.1:8080/',
  ])('refuses plain http to %j, whatever the case of its scheme', (url) => {
    const c = exampleConfig();
    (c.amazon as Record<string, unknown>).tokenUrl = url;
    expect(errorsOf(c)).toEqual([
      expect.stringMatching(/^amazon\.tokenUrl: .*plain http; credentials would cross the network unencrypted/),
    ]);
  });

  test.each([
    'http://127.0.0.1:9000/rest',
    'HTTP://127.0.0.1:9000/rest',
    'http://127.1:9000/',
    'http://localhost:9000/',
    'HTTP://LOCALHOST:9000/',
    'http://[::1]:9000/',
    'Http://[0:0:0:0:0:0:0:1]:9000/',
    'HTTPS://app.allocadence.com/rest',
  ])('accepts %j: loopback, or https', (url) => {
    const c = exampleConfig();
    (c.allocadence as Record<string, unknown>).baseUrl = url;
    (c.allocadence as Record<string, unknown>).legacyBaseUrl = url;
    expect(validateConfig(c)).toMatchObject({ ok: true });
  });

  test('takes the account time zone as an IANA name, and names a wrong one', () => {
    const c = exampleConfig();
    (c.allocadence as Record<string, unknown>).timeZone = 'America/Toronto';
    const r = validateConfig(c);
    expect(r.ok && r.config.allocadence.timeZone).toBe('America/Toronto');
    (c.allocadence as Record<string, unknown>).timeZone = 'EST+5';
    expect(errorsOf(c)).toEqual([expect.stringMatching(/^allocadence\.timeZone: not a time zone .*IANA name/)]);
  });

  test('refuses a seller name used twice', () => {
    const c = exampleConfig();
    c.sellers = [seller(c), { ...seller(c) }];
    expect(errorsOf(c)).toEqual([
      expect.stringMatching(/^sellers\[1\]\.name: "acme-us" is used twice/),
      expect.stringMatching(/^sellers\[1\]\.marketplaceIds\[0\]: seller id .* is already sellers\[0\]/),
    ]);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(exampleConfig()));
  });

  test('reads secrets from .env beside the config; the environment wins', () => {
    fs.writeFileSync(
      path.join(dir, '.env'),
      Object.entries(EXAMPLE_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    const loaded = loadConfig(path.join(dir, 'config.json'), { LWA_CLIENT_ID: 'from-environment-0001' });
    expect(loaded.secrets.lwaClientId).toBe('from-environment-0001');
    expect(loaded.secrets.refreshTokens['acme-us']).toBe(EXAMPLE_ENV.AMAZON_REFRESH_TOKEN_ACME_US);
    expect(loaded.stateDbPath).toBe(path.join(dir, 'state.sqlite'));
  });

  test('a .env others can read draws a warning; a private one does not', () => {
    const envFile = path.join(dir, '.env');
    fs.writeFileSync(
      envFile,
      Object.entries(EXAMPLE_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      { mode: 0o600 },
    );
    fs.chmodSync(envFile, 0o600);
    expect(loadConfig(path.join(dir, 'config.json'), {}).warnings).toEqual([]);
    fs.chmodSync(envFile, 0o644);
    expect(loadConfig(path.join(dir, 'config.json'), {}).warnings).toEqual([
      expect.stringMatching(/readable by others \(mode 644\): chmod 600/),
    ]);
  });

  test('names every missing secret and never prints a present one', () => {
    const env = { ...EXAMPLE_ENV } as Record<string, string | undefined>;
    delete env.LWA_CLIENT_SECRET;
    delete env.AMAZON_REFRESH_TOKEN_ACME_US;
    let message = '';
    try {
      loadConfig(path.join(dir, 'config.json'), env);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/LWA_CLIENT_SECRET/);
    expect(message).toMatch(/AMAZON_REFRESH_TOKEN_ACME_US \(refresh token of seller acme-us\)/);
    for (const value of Object.values(EXAMPLE_ENV)) expect(message).not.toContain(value);
  });

  test('a missing file and invalid JSON are usage errors with the path', () => {
    expect(() => loadConfig(path.join(dir, 'nope.json'), {})).toThrow(/config file not found: .*nope\.json/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ "sellers": [ }');
    expect(() => loadConfig(path.join(dir, 'bad.json'), {})).toThrow(/bad\.json is not valid JSON/);
  });
});

import { parseArgv, type ParsedCommand } from '../../src/cli';

function parse(argv: string[]): { parsed: ParsedCommand; out: string; err: string } {
  let out = '';
  let err = '';
  const parsed = parseArgv(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { parsed, out, err };
}

describe('argv parsing', () => {
  test.each([
    [['pull-orders'], { kind: 'sync', command: 'pull-orders', global: expect.objectContaining({ dryRun: false, json: false }) }],
    [
      ['--config', 'x.json', 'pull-orders', '--dry-run', '--json'],
      { kind: 'sync', global: expect.objectContaining({ config: 'x.json', dryRun: true, json: true }) },
    ],
    [
      ['pull-orders', '--seller', 'acme', '--since', '2026-11-01'],
      { kind: 'sync', global: expect.objectContaining({ seller: 'acme' }), options: { since: '2026-11-01T00:00:00.000Z' } },
    ],
    [
      ['--log-format', 'json', '--quiet', 'status'],
      { kind: 'status', global: expect.objectContaining({ logFormat: 'json', quiet: true }) },
    ],
    [['push-stock', '--full'], { kind: 'sync', command: 'push-stock', options: { full: true } }],
    [
      ['simulate', '--dir', 'd', '--orders', '250', '--rate', 'searchOrders=1/5', '--rate', 'getOrder=2/2', '--faults', '0.2'],
      {
        kind: 'simulate',
        options: { dir: 'd', orders: 250, listings: 60, seed: 1, rate: ['searchOrders=1/5', 'getOrder=2/2'], faults: '0.2' },
      },
    ],
    [['demo'], { kind: 'demo', options: { seed: 7, orders: 24 } }],
    [['--max-minutes', '0.5', 'pull-orders'], { kind: 'sync', global: expect.objectContaining({ maxMinutes: 0.5 }) }],
    [['push-status', '--max-minutes', '30'], { kind: 'sync', command: 'push-status', global: expect.objectContaining({ maxMinutes: 30 }) }],
  ])('%j', (argv, expected) => {
    expect(parse(argv).parsed).toMatchObject(expected);
  });

  test('--version prints the package version', async () => {
    const pkg = (await import('../../package.json')) as { version: string };
    const { parsed, out } = parse(['--version']);
    expect(parsed).toEqual({ kind: 'exit', code: 0 });
    expect(out.trim()).toBe(pkg.version);
  });

  test('help exits 0 and lists the exit codes', () => {
    const { parsed, out } = parse(['--help']);
    expect(parsed).toEqual({ kind: 'exit', code: 0 });
    expect(out).toMatch(/75 +another run/);
    expect(out).toMatch(/pull-orders/);
    // Every sync command lists exit 74 with the others.
    for (const command of ['pull-orders', 'pull-items', 'push-stock', 'push-shipments', 'push-status']) {
      expect([command, parse([command, '--help']).out]).toEqual([
        command,
        expect.stringMatching(/\n {2}3 .*\n.*\n {2}74 +local I\/O error: the state file could not be written .*\n.*\n {2}75 /),
      ]);
    }
    expect(parse(['pull-orders', '--help']).out).toMatch(/now − 2 min/);
    expect(out.replace(/\s+/g, ' ')).toMatch(
      /--max-minutes <n> +stop starting new work after this many minutes; .*pull-orders 12, push-shipments 50, push-status 50, pull-items 200, push-stock 120, redact-pii 120\)/,
    );
  });

  test('without --max-minutes the option is absent: each command applies its own default', () => {
    expect(parse(['pull-orders']).parsed).not.toHaveProperty('global.maxMinutes');
  });

  test.each([
    [['pull-orders', '--since', 'yesterday']],
    [['--max-minutes', '0', 'pull-orders']],
    [['--max-minutes', '-3', 'pull-orders']],
    [['--max-minutes', 'soon', 'pull-orders']],
    [['bogus']],
    [['pull-orders', '--frobnicate']],
    [['--log-format', 'xml', 'status']],
    [[]],
  ])('usage error %j exits 2 with a message', (argv) => {
    const { parsed, err } = parse(argv);
    expect(parsed).toEqual({ kind: 'exit', code: 2 });
    expect(err.length).toBeGreaterThan(0);
  });
});

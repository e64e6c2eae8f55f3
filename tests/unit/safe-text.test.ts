import { createLogger } from '../../src/output/log';
import { Redactor } from '../../src/output/redact';
import { safeJson, safeText } from '../../src/output/safe-text';
import { renderCheck } from '../../src/commands/check/render';
import { renderStatus } from '../../src/commands/status/render';
import type { DirectionStatus } from '../../src/commands/status/view';

/** Anything a terminal or a line reader would act on, as a remote system might send it. */
const HOSTILE = 'A\nB\rC\tD\x1b[31mE\x00F\x7fG\x85H\x9bI\u2028J\u2029K\u202eL\u2066M\u2069N\u061cO\u200fP';
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  test('every control becomes a visible escape; ordinary text, accents and emoji stay as they are', () => {
    expect(safeText(HOSTILE)).toBe(
      'A\\nB\\rC\\tD\\x1b[31mE\\x00F\\x7fG\\x85H\\x9bI\\u2028J\\u2029K\\u202eL\\u2066M\\u2069N\\u061cO\\u200fP',
    );
    expect(safeText('Café – 🎁 SKU-0001 "x" \\n')).toBe('Café – 🎁 SKU-0001 "x" \\n');
    expect(safeText(safeText(HOSTILE))).toBe(safeText(HOSTILE));
  });

  test('every bidi embedding, override and isolate is escaped', () => {
    for (let c = 0x202a; c <= 0x202e; c++) expect(safeText(String.fromCharCode(c))).toBe(`\\u${c.toString(16)}`);
    for (let c = 0x2066; c <= 0x2069; c++) expect(safeText(String.fromCharCode(c))).toBe(`\\u${c.toString(16)}`);
  });
});

describe('safeJson', () => {
  test('the same JSON value, with nothing raw a line reader or terminal would act on', () => {
    const value = { sku: HOSTILE, n: 1, nested: [HOSTILE] };
    const out = safeJson(JSON.stringify(value));
    expect(out).not.toMatch(RAW);
    expect(out).toContain('\\u2028');
    expect(JSON.parse(out)).toEqual(value);
  });
});

function logged(
  format: 'text' | 'json',
  color = false,
  redactor = new Redactor(),
): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger({ format, color, minLevel: 'debug', redactor, write: (l) => lines.push(l), clock: () => 0 }) };
}

describe('text logs', () => {
  test.each([false, true])('one record is one line, message and every field value escaped (colour %s)', (color) => {
    const { lines, log } = logged('text', color);
    log.child({ seller: `acme\n${HOSTILE}` }).warn(`failed ${HOSTILE}`, { key: HOSTILE, detail: { reason: HOSTILE }, count: 2 });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    // Colour codes are the logger's own; nothing else may be an escape sequence.
    const plain = line.replace(/\x1b\[\d+m/g, '');
    expect(plain).not.toMatch(RAW);
    expect(plain).toContain('failed A\\nB\\rC\\tD\\x1b[31mE');
    expect(plain).toContain('key=A\\nB');
    expect(plain).toContain('\\u202eL');
    expect(plain).toContain('seller=acme\\nA\\nB');
    expect(plain).toContain('count=2');
  });

  test('a secret is still redacted when it sits next to control characters', () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t-value-123');
    const { lines, log } = logged('text', false, redactor);
    log.error(`refused\ns3cr3t-value-123\x1b[2J`, { body: '\u2028s3cr3t-value-123' });
    expect(lines[0]).toBe('error refused\\n[REDACTED]\\x1b[2J body=\\u2028[REDACTED]');
  });

  test('JSON logs escape U+2028, U+2029, DEL, C1 and the bidi controls too, and read back the same', () => {
    const { lines, log } = logged('json');
    log.info(HOSTILE, { key: HOSTILE });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(RAW);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: HOSTILE, key: HOSTILE });
  });
});

describe('tables on stdout', () => {
  test('status: keys, errors and hosts from elsewhere are escaped; the table keeps its shape', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const view = [
      {
        seller: 'acme',
        direction: 'pull-orders',
        lastRun: {
          id: 4,
          startedAt: '2026-12-01T11:00:00.000Z',
          outcome: 'partial',
          read: 2,
          totals: {},
          failed: 1,
          error: `boom\n${HOSTILE}`,
        },
        lastOkAt: undefined,
        checkpoints: [],
        retries: [
          {
            key: `111-\x1b]0;owned\x07`,
            marketplace: 'ATVPDKIKX0DER',
            attempts: 1,
            firstFailedAt: '2026-12-01T11:00:00.000Z',
            lastError: `unknown SKU ${HOSTILE}`,
          },
        ],
        lock: { pid: 7, host: `h\u202eost`, live: true },
      },
    ] as unknown as DirectionStatus[];
    const out = renderStatus(view, { now, stateFile: '/tmp/x.sqlite', configured: ['acme'] });
    for (const line of out.split('\n')) expect(line).not.toMatch(RAW);
    expect(out).toContain('111-\\x1b]0;owned\\x07');
    expect(out).toContain('pid 7@h\\u202eost');
    expect(out.split('\n').filter((l) => l.includes('owned'))).toHaveLength(1);
  });

  test('check: a remote answer quoted in a detail cannot add a row or drive the terminal', () => {
    const out = renderCheck(
      [{ area: 'amazon', check: `getOrders\x1b[2J`, result: 'fail', detail: `HTTP 400 bad\r\nallocadence: items  ok  fine\u2028` }],
      [],
      3,
      false,
      [],
    );
    const lines = out.split('\n');
    for (const line of lines) expect(line).not.toMatch(RAW);
    expect(lines[0]).toBe('amazon: getOrders\\x1b[2J  FAIL  HTTP 400 bad\\r');
    // Our own line break in a detail continues the row, indented: it cannot start a row of its own.
    expect(lines[1]).toMatch(/^ +allocadence: items {2}ok {2}fine\\u2028$/);
  });
});

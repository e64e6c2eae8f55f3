import { gzipSync } from 'node:zlib';
import { parseListingsReport, readListingsReport, type ReportRow } from '../../src/amazon/listings-report';
import { HttpClient, newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { startServer, type RunningServer, type SimResponse } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

let server: RunningServer;
let answer: SimResponse | (() => SimResponse);
beforeAll(async () => {
  server = await startServer(() => (typeof answer === 'function' ? answer() : answer));
});
afterAll(() => server.close());

const docs = (): HttpClient =>
  new HttpClient({
    system: 'amazon',
    baseURL: '',
    timeoutMs: 5000,
    retry: DEFAULT_RETRY,
    deps: { ...fakeTime(), random: () => 0, logger: captureLogger().logger },
    stats: newStats(),
    describeError: () => ({}),
  });

const HEADER = 'item-name\tseller-sku\tprice\tquantity\tasin1\tfulfillment-channel\n';
/** A report long enough to cross many of the reader's 64 KiB slices, with multi-byte titles split between them. */
function report(rows: number): string {
  let text = `\uFEFF${HEADER}`;
  for (let i = 0; i < rows; i++)
    text += `Café “${i}” ✓ ${'x'.repeat(i % 37)}\tSKU-${i}\t${i}.5\t${i % 50}\tB0${i}\t${i % 10 === 0 ? 'AMAZON_NA' : 'DEFAULT'}\n`;
  return text;
}
const all = { start: () => new Map<string, ReportRow>(), add: (into: Map<string, ReportRow>, r: ReportRow) => void into.set(r.sku, r) };

test('a report read as it downloads gives the same rows as the whole text parsed at once, gzipped or plain', async () => {
  const text = report(20_000);
  expect(text.length).toBeGreaterThan(10 * 64 * 1024);
  const url = `${server.origin}/doc`;
  answer = { status: 200, raw: gzipSync(Buffer.from(text, 'utf8')), headers: { 'content-type': 'text/plain; charset=UTF-8' } };
  const streamed = await readListingsReport(docs(), { url, compressionAlgorithm: 'GZIP' }, ['quantity'], all);
  expect(streamed).toEqual(parseListingsReport(text, ['quantity']));
  expect(streamed.get('SKU-19999')).toEqual({
    sku: 'SKU-19999',
    title: `Café “19999” ✓ ${'x'.repeat(19999 % 37)}`,
    asin: 'B019999',
    quantity: 49,
    price: 19999.5,
    fulfillment: 'MERCHANT',
  });
  answer = { status: 200, raw: Buffer.from(text, 'utf8'), headers: { 'content-type': 'text/plain' } };
  expect((await readListingsReport(docs(), { url }, [], all)).size).toBe(20_000);
  await expect(readListingsReport(docs(), { url, compressionAlgorithm: 'GZIP' }, [], all)).rejects.toThrow(
    /announced as GZIP but is not gzip data/,
  );
});

test('windows-1252 is decoded as it streams; the sink keeps only what it takes', async () => {
  const bytes = Buffer.concat([
    Buffer.from(HEADER, 'latin1'),
    Buffer.from([0x50, 0x80, 0x99, 0x09]),
    Buffer.from('A\t1\t7\tB01\tDEFAULT\n', 'latin1'),
  ]);
  answer = { status: 200, raw: gzipSync(bytes), headers: { 'content-type': 'text/plain;charset=windows-1252' } };
  const titles = await readListingsReport(docs(), { url: `${server.origin}/doc`, compressionAlgorithm: 'GZIP' }, [], {
    start: () => [] as string[],
    add: (into, r) => void into.push(r.title),
  });
  expect(titles).toEqual(['P€™']);
});

test('a report without a needed column is refused by name, not fetched again', async () => {
  let calls = 0;
  answer = () => {
    calls++;
    return { status: 200, raw: gzipSync('seller-sku\tfulfillment-channel\nA\tDEFAULT\n'), headers: { 'content-type': 'text/plain' } };
  };
  await expect(readListingsReport(docs(), { url: `${server.origin}/doc` }, ['quantity'], all)).rejects.toThrow(
    /listings report without column\(s\) quantity/,
  );
  expect(calls).toBe(1);
});

test('a download that does not unpack is fetched again with a fresh sink; one that never does names the call', async () => {
  const whole = gzipSync(report(5_000));
  const cut: SimResponse = { status: 200, raw: whole.subarray(0, Math.floor(whole.length / 2)), headers: { 'content-type': 'text/plain' } };
  const good: SimResponse = { status: 200, raw: whole, headers: { 'content-type': 'text/plain' } };
  let calls = 0;
  let sinks = 0;
  answer = () => (++calls === 1 ? cut : good);
  const counted = await readListingsReport(docs(), { url: `${server.origin}/doc`, compressionAlgorithm: 'GZIP' }, [], {
    start: () => (sinks++, { rows: 0 }),
    add: (into) => {
      into.rows++;
    },
  });
  expect({ calls, sinks, rows: counted.rows }).toEqual({ calls: 2, sinks: 2, rows: 5_000 });
  answer = cut;
  await expect(readListingsReport(docs(), { url: `${server.origin}/doc`, compressionAlgorithm: 'GZIP' }, [], all)).rejects.toThrow(
    /^amazon downloadReport: the document could not be read \(unexpected end of file\) \(gave up after 3 attempts\)$/,
  );
});

import { gzipSync } from 'node:zlib';
import { downloadDocument } from '../../src/amazon/documents';
import { HttpClient, newStats } from '../../src/http/client';
import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { startServer, type RunningServer, type SimResponse } from '../../src/simulator/server';
import { captureLogger } from '../helpers/capture-logger';
import { fakeTime } from '../helpers/fake-time';

let server: RunningServer;
let answer: SimResponse | (() => SimResponse);
let headers: Record<string, unknown> = {};
beforeAll(async () => {
  server = await startServer((req) => {
    headers = req.headers;
    return typeof answer === 'function' ? answer() : answer;
  });
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

test('windows-1252 with the characters Node 20 gets wrong, gzipped', async () => {
  // "Prix € – Marke™ café" in windows-1252.
  const bytes = Buffer.from([
    0x50, 0x72, 0x69, 0x78, 0x20, 0x80, 0x20, 0x96, 0x20, 0x4d, 0x61, 0x72, 0x6b, 0x65, 0x99, 0x20, 0x63, 0x61, 0x66, 0xe9,
  ]);
  answer = { status: 200, raw: gzipSync(bytes), headers: { 'content-type': 'text/plain;charset=windows-1252' } };
  expect(await downloadDocument(docs(), `${server.origin}/doc`, 'GZIP', 'downloadReport')).toBe('Prix € – Marke™ café');
  expect(headers['x-amz-access-token']).toBeUndefined();
});

test('UTF-8 is the default; an unknown charset is refused plainly', async () => {
  answer = { status: 200, raw: Buffer.from('naïve ✓', 'utf8'), headers: { 'content-type': 'text/plain' } };
  expect(await downloadDocument(docs(), `${server.origin}/doc`, undefined, 'downloadReport')).toBe('naïve ✓');
  answer = { status: 200, raw: 'x', headers: { 'content-type': 'text/plain; charset=x-klingon' } };
  await expect(downloadDocument(docs(), `${server.origin}/doc`, undefined, 'downloadReport')).rejects.toThrow(/charset x-klingon/);
});

test('the bytes decide, not the label: gzip without GZIP is unpacked; GZIP that is not, or is damaged, is refused by name', async () => {
  answer = { status: 200, raw: gzipSync(Buffer.from('seller-sku\tquantity\n')), headers: { 'content-type': 'text/plain' } };
  expect(await downloadDocument(docs(), `${server.origin}/doc`, undefined, 'downloadReport')).toBe('seller-sku\tquantity\n');
  answer = { status: 200, raw: 'seller-sku\tquantity\n', headers: { 'content-type': 'text/plain' } };
  await expect(downloadDocument(docs(), `${server.origin}/doc`, 'GZIP', 'downloadReport')).rejects.toThrow(
    /^amazon downloadReport: HTTP 200 the answer could not be read \(the document was announced as GZIP but is not gzip data\) \(gave up after 6 attempts\)$/,
  );
  answer = { status: 200, raw: gzipSync(Buffer.from('x'.repeat(100))).subarray(0, 20), headers: { 'content-type': 'text/plain' } };
  await expect(downloadDocument(docs(), `${server.origin}/doc`, 'GZIP', 'downloadFeedResult')).rejects.toThrow(
    /^amazon downloadFeedResult: HTTP 200 the answer could not be read \(unexpected end of file\)/,
  );
});

test('a download that does not unpack is fetched again; one that never does names the system and operation', async () => {
  const good: SimResponse = { status: 200, raw: gzipSync('seller-sku\tquantity\n'), headers: { 'content-type': 'text/plain' } };
  const corrupt: SimResponse = { status: 200, raw: '{"truncated": ', headers: { 'content-type': 'application/json' } };
  let calls = 0;
  answer = () => (++calls === 1 ? corrupt : good);
  expect(await downloadDocument(docs(), `${server.origin}/doc`, 'GZIP', 'downloadReport')).toBe('seller-sku\tquantity\n');
  expect(calls).toBe(2);
  answer = corrupt;
  await expect(downloadDocument(docs(), `${server.origin}/doc`, 'GZIP', 'downloadReport')).rejects.toThrow(
    /^amazon downloadReport: HTTP 200 the answer could not be read \(the document was announced as GZIP but is not gzip data\) \(gave up after 6 attempts\)$/,
  );
});

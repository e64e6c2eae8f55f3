import { Readable, Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { RemoteError } from '../errors';
import type { HttpClient } from '../http/client';

/** Charset from a Content-Type header; Amazon's flat files are UTF-8 unless the download says otherwise. */
export function charsetOf(contentType: string | undefined): string {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return (m?.[1] ?? 'utf-8').toLowerCase();
}

/**
 * Downloads a report or feed-result document from its presigned URL. The URL carries its own
 * signature: no SP-API token goes with it (the client passed in has no auth headers).
 */
export async function downloadDocument(docs: HttpClient, url: string, compression: string | undefined, operation: string): Promise<string> {
  // Trust the bytes over the label: gzip's magic number cannot start a text report, and decoding a
  // compressed document as text would put binary garbage into errors and logs. Unpacked inside the
  // request, so a download that does not unpack (damaged or cut short on the way) is fetched again.
  const decode = (body: Buffer): Buffer => {
    const gzipped = isGzip(body);
    if (compression === 'GZIP' && !gzipped) throw new Error('the document was announced as GZIP but is not gzip data');
    return gzipped ? gunzipSync(body) : body;
  };
  const res = await docs.request<Buffer>({ operation, method: 'GET', path: url, responseType: 'buffer', decode });
  const raw = res.data;
  const charset = charsetOf(res.headers['content-type']);
  // Not TextDecoder: Node 20's windows-1252 decoder turns € – ™ and friends into control characters.
  if (!iconv.encodingExists(charset)) throw unknownCharset(operation, charset);
  return iconv.decode(raw, charset);
}

/** Times a document whose bytes do not unpack is fetched again before the read fails. */
const STREAM_ATTEMPTS = 3;
/** Bytes handed to gunzip at a time, so unpacked text waits for the reader instead of piling up. */
const SLICE = 64 * 1024;

/**
 * Downloads a document and hands its text, unpacked and decoded as it goes, to the streams
 * `reader()` makes (the last one consumes what reaches it): a report of 300,000 listings is never
 * held unpacked or as one string. The download itself is the compressed bytes. A download that
 * does not unpack (damaged or cut short on the way) is fetched again, with a fresh reader, since
 * the first one saw part of it; what the reader throws itself (a RemoteError) ends the read.
 */
export async function streamDocument<T>(
  docs: HttpClient,
  url: string,
  compression: string | undefined,
  operation: string,
  reader: () => { streams: Duplex[]; result: () => T },
): Promise<T> {
  const check = (body: Buffer): Buffer => {
    if (compression === 'GZIP' && !isGzip(body)) throw new Error('the document was announced as GZIP but is not gzip data');
    return body;
  };
  for (let attempt = 1; ; attempt++) {
    const res = await docs.request<Buffer>({ operation, method: 'GET', path: url, responseType: 'buffer', decode: check });
    const charset = charsetOf(res.headers['content-type']);
    if (!iconv.encodingExists(charset)) throw unknownCharset(operation, charset);
    const body = res.data;
    const { streams, result } = reader();
    try {
      await pipeline([
        Readable.from(slices(body)),
        ...(isGzip(body) ? [createGunzip()] : []),
        iconv.decodeStream(charset),
        ...streams,
        new Writable({ objectMode: true, write: (_chunk, _enc, done) => done() }),
      ]);
      return result();
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      const detail = `the document could not be read (${(err as Error).message})`;
      if (attempt >= STREAM_ATTEMPTS)
        throw new RemoteError({ system: 'amazon', operation, kind: 'fatal', detail: `${detail} (gave up after ${attempt} attempts)` });
    }
  }
}

function* slices(body: Buffer): Generator<Buffer> {
  for (let i = 0; i < body.length; i += SLICE) yield body.subarray(i, i + SLICE);
}

function isGzip(body: Buffer): boolean {
  return body[0] === 0x1f && body[1] === 0x8b;
}

function unknownCharset(operation: string, charset: string): RemoteError {
  return new RemoteError({
    system: 'amazon',
    operation,
    kind: 'fatal',
    detail: `the document is in charset ${charset}, which this program cannot decode`,
  });
}

/** Uploads a feed document; the Content-Type must be exactly the one given to createFeedDocument. */
export async function uploadDocument(docs: HttpClient, url: string, contentType: string, body: string): Promise<void> {
  await docs.request({
    operation: 'uploadFeedDocument',
    method: 'PUT',
    path: url,
    data: Buffer.from(body, 'utf8'),
    headers: { 'content-type': contentType },
  });
}

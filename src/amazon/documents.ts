import { gunzipSync } from 'node:zlib';
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
    const gzipped = body[0] === 0x1f && body[1] === 0x8b;
    if (compression === 'GZIP' && !gzipped) throw new Error('the document was announced as GZIP but is not gzip data');
    return gzipped ? gunzipSync(body) : body;
  };
  const res = await docs.request<Buffer>({ operation, method: 'GET', path: url, responseType: 'buffer', decode });
  const raw = res.data;
  const charset = charsetOf(res.headers['content-type']);
  // Not TextDecoder: Node 20's windows-1252 decoder turns € – ™ and friends into control characters.
  if (!iconv.encodingExists(charset)) {
    throw new RemoteError({
      system: 'amazon',
      operation,
      kind: 'fatal',
      detail: `the document is in charset ${String(charset)}, which this program cannot decode`,
    });
  }
  return iconv.decode(raw, charset);
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

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createRng, type Rng } from '../random';
import type { SimRequest, SimResponse } from '../server';
import { hex, uuid } from './ids';
import { MINUTE } from './time';

export type DocumentKind = 'feed' | 'report';

/** A stored object behind a presigned URL: a feed upload, a feed result or a report. */
export interface StoredDocument {
  id: string;
  sellerId: string;
  kind: DocumentKind;
  /** For uploads the Content-Type the PUT must carry (it is signed); for downloads the one served. */
  contentType: string;
  /** Exactly the stored bytes: gzipped when `compression` is set. */
  bytes?: Buffer;
  compression?: 'GZIP';
  /** Feed input documents take a PUT; everything else is read-only. */
  upload: boolean;
  createdMs: number;
}

interface Grant {
  documentId: string;
  method: 'GET' | 'PUT';
  expiresMs: number;
  /** enableContentEncodingUrlHeader: serve gzip with Content-Encoding so HTTP clients unpack it. */
  contentEncoding: boolean;
}

// Amazon: "This URL expires after 5 minutes."
export const URL_LIFETIME_MS = 5 * MINUTE;

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Documents and the S3-like server behind their presigned URLs (`/documents/...`). The URLs need
 * no SP-API token and refuse one; they expire on the simulator clock.
 */
export class DocumentStore {
  private readonly docs = new Map<string, StoredDocument>();
  private readonly grants = new Map<string, Grant>();
  private seq = 0;
  // Separate streams: how often URLs are asked for never changes which ids documents get.
  private readonly idRng: Rng;
  private readonly rng: Rng;

  constructor(
    seed: number,
    private readonly origin: () => string,
  ) {
    this.idRng = createRng((seed ^ 0xd0c1d) >>> 0);
    this.rng = createRng((seed ^ 0x5197) >>> 0);
  }

  createUpload(sellerId: string, contentType: string, nowMs: number): StoredDocument {
    return this.store({ id: this.newId('feed'), sellerId, kind: 'feed', contentType, upload: true, createdMs: nowMs });
  }

  createDownload(
    sellerId: string,
    kind: DocumentKind,
    content: { bytes: Buffer; contentType: string; compression?: 'GZIP' },
    nowMs: number,
  ): StoredDocument {
    return this.store({ id: this.newId(kind), sellerId, kind, upload: false, createdMs: nowMs, ...content });
  }

  get(id: string): StoredDocument | undefined {
    return this.docs.get(id);
  }

  /** The stored bytes unpacked (for inspection). */
  plain(doc: StoredDocument): Buffer | undefined {
    if (!doc.bytes) return undefined;
    return doc.compression === 'GZIP' ? gunzipSync(doc.bytes) : doc.bytes;
  }

  /** A fresh URL valid for 5 minutes, as every createFeedDocument / get…Document call hands out. */
  presign(doc: StoredDocument, nowMs: number, opts: { method?: 'GET' | 'PUT'; contentEncoding?: boolean } = {}): string {
    const signature = hex(this.rng, 64);
    const method = opts.method ?? (doc.upload ? 'PUT' : 'GET');
    const contentEncoding = opts.contentEncoding ?? false;
    this.grants.set(signature, { documentId: doc.id, method, expiresMs: nowMs + URL_LIFETIME_MS, contentEncoding });
    const date = new Date(nowMs).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': date,
      'X-Amz-Expires': String(URL_LIFETIME_MS / 1000),
      'X-Amz-SignedHeaders': method === 'PUT' ? 'content-type;host' : 'host',
      'X-Amz-Signature': signature,
    });
    return `${this.origin()}/documents/${encodeURIComponent(doc.id)}?${query.toString()}`;
  }

  /** `GET|PUT /documents/{id}?X-Amz-…`: what S3 would answer. */
  handle(req: SimRequest, nowMs: number): SimResponse {
    const requestId = hex(this.rng, 16).toUpperCase();
    const fail = (status: number, code: string, message: string, extra: Record<string, string> = {}): SimResponse => {
      const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: requestId })
        .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
        .join('');
      return {
        status,
        headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
        raw: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`,
      };
    };
    if (req.headers['x-amz-access-token'] !== undefined) {
      return fail(400, 'InvalidArgument', 'Presigned document URLs take no SP-API headers: remove x-amz-access-token', {
        ArgumentName: 'x-amz-access-token',
      });
    }
    if (req.headers.authorization !== undefined) {
      return fail(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
        { ArgumentName: 'Authorization' },
      );
    }
    if (req.method !== 'GET' && req.method !== 'PUT')
      return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: req.method });
    let id: string;
    try {
      id = decodeURIComponent(req.path.slice('/documents/'.length));
    } catch {
      return fail(400, 'InvalidURI', "Couldn't parse the specified URI.");
    }
    const grant = this.grants.get(req.query.get('X-Amz-Signature') ?? '');
    const doc = this.docs.get(id);
    if (!grant || !doc || grant.documentId !== id) return fail(403, 'AccessDenied', 'Access Denied');
    if (nowMs >= grant.expiresMs) {
      return fail(403, 'AccessDenied', 'Request has expired', {
        'X-Amz-Expires': String(URL_LIFETIME_MS / 1000),
        Expires: new Date(grant.expiresMs).toISOString(),
        ServerTime: new Date(nowMs).toISOString(),
      });
    }
    const signatureMismatch = (why: string) =>
      fail(403, 'SignatureDoesNotMatch', `The request signature we calculated does not match the signature you provided. ${why}`);
    if (req.method !== grant.method) return signatureMismatch(`This URL is signed for ${grant.method}, not ${req.method}.`);
    if (req.method === 'PUT') {
      const type = req.headers['content-type'];
      if (type !== doc.contentType)
        return signatureMismatch(`The URL was signed for Content-Type '${doc.contentType}', the request sent '${type ?? ''}'.`);
      doc.bytes = Buffer.from(req.body);
      const etag = `"${createHash('md5').update(doc.bytes).digest('hex')}"`;
      return { status: 200, headers: { ETag: etag, 'x-amz-request-id': requestId }, raw: '' };
    }
    if (!doc.bytes) return fail(404, 'NoSuchKey', 'The specified key does not exist.', { Key: id });
    const headers: Record<string, string> = {
      'content-type': doc.contentType,
      'content-length': String(doc.bytes.length),
      'x-amz-request-id': requestId,
    };
    if (grant.contentEncoding && doc.compression === 'GZIP') headers['content-encoding'] = 'gzip';
    return { status: 200, headers, raw: doc.bytes };
  }

  private store(doc: StoredDocument): StoredDocument {
    this.docs.set(doc.id, doc);
    return doc;
  }

  private newId(kind: DocumentKind): string {
    this.seq++;
    return kind === 'report'
      ? `amzn1.spdoc.1.4.na.${uuid(this.idRng)}.T${this.seq}`
      : `amzn1.tortuga.4.na.${uuid(this.idRng)}.T${this.seq}`;
  }
}

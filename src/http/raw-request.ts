import type { RawRequest } from './transport';
import type { QueryValue, RequestSpec } from './types';

const USER_AGENT = 'alloc-amazon/0.1 (Language=TypeScript; Platform=Node.js)';

/** Array query values are comma-separated, as every SP-API model declares (collectionFormat csv). */
export function serializeParams(params: Record<string, QueryValue>): string {
  return Object.entries(params)
    .filter((e): e is [string, Exclude<QueryValue, undefined>] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`)
    .join('&');
}

/** A path under `base`, or a whole URL (a document's pre-signed address, which keeps its own query). */
function urlOf(base: string, spec: RequestSpec): URL {
  const url = new URL(/^https?:\/\//i.test(spec.path) ? spec.path : `${base}/${spec.path.replace(/^\/+/, '')}`);
  const query = spec.params ? serializeParams(spec.params) : '';
  if (query) url.search = url.search ? `${url.search}&${query}` : query;
  return url;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers) for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The request as it goes on the wire: a Buffer body as it is, text as UTF-8, anything else as
 * JSON; a body that is not a Buffer is labelled JSON unless the caller names its type. The
 * caller's headers, then credentials.
 */
export function rawRequest(base: string, spec: RequestSpec, auth: Record<string, string>): RawRequest {
  const headers = {
    'user-agent': USER_AGENT,
    accept: 'application/json, */*',
    ...(spec.data !== undefined && !Buffer.isBuffer(spec.data) ? { 'content-type': 'application/json' } : {}),
    ...lowerKeys(spec.headers),
    ...lowerKeys(auth),
  };
  const req: RawRequest = { method: spec.method, url: urlOf(base, spec), headers };
  if (spec.data !== undefined) req.body = bodyOf(spec.data);
  return req;
}

function bodyOf(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8');
}

import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { agentFor } from './agents';

/** What came back: the status, the headers (names lower case, as Node gives them) and the body's bytes. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request that got no whole answer; `code` is Node's (ECONNREFUSED, ECONNRESET, ENOTFOUND …) or ETIMEDOUT. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface RawRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

export const PROXY_CREDENTIALS =
  'the proxy wants credentials (HTTP 407): put the user and password in the URL HTTPS_PROXY names (README: Through a proxy)';

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The body as sent, unpacked when the server says it is encoded: none is asked for, but a stored
 * document (S3) is served with its own Content-Encoding whatever the request said.
 */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

function transportError(err: NodeJS.ErrnoException): TransportError {
  return err instanceof TransportError ? err : new TransportError(err.message, err.code);
}

/**
 * A proxy that would not open the tunnel: nothing reached the API. Its 5xx (the way out is down)
 * may heal, so the request may be sent again; a 4xx is the proxy's policy or credentials.
 */
function proxyRefusal(status: number, host: string): TransportError {
  if (status === 407) return new TransportError(PROXY_CREDENTIALS, 'EPROXY_REFUSED');
  if (status >= 500) return new TransportError(`the proxy could not reach ${host} (HTTP ${status})`, 'EPROXY_FAILED');
  return new TransportError(`the proxy (HTTPS_PROXY) refused the tunnel to ${host} (HTTP ${status})`, 'EPROXY_REFUSED');
}

/** A failure before the proxy opened the tunnel: nothing reached the API, whatever the code. */
function beforeTunnel(err: NodeJS.ErrnoException, timeoutMs: number): TransportError {
  if (err.code === 'ABORT_ERR')
    return new TransportError(`the proxy HTTPS_PROXY names opened no tunnel within ${timeoutMs} ms`, 'EPROXY_FAILED');
  return new TransportError(`the proxy HTTPS_PROXY names: ${err.message}`, err.code);
}

/**
 * One HTTP exchange over Node's own client, on kept-alive connections (agents.ts). `timeoutMs`
 * bounds silence on the socket, not the whole exchange, so a large document still downloads.
 * Redirects are not followed: they could carry credentials to another host, and neither API uses them.
 */
export function exchange(req: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const lib = req.url.protocol === 'https:' ? https : http;
  const headers: Record<string, string | number> = { ...req.headers };
  if (req.body) headers['content-length'] = req.body.length;
  return new Promise<RawAnswer>((resolve, reject) => {
    const { agent, proxied } = agentFor(req.url, timeoutMs);
    let tunnelled = false;
    let tunnelRefused: number | undefined;
    // Before its tunnel is open, a proxied request's network failure is the proxy's: say so, keep the code.
    const fail = (err: NodeJS.ErrnoException): void =>
      reject(proxied && !tunnelled && !(err instanceof TransportError) ? beforeTunnel(err, timeoutMs) : transportError(err));
    const r = lib.request(req.url, { method: req.method, headers, agent }, (res) => {
      // The proxy's own refusal comes back as if the API had answered; it must not read as Amazon's 403.
      if (tunnelRefused !== undefined) {
        res.resume();
        fail(proxyRefusal(tunnelRefused, req.url.host));
        return;
      }
      const chunks: Buffer[] = [];
      const body = decoded(res);
      res.on('aborted', () => fail(new TransportError('the answer was cut off', 'ECONNRESET')));
      if (body !== res) res.on('error', fail);
      body.on('data', (c: Buffer) => chunks.push(c));
      body.on('error', (err: NodeJS.ErrnoException) => fail(body === res ? err : new TransportError(err.message, 'ERR_BAD_RESPONSE')));
      body.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks) }));
    });
    r.on('proxyConnect', (connect: { statusCode: number }) => {
      tunnelled = true;
      if (connect.statusCode !== 200) tunnelRefused = connect.statusCode;
    });
    r.setTimeout(timeoutMs, () => r.destroy(new TransportError(`no answer within ${timeoutMs} ms`, 'ETIMEDOUT')));
    r.on('error', fail);
    r.end(req.body);
  });
}

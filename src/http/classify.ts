import type { ErrorKind } from '../errors';

const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses that prove the server did nothing with the request, so even a write may be resent. */
const NOT_PROCESSED_STATUS = new Set([429, 503]);
/**
 * Network failures that can heal by themselves; the request may have reached the server.
 * ERR_BAD_RESPONSE: a body that could not be unpacked (transport.ts), as a cut-off gzip stream.
 */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_BAD_RESPONSE']);
/**
 * Failures before a connection existed, so nothing was sent and even a write may be sent again: a
 * refused connection (the other system restarting), a name that did not resolve (the resolver
 * restarting, or for good: then the retries run out and the run ends with exit 3 naming the system),
 * and a proxy that could not open its tunnel (transport.ts).
 */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPROXY_FAILED']);

export function classifyStatus(status: number, idempotent: boolean): ErrorKind {
  if (RETRIABLE_STATUS.has(status)) return idempotent || NOT_PROCESSED_STATUS.has(status) ? 'retriable' : 'uncertain';
  // 407 is the proxy (HTTPS_PROXY) refusing us, not the API refusing an item: every call would fail alike.
  if (status === 401 || status === 403 || status === 407) return 'fatal';
  return 'item';
}

export function classifyNetwork(code: string | undefined, idempotent: boolean): ErrorKind {
  if (code && NEVER_SENT.has(code)) return 'retriable';
  if (code && TRANSIENT_NETWORK.has(code)) return idempotent ? 'retriable' : 'uncertain';
  return 'fatal';
}

export function looksLikeHtml(body: string, contentType: string | undefined): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(body);
}

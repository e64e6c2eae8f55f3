import type { ErrorKind } from '../errors';

const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses that prove the server did nothing with the request, so even a write may be resent. */
const NOT_PROCESSED_STATUS = new Set([429, 503]);
/** Network failures that can heal by themselves. DNS, refused connections and TLS errors will not. */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'ERR_BAD_RESPONSE']);

export function classifyStatus(status: number, idempotent: boolean): ErrorKind {
  if (RETRIABLE_STATUS.has(status)) return idempotent || NOT_PROCESSED_STATUS.has(status) ? 'retriable' : 'uncertain';
  if (status === 401 || status === 403) return 'fatal';
  return 'item';
}

export function classifyNetwork(code: string | undefined, idempotent: boolean): ErrorKind {
  if (code && TRANSIENT_NETWORK.has(code)) return idempotent ? 'retriable' : 'uncertain';
  return 'fatal';
}

export function looksLikeHtml(body: string, contentType: string | undefined): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(body);
}

import { DeadlineReachedError, RemoteError } from '../errors';
import { throwIfStopped } from '../sync/stop';
import { classifyNetwork, classifyStatus, looksLikeHtml } from './classify';
import { backoffDelay, retryAfterMs } from './retry-policy';
import { rawRequest } from './raw-request';
import { exchange, PROXY_CREDENTIALS, TransportError, type RawAnswer } from './transport';
import { countIn, type HttpClientOptions, type HttpResponse, type RequestSpec } from './types';

export { serializeParams } from './raw-request';
export {
  newStats,
  type HttpClientOptions,
  type HttpDeps,
  type HttpResponse,
  type HttpStats,
  type QueryValue,
  type RequestSpec,
} from './types';

function parseBody(raw: Buffer, type: 'json' | 'buffer', decode?: (raw: Buffer) => Buffer): { ok: boolean; value: unknown } {
  if (type === 'buffer') {
    try {
      return { ok: true, value: decode ? decode(raw) : raw };
    } catch (err) {
      return { ok: false, value: (err as Error).message };
    }
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: text };
  }
}

/** One try of a request: its answer, or the error it ended in (with the error body, and the server's retry hint). */
type Attempt<T> = { response: HttpResponse<T> } | { error: RemoteError; body?: unknown; retryAfter?: number };

/** Says why a failed write stops here instead of being retried. */
function notResent(err: RemoteError): RemoteError {
  return new RemoteError({
    system: err.system,
    operation: err.operation,
    kind: err.kind,
    ...(err.status === undefined ? {} : { status: err.status }),
    ...(err.code === undefined ? {} : { code: err.code }),
    detail: `${err.detail ?? 'failed'}; not sent again, since it may have taken effect`,
  });
}

/**
 * The one way this program talks HTTP: rate limiting, retries with back-off, auth refresh and
 * error classification for every call to either system. Errors never carry request headers.
 */
export class HttpClient {
  private readonly base: string;

  constructor(private readonly opts: HttpClientOptions) {
    this.base = opts.baseURL.replace(/\/+$/, '');
  }

  /** How many `operation` requests the rate limit lets start before `until` (epoch ms). */
  affordable(operation: string, until: number): number {
    return this.opts.limiter?.affordable(operation, until) ?? Infinity;
  }

  /** How many ms a request of `operation` would wait now for its rate limit. */
  rateWait(operation: string): number {
    return this.opts.limiter?.waitFor(operation) ?? 0;
  }

  async request<T>(spec: RequestSpec): Promise<HttpResponse<T>> {
    const { deps, retry } = this.opts;
    const idempotent = spec.idempotent ?? spec.method.toUpperCase() !== 'POST';
    const started = deps.clock();
    let authRetried = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(spec, idempotent);
      if ('response' in outcome) return outcome.response;
      const err = outcome.error;
      if (err.kind === 'fatal' && (err.status === 401 || err.status === 403) && !authRetried && this.opts.onAuthRejected) {
        authRetried = true;
        if (await this.opts.onAuthRejected(err.status, outcome.body)) {
          attempt--;
          continue;
        }
      }
      if (err.kind === 'uncertain') throw notResent(err);
      if (err.kind !== 'retriable') throw err;
      const delay = backoffDelay(retry, attempt, deps.random, outcome.retryAfter);
      if (attempt >= retry.maxAttempts || deps.clock() - started + delay > retry.maxTotalMs) {
        throw new RemoteError({
          system: err.system,
          operation: err.operation,
          kind: 'fatal',
          ...(err.status === undefined ? {} : { status: err.status }),
          ...(err.code === undefined ? {} : { code: err.code }),
          detail: `${err.detail ?? 'failed'} (gave up after ${attempt} attempts)`,
        });
      }
      if (spec.notAfter !== undefined && deps.clock() + delay > spec.notAfter) throw new DeadlineReachedError(spec.operation);
      countIn(this.opts.stats, 'retries');
      deps.logger.warn('retrying', {
        system: this.opts.system,
        operation: spec.operation,
        attempt,
        status: err.status ?? err.code ?? 'network',
        delayMs: delay,
      });
      await deps.sleep(delay);
    }
  }

  private async attempt<T>(spec: RequestSpec, idempotent: boolean): Promise<Attempt<T>> {
    // Credentials first: a token exchange between taking a rate-limit token and sending would make
    // the server's bucket start refilling later than ours, and the next request after a burst early.
    // Asked again after the wait, which may have outlasted them (then it is refreshed).
    if (this.opts.authHeaders && this.opts.limiter) await this.opts.authHeaders();
    await this.opts.limiter?.acquire(spec.operation, spec.notAfter);
    if (spec.alsoLimitedBy) await this.opts.limiter?.acquire(spec.alsoLimitedBy, spec.notAfter);
    await this.opts.gate?.enter();
    try {
      // Checked last, right before sending: a stop that came during the waits above sends nothing.
      if (this.opts.deps.stop) throwIfStopped(this.opts.deps.stop, spec.operation);
      return await this.send<T>(spec, idempotent);
    } finally {
      this.opts.gate?.leave();
    }
  }

  private async send<T>(spec: RequestSpec, idempotent: boolean): Promise<Attempt<T>> {
    const auth = this.opts.authHeaders ? await this.opts.authHeaders() : {};
    countIn(this.opts.stats, 'requests');
    const sentAt = this.opts.deps.clock();
    let res: RawAnswer;
    try {
      res = await exchange(rawRequest(this.base, spec, auth), this.opts.timeoutMs);
    } catch (err) {
      this.answered(spec);
      const code = err instanceof TransportError ? err.code : undefined;
      const timedOut = code === 'ETIMEDOUT';
      const detail = timedOut ? `no answer within ${this.opts.timeoutMs} ms` : this.redact((err as Error).message);
      return {
        error: new RemoteError({
          system: this.opts.system,
          operation: spec.operation,
          kind: classifyNetwork(code, idempotent),
          ...(code ? { code } : {}),
          detail,
        }),
      };
    }
    this.answered(spec);
    return this.read<T>(spec, res, sentAt, idempotent);
  }

  /** An answer as the caller gets it: the body read (JSON unless asked otherwise), or the error it amounts to. */
  private read<T>(spec: RequestSpec, res: RawAnswer, sentAt: number, idempotent: boolean): Attempt<T> {
    const headers = res.headers;
    this.opts.stats.remoteClock?.observe(this.opts.system, headers.date, sentAt, this.opts.deps.clock());
    const raw = res.body;
    if (res.status >= 200 && res.status < 300) this.opts.limiter?.observe(spec.operation, headers['x-amzn-ratelimit-limit']);
    if (res.status === 429) {
      countIn(this.opts.stats, 'throttled');
      this.opts.limiter?.throttled(spec.operation);
      if (spec.alsoLimitedBy) this.opts.limiter?.throttled(spec.alsoLimitedBy);
    }
    const type = res.status < 300 ? (spec.responseType ?? 'json') : 'json';
    const parsed = parseBody(raw, type, spec.decode);
    if (res.status < 200 || res.status >= 300)
      return {
        error: this.statusError(spec, res.status, raw, headers, parsed.value, idempotent),
        body: parsed.value,
        ...this.hint(headers),
      };
    if (parsed.ok) return { response: { status: res.status, data: parsed.value as T, headers } };
    const html = type === 'json' && looksLikeHtml(raw.toString('utf8'), headers['content-type']);
    const detail = html
      ? this.htmlDetail(res.status)
      : type === 'json'
        ? 'the answer was not valid JSON'
        : `the answer could not be read (${String(parsed.value)})`;
    return {
      error: new RemoteError({
        system: this.opts.system,
        operation: spec.operation,
        kind: idempotent ? 'retriable' : 'uncertain',
        status: res.status,
        detail,
      }),
    };
  }

  private answered(spec: RequestSpec): void {
    this.opts.limiter?.answered(spec.operation);
    if (spec.alsoLimitedBy) this.opts.limiter?.answered(spec.alsoLimitedBy);
  }

  private hint(headers: Record<string, string>): { retryAfter?: number } {
    const ms = retryAfterMs(headers['retry-after'], this.opts.deps.clock());
    return ms === undefined ? {} : { retryAfter: ms };
  }

  /** An HTML error page comes from whatever stands in front of the API; any other HTML means the API is not where we asked. */
  private htmlDetail(status: number): string {
    if (status >= 500) return 'an HTML error page instead of JSON: the service, or a proxy in front of it, is failing';
    return `an HTML page instead of JSON: wrong base URL or path (${this.opts.baseURL}), or API access not enabled for this account`;
  }

  private statusError(
    spec: RequestSpec,
    status: number,
    raw: Buffer,
    headers: Record<string, string>,
    body: unknown,
    idempotent: boolean,
  ): RemoteError {
    // A proxy's 407 page would read as a wrong base URL below.
    if (status === 407)
      return new RemoteError({
        system: this.opts.system,
        operation: spec.operation,
        kind: classifyStatus(status, idempotent),
        status,
        detail: PROXY_CREDENTIALS,
      });
    const text = raw.toString('utf8');
    if (looksLikeHtml(text, headers['content-type'])) {
      return new RemoteError({
        system: this.opts.system,
        operation: spec.operation,
        kind: status >= 500 ? classifyStatus(status, idempotent) : 'fatal',
        status,
        detail: this.htmlDetail(status),
      });
    }
    const { code, detail } = this.opts.describeError(body);
    return new RemoteError({
      system: this.opts.system,
      operation: spec.operation,
      kind: classifyStatus(status, idempotent),
      status,
      ...(code ? { code: this.redact(code) } : {}),
      detail: this.redact((detail ?? (typeof body === 'string' ? body : '')).slice(0, 500)),
    });
  }

  private redact(text: string): string {
    return this.opts.deps.redact ? this.opts.deps.redact(text) : text;
  }
}

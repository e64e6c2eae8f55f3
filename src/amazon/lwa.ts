import { RemoteError } from '../errors';
import { HttpClient, type HttpDeps, type HttpStats } from '../http/client';
import type { RetryPolicy } from '../http/retry-policy';
import type { Redactor } from '../output/redact';

export interface LwaOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  retry: RetryPolicy;
  deps: HttpDeps;
  stats: HttpStats;
  redactor: Redactor;
  /** Renew this long before expiry, so a token never dies in flight. */
  earlyRefreshMs?: number;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface LwaAnswer {
  access_token?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

/**
 * Login with Amazon: exchanges each seller's refresh token for an access token, caches it per
 * refresh token, and shares one in-flight exchange between concurrent callers.
 */
export class LwaTokenProvider {
  private readonly cache = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly http: HttpClient;
  private readonly path: string;

  constructor(private readonly opts: LwaOptions) {
    const url = new URL(opts.tokenUrl);
    this.path = url.pathname;
    this.http = new HttpClient({
      system: 'lwa',
      baseURL: url.origin,
      timeoutMs: opts.timeoutMs,
      retry: opts.retry,
      deps: opts.deps,
      stats: opts.stats,
      describeError: (body) => {
        const b = (body ?? {}) as LwaAnswer;
        return { ...(b.error ? { code: b.error } : {}), ...(b.error_description ? { detail: b.error_description } : {}) };
      },
    });
  }

  async getToken(refreshToken: string): Promise<string> {
    const cached = this.cache.get(refreshToken);
    if (cached && cached.expiresAt - (this.opts.earlyRefreshMs ?? 60_000) > this.opts.deps.clock()) return cached.token;
    let pending = this.pending.get(refreshToken);
    if (!pending) {
      pending = this.exchange(refreshToken).finally(() => this.pending.delete(refreshToken));
      this.pending.set(refreshToken, pending);
    }
    return pending;
  }

  /** Forget a token Amazon called expired, so the next call exchanges again. */
  invalidate(refreshToken: string): void {
    this.cache.delete(refreshToken);
  }

  private async exchange(refreshToken: string): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: this.opts.clientId,
      client_secret: this.opts.clientSecret,
    });
    let answer: LwaAnswer;
    try {
      const res = await this.http.request<LwaAnswer | undefined>({
        operation: 'token',
        method: 'POST',
        path: this.path,
        data: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        // Exchanging a refresh token twice is harmless: each answer is a valid access token.
        idempotent: true,
      });
      answer = res.data ?? {};
    } catch (err) {
      throw explain(err);
    }
    if (!answer.access_token) {
      throw new RemoteError({ system: 'lwa', operation: 'token', kind: 'fatal', status: 200, detail: 'the answer had no access_token' });
    }
    this.opts.redactor.add(answer.access_token);
    const ttlMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 3600) * 1000;
    this.cache.set(refreshToken, { token: answer.access_token, expiresAt: this.opts.deps.clock() + ttlMs });
    return answer.access_token;
  }
}

/** LWA errors mean a setup problem; say which one. */
function explain(err: unknown): unknown {
  // Network failures have no status and need no LWA-specific words.
  if (!(err instanceof RemoteError) || err.status === undefined) return err;
  const hints: Record<string, string> = {
    invalid_client:
      'LWA rejected the application credentials: check LWA_CLIENT_ID and LWA_CLIENT_SECRET (the secret must be rotated every 180 days)',
    invalid_grant: 'LWA rejected the refresh token: re-authorize the application for this seller and update its refresh token',
    unauthorized_client: 'this application is not allowed to use the refresh token: it was issued to another application',
  };
  const hint = err.code ? hints[err.code] : undefined;
  if (!hint && err.kind !== 'item') return err;
  return new RemoteError({
    system: 'lwa',
    operation: 'token',
    kind: 'fatal',
    status: err.status,
    ...(err.code ? { code: err.code } : {}),
    detail: hint ?? err.detail ?? 'token exchange refused',
  });
}

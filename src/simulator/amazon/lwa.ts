import type { Rng } from '../random';
import { json, type SimRequest, type SimResponse } from '../server';
import { amazonError } from './errors';

export interface LwaOptions {
  clientId: string;
  clientSecret: string;
  /** refresh token -> seller id */
  refreshTokens: ReadonlyMap<string, string>;
  tokenTtlSeconds: number;
  now: () => number;
  rng: Rng;
}

export type AuthResult = { ok: true; sellerId: string } | { ok: false; response: SimResponse };

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description });
}

/** Reads the token request the way LWA does: form-encoded (Amazon's helper) or JSON (some npm clients). */
function readForm(req: SimRequest): Record<string, string> | undefined {
  const text = req.body.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string'));
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Login with Amazon: issues access tokens bound to one seller and checks them on every call. */
export class LwaServer {
  private readonly tokens = new Map<string, { sellerId: string; expiresAtMs: number }>();

  constructor(private readonly opts: LwaOptions) {}

  handleToken(req: SimRequest): SimResponse {
    const form = readForm(req);
    if (!form) return oauthError(400, 'invalid_request', 'The request body is not valid form or JSON data');
    const { grant_type: grant, refresh_token: refresh, client_id: clientId, client_secret: secret } = form;
    if (!grant) return oauthError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
    if (grant !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported : ${grant}`);
    }
    for (const [name, value] of [
      ['refresh_token', refresh],
      ['client_id', clientId],
      ['client_secret', secret],
    ] as const) {
      if (!value) return oauthError(400, 'invalid_request', `The request is missing a required parameter : ${name}`);
    }
    if (clientId !== this.opts.clientId || secret !== this.opts.clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    }
    const sellerId = this.opts.refreshTokens.get(refresh as string);
    if (!sellerId) return oauthError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
    const accessToken = this.newToken();
    this.tokens.set(accessToken, { sellerId, expiresAtMs: this.opts.now() + this.opts.tokenTtlSeconds * 1000 });
    return json(200, { access_token: accessToken, refresh_token: refresh, token_type: 'bearer', expires_in: this.opts.tokenTtlSeconds });
  }

  authenticate(req: SimRequest): AuthResult {
    const header = req.headers['x-amz-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry) return { ok: false, response: amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', '') };
    if (this.opts.now() >= entry.expiresAtMs) {
      const details = 'The access token you provided has expired.';
      return { ok: false, response: amazonError(403, 'Unauthorized', 'Access to requested resource is denied.', details) };
    }
    return { ok: true, sellerId: entry.sellerId };
  }

  /** Ends every issued token now; they stay known so callers get "expired", not "denied". */
  expireAll(): number {
    for (const entry of this.tokens.values()) entry.expiresAtMs = Number.NEGATIVE_INFINITY;
    return this.tokens.size;
  }

  private newToken(): string {
    let token = '';
    while (!token || this.tokens.has(token)) {
      token = 'Atza|';
      for (let i = 0; i < 64; i++) token += this.opts.rng.pick(TOKEN_CHARS);
    }
    return token;
  }
}

import fs from 'node:fs';
import path from 'node:path';

/** A value that must never leave the process: what it is, and its bytes. */
export interface Secret {
  name: string;
  value: string;
}

/**
 * Every secret of a world as it could leak: each variable of its `.env`, and the Basic header
 * value built from the Allocadence key and secret. `extra` adds values a test put in itself
 * (a wrong secret it configured, say).
 */
export function secretsOf(env: Record<string, string>, extra: Record<string, string> = {}): Secret[] {
  const out = Object.entries({ ...env, ...extra }).map(([name, value]) => ({ name, value }));
  const key = env.ALLOCADENCE_API_KEY;
  const secret = env.ALLOCADENCE_API_SECRET;
  if (key && secret) out.push({ name: 'Basic header value', value: Buffer.from(`${key}:${secret}`).toString('base64') });
  return out;
}

/** The variables of the `.env` in `dir`, as the tool (or `simulate`, or `demo`) wrote them. */
export function envFileIn(dir: string): Record<string, string> {
  const lines = fs.readFileSync(path.join(dir, '.env'), 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Shapes that are secret whatever their value: LWA access and refresh tokens, credentials in headers. */
const SHAPES: [string, RegExp][] = [
  ['an LWA access token', /Atza\|[A-Za-z0-9]/],
  ['an LWA refresh token', /Atzr\|[A-Za-z0-9]/],
  ['a Basic authorization value', /Basic (?=[A-Za-z0-9+/=]*[0-9+/=])[A-Za-z0-9+/=]{12,}/],
  ['an x-amz-access-token header', /x-amz-access-token["']?\s*[:=]\s*["']?[A-Za-z0-9]/i],
  ['a SecureKey header', /securekey["']?\s*[:=]\s*["']?[A-Za-z0-9]/i],
];

/** Every file below `dir` except the ones the test itself wrote (config, .env), by relative path. */
export function filesIn(dir: string, except: readonly string[] = ['config.json', '.env']): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (!except.includes(rel)) out[rel] = fs.readFileSync(full);
  }
  return out;
}

/**
 * Where any secret or secret-shaped text shows in `places` (stdout, stderr, file bytes…), as
 * "what in where" lines: an empty list means nothing leaked.
 */
export function leaks(places: Record<string, string | Buffer>, secrets: readonly Secret[]): string[] {
  const found: string[] = [];
  for (const [where, content] of Object.entries(places)) {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    for (const s of secrets) if (bytes.includes(Buffer.from(s.value, 'utf8'))) found.push(`${s.name} in ${where}`);
    const text = bytes.toString('latin1');
    for (const [what, shape] of SHAPES) if (shape.test(text)) found.push(`${what} in ${where}`);
  }
  return found;
}

/** Words that must never reach the state file: a buyer's name, email and address. */
export function piiIn(places: Record<string, Buffer>, words: readonly string[]): string[] {
  return Object.entries(places).flatMap(([where, bytes]) =>
    words.filter((w) => bytes.includes(Buffer.from(w, 'utf8'))).map((w) => `"${w}" in ${where}`),
  );
}

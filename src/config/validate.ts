import type { z } from 'zod';
import { marketplaceProblem } from '../amazon/marketplaces';
import { closestKey, hintFor } from './hints';
import { plainIssue } from './plain-issues';
import { configSchema, REGIONS, type Config } from './schema';
import { isThisHost } from '../http/this-host';

export type ParseResult = { ok: true; config: Config } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const sellersOf = (json: unknown): unknown[] => (isObject(json) && Array.isArray(json.sellers) ? json.sellers : []);
const nameOf = (s: unknown): string | undefined => (isObject(s) && typeof s.name === 'string' ? s.name : undefined);

/**
 * How a path names the seller it is under: `sellers[acme-us]` when the seller has a name of its
 * own (the one the operator sees in logs and passes to --seller), else `sellers[0]`.
 */
function sellerLabels(json: unknown): string[] {
  const sellers = sellersOf(json);
  const names = sellers.map(nameOf);
  return sellers.map((_, i) => {
    const name = names[i];
    const unique = name !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && names.indexOf(name) === names.lastIndexOf(name);
    return unique ? `sellers[${name}]` : `sellers[${i}]`;
  });
}

function pathText(p: readonly PropertyKey[], labels: readonly string[]): string {
  return p.reduce<string>((acc, part, i) => {
    if (typeof part === 'number') return i === 1 && p[0] === 'sellers' ? (labels[part] ?? `sellers[${part}]`) : `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue, labels: readonly string[]): string[] {
  const where = pathText(issue.path, labels) || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const full = where === '(top level)' ? key : `${where}.${key}`;
      const guess = closestKey(key);
      return `${full}: unknown setting${guess ? ` — did you mean "${guess}"?` : ''}`;
    });
  }
  const hint = hintFor(issue.path);
  // A hint the message already says (an enum's choices) is not said twice.
  return [`${where}: ${issue.message}${hint && !issue.message.includes(hint.replace(/^one of /, '')) ? ` (${hint})` : ''}`];
}

/**
 * Whether a URL sends what it carries unencrypted beyond this machine. Decided on the URL as the
 * HTTP client will read it (WHATWG parsing): the scheme case-insensitively (`HTTP://` is http),
 * leading blanks ignored, and the host normalised (`127.1` is 127.0.0.1, `[0::1]` is [::1]).
 * Loopback is `localhost`, 127.0.0.0/8 and [::1] only: `localhost.` is a name a resolver may send
 * elsewhere, and an IPv4-mapped address is not worth the doubt.
 */
export function isPlainHttpOffHost(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:') return false;
  return !isThisHost(parsed.hostname);
}

function urlProblems(json: unknown): string[] {
  const section = (key: string): Json => (isObject(json) && isObject(json[key]) ? json[key] : {});
  const urls: [string, unknown][] = [
    ['amazon.endpoint', section('amazon').endpoint],
    ['amazon.tokenUrl', section('amazon').tokenUrl],
    ['allocadence.baseUrl', section('allocadence').baseUrl],
    ['allocadence.legacyBaseUrl', section('allocadence').legacyBaseUrl],
  ];
  return urls.flatMap(([where, url]) =>
    typeof url === 'string' && isPlainHttpOffHost(url)
      ? [`${where}: ${url} is plain http; credentials would cross the network unencrypted (use https, or a 127.0.0.1 simulator)`]
      : [],
  );
}

/**
 * Checks across fields, on the JSON as written, so they are reported together with the schema's
 * problems: names used twice, one Amazon account and marketplace configured as two sellers (both
 * would import every order), marketplaces of another region or listed twice.
 */
function sellerProblems(json: unknown, labels: readonly string[]): string[] {
  const errors: string[] = [];
  const amazon = isObject(json) && isObject(json.amazon) ? json.amazon : {};
  const rawRegion = amazon.region ?? 'na';
  const region = REGIONS.find((r) => r === rawRegion);
  const names = new Map<string, number>();
  const accounts = new Map<string, number>();
  sellersOf(json).forEach((s, i) => {
    if (!isObject(s)) return;
    const label = labels[i] ?? `sellers[${i}]`;
    const name = nameOf(s);
    if (name !== undefined) {
      if (names.has(name)) errors.push(`${label}.name: "${name}" is used twice; seller names key the state file`);
      else names.set(name, i);
    }
    const ids: unknown[] = Array.isArray(s.marketplaceIds) ? s.marketplaceIds : [];
    ids.forEach((id, j) => {
      if (typeof id !== 'string' || !/^[A-Z0-9]{10,16}$/.test(id)) return; // the schema names the form
      const twice = ids.indexOf(id) < j;
      const problem = twice ? `${id} is listed twice` : region && marketplaceProblem(id, region);
      if (problem) errors.push(`${label}.marketplaceIds[${j}]: ${problem}`);
      if (twice || typeof s.sellerId !== 'string' || !s.sellerId) return;
      const key = `${s.sellerId}\u0000${id}`;
      const first = accounts.get(key);
      if (first === undefined) accounts.set(key, i);
      else
        errors.push(
          `${label}.marketplaceIds[${j}]: seller id ${s.sellerId} in ${id} is already ${labels[first] ?? `sellers[${first}]`}; ` +
            'one Amazon account in one marketplace must be one seller, or every order would be imported twice',
        );
    });
  });
  return errors;
}

/** Pure validation: every problem at once (the schema's and those across fields), each with its path and, where we can, a hint. */
export function validateConfig(json: unknown): ParseResult {
  const labels = sellerLabels(json);
  const parsed = configSchema.safeParse(json, { error: plainIssue });
  const errors = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => describeIssue(i, labels))),
    ...urlProblems(json),
    ...sellerProblems(json, labels),
  ];
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, config: parsed.data };
}

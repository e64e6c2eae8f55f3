import { InvalidInputError } from './errors';
import { parseIso } from './time';
import { INCLUDED_DATA, type IncludedData } from './types';

/**
 * Query parameter readers with Amazon's rules: arrays are one comma-separated value. A repeated or
 * bracketed parameter is refused instead of half-read, so a client serialising arrays wrongly
 * finds out here rather than against the real API.
 */
export function rejectBracketArrays(query: URLSearchParams): void {
  for (const key of query.keys()) {
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      throw new InvalidInputError(`${key} is not a parameter: send arrays comma-separated, as ${name}=A,B`);
    }
  }
}

export function readParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw new InvalidInputError(`${name} was given ${values.length} times: send it once (arrays comma-separated)`);
  return values[0];
}

export function readDate(query: URLSearchParams, name: string): number | undefined {
  const text = readParam(query, name);
  if (text === undefined) return undefined;
  const ms = parseIso(text);
  if (ms === undefined) throw new InvalidInputError(`${name} '${text}' is not an ISO 8601 date-time (e.g. 2026-03-01T10:00:00Z)`);
  return ms;
}

export function readList<T extends string>(
  query: URLSearchParams,
  name: string,
  opts: { allowed?: readonly T[]; maxItems?: number } = {},
): T[] | undefined {
  const text = readParam(query, name);
  if (text === undefined) return undefined;
  const values = text.split(',');
  if (values.some((v) => v === '')) throw new InvalidInputError(`${name} has an empty value: '${text}'`);
  if (opts.maxItems !== undefined && values.length > opts.maxItems) {
    throw new InvalidInputError(`${name} has ${values.length} values; at most ${opts.maxItems} are allowed`);
  }
  const allowed = opts.allowed as readonly string[] | undefined;
  const bad = allowed ? values.filter((v) => !allowed.includes(v)) : [];
  if (allowed && bad.length > 0) {
    throw new InvalidInputError(`${name} has invalid value(s) ${bad.join(', ')}; allowed: ${allowed.join(', ')}`);
  }
  return [...new Set(values)] as T[];
}

export function readIncludedData(query: URLSearchParams): Set<IncludedData> {
  return new Set(readList(query, 'includedData', { allowed: INCLUDED_DATA }) ?? []);
}

export function readInteger(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = readParam(query, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new InvalidInputError(`${name} must be an integer from ${min} to ${max}, not '${text}'`);
  }
  return value;
}

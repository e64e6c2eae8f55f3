import type { z } from 'zod';

/** A JSON value's kind as an operator would name it. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
  record: 'an object ({ … })',
};

function plural(n: number | bigint, one: string, many: string): string {
  return `${String(n)} ${Number(n) === 1 ? one : many}`;
}

function tooSmall(iss: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall>): string {
  const { origin, minimum, inclusive } = iss;
  if (origin === 'array' || origin === 'set') return `needs at least ${plural(minimum, 'entry', 'entries')}`;
  if (origin === 'string')
    return Number(minimum) <= 1 ? 'must not be empty' : `needs at least ${plural(minimum, 'character', 'characters')}`;
  return inclusive ? `must be at least ${String(minimum)}` : `must be more than ${String(minimum)}`;
}

function tooBig(iss: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig>): string {
  const { origin, maximum, inclusive } = iss;
  if (origin === 'array' || origin === 'set') return `allows at most ${plural(maximum, 'entry', 'entries')}`;
  if (origin === 'string') return `allows at most ${plural(maximum, 'character', 'characters')}`;
  return inclusive ? `must be at most ${String(maximum)}` : `must be less than ${String(maximum)}`;
}

/**
 * Zod's issues in an operator's words: "required", "expected text, got a number", "must be one of
 * na, eu, fe". Passed to safeParse as its error map; a schema's own message (a regex's) wins over it.
 */
export function plainIssue(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'required';
      return `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${kindOf(iss.input)}`;
    case 'too_small':
      return tooSmall(iss);
    case 'too_big':
      return tooBig(iss);
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => String(v)).join(', ')}${typeof iss.input === 'string' ? ` (got "${iss.input}")` : ''}`;
    case 'invalid_format':
      return iss.format === 'url' ? 'expected a URL starting with https://' : 'has the wrong form';
    default:
      return undefined;
  }
}

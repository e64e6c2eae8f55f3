import { parseAccountDate } from '../../allocadence/account-time';

/**
 * The shape of a JSON answer, never its values: which keys, of which JSON types, how dates are
 * written, how many rows. What `check --record` writes down so that a file from a real account
 * can be read by anyone without showing them a single buyer, SKU or id.
 */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export interface Shape {
  /** JSON types seen here, sorted. */
  types: JsonType[];
  /** How many objects were seen here: the base of each key's `present`. */
  objects?: number;
  /** The keys of those objects, each with how many of them had it. */
  keys?: Record<string, Shape & { present: number }>;
  /** The elements of every array seen here, merged. */
  items?: Shape;
  /** Elements seen over every array here. */
  elements?: number;
  /** How the strings look: a date pattern (`YYYY-MM-DD HH:MM:SS`), `empty`, or `text`. */
  strings?: string[];
}

/** Keys that are not field names (a map keyed by SKU or id) are counted under this one, not listed. */
export const OTHER_KEYS = '(keys that are not field names)';
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;
/** More keys than this in one object: a map keyed by data, whatever the keys look like. */
const MAX_KEYS = 80;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:([ T])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SS±HH:MM`, …: how a date is written, or undefined for other text. */
export function datePattern(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  let out = 'YYYY-MM-DD';
  if (m[4]) out += `${m[4]}HH:MM${m[7] ? ':SS' : ''}${m[8] ? `.${'S'.repeat(m[8].length - 1)}` : ''}`;
  if (m[9]) out += m[9] === 'Z' ? 'Z' : m[9].includes(':') ? '±HH:MM' : '±HHMM';
  // The pattern may fit where the calendar does not (month 13): say so rather than call it a date.
  return parseAccountDate(text, 'UTC') === undefined ? `${out} (not a calendar date)` : out;
}

/** A date field written some other way: digits as 9, letters as a, so its form shows and its value does not. */
function masked(text: string): string {
  const cut = text.length > 32 ? `${text.slice(0, 32)}…` : text;
  return `unread form ${cut.replace(/\d/g, '9').replace(/\p{L}/gu, 'a')}`;
}

/** Whether a key names a date (`modifiedDate`, `shippeddate`): its strings are described even when they are no ISO date. */
export function isDateKey(key: string): boolean {
  return /date$/i.test(key);
}

function stringForm(text: string, dateKey: boolean): string {
  if (text === '') return 'empty';
  return datePattern(text.trim()) ?? (dateKey ? masked(text) : 'text');
}

function typeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'boolean' || t === 'number' || t === 'string' ? t : 'object';
}

interface Builder {
  types: Set<JsonType>;
  objects: number;
  keys: Map<string, { present: number; shape: Builder }>;
  items: Builder | undefined;
  elements: number;
  strings: Set<string>;
}

function builder(): Builder {
  return { types: new Set(), objects: 0, keys: new Map(), items: undefined, elements: 0, strings: new Set() };
}

function add(b: Builder, value: unknown, key: string): void {
  const type = typeOf(value);
  b.types.add(type);
  if (type === 'string') b.strings.add(stringForm(value as string, isDateKey(key)));
  if (type === 'array') {
    const list = value as unknown[];
    b.elements += list.length;
    for (const v of list) add((b.items ??= builder()), v, key);
  }
  if (type === 'object') {
    b.objects++;
    const entries = Object.entries(value as Record<string, unknown>);
    const many = entries.length > MAX_KEYS;
    // Keys that are data are merged under one name, and counted once per object.
    const seen = new Set<string>();
    for (const [k, v] of entries) {
      const name = !many && FIELD_NAME.test(k) ? k : OTHER_KEYS;
      const slot = b.keys.get(name) ?? { present: 0, shape: builder() };
      if (!seen.has(name)) slot.present++;
      seen.add(name);
      add(slot.shape, v, name);
      b.keys.set(name, slot);
    }
  }
}

function freeze(b: Builder): Shape {
  const out: Shape = { types: [...b.types].sort() };
  if (b.objects) {
    out.objects = b.objects;
    out.keys = Object.fromEntries(
      [...b.keys.entries()].sort(([a], [c]) => a.localeCompare(c)).map(([k, s]) => [k, { present: s.present, ...freeze(s.shape) }]),
    );
  }
  if (b.types.has('array')) {
    out.elements = b.elements;
    if (b.items) out.items = freeze(b.items);
  }
  if (b.strings.size) out.strings = [...b.strings].sort();
  return out;
}

/** The merged shape of every value given (rows of one list, or several answers of one call). */
export function shapeOf(values: readonly unknown[], key = ''): Shape {
  const b = builder();
  for (const v of values) add(b, v, key);
  return freeze(b);
}

/** How an answer wraps its rows: a bare array, or an object with the list under a key, and whether paging data comes along. */
export interface Envelope {
  kind: 'array' | 'object' | 'other';
  /** The object's key that holds a list. */
  listKey?: string;
  /** Whether the object has a `meta` block (any spelling). */
  meta?: boolean;
  /** The object's other top-level keys. */
  otherKeys?: string[];
}

export function envelopeOf(body: unknown): Envelope {
  if (Array.isArray(body)) return { kind: 'array' };
  if (typeof body !== 'object' || body === null) return { kind: 'other' };
  const keys = Object.keys(body).filter((k) => FIELD_NAME.test(k));
  const listKey = keys.find((k) => k.toLowerCase() !== 'meta' && Array.isArray((body as Record<string, unknown>)[k]));
  const meta = keys.some((k) => k.toLowerCase() === 'meta');
  const otherKeys = keys.filter((k) => k !== listKey && k.toLowerCase() !== 'meta');
  return { kind: 'object', ...(listKey ? { listKey } : {}), meta, ...(otherKeys.length ? { otherKeys } : {}) };
}

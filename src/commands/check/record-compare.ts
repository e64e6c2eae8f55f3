import type { CallExpectation, Expect } from './record-expect';
import { envelopeOf, isDateKey, shapeOf, type Envelope, type Shape } from './record-shape';

/**
 * Compares what an account answered with what the adapter reads, in plain words. A mismatch is
 * something a run would stop on (or misread); an accepted alternative is a form the adapter reads
 * too, worth knowing but harmless.
 */
export interface Findings {
  mismatches: string[];
  alternatives: string[];
}

/** `rows`: what the top-level objects are called in messages (`rows`, or `the answer` for a single object). */
type Ctx = Findings & { anyCase: boolean; dates: CallExpectation['dates']; rows: string; otherCase: Set<string> };

const code = (s: string): string => `\`${s}\``;
const loose = (k: string): string => k.toLowerCase().replace(/[_\-\s]/g, '');

function add(list: string[], line: string): void {
  if (!list.includes(line)) list.push(line);
}

function typeWords(types: ReadonlySet<string>): string {
  const list = [...types].filter((t) => t !== 'null');
  return `${list.join(' or ') || 'null'}${types.has('null') && list.length ? ' (or null)' : ''}`;
}

/** The recorded key that answers for `key`: the same spelling, else (where case does not matter) another case. */
function keyFor(keys: Record<string, unknown>, key: string, anyCase: boolean): string | undefined {
  if (key in keys) return key;
  return anyCase ? Object.keys(keys).find((k) => k.toLowerCase() === key.toLowerCase()) : undefined;
}

function checkDates(shape: Shape, path: string, ctx: Ctx): void {
  for (const form of shape.strings ?? []) {
    if (form === 'empty') continue;
    if (!form.startsWith('YYYY-MM-DD') || form.includes('not a calendar date')) {
      add(
        ctx.mismatches,
        `${code(path)} is written like ${code(form.replace(/^unread form /, ''))}; the tool reads dates as YYYY-MM-DD HH:MM:SS, with or without an offset`,
      );
      continue;
    }
    const offset = /Z|±/.test(form);
    if (ctx.dates === 'offset' && !offset)
      add(ctx.alternatives, `dates without an offset (${form}): read as wall time in allocadence.timeZone`);
    if (ctx.dates === 'wall' && offset) add(ctx.alternatives, `dates with an offset (${form}): taken as written`);
  }
}

function compareShape(shape: Shape, expect: Expect, path: string, ctx: Ctx, key: string): void {
  if (expect.types) {
    const wrong = shape.types.filter((t) => !expect.types?.has(t));
    if (wrong.length)
      add(
        ctx.mismatches,
        `${code(path)} is ${wrong.join(' or ')}${shape.types.length > wrong.length ? ' in some rows' : ''}; the tool reads ${typeWords(expect.types)}`,
      );
  }
  if (isDateKey(key) && expect.types?.has('string')) checkDates(shape, path, ctx);
  if (expect.items && shape.items) compareShape(shape.items, expect.items, `${path}[]`, ctx, key);
  if (!expect.properties || !shape.keys) return;
  const keys = shape.keys;
  const objects = shape.objects ?? 0;
  const top = path === 'rows[]';
  const owner = top ? ctx.rows : code(path);
  const matched = new Set<string>();
  for (const name of expect.properties.keys()) {
    const found = keyFor(keys, name, ctx.anyCase);
    if (found) matched.add(found);
  }
  for (const [name, { expect: child, required }] of expect.properties) {
    const found = keyFor(keys, name, ctx.anyCase);
    const at = `${top ? '' : `${path}.`}${name}`;
    if (!found) {
      if (!required) continue;
      const near = Object.keys(keys).find((k) => !matched.has(k) && loose(k) === loose(name));
      const have = owner === 'the answer' ? 'has' : 'have';
      add(
        ctx.mismatches,
        near
          ? `${owner} ${have} ${code(near)}, the tool reads ${code(name)}`
          : `${owner} ${have} no ${code(name)}; the tool needs it (${child.types ? typeWords(child.types) : 'any value'})`,
      );
      continue;
    }
    if (found !== name) ctx.otherCase.add(found);
    const sub = keys[found];
    if (!sub) continue;
    if (required && sub.present < objects)
      add(
        ctx.mismatches,
        `${code(at)} is missing in ${objects - sub.present} of ${objects} ${top ? 'rows' : 'objects'}; the tool needs it`,
      );
    compareShape(sub, child, at, ctx, name);
  }
}

/** The rows of one answer as the adapter would find them, or why it would not find any. */
function rowsOf(body: unknown, env: Envelope, exp: CallExpectation, ctx: Ctx): { rows: unknown[]; meta?: unknown } | undefined {
  const rule = exp.envelope;
  const obj = (body ?? {}) as Record<string, unknown>;
  if (rule.kind === 'single') {
    if (env.kind === 'object') return { rows: [body] };
    add(ctx.mismatches, `the answer is ${env.kind === 'array' ? 'a list' : 'not a JSON object'}; the tool reads one object`);
    return undefined;
  }
  if (rule.kind === 'legacy-list') {
    if (env.kind === 'array') return { rows: body as unknown[] };
    const key =
      env.kind === 'object'
        ? Object.keys(obj).find((k) => k.toLowerCase() === rule.listKey.toLowerCase() && Array.isArray(obj[k]))
        : undefined;
    if (!key) {
      add(
        ctx.mismatches,
        `the answer is neither a list nor an object with ${code(rule.listKey)}${env.listKey ? ` (its list is under ${code(env.listKey)})` : ''}; the tool reads either`,
      );
      return undefined;
    }
    add(ctx.alternatives, `rows under ${code(key)}, not a bare array: read either way`);
    if (env.meta) add(ctx.alternatives, 'a `meta` block: further pages are read when it says there are more');
    return { rows: obj[key] as unknown[] };
  }
  const wanted = `{${rule.listKey}: [...], meta: {totalPages}}`;
  if (env.kind !== 'object' || !Array.isArray(obj[rule.listKey])) {
    const where =
      env.kind === 'array'
        ? 'the answer is a bare array'
        : env.listKey
          ? `the rows are under ${code(env.listKey)}`
          : 'the answer has no list';
    add(ctx.mismatches, `${where}; the tool reads ${code(wanted)}`);
    return undefined;
  }
  const metaKey = Object.keys(obj).find((k) => k.toLowerCase() === 'meta');
  if (metaKey !== 'meta')
    add(
      ctx.mismatches,
      `${metaKey ? `the paging block is ${code(metaKey)}` : 'there is no `meta` paging block'}; the tool reads ${code('meta.totalPages')} to page`,
    );
  return { rows: obj[rule.listKey] as unknown[], ...(metaKey === 'meta' ? { meta: obj.meta } : {}) };
}

export interface ComparedCall extends Findings {
  /** How each answer was wrapped. */
  envelopes: Envelope[];
  rows: number;
  /** The merged shape of every row read (or of the single object). */
  shape: Shape | undefined;
  meta: Shape | undefined;
}

/**
 * Every answer of one call against the adapter's expectation; `unread` are the adapter's own
 * errors on those answers, kept as mismatches when the shape comparison found no reason for them.
 */
export function compareCall(exp: CallExpectation, bodies: readonly unknown[], unread: readonly string[]): ComparedCall {
  const ctx: Ctx = {
    mismatches: [],
    alternatives: [],
    anyCase: exp.anyCase,
    dates: exp.dates,
    rows: exp.envelope.kind === 'single' ? 'the answer' : 'rows',
    otherCase: new Set(),
  };
  const envelopes = bodies.map(envelopeOf);
  const rows: unknown[] = [];
  const metas: unknown[] = [];
  bodies.forEach((body, i) => {
    const got = rowsOf(body, envelopes[i] ?? { kind: 'other' }, exp, ctx);
    if (got) rows.push(...got.rows);
    if (got?.meta !== undefined) metas.push(got.meta);
  });
  const shape = rows.length ? shapeOf(rows) : undefined;
  if (shape) compareShape({ types: ['array'], items: shape }, { types: new Set(['array']), items: exp.row }, 'rows', ctx, '');
  const meta = metas.length ? shapeOf(metas) : undefined;
  if (meta && exp.meta) compareShape(meta, exp.meta, 'meta', ctx, 'meta');
  const spelled = [...ctx.otherCase];
  if (spelled.length)
    add(ctx.alternatives, `keys in another case than the lower case the tool prefers (${spelled.map(code).join(', ')}): read without case`);
  if (!ctx.mismatches.length) for (const why of unread) add(ctx.mismatches, `the tool could not read it: ${why}`);
  return { mismatches: ctx.mismatches, alternatives: ctx.alternatives, envelopes, rows: rows.length, shape, meta };
}

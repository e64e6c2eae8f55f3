import type { SimResponse } from './server';

/**
 * How to change the next answer(s) of one operation, so tests can show the client odd but possible
 * remote data: a field missing, an extra one, a negative quantity, an HTML page.
 */
export interface AnswerRewrite {
  /** Replaces the JSON body before `remove` and `set` apply. */
  body?: unknown;
  /** Dotted paths to delete from the JSON body; `*` stands for every element or key (`orders.*.recipient`). */
  remove?: string[];
  /** Dotted path → value, created along the way; `*` sets it in every element. */
  set?: Record<string, unknown>;
  status?: number;
  /** Text sent as is instead of a JSON body (an HTML error page, a truncated document). */
  raw?: string;
  contentType?: string;
  /** How many answers in a row; default 1. */
  times?: number;
}

/** A rewrite that names no operation of this simulator, or is not shaped like one. */
export class RewriteInputError extends Error {
  override name = 'RewriteInputError' as const;
}

type Json = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Json {
  return typeof v === 'object' && v !== null;
}

function childrenOf(node: Json, key: string): [Json, string][] {
  if (key !== '*') return [[node, key]];
  return Object.keys(node).map((k) => [node, k]);
}

/** Every (parent, key) the path names, creating objects on the way only when `create`. */
function targets(root: Json, path: string, create: boolean): [Json, string][] {
  const parts = path.split('.');
  let nodes: Json[] = [root];
  for (const part of parts.slice(0, -1)) {
    const next: Json[] = [];
    for (const node of nodes) {
      for (const [parent, key] of childrenOf(node, part)) {
        const holder = parent as Record<string, unknown>;
        if (!isContainer(holder[key]) && create && part !== '*') holder[key] = {};
        const child = holder[key];
        if (isContainer(child)) next.push(child);
      }
    }
    nodes = next;
  }
  const last = parts[parts.length - 1] ?? '';
  return nodes.flatMap((node) => childrenOf(node, last));
}

function rewriteBody(body: unknown, r: AnswerRewrite): unknown {
  const out: unknown = structuredClone(r.body !== undefined ? r.body : body);
  if (!r.remove?.length && !r.set) return out;
  const root: Json = isContainer(out) ? out : {};
  for (const path of r.remove ?? []) {
    for (const [parent, key] of targets(root, path, false)) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(parent, key);
    }
  }
  for (const [path, value] of Object.entries(r.set ?? {})) {
    for (const [parent, key] of targets(root, path, true)) (parent as Record<string, unknown>)[key] = structuredClone(value);
  }
  return root;
}

function check(operation: unknown, r: AnswerRewrite, known: readonly string[]): void {
  if (typeof operation !== 'string' || !known.includes(operation)) {
    throw new RewriteInputError(`unknown operation ${JSON.stringify(operation)}; known: ${known.join(', ')}`);
  }
  if (r.times !== undefined && !(Number.isInteger(r.times) && r.times >= 1))
    throw new RewriteInputError('times must be a whole number of at least 1');
  if (r.status !== undefined && !(Number.isInteger(r.status) && r.status >= 100 && r.status <= 599))
    throw new RewriteInputError('status must be an HTTP status code');
  if (r.remove !== undefined && !(Array.isArray(r.remove) && r.remove.every((p) => typeof p === 'string' && p !== ''))) {
    throw new RewriteInputError('remove must be a list of dotted paths');
  }
  const set: unknown = r.set;
  if (set !== undefined && (typeof set !== 'object' || set === null || Array.isArray(set)))
    throw new RewriteInputError('set must be an object of path → value');
  if (r.raw !== undefined && typeof r.raw !== 'string') throw new RewriteInputError('raw must be text');
}

const FIELDS = new Set(['operation', 'body', 'remove', 'set', 'status', 'raw', 'contentType', 'times']);

/** The admin body: `{"operation": "searchOrders", "remove": [...], "set": {...}, ...}`. */
export function parseRewrite(value: unknown): { operation: string; rewrite: AnswerRewrite } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RewriteInputError('the body must be a JSON object naming an operation');
  const extra = Object.keys(value).filter((k) => !FIELDS.has(k));
  if (extra.length) throw new RewriteInputError(`unknown field(s) ${extra.join(', ')}`);
  const { operation, ...rewrite } = value as { operation?: unknown } & AnswerRewrite;
  return { operation: operation as string, rewrite };
}

/** Pending rewrites per operation, applied in the order they were added. */
export class AnswerRewrites {
  private readonly queues = new Map<string, { rewrite: AnswerRewrite; left: number }[]>();

  constructor(private readonly known: readonly string[]) {}

  add(operation: string, rewrite: AnswerRewrite): void {
    check(operation, rewrite, this.known);
    const queue = this.queues.get(operation) ?? [];
    queue.push({ rewrite, left: rewrite.times ?? 1 });
    this.queues.set(operation, queue);
  }

  /** Answers still to be rewritten, by operation: a test's proof that the operation really was called. */
  pending(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [op, queue] of this.queues) {
      const left = queue.reduce((n, q) => n + q.left, 0);
      if (left) out[op] = left;
    }
    return out;
  }

  apply(operation: string, out: SimResponse): SimResponse {
    const queue = this.queues.get(operation);
    const next = queue?.[0];
    if (!queue || !next) return out;
    if (--next.left === 0) queue.shift();
    const r = next.rewrite;
    const status = r.status ?? out.status;
    // The length and encoding of the old body would misdescribe the new one.
    const headers = Object.fromEntries(Object.entries(out.headers ?? {}).filter(([k]) => !/^content-(length|encoding|type)$/i.test(k)));
    if (r.raw !== undefined) return { status, headers: { ...headers, 'content-type': r.contentType ?? 'text/plain' }, raw: r.raw };
    const body = rewriteBody(out.raw !== undefined ? undefined : out.body, r);
    return Object.keys(headers).length ? { status, headers, body } : { status, body };
  }
}

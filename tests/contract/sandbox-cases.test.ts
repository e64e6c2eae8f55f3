import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SMOKE_CASES, type SmokeCase } from '../../src/commands/smoke/cases';
import { haveModels, MODELS_DIR, SKIP_REASON } from '../helpers/spapi-models';

interface SandboxExample {
  request: { parameters: Record<string, { value?: unknown }> };
  response?: unknown;
}

interface ModelOp {
  operationId: string;
  method: string;
  names: string[];
  pattern: RegExp;
  examples: Record<string, SandboxExample[]>;
}

const FILES = [
  'orders_2026-01-01.json',
  'ordersV0.json',
  'listingsItems_2021-08-01.json',
  'feeds_2021-06-30.json',
  'reports_2021-06-30.json',
];

function loadOps(): ModelOp[] {
  const ops: ModelOp[] = [];
  for (const file of FILES) {
    const model = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, file), 'utf8')) as {
      paths: Record<
        string,
        Record<string, { operationId: string; responses?: Record<string, { 'x-amzn-api-sandbox'?: { static?: SandboxExample[] } }> }>
      >;
    };
    for (const [template, methods] of Object.entries(model.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (method === 'parameters') continue;
        const examples = Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([status, r]) => [status, r['x-amzn-api-sandbox']?.static ?? []]),
        );
        ops.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
          examples,
        });
      }
    }
  }
  return ops;
}

function sameValue(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected) && Array.isArray(actual))
    return isDeepStrictEqual([...expected].map(String).sort(), [...actual].map(String).sort());
  if (typeof expected === 'number' || typeof actual === 'number') return String(expected) === String(actual);
  return isDeepStrictEqual(expected, actual);
}

/** The sandbox example this case was written from: every parameter it names has the case's value. */
function exampleFor(op: ModelOp, c: SmokeCase): SandboxExample | undefined {
  const m = op.pattern.exec(c.request.path);
  const values: Record<string, unknown> = { ...(c.request.params ?? {}) };
  op.names.forEach((name, i) => (values[name] = decodeURIComponent(m?.[i + 1] ?? '')));
  return (op.examples[String(c.status)] ?? []).find((ex) =>
    Object.entries(ex.request.parameters).every(([name, p]) =>
      name === 'body' ? p.value === undefined || sameValue(p.value, c.request.data) : sameValue(p.value, values[name]),
    ),
  );
}

(haveModels ? describe : describe.skip)(
  `smoke cases against the sandbox examples in Amazon's models${haveModels ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    const ops = haveModels ? loadOps() : [];
    test.each(SMOKE_CASES.map((c) => [c.name, c] as const))(
      '%s: inputs are the documented ones, and the documented answer reads into the tool types',
      (_name, c) => {
        const op = ops.find(
          (o) => o.method === c.request.method && o.pattern.test(c.request.path) && o.operationId === c.request.operation,
        );
        expect(op).toBeDefined();
        const example = exampleFor(op as ModelOp, c);
        expect(example).toBeDefined();
        if (c.status < 300 && c.status !== 204) expect(example?.response).toBeDefined();
        if (c.check && example?.response !== undefined) expect(() => c.check?.(example.response)).not.toThrow();
      },
    );
  },
);

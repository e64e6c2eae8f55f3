import fs from 'node:fs';
import path from 'node:path';

/** Amazon's model files live beside the project (shared/), not in it; tests that need them skip elsewhere. */
export const MODELS_DIR = path.resolve(__dirname, '../../../shared/spapi-models');
export const haveModels = fs.existsSync(MODELS_DIR);
export const SKIP_REASON = `Amazon's API models not found at ${MODELS_DIR}`;

export interface ModelParam {
  name: string;
  in: string;
  type?: string;
  required?: boolean;
  enum?: string[];
  items?: { enum?: string[] };
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

export interface ModelOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  pattern: RegExp;
  parameters: ModelParam[];
  /** The body schema's top-level properties and required ones, resolved from the model's definitions. */
  body?: { properties: string[]; required: string[] };
}

/** Every operation of one model file, with a regex that matches its concrete paths. */
export function loadOperations(file: string): ModelOperation[] {
  const model = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, file), 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; parameters?: (ModelParam & { schema?: { $ref?: string } })[] }>>;
    definitions?: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
  };
  const ops: ModelOperation[] = [];
  for (const [template, methods] of Object.entries(model.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method === 'parameters') continue;
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const ref = op.parameters
        ?.find((p) => p.in === 'body')
        ?.schema?.$ref?.split('/')
        .pop();
      const def = ref ? model.definitions?.[ref] : undefined;
      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        pathTemplate: template,
        pattern,
        parameters: op.parameters ?? [],
        ...(def ? { body: { properties: Object.keys(def.properties ?? {}), required: def.required ?? [] } } : {}),
      });
    }
  }
  return ops;
}

/** Problems with one request against its operation; empty when it conforms. */
export function checkRequest(op: ModelOperation, query: Record<string, string>): string[] {
  const problems: string[] = [];
  const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const p of op.parameters)
    if (p.required && p.in === 'query' && !(p.name in query)) problems.push(`${op.operationId}: missing required ${p.name}`);
  for (const [name, value] of Object.entries(query)) {
    const p = declared.get(name);
    if (!p) {
      problems.push(`${op.operationId}: undeclared query parameter ${name}`);
      continue;
    }
    const values = p.type === 'array' ? value.split(',') : [value];
    const allowed = p.type === 'array' ? p.items?.enum : p.enum;
    for (const v of values)
      if (allowed && !allowed.includes(v)) problems.push(`${op.operationId}: ${name}=${v} not in ${allowed.join('|')}`);
    if (p.maxItems !== undefined && values.length > p.maxItems)
      problems.push(`${op.operationId}: ${name} has more than ${p.maxItems} items`);
    if (p.type === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n) || (p.minimum !== undefined && n < p.minimum) || (p.maximum !== undefined && n > p.maximum))
        problems.push(`${op.operationId}: ${name}=${value} out of range`);
    }
    if (/(After|Before|Time|Date)$/.test(name) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
      problems.push(`${op.operationId}: ${name}=${value} is not ISO 8601`);
    }
  }
  return problems;
}

/** Problems with a JSON body against the operation's body schema (top level). */
export function checkBody(op: ModelOperation, body: string): string[] {
  if (!op.body) return body === '' ? [] : [`${op.operationId}: sends a body the model does not declare`];
  const json = JSON.parse(body) as Record<string, unknown>;
  return [
    ...op.body.required.filter((k) => !(k in json)).map((k) => `${op.operationId}: body lacks required ${k}`),
    ...Object.keys(json)
      .filter((k) => !op.body?.properties.includes(k))
      .map((k) => `${op.operationId}: body has undeclared ${k}`),
  ];
}

// Checks answers against Amazon's own models: Swagger 2.0 definitions (the API models) and JSON Schema (the listings feed schemas).

/** Swagger 2.0 definitions, as Amazon's API models hold them. */
export interface ModelSchema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, ModelSchema>;
  additionalProperties?: boolean | ModelSchema;
  items?: ModelSchema;
  enum?: string[];
  format?: string;
  description?: string;
}

/**
 * A small checker for the Swagger 2.0 subset Amazon's models use: required fields, types, enums,
 * date-times, decimals, no fields the model lacks (unless it allows any), and the "Possible values"
 * lists that the model keeps in descriptions rather than enums. Returns the problems found.
 */
export function createChecker(definitions: Record<string, ModelSchema>): (value: unknown, definition: string) => string[] {
  function possibleValues(description: string | undefined): string[] | undefined {
    const at = description?.search(/\*\*Possible values?\*\*/) ?? -1;
    if (!description || at < 0) return undefined;
    // The list ends with its paragraph; v0 values are mixed case and may hold spaces (`Very Good`).
    const list = description.slice(at).split('\n\n')[0] ?? '';
    const values = [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    return values.length > 0 ? values : undefined;
  }

  function check(value: unknown, schema: ModelSchema, where: string, problems: string[], refName?: string): void {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/definitions/', '');
      const target = definitions[name];
      if (!target) return void problems.push(`${where}: unresolved ${schema.$ref}`);
      // The property's own description may carry the value list while the target is a plain string.
      check(value, { ...target, description: schema.description ?? target.description }, where, problems, name);
      return;
    }
    const allowed = schema.enum ?? (schema.type === 'string' ? possibleValues(schema.description) : undefined);
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: expected an object`);
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${where}: missing required ${key}`);
        for (const [key, child] of Object.entries(record)) {
          const prop = schema.properties?.[key];
          const extra = schema.additionalProperties;
          if (prop) check(child, prop, `${where}.${key}`, problems);
          else if (typeof extra === 'object') check(child, extra, `${where}.${key}`, problems);
          else if (extra !== true) problems.push(`${where}.${key}: not in the model`);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) return void problems.push(`${where}: expected an array`);
        value.forEach((item, i) => check(item, schema.items ?? {}, `${where}[${i}]`, problems));
        return;
      case 'integer':
        if (!Number.isInteger(value)) problems.push(`${where}: expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number') problems.push(`${where}: expected a number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`${where}: expected a boolean`);
        return;
      case 'string':
        if (typeof value !== 'string') return void problems.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
        if (allowed && !allowed.includes(value)) problems.push(`${where}: '${value}' is not one of ${allowed.join(', ')}`);
        if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
          problems.push(`${where}: '${value}' is not a date-time`);
        if (refName === 'Decimal' && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${where}: '${value}' is not a decimal`);
        return;
      default:
        problems.push(`${where}: the checker does not know type ${schema.type}`);
    }
  }

  return (value, definition) => {
    const problems: string[] = [];
    check(value, { $ref: `#/definitions/${definition}` }, definition, problems);
    return problems;
  };
}

/** JSON Schema (draft-07), the subset Amazon's listings feed schemas use. `false` forbids a property. */
export type JsonSchema =
  | boolean
  | {
      type?: string;
      properties?: Record<string, JsonSchema>;
      required?: string[];
      additionalProperties?: JsonSchema;
      minProperties?: number;
      items?: JsonSchema;
      minItems?: number;
      maxItems?: number;
      enum?: unknown[];
      const?: unknown;
      minimum?: number;
      maximum?: number;
      minLength?: number;
      oneOf?: JsonSchema[];
    };

/** At most 40 characters of JSON; `undefined` has none, whatever JSON.stringify's type says. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) as unknown;
  return typeof json === 'string' ? json.slice(0, 40) : 'undefined';
}

/** Problems of `value` against `schema`; empty when it conforms. */
export function checkJsonSchema(value: unknown, schema: JsonSchema, where = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${where}: not allowed`];
  const out: string[] = [];
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const types: Record<string, boolean> = {
    object: isObject,
    array: Array.isArray(value),
    string: typeof value === 'string',
    integer: Number.isInteger(value),
    number: typeof value === 'number',
    boolean: typeof value === 'boolean',
  };
  if (schema.type && !types[schema.type]) return [`${where}: expected ${schema.type}, got ${shortJson(value)}`];
  if (schema.const !== undefined && value !== schema.const) out.push(`${where}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength)
    out.push(`${where}: shorter than ${schema.minLength}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${where}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${where}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${where}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) value.forEach((v, i) => out.push(...checkJsonSchema(v, schema.items as JsonSchema, `${where}[${i}]`)));
  }
  if (isObject) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) out.push(`${where}: missing required ${key}`);
    if (schema.minProperties !== undefined && Object.keys(record).length < schema.minProperties)
      out.push(`${where}: fewer than ${schema.minProperties} properties`);
    for (const [key, v] of Object.entries(record)) {
      const prop = schema.properties?.[key];
      if (prop !== undefined) out.push(...checkJsonSchema(v, prop, `${where}.${key}`));
      else if (schema.additionalProperties !== undefined) out.push(...checkJsonSchema(v, schema.additionalProperties, `${where}.${key}`));
    }
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((branch) => checkJsonSchema(value, branch, where).length === 0).length;
    if (passing !== 1) out.push(`${where}: matches ${passing} of the oneOf branches, not exactly 1`);
  }
  return out;
}

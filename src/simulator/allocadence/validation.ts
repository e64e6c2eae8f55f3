import { apiError, invalidParameter } from './responses';
import type { SimResponse } from '../server';

export type Body = Record<string, unknown>;

/** Thrown inside validation to turn the first bad field into the API's 400 answer. */
export class Invalid extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function required(obj: Body, key: string, param: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.trim() === '') throw new Invalid(param, `${param} is required.`);
  return v;
}

/** Absent and null both mean "not given"; a wrong type is refused rather than coerced. */
export function optional(obj: Body, key: string, param: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Invalid(param, `${param} must be a string.`);
  return v;
}

/**
 * Runs `validate` on a body that must be a JSON object, answering the first bad field the way the
 * API does (`invalid_parameter`), or a non-object body with `invalid_request`.
 */
export function validated<T>(body: unknown, validate: (body: Body) => T): T | SimResponse {
  if (!isObject(body)) return apiError(400, 'invalid_request', 'Request body must be a JSON object.');
  try {
    return validate(body);
  } catch (err) {
    if (err instanceof Invalid) return invalidParameter(err.parameter, err.message);
    throw err;
  }
}

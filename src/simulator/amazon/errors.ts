import { json, type SimResponse } from '../server';

/** Amazon's `ErrorList` body. `details` is only sent where Amazon sends it (auth failures). */
export function amazonError(status: number, code: string, message: string, details?: string): SimResponse {
  const error: Record<string, string> = { code, message };
  if (details !== undefined) error.details = details;
  return json(status, { errors: [error] });
}

/** A request the operation refuses with 400 InvalidInput; thrown by parsers, caught at the route. */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError' as const;
}

/** Bad simulator set-up input (admin routes, `addOrders`, `updateOrder`): a 400 on the admin route. */
export class SimInputError extends Error {
  override name = 'SimInputError' as const;
}

/** An admin operation on an order that does not exist: a 404 on the admin route. */
export class SimNotFoundError extends Error {
  override name = 'SimNotFoundError' as const;
}

export function invalidInput(message: string): SimResponse {
  return amazonError(400, 'InvalidInput', message);
}

/** The body the fault plan uses, so injected failures look like Amazon's own. */
export function faultBody(status: number): unknown {
  if (status === 429) return { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] };
  if (status === 503) return { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please retry.' }] };
  return { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' }] };
}

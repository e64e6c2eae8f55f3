import type { z } from 'zod';
import { RemoteError } from '../errors';
import type { HttpClient } from '../http/client';

export interface CreateOrFind<T> {
  client: HttpClient;
  operation: string;
  path: string;
  data: unknown;
  schema: z.ZodType<T>;
  /** The parameter Allocadence names when it refuses a duplicate (`orderNumber`, `sku`), and its value. */
  key: string;
  value: string;
  find: () => Promise<T | undefined>;
}

/**
 * Creates a record, or finds it when the create is refused: a create that took effect but whose
 * answer was lost (crash, timeout, 500) is then recognised, not made twice. Allocadence refuses a
 * duplicate (`invalid_parameter` naming the key), which makes the POST safe to resend; any other
 * refusal is looked up too, since a garbled refusal cannot be told from a duplicate.
 */
export async function createOrFind<T>(c: CreateOrFind<T>): Promise<{ value: T; existed: boolean }> {
  let refusal: RemoteError | undefined;
  try {
    const res = await c.client.request<unknown>({ operation: c.operation, method: 'POST', path: c.path, data: c.data, idempotent: true });
    const parsed = c.schema.safeParse(res.data);
    if (parsed.success) return { value: parsed.data, existed: false };
  } catch (err) {
    if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
    refusal = err;
  }
  const found = await c.find();
  if (found) return { value: found, existed: true };
  if (refusal && !isDuplicate(refusal, c.key)) throw refusal;
  const what = refusal ? 'was refused as a duplicate' : 'was created without a readable answer';
  throw new RemoteError({
    system: 'allocadence',
    operation: c.operation,
    kind: 'fatal',
    detail: `${c.key} ${c.value} ${what} but cannot be found`,
  });
}

function isDuplicate(err: RemoteError, key: string): boolean {
  return err.code === 'invalid_parameter' && (err.detail ?? '').includes(`(parameter ${key})`);
}

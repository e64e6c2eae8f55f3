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
 * Creates a record, or finds it when Allocadence refuses it as a duplicate: a create that took
 * effect but whose answer was lost (crash, timeout, 500) is then recognised, not made twice. That
 * refusal is what makes the POST safe to resend.
 */
export async function createOrFind<T>(c: CreateOrFind<T>): Promise<{ value: T; existed: boolean }> {
  try {
    const res = await c.client.request<unknown>({ operation: c.operation, method: 'POST', path: c.path, data: c.data, idempotent: true });
    const parsed = c.schema.safeParse(res.data);
    if (parsed.success) return { value: parsed.data, existed: false };
  } catch (err) {
    const duplicate = err instanceof RemoteError && err.kind === 'item' && err.code === 'invalid_parameter' && (err.detail ?? '').includes(`(parameter ${c.key})`);
    if (!duplicate) throw err;
  }
  const found = await c.find();
  if (!found) throw new RemoteError({ system: 'allocadence', operation: c.operation, kind: 'fatal', detail: `${c.key} ${c.value} was refused as a duplicate but cannot be found` });
  return { value: found, existed: true };
}

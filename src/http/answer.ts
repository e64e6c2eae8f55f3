import type { z } from 'zod';
import { RemoteError, type RemoteSystem } from '../errors';

/**
 * Checks an answer against the shape we read. A different shape stops the run with the operation
 * and the first field that was wrong, instead of a TypeError somewhere deep inside a sync.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, data: unknown, operation: string, system: RemoteSystem = 'amazon'): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new RemoteError({
    system,
    operation,
    kind: 'fatal',
    status: 200,
    detail: `unexpected answer: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  });
}

import type { z } from 'zod';
import { RemoteError } from '../errors';

/** Checks an SP-API answer against the shape we read; a different shape stops the run with what was wrong. */
export function parseAnswer<S extends z.ZodTypeAny>(schema: S, data: unknown, operation: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data as z.infer<S>;
  const issue = r.error.issues[0];
  throw new RemoteError({ system: 'amazon', operation, kind: 'fatal', status: 200, detail: `unexpected answer: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() });
}

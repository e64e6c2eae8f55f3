import { errorMessage, RemoteError } from '../errors';
import type { CheckRow } from './check-types';

export interface Probe {
  check: string;
  /** Features that cannot work when the probe fails. */
  blocks: string[];
  /** Whether any of those features is switched on; a failing probe of an unused call only warns. */
  needed?: boolean;
  /** What to tell the operator when the call is refused (401/403): the role or key it needs. */
  onRefused?: string;
  /** Resolves with a detail for the table (or why it was not tried); throws when the call does not work. */
  run: () => Promise<string | { skipped: string }>;
}

/** An answer that is a page and not JSON: the path does not exist there (or API access is off). */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof RemoteError && err.status === 404 && (err.detail ?? '').startsWith('an HTML page');
}

/**
 * For calls that only write: a request that cannot change anything (an id that matches no record, an
 * empty body) is refused with a JSON error when the call exists, and answered with the server's
 * HTML page when it does not.
 */
export async function inertWrite(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
    return 'exists';
  } catch (err) {
    if (err instanceof RemoteError && err.status !== undefined && err.status >= 400 && err.status < 500 && ![401, 403].includes(err.status) && !isMissingRoute(err)) {
      return `exists (refused the inert probe as expected: HTTP ${err.status})`;
    }
    throw err;
  }
}

export async function runProbe(area: string, p: Probe): Promise<CheckRow> {
  try {
    const outcome = await p.run();
    return typeof outcome === 'string' ? { area, check: p.check, result: 'ok', detail: outcome } : { area, check: p.check, result: 'skip', detail: outcome.skipped };
  } catch (err) {
    let detail = errorMessage(err);
    if (isMissingRoute(err)) detail = `not found on this account (${detail})`;
    else if (err instanceof RemoteError && (err.status === 401 || err.status === 403) && p.onRefused) detail = `${detail}\n  → ${p.onRefused}`;
    const needed = p.needed ?? true;
    return { area, check: p.check, result: needed ? 'fail' : 'warn', detail: needed ? detail : `${detail} (not used by this config)`, ...(needed ? { blocks: p.blocks } : {}) };
  }
}

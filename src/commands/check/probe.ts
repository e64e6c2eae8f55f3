import { looksLikeNoSuchCall } from '../../allocadence/client';
import { errorMessage, RemoteError } from '../../errors';
import type { CheckRow } from './types';

export interface Probe {
  check: string;
  /** Features that cannot work when the probe fails. */
  blocks: string[];
  /** Whether any of those features is switched on; a failing probe of an unused call only warns. */
  needed?: boolean;
  /** What to tell the operator when the call is refused (401/403): the role or key it needs. */
  onRefused?: string;
  /** Resolves with a detail for the table (or why it was not tried, or what is worth a warning); throws when the call does not work. */
  run: () => Promise<string | { skipped: string } | { warn: string }>;
  /** When the call is probably missing on this account but the tool copes without it: the warning to show instead of a failure. */
  whenMissing?: string;
  /** The per-seller setting that switches the blocked feature off, so the rest of its direction runs without it. */
  switchOff?: string;
}

/** An answer that is a page and not JSON: the path does not exist there (or API access is off). */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof RemoteError && err.status === 404 && (err.detail ?? '').startsWith('an HTML page');
}

/** What a missing call reads as: an HTML page is a plain "not found"; Allocadence's unrouted answer (500, empty body) only probably means that. */
function missingDetail(err: unknown): string | undefined {
  if (isMissingRoute(err)) return `not found on this account (${errorMessage(err)})`;
  if (looksLikeNoSuchCall(err))
    return `probably not a call this account has: it answers like a path it does not route (${errorMessage(err)})`;
  return undefined;
}

/**
 * For calls that only write: a request that cannot change anything (an id that matches no record, an
 * empty body) is refused with a JSON error when the call exists, and answered with the server's
 * HTML page, or on Allocadence with 500 and an empty body (evidence §2.13), when it does not.
 */
export async function inertWrite(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
    return 'exists';
  } catch (err) {
    if (
      err instanceof RemoteError &&
      err.status !== undefined &&
      err.status >= 400 &&
      err.status < 500 &&
      ![401, 403].includes(err.status) &&
      missingDetail(err) === undefined
    ) {
      return `exists (refused the inert probe as expected: HTTP ${err.status})`;
    }
    throw err;
  }
}

export async function runProbe(area: string, p: Probe): Promise<CheckRow> {
  try {
    const outcome = await p.run();
    if (typeof outcome === 'string') return { area, check: p.check, result: 'ok', detail: outcome };
    return 'warn' in outcome
      ? { area, check: p.check, result: 'warn', detail: outcome.warn }
      : { area, check: p.check, result: 'skip', detail: outcome.skipped };
  } catch (err) {
    const missing = missingDetail(err);
    if (missing && p.whenMissing) return { area, check: p.check, result: 'warn', detail: `${missing}\n  → ${p.whenMissing}` };
    let detail = missing ?? errorMessage(err);
    if (!missing && err instanceof RemoteError && (err.status === 401 || err.status === 403) && p.onRefused)
      detail = `${detail}\n  → ${p.onRefused}`;
    const needed = p.needed ?? true;
    if (needed && p.switchOff) detail = `${detail}\n  → to go on without it: ${p.switchOff}`;
    return {
      area,
      check: p.check,
      result: needed ? 'fail' : 'warn',
      detail: needed ? detail : `${detail} (not used by this config)`,
      ...(needed ? { blocks: p.blocks } : {}),
    };
  }
}

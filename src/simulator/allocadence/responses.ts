import { json, type SimRequest, type SimResponse } from '../server';
import type { SimListMeta } from './types';

/** A refused admin action: answered over HTTP in the API's error shape, thrown as is by the programmatic API. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly parameter?: string,
  ) {
    super(parameter === undefined ? detail : `${parameter}: ${detail}`);
  }

  toResponse(): SimResponse {
    return apiError(this.status, this.code, this.detail, this.parameter);
  }
}

/** REST 2.0 errors are `{code, message, parameter?}`. */
export function apiError(status: number, code: string, message: string, parameter?: string): SimResponse {
  return json(status, parameter === undefined ? { code, message } : { code, message, parameter });
}

export function invalidParameter(parameter: string, message = 'Invalid value for parameter.'): SimResponse {
  return apiError(400, 'invalid_parameter', message, parameter);
}

/**
 * Apache's HTML 404: paths outside both API trees, and an account without API access, which
 * reportedly gets it across the whole tree (§2.13, last row [I]). Clients must not parse it as JSON.
 */
export function htmlNotFound(): SimResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/html' },
    raw: '<html><body><h1>404 Not Found</h1></body></html>',
  };
}

/**
 * A path the application does not route: **HTTP 500 with an empty body**, not an HTML page
 * (reference/allocadence-evidence-2026-12.md §2.13, "Routing signals": `/rest/customerorders` and
 * `/rest/shippingorders` answered so in unauthenticated probes of production) [Z+].
 */
export function unknownRoute(): SimResponse {
  return { status: 500, headers: {}, raw: '' };
}

export const MAX_PER_PAGE = 100;
/** API 2.0: a Dagster client reads `meta.perPage` with a fallback of 20 (§2.5 [Z]). */
const DEFAULT_PER_PAGE = 20;
/** Callers of readPaging that name no default of their own (no evidence for one). */
const FALLBACK_PER_PAGE = 25;

export interface Paging {
  page: number;
  perPage: number;
}

/** `perPage` above 100 is refused rather than clamped (shipo-system's findings against the OpenAPI schema, §2.5 [Z+]). */
export function parsePaging(req: SimRequest): Paging | SimResponse {
  const paging = readPaging(req, DEFAULT_PER_PAGE);
  return typeof paging === 'string' ? invalidParameter(paging) : paging;
}

/** The paging parameters, or the name of the first bad one (for APIs with another error shape). */
export function readPaging(req: SimRequest, defaultPerPage = FALLBACK_PER_PAGE): Paging | 'page' | 'perPage' {
  const read = (name: string, fallback: number): number | undefined => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return fallback;
    return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
  };
  const page = read('page', 1);
  if (page === undefined) return 'page';
  const perPage = read('perPage', defaultPerPage);
  if (perPage === undefined || perPage > MAX_PER_PAGE) return 'perPage';
  return { page, perPage };
}

export function isResponse(x: object): x is SimResponse {
  return 'status' in x && typeof x.status === 'number';
}

export function pageOf<T>(rows: readonly T[], paging: Paging): { rows: T[]; meta: SimListMeta } {
  const start = (paging.page - 1) * paging.perPage;
  return {
    rows: rows.slice(start, start + paging.perPage),
    meta: {
      count: rows.length,
      page: paging.page,
      perPage: paging.perPage,
      totalPages: Math.ceil(rows.length / paging.perPage),
    },
  };
}

/** `true`/`false` only; anything else in a known flag is a client bug worth surfacing. */
export function readFlag(req: SimRequest, name: string): boolean | undefined | 'invalid' {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return 'invalid';
}

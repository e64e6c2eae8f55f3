import { decodeCursorToken, encodeCursorToken, requireSameFilters } from './cursor-token';
import { InvalidInputError } from './errors';
import { DAY } from './time';

/** The searchOrders parameters that must repeat unchanged on every page, normalised for comparison. */
export interface SearchFilters {
  createdAfter?: number;
  createdBefore?: number;
  lastUpdatedAfter?: number;
  lastUpdatedBefore?: number;
  marketplaceIds?: string[];
  fulfillmentStatuses?: string[];
  fulfilledBy?: string[];
}

/**
 * How one Orders API version spells what the shared rules name in their messages: searchOrders
 * (2026-01-01) writes `createdAfter` and `paginationToken`, getOrders (v0) `CreatedAfter` and `NextToken`.
 */
export interface OrderParamSpelling {
  names: Record<keyof SearchFilters, string>;
  token: string;
  /** The parameters a later page may change. */
  free: string;
}

/**
 * A keyset cursor: the last (time, orderId) served and the window's upper bound, fixed on page
 * one, so orders changing between pages neither repeat nor vanish.
 */
export interface PageCursor {
  sellerId: string;
  filters: SearchFilters;
  afterKey: [number, string];
  beforeMs: number;
  expiresMs: number;
}

// Amazon: "The token will expire 24 hours after it is generated".
const TOKEN_LIFETIME_MS = DAY;

export function encodeCursor(cursor: Omit<PageCursor, 'expiresMs'>, nowMs: number): string {
  const payload: PageCursor = { ...cursor, expiresMs: nowMs + TOKEN_LIFETIME_MS };
  return encodeCursorToken(payload);
}

function isCursor(c: PageCursor): boolean {
  return (
    Array.isArray(c.afterKey) &&
    typeof c.afterKey[0] === 'number' &&
    typeof c.afterKey[1] === 'string' &&
    typeof c.beforeMs === 'number' &&
    typeof c.expiresMs === 'number'
  );
}

const KEYS: (keyof SearchFilters)[] = [
  'createdAfter',
  'createdBefore',
  'lastUpdatedAfter',
  'lastUpdatedBefore',
  'marketplaceIds',
  'fulfillmentStatuses',
  'fulfilledBy',
];

/** Reads a token back and checks it belongs to this seller, is fresh, and comes with the same filters. */
export function decodeCursor(
  token: string,
  sellerId: string,
  filters: SearchFilters,
  nowMs: number,
  spelling: OrderParamSpelling,
): PageCursor {
  const cursor = decodeCursorToken(token, spelling.token, sellerId, isCursor);
  if (nowMs >= cursor.expiresMs)
    throw new InvalidInputError(`${spelling.token} has expired (tokens last 24 hours); search again without it`);
  requireSameFilters(
    KEYS,
    cursor.filters,
    filters,
    `with ${spelling.token}, all other parameters except ${spelling.free} must have the values of the request that returned it`,
    (key) => spelling.names[key],
  );
  return cursor;
}

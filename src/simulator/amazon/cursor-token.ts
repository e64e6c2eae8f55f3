import { InvalidInputError } from './errors';

/**
 * What every page token the simulator hands out (searchOrders' paginationToken, searchListingsItems'
 * pageToken, getReports/getFeeds' nextToken) carries: the seller it was issued to and the filters of
 * the request that returned it, so a later page can check both.
 */
export interface SellerCursor {
  sellerId: string;
  filters: object;
}

/** The cursor as base64url JSON: opaque to clients, readable when debugging. */
export function encodeCursorToken(cursor: SellerCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * Reads a token back. Throws InvalidInputError "`param` is not valid" unless it decodes to a cursor
 * with a seller and a filters object, `isValid` accepts the rest of it, and it is this seller's.
 */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function decodeCursorToken<C extends SellerCursor>(
  token: string,
  param: string,
  sellerId: string,
  isValid: (cursor: C) => boolean,
): C {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const c = isRecord(decoded) && typeof decoded.sellerId === 'string' && isRecord(decoded.filters) ? (decoded as unknown as C) : undefined;
  if (!c || !isValid(c) || c.sellerId !== sellerId) throw new InvalidInputError(`${param} is not valid`);
  return c;
}

/**
 * Throws InvalidInputError, stating `rule` and naming the differing filters (as `label` spells
 * them) in the order of `keys`, unless the request repeats the filters the token was issued with.
 */
export function requireSameFilters<F extends object>(
  keys: readonly (keyof F & string)[],
  issued: F,
  requested: F,
  rule: string,
  label: (key: keyof F & string) => string = (key) => key,
): void {
  const differ = keys.filter((k) => JSON.stringify(issued[k]) !== JSON.stringify(requested[k]));
  if (differ.length > 0) throw new InvalidInputError(`${rule}; different: ${differ.map(label).join(', ')}`);
}

import { InvalidInputError } from './errors';
import type { ListingSortKey } from './listing-store';

/** The searchListingsItems parameters that must repeat unchanged with a pageToken, normalised. */
export interface ListingFilters {
  marketplaceIds: string[];
  identifiers?: string[];
  identifiersType?: string;
  variationParentSku?: string;
  packageHierarchySku?: string;
  createdAfter?: number;
  createdBefore?: number;
  lastUpdatedAfter?: number;
  lastUpdatedBefore?: number;
  withIssueSeverity?: string[];
  withStatus?: string[];
  withoutStatus?: string[];
  sortBy: ListingSortKey;
  sortOrder: 'ASC' | 'DESC';
}

/**
 * A keyset position: the (sort value, sku) of the page's edge item, which way to read from it, and
 * how many results precede it (Amazon lets a search page through at most 1000 results).
 */
export interface ListingCursor {
  sellerId: string;
  filters: ListingFilters;
  key: [number | string, string];
  direction: 'next' | 'prev';
  /** 0-based position of the key item among all results. */
  index: number;
}

export function encodeListingCursor(cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function isCursor(value: unknown): value is ListingCursor {
  const c = value as ListingCursor;
  return (
    !!c &&
    typeof c === 'object' &&
    typeof c.sellerId === 'string' &&
    typeof c.filters === 'object' &&
    c.filters !== null &&
    Array.isArray(c.key) &&
    (typeof c.key[0] === 'number' || typeof c.key[0] === 'string') &&
    typeof c.key[1] === 'string' &&
    (c.direction === 'next' || c.direction === 'prev') &&
    Number.isInteger(c.index)
  );
}

/** Reads a pageToken back and checks it is this seller's and comes with the same filters. */
export function decodeListingCursor(token: string, sellerId: string, filters: ListingFilters): ListingCursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  if (!isCursor(cursor) || cursor.sellerId !== sellerId) throw new InvalidInputError('pageToken is not valid');
  const keys = new Set([...Object.keys(filters), ...Object.keys(cursor.filters)]) as Set<keyof ListingFilters>;
  const differ = [...keys].filter((k) => JSON.stringify(cursor.filters[k]) !== JSON.stringify(filters[k]));
  if (differ.length > 0) {
    throw new InvalidInputError(
      `with pageToken, every parameter except pageSize, includedData and issueLocale must have the values of the request that returned it; different: ${differ.sort().join(', ')}`,
    );
  }
  return cursor;
}

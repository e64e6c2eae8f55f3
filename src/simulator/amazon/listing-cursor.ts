import { decodeCursorToken, encodeCursorToken, requireSameFilters } from './cursor-token';
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
  return encodeCursorToken(cursor);
}

function isCursor(c: ListingCursor): boolean {
  return (
    Array.isArray(c.key) &&
    (typeof c.key[0] === 'number' || typeof c.key[0] === 'string') &&
    typeof c.key[1] === 'string' &&
    ['next', 'prev'].includes(c.direction) &&
    Number.isInteger(c.index)
  );
}

/** Reads a pageToken back and checks it is this seller's and comes with the same filters. */
export function decodeListingCursor(token: string, sellerId: string, filters: ListingFilters): ListingCursor {
  const cursor = decodeCursorToken(token, 'pageToken', sellerId, isCursor);
  const keys = [...new Set([...Object.keys(filters), ...Object.keys(cursor.filters)])].sort() as (keyof ListingFilters)[];
  requireSameFilters(
    keys,
    cursor.filters,
    filters,
    'with pageToken, every parameter except pageSize, includedData and issueLocale must have the values of the request that returned it',
  );
  return cursor;
}

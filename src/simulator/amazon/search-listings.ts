import { json, type SimRequest, type SimResponse } from '../server';
import { amazonError, InvalidInputError } from './errors';
import { decodeListingCursor, encodeListingCursor, type ListingCursor, type ListingFilters } from './listing-cursor';
import { compareListings, listingStatus, sortValue, type ListingStore, type StoredListing } from './listing-store';
import { LISTING_STATUSES, LISTINGS_INCLUDED_DATA, type ListingsIncludedData } from './listing-types';
import { renderListing } from './listing-view';
import type { OperationContext } from './operation-types';
import { readDate, readInteger, readList, readParam, rejectBracketArrays } from './query';

const IDENTIFIER_TYPES = ['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC'] as const;
const SORT_BY = ['sku', 'createdDate', 'lastUpdatedDate'] as const;
const SORT_ORDER = ['ASC', 'DESC'] as const;
/** The model's note on numberOfResults: at most 1000 results can be returned and paged through. */
export const SEARCH_RESULT_LIMIT = 1000;

/** The sellerId in the path must be the token's seller: another seller's listings are not visible. */
export function checkSeller(ctx: OperationContext, sellerId: string | undefined): SimResponse | undefined {
  if (sellerId === ctx.sellerId) return undefined;
  return amazonError(
    403,
    'Unauthorized',
    'Access to requested resource is denied.',
    `sellerId ${sellerId ?? ''} is not the seller of this access token`,
  );
}

/** marketplaceIds is required and must name marketplaces the seller sells in. */
export function readMarketplaces(ctx: OperationContext, query: URLSearchParams): string[] {
  const ids = readList(query, 'marketplaceIds');
  if (!ids) throw new InvalidInputError('marketplaceIds is required');
  const seller = ctx.store.sellers.find((s) => s.sellerId === ctx.sellerId);
  const foreign = ids.filter((id) => !seller?.marketplaceIds.includes(id));
  if (foreign.length > 0) throw new InvalidInputError(`marketplaceIds: the seller does not sell in ${foreign.join(', ')}`);
  return [...ids].sort();
}

export function readListingData(query: URLSearchParams): Set<ListingsIncludedData> {
  return new Set(readList(query, 'includedData', { allowed: LISTINGS_INCLUDED_DATA }) ?? ['summaries']);
}

function one<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = readParam(query, name);
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(`${name} '${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as T | undefined;
}

function readFilters(ctx: OperationContext, query: URLSearchParams): ListingFilters {
  const sorted = (v: string[] | undefined) => (v ? [...v].sort() : undefined);
  const f: ListingFilters = {
    marketplaceIds: readMarketplaces(ctx, query),
    identifiers: readList(query, 'identifiers', { maxItems: 20 }),
    identifiersType: one(query, 'identifiersType', IDENTIFIER_TYPES),
    variationParentSku: readParam(query, 'variationParentSku'),
    packageHierarchySku: readParam(query, 'packageHierarchySku'),
    createdAfter: readDate(query, 'createdAfter'),
    createdBefore: readDate(query, 'createdBefore'),
    lastUpdatedAfter: readDate(query, 'lastUpdatedAfter'),
    lastUpdatedBefore: readDate(query, 'lastUpdatedBefore'),
    withIssueSeverity: sorted(readList(query, 'withIssueSeverity', { allowed: ['WARNING', 'ERROR'] })),
    withStatus: sorted(readList(query, 'withStatus', { allowed: LISTING_STATUSES })),
    withoutStatus: sorted(readList(query, 'withoutStatus', { allowed: LISTING_STATUSES })),
    sortBy: one(query, 'sortBy', SORT_BY) ?? 'lastUpdatedDate',
    sortOrder: one(query, 'sortOrder', SORT_ORDER) ?? 'DESC',
  };
  for (const key of Object.keys(f) as (keyof ListingFilters)[]) if (f[key] === undefined) Reflect.deleteProperty(f, key);
  if ((f.identifiers === undefined) !== (f.identifiersType === undefined))
    throw new InvalidInputError('identifiers and identifiersType must be given together');
  const exclusive = (['identifiers', 'variationParentSku', 'packageHierarchySku'] as const).filter((k) => f[k] !== undefined);
  if (exclusive.length > 1) throw new InvalidInputError(`${exclusive.join(' and ')} cannot be used together`);
  for (const [after, before] of [
    ['createdAfter', 'createdBefore'],
    ['lastUpdatedAfter', 'lastUpdatedBefore'],
  ] as const) {
    const a = f[after];
    const b = f[before];
    if (a !== undefined && b !== undefined && b < a) throw new InvalidInputError(`${before} must not be before ${after}`);
  }
  return f;
}

function predicate(f: ListingFilters): (l: StoredListing) => boolean {
  const ids = f.identifiers ? new Set(f.identifiers) : undefined;
  const inRange = (v: number, after?: number, before?: number) =>
    (after === undefined || v >= after) && (before === undefined || v <= before);
  return (l) => {
    if (!f.marketplaceIds.includes(l.marketplaceId)) return false;
    if (ids && !(f.identifiersType === 'SKU' ? ids.has(l.sku) : f.identifiersType === 'ASIN' ? ids.has(l.asin) : false)) return false;
    if (f.variationParentSku !== undefined && l.parentSku !== f.variationParentSku) return false;
    // Neither package hierarchies nor listing issues are simulated, so these filters find nothing.
    if (f.packageHierarchySku !== undefined || f.withIssueSeverity) return false;
    if (!inRange(l.createdMs, f.createdAfter, f.createdBefore) || !inRange(l.lastUpdatedMs, f.lastUpdatedAfter, f.lastUpdatedBefore))
      return false;
    const status = listingStatus(l);
    if (f.withStatus && !f.withStatus.some((s) => (status as string[]).includes(s))) return false;
    if (f.withoutStatus?.some((s) => (status as string[]).includes(s))) return false;
    return true;
  };
}

/** The listings the search can return, ascending by (sortBy, sku); small lists for lookups, the sorted index otherwise. */
function candidates(store: ListingStore, sellerId: string, f: ListingFilters): readonly StoredListing[] {
  let picked: (StoredListing | undefined)[] | undefined;
  if (f.identifiers && f.identifiersType === 'SKU') picked = f.identifiers.map((sku) => store.get(sellerId, sku));
  else if (f.variationParentSku !== undefined)
    picked = store.childSkus(sellerId, f.variationParentSku).map((sku) => store.get(sellerId, sku));
  if (!picked) return store.sorted(sellerId, f.sortBy);
  return (picked.filter(Boolean) as StoredListing[]).sort((a, b) => compareListings(a, b, f.sortBy));
}

// Counting every match is a full scan; cache it per filter set until the seller's listings change.
const counts = new WeakMap<ListingStore, Map<string, { version: number; count: number }>>();

function countMatches(
  store: ListingStore,
  sellerId: string,
  f: ListingFilters,
  list: readonly StoredListing[],
  match: (l: StoredListing) => boolean,
): number {
  let cache = counts.get(store);
  if (!cache) counts.set(store, (cache = new Map<string, { version: number; count: number }>()));
  const key = `${sellerId}\u0000${JSON.stringify({ ...f, sortBy: undefined, sortOrder: undefined })}`;
  const version = store.version(sellerId);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.count;
  let count = 0;
  for (const l of list) if (match(l)) count++;
  if (cache.size > 200) cache.clear();
  cache.set(key, { version, count });
  return count;
}

function keyCompare(l: StoredListing, key: [number | string, string], f: ListingFilters): number {
  const v = sortValue(l, f.sortBy);
  if (v !== key[0]) return v < key[0] ? -1 : 1;
  return l.sku < key[1] ? -1 : l.sku > key[1] ? 1 : 0;
}

/** Index of the first item not below `key` in the ascending list. */
function lowerBound(list: readonly StoredListing[], key: [number | string, string], f: ListingFilters): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyCompare(list[mid] as StoredListing, key, f) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to `limit` matches from `start` stepping by `step`, and whether another match lies beyond them. */
function walk(list: readonly StoredListing[], start: number, step: 1 | -1, limit: number, match: (l: StoredListing) => boolean) {
  const items: StoredListing[] = [];
  for (let i = start; i >= 0 && i < list.length; i += step) {
    const l = list[i] as StoredListing;
    if (!match(l)) continue;
    if (items.length === limit) return { items, more: true };
    items.push(l);
  }
  return { items, more: false };
}

interface Page {
  items: StoredListing[];
  /** Position of items[0] among all results. */
  firstIndex: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

function readPage(
  list: readonly StoredListing[],
  f: ListingFilters,
  cursor: ListingCursor | undefined,
  pageSize: number,
  match: (l: StoredListing) => boolean,
): Page {
  const forward: 1 | -1 = f.sortOrder === 'ASC' ? 1 : -1;
  if (!cursor) {
    const { items, more } = walk(list, forward === 1 ? 0 : list.length - 1, forward, pageSize, match);
    return { items, firstIndex: 0, hasNext: more, hasPrevious: false };
  }
  const at = lowerBound(list, cursor.key, f);
  const exactly = at < list.length && keyCompare(list[at] as StoredListing, cursor.key, f) === 0;
  // "After the key" in reading order: ascending starts past the key, descending just below it.
  const step: 1 | -1 = cursor.direction === 'next' ? forward : (-forward as 1 | -1);
  const start = step === 1 ? (exactly ? at + 1 : at) : at - 1;
  if (cursor.direction === 'next') {
    const limit = Math.max(0, Math.min(pageSize, SEARCH_RESULT_LIMIT - cursor.index - 1));
    const { items, more } = walk(list, start, step, limit, match);
    return { items, firstIndex: cursor.index + 1, hasNext: more, hasPrevious: true };
  }
  const limit = Math.min(pageSize, cursor.index);
  const { items, more } = walk(list, start, step, limit, match);
  items.reverse();
  return { items, firstIndex: cursor.index - items.length, hasNext: true, hasPrevious: more && cursor.index - items.length > 0 };
}

/** `GET /listings/2021-08-01/items/{sellerId}`: one page of the seller's listings. */
export function searchListingsItems(ctx: OperationContext, req: SimRequest, [sellerId]: string[]): SimResponse {
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const query = req.query;
  rejectBracketArrays(query);
  const filters = readFilters(ctx, query);
  const data = readListingData(query);
  const pageSize = readInteger(query, 'pageSize', 1, 20) ?? 10;
  readParam(query, 'issueLocale');
  const token = readParam(query, 'pageToken');
  const cursor = token === undefined ? undefined : decodeListingCursor(token, ctx.sellerId, filters);
  const match = predicate(filters);
  const list = candidates(ctx.listings, ctx.sellerId, filters);
  const page = readPage(list, filters, cursor, pageSize, match);
  const body: Record<string, unknown> = { numberOfResults: countMatches(ctx.listings, ctx.sellerId, filters, list, match) };
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  const pagination: Record<string, string> = {};
  const lastIndex = page.firstIndex + page.items.length - 1;
  const edge = (l: StoredListing, direction: ListingCursor['direction'], index: number) =>
    encodeListingCursor({ sellerId: ctx.sellerId, filters, key: [sortValue(l, filters.sortBy), l.sku], direction, index });
  if (last && page.hasNext && lastIndex + 1 < SEARCH_RESULT_LIMIT) pagination.nextToken = edge(last, 'next', lastIndex);
  if (first && page.hasPrevious) pagination.previousToken = edge(first, 'prev', page.firstIndex);
  if (Object.keys(pagination).length > 0) body.pagination = pagination;
  body.items = page.items.map((l) => renderListing(ctx.listings, l, data));
  return json(200, body);
}

import { SimInputError } from './errors';
import { LISTING_FULFILLMENT, type NewListingInput } from './listing-types';
import { isObject } from './patch-shape';
import { parseIso } from './time';

/** A listing input whose dates are already parsed. */
export interface ParsedListing extends NewListingInput {
  createdMs?: number;
  lastUpdatedMs?: number;
}

export interface ParsedAddListings {
  sellerId?: string;
  marketplaceId?: string;
  listings: ParsedListing[];
}

const MAX_BATCH = 200_000;
const TOP_FIELDS = new Set(['sellerId', 'marketplaceId', 'listings']);
const FIELDS = new Set([
  'sku',
  'asin',
  'productType',
  'title',
  'fulfillment',
  'quantity',
  'price',
  'parentSku',
  'isParent',
  'variationTheme',
  'createdDate',
  'lastUpdatedDate',
]);

function fail(where: string, message: string): never {
  throw new SimInputError(`invalid listings input: ${where}: ${message}`);
}

// Report rows are tab-separated lines: a tab or line break in a value would break them.
function text(value: unknown, where: string, max: number): string {
  if (typeof value !== 'string' || value === '' || value.length > max) fail(where, `must be a string of 1 to ${max} characters`);
  if (/[\t\r\n]/.test(value)) fail(where, `${where.split('.').pop()} must not contain a tab or a line break`);
  return value;
}

function matching(value: unknown, where: string, pattern: RegExp, hint: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) fail(where, hint);
  return value;
}

function date(value: unknown, where: string): number {
  const ms = typeof value === 'string' ? parseIso(value) : undefined;
  if (ms === undefined) fail(where, 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-01T10:00:00Z');
  return ms;
}

// Hand-written rather than a schema library: seeding 100,000 listings goes through here.
function parseListing(raw: unknown, where: string): ParsedListing {
  if (!isObject(raw)) fail(where, 'must be an object');
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fail(`${where}.${key}`, 'is not a listing field');
  const l: ParsedListing = { sku: text(raw.sku, `${where}.sku`, 40) };
  const r = raw;
  if (r.asin !== undefined) l.asin = matching(r.asin, `${where}.asin`, /^[0-9A-Z]{10}$/, 'must be 10 capital letters or digits');
  if (r.productType !== undefined)
    l.productType = matching(
      r.productType,
      `${where}.productType`,
      /^[A-Z][A-Z0-9_]*$/,
      'must be an Amazon product type such as HOME or LUGGAGE',
    );
  if (r.title !== undefined) l.title = text(r.title, `${where}.title`, 500);
  if (r.fulfillment !== undefined) {
    if (!(LISTING_FULFILLMENT as readonly unknown[]).includes(r.fulfillment))
      fail(`${where}.fulfillment`, `must be one of ${LISTING_FULFILLMENT.join(', ')}`);
    l.fulfillment = r.fulfillment as ParsedListing['fulfillment'];
  }
  if (r.quantity !== undefined) {
    if (!Number.isInteger(r.quantity) || (r.quantity as number) < 0 || (r.quantity as number) > 1_000_000)
      fail(`${where}.quantity`, 'must be a whole number from 0 to 1000000');
    l.quantity = r.quantity as number;
  }
  if (r.price !== undefined) {
    const ok =
      typeof r.price === 'number'
        ? r.price > 0 && r.price <= 1_000_000
        : typeof r.price === 'string' && /^\d{1,7}(\.\d{1,2})?$/.test(r.price);
    if (!ok) fail(`${where}.price`, 'must be a positive number or a decimal such as "12.99"');
    l.price = r.price as number | string;
  }
  if (r.parentSku !== undefined) l.parentSku = text(r.parentSku, `${where}.parentSku`, 40);
  if (r.isParent !== undefined) {
    if (typeof r.isParent !== 'boolean') fail(`${where}.isParent`, 'must be true or false');
    l.isParent = r.isParent;
  }
  if (r.variationTheme !== undefined)
    l.variationTheme = matching(
      r.variationTheme,
      `${where}.variationTheme`,
      /^[A-Z][A-Z0-9_]*(\/[A-Z][A-Z0-9_]*)*$/,
      'must look like COLOR_NAME/SIZE_NAME',
    );
  if (r.createdDate !== undefined) l.createdMs = date(r.createdDate, `${where}.createdDate`);
  if (r.lastUpdatedDate !== undefined) l.lastUpdatedMs = date(r.lastUpdatedDate, `${where}.lastUpdatedDate`);
  return l;
}

/** Shape checks only; rules that need the store (duplicates, parents, sellers) live there. */
export function parseAddListings(value: unknown): ParsedAddListings {
  if (!isObject(value)) fail('listings input', 'must be an object {sellerId?, marketplaceId?, listings: [...]}');
  for (const key of Object.keys(value)) if (!TOP_FIELDS.has(key)) fail(key, 'is not a field of the listings input');
  const out: ParsedAddListings = { listings: [] };
  if (value.sellerId !== undefined) out.sellerId = text(value.sellerId, 'sellerId', 100);
  if (value.marketplaceId !== undefined) out.marketplaceId = text(value.marketplaceId, 'marketplaceId', 100);
  const listings = value.listings;
  if (!Array.isArray(listings) || listings.length === 0 || listings.length > MAX_BATCH)
    fail('listings', `must be an array of 1 to ${MAX_BATCH} listings`);
  out.listings = listings.map((l: unknown, i) => parseListing(l, `listings.${i}`));
  return out;
}

/** `{"message": string|null}` of `POST /__sim/listings/{sku}/reject`. */
export function parseRejection(value: unknown): string | null {
  const message = isObject(value) && Object.keys(value).length === 1 ? value.message : undefined;
  if (message === null || (typeof message === 'string' && message !== '')) return message;
  throw new SimInputError('the body must be {"message": "<why every change to this SKU fails>"} or {"message": null}');
}

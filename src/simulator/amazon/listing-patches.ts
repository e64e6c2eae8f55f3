import type { ListingIssue, PatchOperation } from './listing-types';
import type { ListingStore, StoredListing } from './listing-store';
import { amazonChannelCode } from './marketplaces';

/**
 * What is wrong with one listing change, before it is shaped as a Listings API issue or a feed
 * processing-report issue. Codes are the simulator's own, descriptive names: Amazon's numeric codes
 * are not documented, so clients must go by severity and message.
 */
export interface ListingProblem {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  attributeName?: string;
  category?: 'INVALID_ATTRIBUTE' | 'MISSING_ATTRIBUTE';
}

export interface PatchRequest {
  sku: string;
  productType: string;
  patches: PatchOperation[];
}

export interface PatchEvaluation {
  problems: ListingProblem[];
  listing?: StoredListing;
  /** The merchant quantity to set once accepted. */
  quantity?: number;
}

const AVAILABILITY = 'fulfillment_availability';
const MAX_QUANTITY = 2_147_483_647;

export function hasErrors(e: PatchEvaluation): boolean {
  return e.problems.some((p) => p.severity === 'ERROR');
}

function error(code: string, message: string, attributeName?: string, category?: ListingProblem['category']): ListingProblem {
  const out: ListingProblem = { code, message, severity: 'ERROR' };
  if (attributeName) out.attributeName = attributeName;
  if (category) out.category = category;
  return out;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** The `fulfillment_availability` entries of one patch: returns the DEFAULT quantity they set, if any. */
function checkAvailability(l: StoredListing, patch: PatchOperation, problems: ListingProblem[]): number | undefined {
  if (patch.op === 'delete') return l.fulfillment === 'MERCHANT' && !l.isParent ? 0 : undefined;
  if (l.isParent) {
    problems.push(
      error(
        'PARENT_NOT_BUYABLE',
        `SKU '${l.sku}' is a variation parent: it is not buyable and has no quantity.`,
        AVAILABILITY,
        'INVALID_ATTRIBUTE',
      ),
    );
    return undefined;
  }
  const entries = patch.value ?? [];
  if (entries.length === 0) {
    problems.push(
      error('MISSING_VALUE', `'${AVAILABILITY}' needs at least one value for op '${patch.op}'.`, AVAILABILITY, 'MISSING_ATTRIBUTE'),
    );
    return undefined;
  }
  let quantity: number | undefined;
  let defaults = 0;
  const amazon = amazonChannelCode(l.marketplaceId);
  for (const entry of entries) {
    const checked = checkEntry(l, entry, amazon, problems);
    if (checked.isDefault) defaults++;
    if (checked.quantity !== undefined) quantity = checked.quantity;
  }
  if (defaults > 1)
    problems.push(
      error(
        'INVALID_VALUE',
        `'${AVAILABILITY}' names the DEFAULT channel ${defaults} times; name it once.`,
        AVAILABILITY,
        'INVALID_ATTRIBUTE',
      ),
    );
  return quantity;
}

/** One `fulfillment_availability` entry: its problems, whether it names DEFAULT, and the quantity it sets there. */
function checkEntry(
  l: StoredListing,
  entry: NonNullable<PatchOperation['value']>[number],
  amazon: string,
  problems: ListingProblem[],
): { isDefault: boolean; quantity: number | undefined } {
  const code = entry.fulfillment_channel_code;
  if (typeof code !== 'string' || code === '') {
    problems.push(
      error(
        'MISSING_VALUE',
        `'fulfillment_channel_code' is required but not supplied in '${AVAILABILITY}'.`,
        AVAILABILITY,
        'MISSING_ATTRIBUTE',
      ),
    );
  } else if (code === 'DEFAULT') {
    const q = entry.quantity;
    if (l.fulfillment === 'AMAZON') {
      problems.push(
        error(
          'FULFILLMENT_CHANNEL_MISMATCH',
          `SKU '${l.sku}' is fulfilled by Amazon (${amazon}); a merchant (DEFAULT) quantity cannot be set on it.`,
          AVAILABILITY,
          'INVALID_ATTRIBUTE',
        ),
      );
    } else if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > MAX_QUANTITY) {
      problems.push(
        error(
          'INVALID_QUANTITY',
          `'quantity' in '${AVAILABILITY}' must be a whole number of 0 or more, not ${describe(q)}.`,
          AVAILABILITY,
          'INVALID_ATTRIBUTE',
        ),
      );
    } else return { isDefault: true, quantity: q };
    return { isDefault: true, quantity: undefined };
  } else if (code === amazon) {
    // Naming the listing's own Amazon channel changes nothing; Amazon owns FBA stock.
    if (l.fulfillment === 'MERCHANT') {
      problems.push(
        error(
          'FULFILLMENT_CHANNEL_MISMATCH',
          `SKU '${l.sku}' is merchant-fulfilled; converting it to ${code} is not simulated.`,
          AVAILABILITY,
          'INVALID_ATTRIBUTE',
        ),
      );
    }
  } else {
    problems.push(
      error(
        'INVALID_VALUE',
        `'${code}' is not a fulfillment channel code of this marketplace (DEFAULT or ${amazon}).`,
        AVAILABILITY,
        'INVALID_ATTRIBUTE',
      ),
    );
  }
  return { isDefault: false, quantity: undefined };
}

/**
 * Amazon's checks of one patch request against a listing, shared by patchListingsItem and
 * JSON_LISTINGS_FEED PATCH messages. Only `fulfillment_availability` has an effect; patches of other
 * top-level attributes are accepted and change nothing but the update time.
 */
export function evaluatePatch(
  store: ListingStore,
  sellerId: string,
  marketplaceIds: readonly string[],
  req: PatchRequest,
): PatchEvaluation {
  const listing = store.get(sellerId, req.sku);
  if (!listing || !marketplaceIds.includes(listing.marketplaceId)) {
    return {
      problems: [error('SKU_NOT_FOUND', `SKU '${req.sku}' is not listed by this seller in marketplace ${marketplaceIds.join(', ')}.`)],
    };
  }
  const rejection = store.rejection(req.sku);
  if (rejection !== undefined) return { listing, problems: [error('REJECTED', rejection)] };
  if (req.productType !== listing.productType) {
    const msg = `productType '${req.productType}' does not match the listing's product type '${listing.productType}'.`;
    return { listing, problems: [error('PRODUCT_TYPE_MISMATCH', msg, 'productType', 'INVALID_ATTRIBUTE')] };
  }
  const problems: ListingProblem[] = [];
  let quantity: number | undefined;
  for (const patch of req.patches) {
    const m = /^\/attributes\/([a-z][a-z0-9_]*)$/.exec(patch.path);
    if (!m) {
      problems.push(
        error(
          'INVALID_PATH',
          `A patch may only target one top-level attribute (/attributes/<name>), not '${patch.path}'.`,
          undefined,
          'INVALID_ATTRIBUTE',
        ),
      );
      continue;
    }
    const attribute = m[1] as string;
    if (patch.op !== 'delete' && patch.value === undefined) {
      problems.push(error('MISSING_VALUE', `op '${patch.op}' on '${attribute}' needs a value.`, attribute, 'MISSING_ATTRIBUTE'));
    } else if (attribute === AVAILABILITY) {
      quantity = checkAvailability(listing, patch, problems) ?? quantity;
    }
  }
  const out: PatchEvaluation = { listing, problems };
  if (quantity !== undefined) out.quantity = quantity;
  return out;
}

/** Applies an evaluation that has no errors; returns whether anything was applied. */
export function applyPatch(store: ListingStore, e: PatchEvaluation, nowMs: number): boolean {
  if (!e.listing || hasErrors(e)) return false;
  if (e.quantity !== undefined) store.setQuantity(e.listing, e.quantity, nowMs);
  else store.touch(e.listing, nowMs);
  return true;
}

export function toListingIssue(p: ListingProblem): ListingIssue {
  const out: ListingIssue = { code: p.code, message: p.message, severity: p.severity, categories: p.category ? [p.category] : [] };
  if (p.attributeName) out.attributeNames = [p.attributeName];
  return out;
}

/**
 * Listings Items API 2021-08-01 shapes the simulator produces, written by hand from the field names
 * in Amazon's model, plus the simulator's own listing record and set-up input.
 */

export const LISTINGS_INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
export type ListingsIncludedData = (typeof LISTINGS_INCLUDED_DATA)[number];

export const LISTING_STATUSES = ['BUYABLE', 'DISCOVERABLE'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const LISTING_FULFILLMENT = ['MERCHANT', 'AMAZON'] as const;
export type ListingFulfillment = (typeof LISTING_FULFILLMENT)[number];

export const PATCH_OPS = ['add', 'replace', 'merge', 'delete'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

export interface PatchOperation {
  op: PatchOp;
  path: string;
  value?: Record<string, unknown>[];
}

export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
}

export interface ListingsItem {
  sku: string;
  summaries?: {
    marketplaceId: string;
    asin: string;
    productType: string;
    conditionType: 'new_new';
    status: ListingStatus[];
    itemName: string;
    createdDate: string;
    lastUpdatedDate: string;
  }[];
  attributes?: Record<string, unknown>;
  issues?: ListingIssue[];
  offers?: { marketplaceId: string; offerType: 'B2C'; price: { currencyCode: string; amount: string } }[];
  fulfillmentAvailability?: { fulfillmentChannelCode: string; quantity?: number }[];
  procurement?: never[];
  relationships?: {
    marketplaceId: string;
    relationships: {
      type: 'VARIATION';
      parentSkus?: string[];
      childSkus?: string[];
      variationTheme?: { attributes: string[]; theme: string };
    }[];
  }[];
  productTypes?: { marketplaceId: string; productType: string }[];
}

/** The simulator's whole view of one listing (not an Amazon shape): `childSkus` is derived from the children. */
export interface SimListing {
  sellerId: string;
  sku: string;
  asin: string;
  productType: string;
  itemName: string;
  marketplaceId: string;
  createdDate: string;
  lastUpdatedDate: string;
  status: ListingStatus[];
  fulfillment: ListingFulfillment;
  /** Merchant-fulfilled, non-parent listings only: the quantity buyers can order. */
  quantity?: number;
  /** Present while a quantity accepted by a feed was not applied (feed-quirks.ts): what the attributes show. */
  submittedQuantity?: number;
  /** Decimal string in the marketplace currency ("12.99"); parents have none. */
  price?: string;
  parentSku?: string;
  childSkus: string[];
  /** The parent's theme when the child names none. */
  variationTheme?: string;
  isParent: boolean;
}

/** One listing to create through `addListings` or `POST /__sim/listings`. */
export interface NewListingInput {
  sku: string;
  /** Default: the catalogue ASIN for a catalogue SKU, else a generated one. */
  asin?: string;
  /** Default HOME. */
  productType?: string;
  /** Default: the catalogue title, else "Listing <sku>". Never a tab or a line break. */
  title?: string;
  /** Default MERCHANT. */
  fulfillment?: ListingFulfillment;
  /** Merchant-fulfilled, non-parent listings only; default 0. */
  quantity?: number;
  /** Major units (12.99 or "12.99"); default the catalogue price, else 19.99. Not on parents. */
  price?: number | string;
  parentSku?: string;
  isParent?: boolean;
  /** e.g. COLOR_NAME/SIZE_NAME. */
  variationTheme?: string;
  /** Default now. */
  createdDate?: string;
  /** Default createdDate. */
  lastUpdatedDate?: string;
}

export interface AddListingsInput {
  sellerId?: string;
  marketplaceId?: string;
  listings: NewListingInput[];
}

import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { HttpClient } from '../http/client';
import { searchListingsEnvelope, submissionSchema, type ListingsItem, type Submission } from './listings-types';

const BASE = '/listings/2021-08-01/items';
export const LISTING_INCLUDED_DATA = ['summaries', 'relationships', 'fulfillmentAvailability', 'productTypes'] as const;

export interface SearchListingsQuery {
  sellerId: string;
  marketplaceId: string;
  /** Omitted on a first run: every listing. */
  createdAfter?: string;
  createdBefore?: string;
  /** Specific SKUs (at most 20), instead of a date range. */
  skus?: readonly string[];
}

/** Amazon lets one search page through at most this many results (`numberOfResults` note in the model). */
const SEARCH_LIMIT = 1000;

function createdDateOf(item: ListingsItem, marketplaceId: string): string | undefined {
  return (item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0])?.createdDate;
}

/**
 * searchListingsItems by creation date, oldest first, 20 a page (the maximum). A search stops
 * after 1,000 results, so a longer list is read as consecutive searches, each starting at the last
 * creation date seen; listings at that boundary are not returned twice.
 */
export async function* searchListings(sp: HttpClient, q: SearchListingsQuery): AsyncGenerator<ListingsItem[]> {
  let createdAfter = q.createdAfter;
  let boundary = new Set<string>();
  for (;;) {
    let pageToken: string | undefined;
    let fetched = 0;
    let total = 0;
    let last: string | undefined;
    const atLast = new Set<string>();
    do {
      const res = await sp.request<unknown>({
        operation: 'searchListingsItems',
        method: 'GET',
        path: `${BASE}/${encodeURIComponent(q.sellerId)}`,
        params: {
          marketplaceIds: [q.marketplaceId],
          includedData: LISTING_INCLUDED_DATA,
          createdAfter,
          createdBefore: q.createdBefore,
          identifiers: q.skus,
          identifiersType: q.skus ? 'SKU' : undefined,
          sortBy: 'createdDate',
          sortOrder: 'ASC',
          pageSize: 20,
          pageToken,
        },
      });
      const page = parseAnswer(searchListingsEnvelope, res.data, 'searchListingsItems');
      total = page.numberOfResults;
      fetched += page.items.length;
      for (const item of page.items) {
        const created = createdDateOf(item, q.marketplaceId);
        if (created !== last) atLast.clear();
        last = created ?? last;
        atLast.add(item.sku);
      }
      yield page.items.filter((item) => !boundary.has(item.sku));
      pageToken = page.pagination?.nextToken;
    } while (pageToken);
    if (q.skus || fetched >= total || fetched < SEARCH_LIMIT || !last) return;
    if (last === createdAfter) {
      throw new RemoteError({
        system: 'amazon',
        operation: 'searchListingsItems',
        kind: 'fatal',
        detail: `more than ${SEARCH_LIMIT} listings were created at ${last}; they cannot be paged through`,
      });
    }
    createdAfter = last;
    boundary = new Set(atLast);
  }
}

/** The `fulfillment_availability` value for a merchant-fulfilled quantity; the feed builder uses the same shape. */
export function availabilityPatch(quantity: number): {
  op: 'merge';
  path: '/attributes/fulfillment_availability';
  value: { fulfillment_channel_code: 'DEFAULT'; quantity: number }[];
} {
  return { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] };
}

/** patchListingsItem with a merge on fulfillment_availability: the quantity changes, restock data stays. */
export async function patchQuantity(
  sp: HttpClient,
  q: { sellerId: string; marketplaceId: string; sku: string; productType: string; quantity: number },
): Promise<Submission> {
  const res = await sp.request<unknown>({
    operation: 'patchListingsItem',
    method: 'PATCH',
    path: `${BASE}/${encodeURIComponent(q.sellerId)}/${encodeURIComponent(q.sku)}`,
    params: { marketplaceIds: [q.marketplaceId], issueLocale: 'en_US' },
    data: { productType: q.productType, patches: [availabilityPatch(q.quantity)] },
  });
  return parseAnswer(submissionSchema, res.data, 'patchListingsItem');
}

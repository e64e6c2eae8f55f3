import { json, type SimRequest, type SimResponse } from '../server';
import type { OperationContext } from './operation-types';
import { definedOnly, SEARCH_ORDERS_SPELLING, selectOrderPage, sorted } from './order-page';
import { renderOrder } from './order-view';
import type { SearchFilters } from './pagination-token';
import { readDate, readIncludedData, readInteger, readList, readParam, rejectBracketArrays } from './query';
import { FULFILLED_BY, FULFILLMENT_STATUSES } from './types';

function readFilters(query: URLSearchParams): SearchFilters {
  return definedOnly({
    createdAfter: readDate(query, 'createdAfter'),
    createdBefore: readDate(query, 'createdBefore'),
    lastUpdatedAfter: readDate(query, 'lastUpdatedAfter'),
    lastUpdatedBefore: readDate(query, 'lastUpdatedBefore'),
    marketplaceIds: sorted(readList(query, 'marketplaceIds', { maxItems: 50 })),
    fulfillmentStatuses: sorted(readList(query, 'fulfillmentStatuses', { allowed: FULFILLMENT_STATUSES })),
    fulfilledBy: sorted(readList(query, 'fulfilledBy', { allowed: FULFILLED_BY })),
  });
}

/** `GET /orders/2026-01-01/orders`: one page of the seller's orders in the window, oldest first. */
export function searchOrders(ctx: OperationContext, req: SimRequest): SimResponse {
  const query = req.query;
  rejectBracketArrays(query);
  const filters = readFilters(query);
  const pageSize = readInteger(query, 'maxResultsPerPage', 1, 100) ?? 100;
  const data = readIncludedData(query);
  const page = selectOrderPage(ctx, filters, pageSize, readParam(query, 'paginationToken'), SEARCH_ORDERS_SPELLING);
  const body: Record<string, unknown> = { orders: page.orders.map((o) => renderOrder(o, data)) };
  if (page.nextToken !== undefined) body.pagination = { nextToken: page.nextToken };
  body[page.echo[0]] = page.echo[1];
  return json(200, body);
}

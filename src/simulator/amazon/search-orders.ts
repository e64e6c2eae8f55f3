import { json, type SimRequest, type SimResponse } from '../server';
import { InvalidInputError } from './errors';
import type { OperationContext } from './operations';
import { renderOrder } from './order-view';
import { decodeCursor, encodeCursor, type SearchFilters } from './pagination-token';
import { readDate, readIncludedData, readInteger, readList, readParam, rejectBracketArrays } from './query';
import type { StoredOrder } from './stored-order';
import { floorSecond, iso, MINUTE } from './time';
import { FULFILLED_BY, FULFILLMENT_STATUSES } from './types';

// Amazon refuses windows that end less than two minutes ago: recent changes are still settling.
const SETTLE_MS = 2 * MINUTE;

interface Window {
  field: 'createdMs' | 'lastUpdatedMs';
  name: 'created' | 'lastUpdated';
  afterMs: number;
  beforeMs: number;
}

function sorted(values: string[] | undefined): string[] | undefined {
  return values ? [...values].sort() : undefined;
}

function readFilters(query: URLSearchParams): SearchFilters {
  const filters: SearchFilters = {
    createdAfter: readDate(query, 'createdAfter'),
    createdBefore: readDate(query, 'createdBefore'),
    lastUpdatedAfter: readDate(query, 'lastUpdatedAfter'),
    lastUpdatedBefore: readDate(query, 'lastUpdatedBefore'),
    marketplaceIds: sorted(readList(query, 'marketplaceIds', { maxItems: 50 })),
    fulfillmentStatuses: sorted(readList(query, 'fulfillmentStatuses', { allowed: FULFILLMENT_STATUSES })),
    fulfilledBy: sorted(readList(query, 'fulfilledBy', { allowed: FULFILLED_BY })),
  };
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) if (filters[key] === undefined) delete filters[key];
  return filters;
}

/** The rules in the model's parameter notes, checked in the order a caller would fix them. */
function resolveWindow(f: SearchFilters, nowMs: number): Window {
  const created = f.createdAfter !== undefined;
  const updated = f.lastUpdatedAfter !== undefined;
  if (created && updated) throw new InvalidInputError('Provide exactly one of createdAfter and lastUpdatedAfter, not both');
  if (!created && !updated) throw new InvalidInputError('Exactly one of createdAfter and lastUpdatedAfter is required');
  if (created && f.lastUpdatedBefore !== undefined) throw new InvalidInputError('lastUpdatedBefore cannot be used with createdAfter');
  if (updated && f.createdBefore !== undefined) throw new InvalidInputError('createdBefore cannot be used with lastUpdatedAfter');
  const name = created ? 'created' : 'lastUpdated';
  const afterMs = (created ? f.createdAfter : f.lastUpdatedAfter) as number;
  const given = created ? f.createdBefore : f.lastUpdatedBefore;
  const latest = nowMs - SETTLE_MS;
  if (given !== undefined) {
    if (given < afterMs) throw new InvalidInputError(`${name}Before must be equal to or after ${name}After`);
    if (given > latest) throw new InvalidInputError(`${name}Before must be at least 2 minutes before the time of the request`);
  } else if (afterMs > latest) {
    throw new InvalidInputError(`${name}After must be at least 2 minutes before the time of the request`);
  }
  return { field: created ? 'createdMs' : 'lastUpdatedMs', name, afterMs, beforeMs: given ?? floorSecond(latest) };
}

function compareKey(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

function matches(order: StoredOrder, f: SearchFilters): boolean {
  return (
    (!f.marketplaceIds || f.marketplaceIds.includes(order.marketplaceId)) &&
    (!f.fulfillmentStatuses || f.fulfillmentStatuses.includes(order.status)) &&
    (!f.fulfilledBy || f.fulfilledBy.includes(order.fulfilledBy))
  );
}

/** `GET /orders/2026-01-01/orders`: one page of the seller's orders in the window, oldest first. */
export function searchOrders(ctx: OperationContext, req: SimRequest): SimResponse {
  const query = req.query;
  rejectBracketArrays(query);
  const filters = readFilters(query);
  const pageSize = readInteger(query, 'maxResultsPerPage', 1, 100) ?? 100;
  const data = readIncludedData(query);
  const token = readParam(query, 'paginationToken');
  const window = resolveWindow(filters, ctx.nowMs);
  let afterKey: [number, string] | undefined;
  if (token !== undefined) {
    const cursor = decodeCursor(token, ctx.sellerId, filters, ctx.nowMs);
    afterKey = cursor.afterKey;
    window.beforeMs = cursor.beforeMs;
  }
  const keyOf = (o: StoredOrder): [number, string] => [o[window.field], o.orderId];
  const hits = ctx.store
    .forSeller(ctx.sellerId)
    .filter((o) => o[window.field] >= window.afterMs && o[window.field] <= window.beforeMs && matches(o, filters))
    .filter((o) => !afterKey || compareKey(keyOf(o), afterKey) > 0)
    .sort((a, b) => compareKey(keyOf(a), keyOf(b)));
  const page = hits.slice(0, pageSize);
  const body: Record<string, unknown> = { orders: page.map((o) => renderOrder(o, data)) };
  const last = page[page.length - 1];
  if (hits.length > pageSize && last) {
    const nextToken = encodeCursor({ sellerId: ctx.sellerId, filters, afterKey: keyOf(last), beforeMs: window.beforeMs }, ctx.nowMs);
    body.pagination = { nextToken };
  }
  body[`${window.name}Before`] = iso(window.beforeMs);
  return json(200, body);
}

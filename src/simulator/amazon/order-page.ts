import { InvalidInputError } from './errors';
import type { OperationContext } from './operation-types';
import { decodeCursor, encodeCursor, type OrderParamSpelling, type SearchFilters } from './pagination-token';
import type { StoredOrder } from './stored-order';
import { floorSecond, iso, MINUTE } from './time';

export type { OrderParamSpelling } from './pagination-token';

// Amazon refuses windows that end less than two minutes ago: recent changes are still settling.
const SETTLE_MS = 2 * MINUTE;

export const SEARCH_ORDERS_SPELLING: OrderParamSpelling = {
  names: {
    createdAfter: 'createdAfter',
    createdBefore: 'createdBefore',
    lastUpdatedAfter: 'lastUpdatedAfter',
    lastUpdatedBefore: 'lastUpdatedBefore',
    marketplaceIds: 'marketplaceIds',
    fulfillmentStatuses: 'fulfillmentStatuses',
    fulfilledBy: 'fulfilledBy',
  },
  token: 'paginationToken',
  free: 'maxResultsPerPage and includedData',
};

/** Lists compare as sets: a later page may name the same values in another order. */
export function sorted<T extends string>(values: T[] | undefined): T[] | undefined {
  return values ? [...values].sort() : undefined;
}

/** Drops the filters the request did not give, so they compare equal to a token's. */
export function definedOnly(filters: SearchFilters): SearchFilters {
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) if (filters[key] === undefined) Reflect.deleteProperty(filters, key);
  return filters;
}

interface Window {
  field: 'createdMs' | 'lastUpdatedMs';
  afterMs: number;
  beforeMs: number;
}

/** The rules in the models' parameter notes (the same in both versions), checked in the order a caller would fix them. */
function resolveWindow(f: SearchFilters, nowMs: number, { names: n }: OrderParamSpelling): Window {
  const created = f.createdAfter !== undefined;
  const updated = f.lastUpdatedAfter !== undefined;
  if (created && updated) throw new InvalidInputError(`Provide exactly one of ${n.createdAfter} and ${n.lastUpdatedAfter}, not both`);
  if (!created && !updated) throw new InvalidInputError(`Exactly one of ${n.createdAfter} and ${n.lastUpdatedAfter} is required`);
  if (created && f.lastUpdatedBefore !== undefined)
    throw new InvalidInputError(`${n.lastUpdatedBefore} cannot be used with ${n.createdAfter}`);
  if (updated && f.createdBefore !== undefined) throw new InvalidInputError(`${n.createdBefore} cannot be used with ${n.lastUpdatedAfter}`);
  const [afterName, beforeName] = created ? [n.createdAfter, n.createdBefore] : [n.lastUpdatedAfter, n.lastUpdatedBefore];
  const afterMs = (created ? f.createdAfter : f.lastUpdatedAfter) as number;
  const given = created ? f.createdBefore : f.lastUpdatedBefore;
  const latest = nowMs - SETTLE_MS;
  if (given !== undefined) {
    if (given < afterMs) throw new InvalidInputError(`${beforeName} must be equal to or after ${afterName}`);
    if (given > latest) throw new InvalidInputError(`${beforeName} must be at least 2 minutes before the time of the request`);
  } else if (afterMs > latest) {
    throw new InvalidInputError(`${afterName} must be at least 2 minutes before the time of the request`);
  }
  return { field: created ? 'createdMs' : 'lastUpdatedMs', afterMs, beforeMs: given ?? floorSecond(latest) };
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

export interface OrderPage {
  orders: StoredOrder[];
  nextToken?: string;
  /** The window's upper bound, under the name the response echoes it (`createdBefore`, `LastUpdatedBefore` …). */
  echo: [name: string, value: string];
}

/**
 * One page of the seller's orders in the window, oldest first. `filters` are in searchOrders'
 * terms whatever the version asked, so both versions page the same store the same way.
 */
export function selectOrderPage(
  ctx: OperationContext,
  filters: SearchFilters,
  pageSize: number,
  token: string | undefined,
  spelling: OrderParamSpelling,
): OrderPage {
  const window = resolveWindow(filters, ctx.nowMs, spelling);
  let afterKey: [number, string] | undefined;
  if (token !== undefined) {
    const cursor = decodeCursor(token, ctx.sellerId, filters, ctx.nowMs, spelling);
    afterKey = cursor.afterKey;
    window.beforeMs = cursor.beforeMs;
  }
  const keyOf = (o: StoredOrder): [number, string] => [o[window.field], o.orderId];
  const hits = ctx.store
    .forSeller(ctx.sellerId)
    .filter((o) => o[window.field] >= window.afterMs && o[window.field] <= window.beforeMs && matches(o, filters))
    .filter((o) => !afterKey || compareKey(keyOf(o), afterKey) > 0)
    .sort((a, b) => compareKey(keyOf(a), keyOf(b)));
  const orders = hits.slice(0, pageSize);
  const last = orders[orders.length - 1];
  const echoName = window.field === 'createdMs' ? spelling.names.createdBefore : spelling.names.lastUpdatedBefore;
  const page: OrderPage = { orders, echo: [echoName, iso(window.beforeMs)] };
  if (hits.length > pageSize && last) {
    page.nextToken = encodeCursor({ sellerId: ctx.sellerId, filters, afterKey: keyOf(last), beforeMs: window.beforeMs }, ctx.nowMs);
  }
  return page;
}

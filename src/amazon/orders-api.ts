import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { HttpClient } from '../http/client';
import {
  getOrderEnvelope,
  orderSchema,
  searchOrdersEnvelope,
  type FulfillmentStatus,
  type Order,
  type UnreadableOrder,
} from './orders-types';

const BASE = '/orders/2026-01-01/orders';

/** Everything pull-orders reads: buyer and address for the warehouse order, cancellation and fulfilment for status. */
export const ORDER_INCLUDED_DATA = ['BUYER', 'RECIPIENT', 'FULFILLMENT', 'CANCELLATION', 'PROCEEDS'] as const;

export interface SearchOrdersQuery {
  lastUpdatedAfter: string;
  lastUpdatedBefore: string;
  marketplaceIds: readonly string[];
  fulfilledBy?: readonly ('MERCHANT' | 'AMAZON')[];
  fulfillmentStatuses?: readonly FulfillmentStatus[];
  includedData?: readonly string[];
  maxResultsPerPage?: number;
  /** Epoch ms: a page that would wait for its rate-limit token past this is not asked for (DeadlineReachedError). */
  notAfter?: number;
}

export interface OrdersPage {
  orders: Order[];
  unreadable: UnreadableOrder[];
}

function parseOrder(raw: unknown): Order | UnreadableOrder {
  const parsed = orderSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const id = (raw as { orderId?: unknown } | null)?.orderId;
  const issue = parsed.error.issues[0];
  return {
    orderId: typeof id === 'string' ? id : undefined,
    problem: `unexpected order shape at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
  };
}

/**
 * searchOrders, page by page. The same filters go with every `paginationToken`, as Amazon requires;
 * only `maxResultsPerPage` and `includedData` may change between pages.
 */
export async function* searchOrders(client: HttpClient, q: SearchOrdersQuery): AsyncGenerator<OrdersPage> {
  const filters = {
    lastUpdatedAfter: q.lastUpdatedAfter,
    lastUpdatedBefore: q.lastUpdatedBefore,
    marketplaceIds: q.marketplaceIds,
    fulfilledBy: q.fulfilledBy,
    fulfillmentStatuses: q.fulfillmentStatuses,
  };
  let token: string | undefined;
  do {
    const res = await client.request<unknown>({
      operation: 'searchOrders',
      method: 'GET',
      path: BASE,
      params: {
        ...filters,
        includedData: q.includedData ?? ORDER_INCLUDED_DATA,
        maxResultsPerPage: q.maxResultsPerPage ?? 100,
        paginationToken: token,
      },
      ...(q.notAfter === undefined ? {} : { notAfter: q.notAfter }),
    });
    const body = parseAnswer(searchOrdersEnvelope, res.data, 'searchOrders');
    const page: OrdersPage = { orders: [], unreadable: [] };
    for (const raw of body.orders) {
      const o = parseOrder(raw);
      if ('problem' in o) page.unreadable.push(o);
      else page.orders.push(o);
    }
    yield page;
    token = body.pagination?.nextToken;
  } while (token);
}

/** One order by id, or undefined when Amazon does not know it (404). `notAfter` as in SearchOrdersQuery. */
export async function getOrder(
  client: HttpClient,
  orderId: string,
  includedData: readonly string[] = ORDER_INCLUDED_DATA,
  notAfter?: number,
): Promise<Order | undefined> {
  try {
    const res = await client.request<unknown>({
      operation: 'getOrder',
      method: 'GET',
      path: `${BASE}/${encodeURIComponent(orderId)}`,
      params: { includedData },
      ...(notAfter === undefined ? {} : { notAfter }),
    });
    const o = parseOrder(parseAnswer(getOrderEnvelope, res.data, 'getOrder').order);
    if ('problem' in o) throw new RemoteError({ system: 'amazon', operation: 'getOrder', kind: 'item', status: 200, detail: o.problem });
    return o;
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404) return undefined;
    throw err;
  }
}

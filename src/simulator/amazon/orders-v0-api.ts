import { json, type SimRequest, type SimResponse } from '../server';
import { InvalidInputError } from './errors';
import { orderNotFound, sellerOrder } from './get-order';
import type { OperationContext } from './operation-types';
import { definedOnly, selectOrderPage, sorted, type OrderParamSpelling } from './order-page';
import {
  renderV0Items,
  renderV0Order,
  storedFulfilledBy,
  storedStatuses,
  V0_FULFILLMENT_CHANNELS,
  V0_ORDER_STATUSES,
} from './orders-v0-view';
import { readDate, readInteger, readList, readParam, rejectBracketArrays } from './query';

const GET_ORDERS_SPELLING: OrderParamSpelling = {
  names: {
    createdAfter: 'CreatedAfter',
    createdBefore: 'CreatedBefore',
    lastUpdatedAfter: 'LastUpdatedAfter',
    lastUpdatedBefore: 'LastUpdatedBefore',
    marketplaceIds: 'MarketplaceIds',
    fulfillmentStatuses: 'OrderStatuses',
    fulfilledBy: 'FulfillmentChannels',
  },
  token: 'NextToken',
  free: 'MaxResultsPerPage',
};

/**
 * `GET /orders/v0/orders` (deprecated, still used by most integrations): the same pages as
 * searchOrders, with v0's names. A later page repeats the filters with `NextToken`, as Amazon's
 * sandbox does; MarketplaceIds is required on every page.
 */
export function getOrders(ctx: OperationContext, req: SimRequest): SimResponse {
  const query = req.query;
  rejectBracketArrays(query);
  const marketplaceIds = readList(query, 'MarketplaceIds', { maxItems: 50 });
  if (!marketplaceIds) throw new InvalidInputError('MarketplaceIds is required');
  const statuses = readList(query, 'OrderStatuses', { allowed: V0_ORDER_STATUSES });
  const channels = readList(query, 'FulfillmentChannels', { allowed: V0_FULFILLMENT_CHANNELS });
  const filters = definedOnly({
    createdAfter: readDate(query, 'CreatedAfter'),
    createdBefore: readDate(query, 'CreatedBefore'),
    lastUpdatedAfter: readDate(query, 'LastUpdatedAfter'),
    lastUpdatedBefore: readDate(query, 'LastUpdatedBefore'),
    marketplaceIds: sorted(marketplaceIds),
    fulfillmentStatuses: sorted(statuses && storedStatuses(statuses)),
    fulfilledBy: sorted(channels && storedFulfilledBy(channels)),
  });
  const pageSize = readInteger(query, 'MaxResultsPerPage', 1, 100) ?? 100;
  const page = selectOrderPage(ctx, filters, pageSize, readParam(query, 'NextToken'), GET_ORDERS_SPELLING);
  const payload: Record<string, unknown> = { Orders: page.orders.map(renderV0Order) };
  if (page.nextToken !== undefined) payload.NextToken = page.nextToken;
  payload[page.echo[0]] = page.echo[1];
  return json(200, { payload });
}

/** `GET /orders/v0/orders/{orderId}/orderItems`: every line in one page, so a NextToken is never valid. */
export function getOrderItems(ctx: OperationContext, req: SimRequest, [orderId]: string[]): SimResponse {
  rejectBracketArrays(req.query);
  const token = readParam(req.query, 'NextToken');
  const order = sellerOrder(ctx, orderId);
  if (!order) return orderNotFound(orderId);
  if (token !== undefined) throw new InvalidInputError('NextToken is not valid');
  return json(200, { payload: { OrderItems: renderV0Items(order), AmazonOrderId: order.orderId } });
}

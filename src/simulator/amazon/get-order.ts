import { json, type SimRequest, type SimResponse } from '../server';
import { amazonError } from './errors';
import type { OperationContext } from './operation-types';
import { renderOrder } from './order-view';
import { readIncludedData, rejectBracketArrays } from './query';
import type { StoredOrder } from './stored-order';

/** The seller's order by id; another seller's order is as invisible as a missing one. */
export function sellerOrder(ctx: OperationContext, orderId: string | undefined): StoredOrder | undefined {
  const order = orderId === undefined ? undefined : ctx.store.get(orderId);
  return order?.sellerId === ctx.sellerId ? order : undefined;
}

export function orderNotFound(orderId: string | undefined): SimResponse {
  return amazonError(404, 'NotFound', `Order ${orderId ?? ''} was not found`);
}

/** `GET /orders/2026-01-01/orders/{orderId}`: current state, with no two-minute delay. */
export function getOrder(ctx: OperationContext, req: SimRequest, [orderId]: string[]): SimResponse {
  rejectBracketArrays(req.query);
  const data = readIncludedData(req.query);
  const order = sellerOrder(ctx, orderId);
  return order ? json(200, { order: renderOrder(order, data) }) : orderNotFound(orderId);
}

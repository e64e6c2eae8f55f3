import { json, type SimRequest, type SimResponse } from '../server';
import { amazonError } from './errors';
import type { OperationContext } from './operations';
import { renderOrder } from './order-view';
import { readIncludedData, rejectBracketArrays } from './query';

/** `GET /orders/2026-01-01/orders/{orderId}`: current state, with no two-minute delay. */
export function getOrder(ctx: OperationContext, req: SimRequest, [orderId]: string[]): SimResponse {
  rejectBracketArrays(req.query);
  const data = readIncludedData(req.query);
  const order = orderId === undefined ? undefined : ctx.store.get(orderId);
  // Another seller's order is as invisible as a missing one.
  if (!order || order.sellerId !== ctx.sellerId) return amazonError(404, 'NotFound', `Order ${orderId ?? ''} was not found`);
  return json(200, { order: renderOrder(order, data) });
}

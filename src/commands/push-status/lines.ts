import { getOrder } from '../../amazon/orders-api';
import { RemoteError } from '../../errors';
import type { BuyerCancelOrder } from '../../state/buyer-cancels';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { itemNow } from '../../amazon/order-items';
import type { LineCandidate } from './send';

const SHIPPED = new Set(['SHIPPED', 'PARTIALLY_SHIPPED']);
/** The order's status and its items' cancellations: no buyer data is asked for. */
const LINE_DATA = ['FULFILLMENT', 'CANCELLATION'] as const;

/**
 * Lines a buyer asked to cancel and the warehouse no longer ships (pull-orders took them off, or
 * never sent them): Amazon is read first, so a line already cancelled there is settled without a
 * feed, and an order Amazon shows shipped is reported rather than sent (Amazon refuses to cancel
 * items of a shipped order). The rest become rows of this run's cancellation feed, as BuyerCanceled.
 */
export async function considerLines(ctx: RunContext, queued: BuyerCancelOrder, candidates: LineCandidate[]): Promise<ItemResult[]> {
  const id = queued.amazonOrderId;
  const queue = ctx.state.orders.buyerCancels;
  let amazon;
  try {
    amazon = await getOrder(ctx.sp, id, LINE_DATA, ctx.deadline);
  } catch (err) {
    if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
    return [{ key: id, ok: false, reason: err.message, retriable: true }];
  }
  const mark = (itemIds: readonly string[], status: 'done' | 'rejected'): void => {
    if (!ctx.dryRun && itemIds.length) queue.mark(id, itemIds, status, null);
  };
  if (!amazon) {
    mark(queued.orderItemIds, 'rejected');
    return [
      {
        key: id,
        ok: false,
        reason: 'Amazon does not know this order: the items its buyer asked to cancel were not cancelled',
        retriable: false,
      },
    ];
  }
  const status = amazon.fulfillment?.fulfillmentStatus ?? '';
  if (status === 'CANCELLED') {
    mark(queued.orderItemIds, 'done');
    return [{ key: id, ok: true, action: 'already-cancelled' }];
  }
  if (SHIPPED.has(status)) {
    mark(queued.orderItemIds, 'rejected');
    return [
      {
        key: id,
        ok: true,
        action: 'not-cancelled',
        warning: `the buyer asked to cancel items ${queued.orderItemIds.join(', ')} and the warehouse does not ship them, but Amazon shows the order ${status}: cancel them in Seller Central`,
      },
    ];
  }
  const open = queued.orderItemIds.filter((itemId) => {
    const item = amazon.orderItems.find((i) => i.orderItemId === itemId);
    return item !== undefined && !itemNow(item).cancelled;
  });
  mark(
    queued.orderItemIds.filter((i) => !open.includes(i)),
    'done',
  );
  if (!open.length) return [{ key: id, ok: true, action: 'already-cancelled' }];
  candidates.push({ amazon, orderItemIds: open });
  return [];
}

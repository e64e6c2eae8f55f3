import { getOrder } from './orders-api';
import type { Order } from './orders-types';
import type { SellerContext } from '../sync/context';
import type { NewLine } from '../state/order-map';
import { itemNow } from './order-items';

/** Amazon's order ids look like this (3-7-7); an Allocadence order numbered otherwise came from another channel. */
export const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** What a rebuilt order needs: status, lines and cancellations, packages already confirmed. No buyer data. */
const REBUILD_DATA = ['FULFILLMENT', 'CANCELLATION', 'PACKAGES'] as const;

/**
 * Orders the state file does not know (it was lost, moved, or the order came into the warehouse
 * some other way), found again from both systems: Amazon is asked for the order by its number
 * with the seller's own token, so an order of another seller sharing the warehouse is a 404 and
 * stays that seller's to handle; one found is recorded in the order map (no buyer data) and from
 * then on handled as if pull-orders had imported it. Each number is asked once per run.
 */
export class OrderRebuilder {
  private readonly asked = new Map<string, Promise<Order | undefined>>();
  /** Orders of this run that this tool never imported, recorded from Amazon (or, in a dry run, that would be). */
  readonly adopted: string[] = [];

  constructor(private readonly ctx: SellerContext) {}

  /** This seller's Amazon order with this number, or undefined: not an Amazon order id, or not this seller's. */
  find(orderNumber: string, notAfter?: number): Promise<Order | undefined> {
    if (!AMAZON_ORDER_ID.test(orderNumber)) return Promise.resolve(undefined);
    let found = this.asked.get(orderNumber);
    if (!found) {
      found = getOrder(this.ctx.sp, orderNumber, REBUILD_DATA, notAfter);
      this.asked.set(orderNumber, found);
      // A failed read is not remembered: the next ask (or run) tries again.
      found.catch(() => this.asked.delete(orderNumber));
    }
    return found;
  }

  /** Records a found order in the order map, unless a row exists by now; a dry run records nothing. */
  adopt(o: Order, marketplace: string, allocOrderId: string | null): void {
    if (!this.ctx.state.orders.get(o.orderId)) this.adopted.push(o.orderId);
    if (this.ctx.dryRun) return;
    const lines: NewLine[] = o.orderItems.map((item) => {
      const now = itemNow(item);
      return {
        orderItemId: item.orderItemId,
        sku: item.product.sellerSku ?? '',
        quantity: now.left,
        ordered: item.quantityOrdered,
        ...(now.cancelled ? { cancel: 'amazon' as const } : {}),
      };
    });
    const row = {
      seller: this.ctx.seller.name,
      marketplace: o.salesChannel.marketplaceId ?? marketplace,
      amazonOrderId: o.orderId,
      allocOrderId,
      amazonStatus: o.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED',
      fulfilledBy: o.fulfillment?.fulfilledBy ?? 'MERCHANT',
    };
    this.ctx.state.orders.adopt(row, lines, this.ctx.iso());
  }
}

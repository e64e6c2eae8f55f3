// Shared by the confirmShipment simulator tests: an order builder, and a simulator per test holding ORDER and four others.
import { at, FAST, order, US, useAmazonSim, type Json } from './amazon-sim';

export { FAST, order, US };

export const ORDER = '111-0000000-0000001';
export const confirmPath = (orderId: string) => `/orders/v0/orders/${encodeURIComponent(orderId)}/shipmentConfirmation`;

/** Registers a simulator per test holding the orders below, and returns the calls and bodies that use it. */
export function useConfirmShipmentSim() {
  const amazon = useAmazonSim({ rates: { confirmShipment: FAST, getOrder: FAST, searchOrders: FAST } });
  const confirm = (orderId: string, body: unknown, sellerId?: string) =>
    amazon.call('POST', confirmPath(orderId), { body, ...(sellerId ? { sellerId } : {}) });
  const getOrder = (orderId: string, includedData = 'PACKAGES,FULFILLMENT,CANCELLATION') =>
    amazon.get(`/orders/2026-01-01/orders/${orderId}`, { includedData });

  /** orderItemIds of an order, in line order. */
  function itemIds(orderId: string): string[] {
    const o = amazon.sim.orders().find((x) => x.orderId === orderId);
    if (!o) throw new Error(`no order ${orderId}`);
    return o.orderItems.map((i) => i.orderItemId);
  }

  /** A valid body: `items` as [index, quantity] pairs of ORDER's lines. */
  function body(ref: string, items: [number, number][], detail: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Json {
    const ids = itemIds(ORDER);
    return {
      marketplaceId: US,
      packageDetail: {
        packageReferenceId: ref,
        carrierCode: 'UPS',
        shippingMethod: 'UPS Ground',
        trackingNumber: `1Z00000000000000${ref}`,
        shipDate: at(10),
        orderItems: items.map(([i, quantity]) => ({ orderItemId: ids[i], quantity })),
        ...detail,
      },
      ...top,
    };
  }

  beforeEach(() => {
    amazon.sim.addOrders({
      orders: [
        order(ORDER),
        order('111-0000000-0000002', { fulfilledBy: 'AMAZON' }),
        order('111-0000000-0000003', { status: 'CANCELLED' }),
        order('111-0000000-0000004', { status: 'PENDING' }),
        order('111-0000000-0000005', { status: 'SHIPPED' }),
      ],
    });
    amazon.sim.addOrders({ orders: [order('222-0000000-0000001')] }, 'A2SELLER');
  });
  return { amazon, confirm, getOrder, itemIds, body };
}

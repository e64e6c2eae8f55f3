// Shared by the order feed simulator tests: the feed and report layouts, the orders every test starts with, and the steps to run a feed.
import { type FlatFileReport } from '../../src/simulator/amazon';
import { FAST, feedSteps, order, US, useAmazonSim, type Json } from './amazon-sim';

export { FAST, order, US };

export const ACK = 'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA';
export const SHIP = 'POST_FLAT_FILE_FULFILLMENT_DATA';
export const ACK_HEADER = ['order-id', 'amazon-order-item-code', 'cancellation-reason-code'];
export const SHIP_HEADER = [
  'order-id',
  'order-item-id',
  'quantity',
  'ship-date',
  'carrier-code',
  'carrier-name',
  'tracking-number',
  'ship-method',
];
export const REPORT_HEADER = 'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message';

export const O1 = '111-0000000-0000001';
export const O2 = '111-0000000-0000002';
export const SHIPPED = '111-0000000-0000003';
export const PARTIAL = '111-0000000-0000004';
export const CANCELLED = '111-0000000-0000005';
export const FBA = '111-0000000-0000006';
export const PENDING = '111-0000000-0000007';

export const tsv = (header: string[], rows: string[][]): string => [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n';

export function reportText(processed: number, successful: number, rows: (string | number)[][] = []): string {
  const lines = [
    'Feed Processing Summary:',
    `\tNumber of records processed\t\t${processed}`,
    `\tNumber of records successful\t\t${successful}`,
    '',
    REPORT_HEADER,
    ...rows.map((r) => r.join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Registers a simulator per test holding the orders below, and returns the steps that use it. */
export function useOrderFeedSim() {
  const amazon = useAmazonSim({
    rates: { createFeedDocument: FAST, createFeed: FAST, getFeed: FAST, getFeedDocument: FAST, getOrder: FAST, confirmShipment: FAST },
  });
  const feeds = feedSteps(amazon);

  const ids = (orderId: string): string[] => {
    const o = amazon.sim.orders().find((x) => x.orderId === orderId);
    if (!o) throw new Error(`no order ${orderId}`);
    return o.orderItems.map((i) => i.orderItemId);
  };
  const item = (orderId: string, index: number): string => ids(orderId)[index] as string;
  const orderOf = async (orderId: string): Promise<Json> =>
    (await amazon.get(`/orders/2026-01-01/orders/${orderId}`, { includedData: 'FULFILLMENT,CANCELLATION,PACKAGES,PROCEEDS' })).body.order;

  /** Submits, polls to the end, and returns the feed, its report text and the state view's structured report. */
  async function run(
    feedType: string,
    content: string,
    contentType?: string,
  ): Promise<{ feed: Json; text: string; contentType: string | null; report: FlatFileReport }> {
    const feedId = await feeds.submit(feedType, content, contentType ? { contentType } : {});
    const feed = await feeds.finish(feedId);
    const { text, contentType: served } = await feeds.result(feed);
    const report = amazon.sim.feeds().find((f) => f.feedId === feedId)?.result as FlatFileReport;
    return { feed, text, contentType: served, report };
  }

  beforeEach(() => {
    amazon.sim.addOrders({
      orders: [
        order(O1),
        order(O2),
        order(SHIPPED, { status: 'SHIPPED' }),
        order(PARTIAL, { status: 'PARTIALLY_SHIPPED' }),
        order(CANCELLED, { status: 'CANCELLED' }),
        order(FBA, { fulfilledBy: 'AMAZON' }),
        order(PENDING, { status: 'PENDING' }),
      ],
    });
    amazon.sim.addOrders({ orders: [order('222-0000000-0000001')] }, 'A2SELLER');
  });
  return { amazon, feeds, ids, item, orderOf, run };
}

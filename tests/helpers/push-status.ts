// Shared by the push-status command tests: the feeds push-status sent, and imported Amazon orders.
import { minutesAgo, type TestWorld } from './world-run';

/** The order feeds of `type` Amazon received. */
export const feedsOf = (w: TestWorld, type: string): { body: string }[] =>
  w.amazon.requests.filter((q) => q.method === 'POST' && q.path === '/feeds/2021-06-30/feeds' && JSON.parse(q.body).feedType === type);

/** `n` Amazon orders (order i: SKU-000i ×1 and SKU-0009 ×2), imported by pull-orders: their ids. */
export async function imported(w: TestWorld, n: number): Promise<string[]> {
  const t = minutesAgo(30);
  const orders = w.amazon.addOrders({
    orders: Array.from({ length: n }, (_, i) => ({
      status: 'UNSHIPPED' as const,
      fulfilledBy: 'MERCHANT' as const,
      createdTime: t,
      lastUpdatedTime: t,
      items: [
        { sku: `SKU-000${i + 1}`, quantity: 1 },
        { sku: 'SKU-0009', quantity: 2 },
      ],
    })),
  });
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return orders.map((o) => o.orderId);
}

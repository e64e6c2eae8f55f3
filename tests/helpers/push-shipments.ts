// Shared by the push-shipments command tests: its JSON summary, an imported Amazon order, and the carrier mapping.
import { openOrders } from './open-orders';
import type { TestWorld } from './world-run';

export const json = (
  out: string,
): {
  runs: { outcome: string; totals: Record<string, number>; failures: { key: string; reason: string; retriable: boolean }[] }[];
} => JSON.parse(out);

/** An Amazon order for SKU-0001 ×2 and SKU-0002 ×1, imported into Allocadence. */
export async function importedOrder(w: TestWorld): Promise<string> {
  const [order] = openOrders(w, [
    { sku: 'SKU-0001', quantity: 2 },
    { sku: 'SKU-0002', quantity: 1 },
  ]);
  expect((await w.run(['pull-orders'])).code).toBe(0);
  return order?.orderId ?? '';
}

export const withCarriers = (c: Record<string, unknown>): void => {
  ((c.sellers as Record<string, unknown>[])[0] as Record<string, unknown>).carriers = { UPS: { carrierCode: 'UPS' } };
};

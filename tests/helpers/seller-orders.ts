import { worldSeller } from '../../src/simulator/world';
import { minutesAgo, type TestWorld } from './world-run';

/**
 * `count` open merchant orders created half an hour ago for each of the world's sellers `numbers`
 * (1-based, see worldSeller); seller n's order lines have quantity n, so whose order landed where
 * shows in the warehouse.
 */
export function openOrdersOfSellers(w: TestWorld, numbers: readonly number[], count: number): void {
  const t = minutesAgo(30);
  for (const n of numbers) {
    w.amazon.addOrders(
      {
        orders: Array.from({ length: count }, (_, i) => ({
          status: 'UNSHIPPED',
          fulfilledBy: 'MERCHANT',
          createdTime: t,
          lastUpdatedTime: t,
          items: [{ sku: `SKU-00${10 + i}`, quantity: n }],
        })),
      },
      worldSeller(n).sellerId,
    );
  }
}

import type { NewOrderInput, SimOrder } from '../../src/simulator/amazon';
import { worldSeller } from '../../src/simulator/world';
import { minutesAgo, type TestWorld } from './world-run';

/** An open (unshipped) merchant order placed and last updated `t`. */
function openOrder(t: string, items: NewOrderInput['items']): NewOrderInput {
  return { status: 'UNSHIPPED', fulfilledBy: 'MERCHANT', createdTime: t, lastUpdatedTime: t, items };
}

/**
 * `count` (default 1) open merchant orders with `items`, placed `minutes` (default 30) minutes ago,
 * for the world's first seller or `sellerId`: the orders as the simulator made them.
 */
export function openOrders(
  w: TestWorld,
  items: NewOrderInput['items'],
  opts: { minutes?: number; count?: number; sellerId?: string } = {},
): SimOrder[] {
  const t = minutesAgo(opts.minutes ?? 30);
  return w.amazon.addOrders({ orders: Array.from({ length: opts.count ?? 1 }, () => openOrder(t, items)) }, opts.sellerId);
}

/**
 * `count` open merchant orders created half an hour ago for each of the world's sellers `numbers`
 * (1-based, see worldSeller); seller n's order lines have quantity n, so whose order landed where
 * shows in the warehouse.
 */
export function openOrdersOfSellers(w: TestWorld, numbers: readonly number[], count: number): void {
  const t = minutesAgo(30);
  for (const n of numbers) {
    const orders = Array.from({ length: count }, (_, i) => openOrder(t, [{ sku: `SKU-00${10 + i}`, quantity: n }]));
    w.amazon.addOrders({ orders }, worldSeller(n).sellerId);
  }
}

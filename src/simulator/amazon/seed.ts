import { createRng, type Rng } from '../random';
import type { AmazonSimulator } from './simulator-types';
import { newOrderId } from './order-factory';
import { DAY, iso, MINUTE } from './time';
import type { FulfillmentStatus, NewOrderInput, SimOrder } from './types';

export interface SeedOptions {
  count: number;
  seed: number;
  /** The reference clock, ms: every order is last updated between a week and 3 minutes before it. */
  now: number;
  skus: string[];
  sellerId?: string;
  /** Spread orders over these marketplaces; default: the seller's first. */
  marketplaceIds?: string[];
}

// Roughly a live seller's mix: most orders await shipment, some are done, a few are pending or cancelled.
const STATUS_MIX: [FulfillmentStatus, number][] = [
  ['PENDING', 0.1],
  ['UNSHIPPED', 0.5],
  ['PARTIALLY_SHIPPED', 0.1],
  ['SHIPPED', 0.2],
  ['CANCELLED', 0.1],
];

function pickStatus(rng: Rng): FulfillmentStatus {
  let x = rng.next();
  for (const [status, share] of STATUS_MIX) {
    if (x < share) return status;
    x -= share;
  }
  return 'UNSHIPPED';
}

function pickSkus(rng: Rng, skus: readonly string[], count: number): string[] {
  const pool = [...skus];
  const out: string[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as string);
  return out;
}

/**
 * Fills `sim` with `count` orders that searchOrders can already see (updated > 2 minutes ago).
 * The same seed, clock and SKUs give the same orders on a simulator with the same seed.
 */
export function seedOrders(sim: AmazonSimulator, opts: SeedOptions): SimOrder[] {
  if (opts.skus.length === 0) throw new Error('seedOrders: skus must not be empty');
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new Error('seedOrders: count must be a whole number');
  if (opts.count === 0) return [];
  const rng = createRng(opts.seed);
  const taken = new Set(sim.orders().map((o) => o.orderId));
  const weekAgo = opts.now - 7 * DAY;
  const orders: NewOrderInput[] = [];
  for (let i = 0; i < opts.count; i++) {
    const lastUpdatedMs = opts.now - rng.int(3 * 60, (7 * DAY - MINUTE) / 1000) * 1000;
    const createdMs = lastUpdatedMs - rng.int(0, Math.min(2 * DAY, lastUpdatedMs - weekAgo) / 1000) * 1000;
    const status = pickStatus(rng);
    const fulfilledBy = rng.chance(0.8) ? 'MERCHANT' : 'AMAZON';
    const items = pickSkus(rng, opts.skus, rng.int(1, 3)).map((sku) => ({ sku, quantity: rng.int(1, 3) }));
    const first = items[0];
    if (status === 'PARTIALLY_SHIPPED' && items.length === 1 && first && first.quantity < 2) first.quantity = 2;
    let orderId = newOrderId(rng);
    while (taken.has(orderId)) orderId = newOrderId(rng);
    taken.add(orderId);
    const order: NewOrderInput = { orderId, status, fulfilledBy, createdTime: iso(createdMs), lastUpdatedTime: iso(lastUpdatedMs), items };
    if (opts.marketplaceIds?.length) order.marketplaceId = rng.pick(opts.marketplaceIds);
    orders.push(order);
  }
  return sim.addOrders({ orders }, opts.sellerId);
}

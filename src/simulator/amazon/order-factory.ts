import type { CatalogProduct } from '../catalog';
import { createRng, type Rng } from '../random';
import { SimInputError } from './errors';
import { marketplaceInfo } from './marketplaces';
import { applyStatus, checkStatusFits, type StoredItem, type StoredOrder } from './stored-order';
import { floorSecond, parseIso } from './time';
import type { NewOrderInput, ServiceLevel } from './types';

/** FNV-1a: a stable 32-bit number for a string, so per-order details do not depend on creation order. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

export function newOrderId(rng: Rng): string {
  return `${rng.int(100, 999)}-${digits(rng, 7)}-${digits(rng, 7)}`;
}

const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Hillcrest', 'Maplewood'];
const STATES = ['WA', 'OR', 'CA', 'TX', 'NY', 'IL'];
const LEVELS: ServiceLevel[] = ['STANDARD', 'STANDARD', 'STANDARD', 'EXPEDITED', 'SECOND_DAY', 'NEXT_DAY'];

/** Products not in the catalogue still get a stable ASIN, title and price, derived from the SKU. */
function productFor(sku: string, catalog: ReadonlyMap<string, CatalogProduct>): CatalogProduct {
  const known = catalog.get(sku);
  if (known) return known;
  const h = hashString(sku);
  const asin = `B0${h.toString(36).toUpperCase().padStart(8, '0').slice(-8)}`;
  return { sku, asin, title: `Simulated product ${sku}`, price: 5 + (h % 9500) / 100 };
}

function minorUnits(price: number | string, marketplaceId: string, fromCatalog: boolean): number {
  const value = typeof price === 'string' ? Number(price) : price;
  const { decimals } = marketplaceInfo(marketplaceId);
  // Catalogue prices are dollar-like; in a zero-decimal currency read them as hundreds (12.99 -> 1299 yen).
  if (fromCatalog && decimals === 0) return Math.round(value * 100);
  return Math.round(value * 10 ** decimals);
}

export interface BuildContext {
  seed: number;
  sellerId: string;
  marketplaceId: string;
  nowMs: number;
  catalog: ReadonlyMap<string, CatalogProduct>;
  /** Item ids already taken in the simulator; new ones are added. */
  itemIds: Set<string>;
}

/**
 * Turns one validated input into a stored order. Buyer, address and item ids come from an rng
 * seeded by (simulator seed, order id), so an order looks the same whenever it is created.
 */
export function buildOrder(input: NewOrderInput & { orderId: string }, ctx: BuildContext): StoredOrder {
  const rng = createRng((ctx.seed ^ hashString(input.orderId)) >>> 0);
  const createdMs = floorSecond(input.createdTime ? (parseIso(input.createdTime) as number) : ctx.nowMs);
  const lastUpdatedMs = input.lastUpdatedTime ? floorSecond(parseIso(input.lastUpdatedTime) as number) : createdMs;
  if (lastUpdatedMs < createdMs) {
    throw new SimInputError(`order ${input.orderId}: lastUpdatedTime is before createdTime`);
  }
  const items: StoredItem[] = input.items.map((line) => {
    const product = productFor(line.sku, ctx.catalog);
    let orderItemId = `${rng.int(1, 9)}${digits(rng, 13)}`;
    while (ctx.itemIds.has(orderItemId)) orderItemId = `${rng.int(1, 9)}${digits(rng, 13)}`;
    ctx.itemIds.add(orderItemId);
    const unitMinor = minorUnits(line.price ?? product.price, ctx.marketplaceId, line.price === undefined);
    return { orderItemId, sku: line.sku, asin: product.asin, title: product.title, quantity: line.quantity, unitMinor, shipped: 0 };
  });
  const order: StoredOrder = {
    sellerId: ctx.sellerId,
    orderId: input.orderId,
    marketplaceId: ctx.marketplaceId,
    createdMs,
    lastUpdatedMs,
    status: 'PENDING',
    fulfilledBy: input.fulfilledBy,
    serviceLevel: input.serviceLevel ?? rng.pick(LEVELS),
    buyerNo: rng.int(1, 999),
    address: {
      line1: `${rng.int(1, 999)} Example St`,
      city: rng.pick(CITIES),
      state: rng.pick(STATES),
      postalCode: String(rng.int(10000, 99999)),
      // 555-01xx numbers are reserved for fiction.
      phone: `+1 555-01${String(rng.int(0, 99)).padStart(2, '0')}`,
    },
    items,
    packages: [],
  };
  checkStatusFits(order, input.status);
  if (input.cancelledBy) order.cancelledBy = input.cancelledBy;
  applyStatus(order, input.status, lastUpdatedMs, rng);
  return order;
}

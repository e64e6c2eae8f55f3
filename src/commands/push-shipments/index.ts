import { ShippingOrderReader } from '../../allocadence/shipment-reader';
import type { WarehouseShipment } from '../../allocadence/shipments';
import { OrderRebuilder } from '../../amazon/order-rebuild';
import { RemoteError } from '../../errors';
import { writeEach } from '../../sync/write-each';
import type { RunContext } from '../../sync/context';
import type { DirectionFactory, WindowDirection } from '../../sync/direction';
import type { ItemResult } from '../../sync/types';
import { confirmPackage } from './confirm';

/** Orders confirmed side by side; few, since each may wait on two of Amazon's buckets. */
const ORDER_CONCURRENCY = 4;

/**
 * Packages of one order reach Amazon one at a time, in order, each within what is left to ship.
 * Orders are independent: a few go side by side, so one order's getOrder overlaps another's confirmShipment.
 */
async function confirmAll(ctx: RunContext, rebuild: OrderRebuilder, shipments: readonly WarehouseShipment[]): Promise<ItemResult[]> {
  const byOrder = new Map<string, WarehouseShipment[]>();
  for (const s of shipments) byOrder.set(s.orderNumber, [...(byOrder.get(s.orderNumber) ?? []), s]);
  return writeEach([...byOrder.values()], ORDER_CONCURRENCY, async (packages) => {
    const out: ItemResult[] = [];
    for (const s of packages) {
      try {
        const r = await confirmPackage(ctx, rebuild, s);
        if (r) out.push(r);
      } catch (err) {
        if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
        out.push({ key: s.key, ok: false, reason: err.message, retriable: true });
      }
    }
    return out;
  });
}

/**
 * Said once per run, not per order: orders shipped that pull-orders never imported are what moving
 * from another integration looks like, and one back-fill records them all before any ships.
 */
export function adoptedNote(ids: readonly string[]): string {
  return (
    `${ids.length} Amazon order(s) this tool never imported (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}) ` +
    'were read from Amazon (getOrder) and recorded, then confirmed. Moving from another integration? Run ' +
    "`alloc-amazon pull-orders --since <the oldest open order's date>` once: it records every open order at once " +
    '(those already in Allocadence count as already-imported; none is created twice)'
  );
}

/** `push-shipments`: each package the warehouse shipped confirms the Amazon order it belongs to. */
export const pushShipments: DirectionFactory = (seller): WindowDirection<WarehouseShipment> => {
  // One per run: each day of the window is read once, whatever the slices (see ShippingOrderReader).
  const reader = new ShippingOrderReader(seller.allocadence.clients, seller.allocadence.zone);
  const rebuild = new OrderRebuilder(seller);
  return {
    kind: 'window',
    bounds: {
      lagMs: 0,
      initialLookbackMs: (s) => s.shipments.initialLookbackDays * 86_400_000,
      lookbackMs: (s) => s.shipments.lookbackMinutes * 60_000,
    },
    read: { kind: 'slices', read: (_ctx, window) => reader.shippedBetween(Date.parse(window.from), Date.parse(window.to)) },
    keyOf: (s) => s.key,
    async *refetch(_ctx, keys) {
      for (const key of keys) {
        const packages = (await reader.shippingOrder(key.split('/')[0] ?? '')).filter((p) => p.key === key);
        yield packages.length
          ? { items: packages, missing: [] }
          : {
              items: [],
              missing: [{ key, ok: false, reason: 'the shipment no longer exists in Allocadence (voided?)', retriable: false }],
            };
      }
    },
    write: (ctx, shipments) => confirmAll(ctx, rebuild, shipments),
    finish(ctx) {
      const ids = rebuild.adopted.splice(0);
      if (ids.length) ctx.log.warn(adoptedNote(ids), { marketplace: ctx.marketplaceId });
      return Promise.resolve([]);
    },
  };
};

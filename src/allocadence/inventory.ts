import { errorMessage } from '../errors';
import { looksLikeNoSuchCall, type AllocadenceClients } from './client';
import { readStockList } from './stock-list';

export interface WarehouseStock {
  /** Sellable per SKU in the warehouse: plain items from `GET /inventory`, kits from `GET /inventory/kits`. */
  sellable: Map<string, number>;
  /** Set when kit stock was asked for and this account has no kit list: why. Kit SKUs are then unknown, not 0. */
  kitsUnread?: string;
}

export interface StockReadOptions {
  /** Read `GET /inventory/kits` too (some item is a kit). */
  kits: boolean;
  /** Told when a list is read a second time, and why. */
  onReread?: (list: string, problem: string) => void;
}

/**
 * Sellable stock per SKU in one warehouse. Kits have no row in `GET /inventory`: their stock lives
 * under `GET /inventory/kits` (evidence §2.11 [Z]), read when asked. A SKU on both lists gets the
 * smaller figure: never offer more than the warehouse holds.
 */
export async function readWarehouseStock(clients: AllocadenceClients, warehouse: string, opts: StockReadOptions): Promise<WarehouseStock> {
  const params = { warehouseName: warehouse };
  const reread = (list: string) => (problem: string) => opts.onReread?.(list, problem);
  const sellable = await readStockList(
    clients.rest,
    { operation: 'listInventory', path: '/inventory', params },
    warehouse,
    reread('/inventory'),
  );
  if (!opts.kits) return { sellable };
  let kits: Map<string, number>;
  try {
    kits = await readStockList(
      clients.rest,
      { operation: 'listKitInventory', path: '/inventory/kits', params },
      warehouse,
      reread('/inventory/kits'),
    );
  } catch (err) {
    if (!looksLikeNoSuchCall(err)) throw err;
    return { sellable, kitsUnread: `GET /inventory/kits is probably not a call this account has (${errorMessage(err)})` };
  }
  for (const [sku, n] of kits) sellable.set(sku, Math.min(n, sellable.get(sku) ?? n));
  return { sellable };
}

/** Plain-item stock only, as the first pull-items run needs it (kits take no initial quantity). */
export async function sellableBySku(clients: AllocadenceClients, warehouse: string): Promise<Map<string, number>> {
  return (await readWarehouseStock(clients, warehouse, { kits: false })).sellable;
}

/**
 * Adds stock to a warehouse. No public source shows any Allocadence or Zenventory stock-adjustment
 * call (evidence §2.12 [—]): this path and body are a guess, off by default
 * (`items.importQuantities`). Kept alone here so a correction is a change to this function only;
 * on an account without it the call answers like any unrouted path (see looksLikeNoSuchCall).
 */
export async function adjustStock(
  clients: AllocadenceClients,
  a: { sku: string; warehouse: string; quantity: number; reason: string },
): Promise<void> {
  await clients.rest.request({
    operation: 'adjustStock',
    method: 'POST',
    path: '/inventory/adjustments',
    data: { sku: a.sku, warehouseName: a.warehouse, quantity: a.quantity, reason: a.reason },
  });
}

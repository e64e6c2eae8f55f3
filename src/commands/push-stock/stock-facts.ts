import type { AllocadenceClients } from '../../allocadence/client';
import { readWarehouseStock } from '../../allocadence/inventory';
import type { AllocadenceItems } from '../../allocadence/items';
import type { Logger } from '../../output/log';

/** What push-stock knows of one warehouse's stock, read once per seller. */
export interface StockFacts {
  /** Sellable per SKU; a SKU the complete read did not list has none. */
  sellable: Map<string, number>;
  /** Safety stock per SKU, where it is not 0. */
  safety: Map<string, number>;
  /** SKUs whose stock could not be read, and why: left alone on Amazon, never offered as 0. */
  unknown: Map<string, string>;
}

/**
 * Items first (safety stock, and which SKUs are kits), then the warehouse's stock: plain items from
 * `GET /inventory`, kits from `GET /inventory/kits` when the account has any (evidence §2.11). A
 * stock list that does not read consistently twice stops the run before anything is pushed.
 */
export async function readStockFacts(
  clients: AllocadenceClients,
  items: Pick<AllocadenceItems, 'stockFacts'>,
  warehouse: string,
  log: Logger,
): Promise<StockFacts> {
  const facts = await items.stockFacts();
  // Kit stock is read when an item is a kit, or when the item list does not say (no `kit` field).
  const maybeKits = facts.kits.size > 0 || facts.kitsUnsaid;
  const stock = await readWarehouseStock(clients, warehouse, {
    kits: maybeKits,
    onReread: (list, problem) => log.warn(`the stock list ${list} did not add up; reading it again`, { problem }),
  });
  const unknown = new Map<string, string>();
  if (stock.kitsUnread) {
    log.warn('kit stock could not be read: kit listings are left as they are on Amazon', {
      kits: facts.kits.size,
      reason: stock.kitsUnread,
    });
    for (const sku of facts.kits) unknown.set(sku, `kit stock unknown (${stock.kitsUnread}): not pushed`);
  }
  const safety = facts.safety;
  return { sellable: stock.sellable, safety, unknown };
}

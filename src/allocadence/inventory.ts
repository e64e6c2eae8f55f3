import { z } from 'zod';
import type { AllocadenceClients } from './client';
import { pages } from './paging';

const inventoryRow = z.object({
  item: z.object({ sku: z.string() }),
  warehouse: z.object({ name: z.string() }).nullish(),
  sellable: z.number(),
});

/** Sellable stock per SKU in one warehouse. Rows of other warehouses (a filter not applied) are ignored, not summed. */
export async function sellableBySku(clients: AllocadenceClients, warehouse: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const page of pages(clients.rest, 'listInventory', '/inventory', 'inventory', inventoryRow, { warehouseName: warehouse })) {
    for (const row of page) {
      if (row.warehouse && row.warehouse.name !== warehouse) continue;
      out.set(row.item.sku, (out.get(row.item.sku) ?? 0) + row.sellable);
    }
  }
  return out;
}

/**
 * Adds stock to a warehouse. UNCONFIRMED: no public source shows Allocadence's stock-adjustment
 * call; this path and body are our best guess (README, "what is confirmed"). Kept alone here so a
 * correction is a change to this function only.
 */
export async function adjustStock(clients: AllocadenceClients, a: { sku: string; warehouse: string; quantity: number; reason: string }): Promise<void> {
  await clients.rest.request({
    operation: 'adjustStock',
    method: 'POST',
    path: '/inventory/adjustments',
    data: { sku: a.sku, warehouseName: a.warehouse, quantity: a.quantity, reason: a.reason },
  });
}

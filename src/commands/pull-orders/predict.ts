import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import type { MappedOrder } from './map';

/**
 * Whether Allocadence knows a SKU, looked up once per run as the create would need it: by
 * `searchFor`, active items and inactive ones (AllocadenceItems.findBySku). Read-only: a dry run
 * learns here what the create would refuse.
 */
export type SkuLookup = (ctx: RunContext, sku: string) => Promise<boolean>;

export function skuLookup(): SkuLookup {
  const known = new Map<string, Promise<boolean>>();
  return (ctx, sku) => {
    let found = known.get(sku);
    if (!found) {
      found = ctx.allocadence.items.findBySku(sku).then((item) => item !== undefined);
      // A failed lookup is not remembered: the order that met it fails, the next one asks again.
      void found.catch(() => known.delete(sku));
      known.set(sku, found);
    }
    return found;
  };
}

/**
 * What a dry run says of a new order the real run would create: `would-create`, or the failure the
 * create would meet (Allocadence refuses an order line whose SKU it has no item for), retried by
 * the real run like any other.
 */
export async function predictCreate(
  ctx: RunContext,
  key: string,
  m: Extract<MappedOrder, { ok: true }>,
  lookup: SkuLookup,
): Promise<ItemResult> {
  const skus = [...new Set(m.lines.map((l) => l.sku))];
  const unknown: string[] = [];
  for (const sku of skus) if (!(await lookup(ctx, sku))) unknown.push(sku);
  if (unknown.length) {
    return {
      key,
      ok: false,
      reason:
        `Allocadence has no item with SKU ${unknown.join(', ')}: the order would be refused and retried each run ` +
        '(pull-items creates items from Amazon listings; or create the item in Allocadence)',
      retriable: true,
    };
  }
  return { key, ok: true, action: 'would-create', detail: m.lines.map((l) => `${l.sku}×${l.quantity}`).join(', ') };
}

import type { CustomerOrder } from '../../allocadence/types';
import type { SellerConfig } from '../../config/schema';
import type { State } from '../../state';

/** Amazon order ids are three digits, seven, seven ("3-7-7 format", Amazon's sandbox error text, spapi-2026-12.md). */
const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;
/** The start of the note pull-orders writes (map.ts): `Amazon order <id> (<marketplace>), seller <name>`. */
const OUR_NOTE = /^Amazon order (\S+)(?: \(([A-Z0-9]+)\))?, seller ([A-Za-z0-9._-]+)/;

export type Whose = { amazon: true; seller: string; marketplace: string | undefined } | { amazon: false };

/**
 * Whose Amazon order an Allocadence order is, if it is one at all. The state file knows the orders
 * pull-orders created. Without it (lost, moved, or an order imported another way) the order says
 * so itself: an Amazon-shaped number, and either the note pull-orders writes, which names the
 * seller and marketplace, or the source `Amazon` with this seller's warehouse (what an Amazon
 * import of the platform's own would plausibly carry). Anything else is not treated as Amazon's.
 */
export function whoseOrder(state: State, seller: SellerConfig, o: CustomerOrder): Whose {
  const row = state.orders.get(o.orderNumber);
  if (row?.allocOrderId === o.id) return { amazon: true, seller: row.seller, marketplace: row.marketplace };
  if (!AMAZON_ORDER_ID.test(o.orderNumber)) return { amazon: false };
  const note = OUR_NOTE.exec(o.internalNote ?? '');
  if (note?.[1] === o.orderNumber && note[3]) return { amazon: true, seller: note[3], marketplace: note[2] };
  const warehouse = o.shipFromWarehouse?.name;
  const here = !warehouse || warehouse.trim().toLowerCase() === seller.warehouse.trim().toLowerCase();
  if (/amazon/i.test(o.orderSource ?? '') && here) return { amazon: true, seller: seller.name, marketplace: undefined };
  return { amazon: false };
}

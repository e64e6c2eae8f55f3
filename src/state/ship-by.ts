import type { Db } from './db';
import { statement } from './statements';

/** Orders still to ship against their ship-by time, for one seller. */
export interface ShipByCounts {
  /** Past their ship-by time and not shipped. */
  late: number;
  /** Due within the horizon and not shipped yet. */
  dueSoon: number;
  /** The earliest ship-by time of an order still to ship, late or not. */
  earliest?: string;
}

/**
 * When imported orders must ship by (Amazon's `shipByWindow.latestDateTime`): a time, not buyer
 * data, kept so `status` can show what is late or due without calling anyone. An order still to
 * ship is one pull-orders created (not cancelled), that Amazon last showed unshipped or partly
 * shipped, with units left on a line nobody cancelled (push-shipments takes confirmed units off).
 */
export class ShipByStore {
  constructor(private readonly db: Db) {}

  set(amazonOrderId: string, shipBy: string | undefined): void {
    if (shipBy) statement(this.db, 'UPDATE order_map SET ship_by = ? WHERE amazon_order_id = ?').run(shipBy, amazonOrderId);
  }

  counts(seller: string, now: number, horizonMs: number): ShipByCounts {
    const rows = statement(
      this.db,
      `SELECT m.ship_by AS shipBy FROM order_map m
         WHERE m.seller = ? AND m.state = 'created' AND m.ship_by IS NOT NULL
           AND m.amazon_status IN ('PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED')
           AND EXISTS (SELECT 1 FROM order_items i WHERE i.amazon_order_id = m.amazon_order_id AND i.quantity > 0 AND i.cancel IS NULL)
         ORDER BY m.ship_by`,
    ).all(seller) as { shipBy: string }[];
    const at = rows.map((r) => ({ iso: r.shipBy, ms: Date.parse(r.shipBy) })).filter((r) => Number.isFinite(r.ms));
    return {
      late: at.filter((r) => r.ms < now).length,
      dueSoon: at.filter((r) => r.ms >= now && r.ms < now + horizonMs).length,
      ...(at[0] ? { earliest: at[0].iso } : {}),
    };
  }
}

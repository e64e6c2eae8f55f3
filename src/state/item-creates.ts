import type { Db } from './db';
import { statement } from './statements';

/**
 * Items a first pull-items run is creating and whose initial quantity it has yet to import. The
 * row is written before the create call, when the SKU was found nowhere in Allocadence: so after a
 * crash, an item that exists now with this row is one this program made, and gets its quantity;
 * an item that exists without one was the warehouse's and never gets Amazon's count.
 */
export class ItemCreateStore {
  constructor(private readonly db: Db) {}

  has(seller: string, marketplace: string, sku: string): boolean {
    return (
      statement(this.db, 'SELECT 1 FROM item_creates WHERE seller = ? AND marketplace = ? AND sku = ?').get(seller, marketplace, sku) !==
      undefined
    );
  }

  start(seller: string, marketplace: string, sku: string, quantity: number, now: string): void {
    statement(
      this.db,
      'INSERT INTO item_creates (seller, marketplace, sku, quantity, started_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET quantity = excluded.quantity',
    ).run(seller, marketplace, sku, quantity, now);
  }

  /** The quantity is imported, refused for good, or the item turned out to be the warehouse's. */
  finish(seller: string, marketplace: string, sku: string): void {
    statement(this.db, 'DELETE FROM item_creates WHERE seller = ? AND marketplace = ? AND sku = ?').run(seller, marketplace, sku);
  }
}

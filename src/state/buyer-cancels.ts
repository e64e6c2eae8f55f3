import type { Db } from './db';
import { statement } from './statements';

export type BuyerCancelStatus = 'submitted' | 'done' | 'rejected';

/** Lines of one order, as the queue hands them out. */
export interface BuyerCancelOrder {
  amazonOrderId: string;
  orderItemIds: string[];
}

function grouped(rows: readonly { id: string; item: string }[]): BuyerCancelOrder[] {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.item]);
  return [...out].map(([amazonOrderId, orderItemIds]) => ({ amazonOrderId, orderItemIds }));
}

/**
 * Order lines a buyer asked to cancel, which the warehouse no longer ships, and which push-status
 * cancels on Amazon with the buyer's reason. pull-orders puts them here; a line marked `submitted`
 * before its feed is sent is read back from that feed after a crash, never sent twice.
 */
export class BuyerCancelQueue {
  constructor(private readonly db: Db) {}

  private select(where: string, ...args: unknown[]): BuyerCancelOrder[] {
    return grouped(
      statement(
        this.db,
        `SELECT i.amazon_order_id AS id, i.order_item_id AS item FROM order_items i JOIN order_map m ON m.amazon_order_id = i.amazon_order_id
           WHERE i.cancel = 'buyer' AND i.pending IS NULL AND ${where} ORDER BY i.amazon_order_id, i.rowid`,
      ).all(...args) as { id: string; item: string }[],
    );
  }

  /** Lines still to tell Amazon about, for one seller's marketplace (after any interrupted feed was recovered). */
  waiting(seller: string, marketplace: string): BuyerCancelOrder[] {
    // Marked submitted without a feed id, and no feed found for it (recovery runs first): that feed was never made.
    return this.select(
      "(i.amazon_cancel IS NULL OR (i.amazon_cancel = 'submitted' AND i.amazon_cancel_feed IS NULL)) AND m.seller = ? AND m.marketplace = ?",
      seller,
      marketplace,
    );
  }

  /** Lines sent in a feed whose outcome an interrupted run did not read, by feed. */
  inFeeds(seller: string, marketplace: string): Map<string, BuyerCancelOrder[]> {
    const rows = statement(
      this.db,
      `SELECT i.amazon_cancel_feed AS feed, i.amazon_order_id AS id, i.order_item_id AS item FROM order_items i JOIN order_map m ON m.amazon_order_id = i.amazon_order_id
         WHERE i.cancel = 'buyer' AND i.amazon_cancel = 'submitted' AND i.amazon_cancel_feed IS NOT NULL AND m.seller = ? AND m.marketplace = ? ORDER BY i.rowid`,
    ).all(seller, marketplace) as { feed: string; id: string; item: string }[];
    const out = new Map<string, BuyerCancelOrder[]>();
    for (const feed of new Set(rows.map((r) => r.feed))) out.set(feed, grouped(rows.filter((r) => r.feed === feed)));
    return out;
  }

  /** Lines marked submitted whose feed id never got recorded: the run stopped around createFeed. */
  unsent(seller: string, marketplace: string): BuyerCancelOrder[] {
    return this.select(
      "i.amazon_cancel = 'submitted' AND i.amazon_cancel_feed IS NULL AND m.seller = ? AND m.marketplace = ?",
      seller,
      marketplace,
    );
  }

  /** Sets (or, with null, clears so they are sent again) the Amazon side of these lines. */
  mark(amazonOrderId: string, orderItemIds: readonly string[], status: BuyerCancelStatus | null, feedId: string | null): void {
    const put = statement(
      this.db,
      "UPDATE order_items SET amazon_cancel = ?, amazon_cancel_feed = ? WHERE amazon_order_id = ? AND order_item_id = ? AND cancel = 'buyer'",
    );
    this.db.transaction(() => {
      for (const id of orderItemIds) put.run(status, feedId, amazonOrderId, id);
    })();
  }
}

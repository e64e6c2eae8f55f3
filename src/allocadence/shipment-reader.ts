import { mapLimit } from '../sync/concurrency';
import { accountDay, addDays } from './account-time';
import type { AllocadenceClients } from './client';
import type { ShippingOrderLine } from './shipping-order-answer';
import {
  getShippingOrder,
  getShippingOrderLines,
  listShippingOrders,
  livePackages,
  packagesOf,
  type LivePackage,
  type ShippingOrderRow,
  type WarehouseShipment,
} from './shipments';

/** An answer has no paging (§2.1): a long span is asked for in parts, so no one answer grows without bound. */
const MAX_DAYS_PER_REQUEST = 31;
/** Shipping orders whose lines are read, and whose packages are handed on, together. */
const BATCH = 25;
const LINE_READS_IN_FLIGHT = 4;
/** How far back an order with no order date is looked for: the trailing window production clients poll (§2.13 "Webhooks"). */
const FALLBACK_DAYS = 30;

/**
 * The shipping orders of one run, read by whole days of the account and kept in memory. The
 * legacy list filters only by day (reference/allocadence-evidence-2026-12.md §2.1 "Query") and
 * has no cursor, so a run reads each day once, however many time slices of its window or orders
 * ask about it, and picks the instants it wants on its own side. Days are read in the account's
 * zone: that is what `start_date`/`end_date` name, and what the dates in the answer are written in.
 */
export class ShippingOrderReader {
  private readonly rows = new Map<string, ShippingOrderRow>();
  private readonly byOrder = new Map<string, Set<string>>();
  private readonly days = new Set<string>();
  private readonly lines = new Map<string, Promise<ShippingOrderLine[]>>();
  private readonly single = new Map<string, Promise<ShippingOrderRow | undefined>>();
  /** Reads of days go one after another, so two callers never ask for the same day. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly clients: AllocadenceClients,
    readonly zone: string,
  ) {}

  /** Reads every day of `fromDay`…`toDay` not read yet this run: one request per stretch of unread days. */
  cover(fromDay: string, toDay: string): Promise<void> {
    const read = this.queue.then(() => this.readMissing(fromDay, toDay));
    this.queue = read.catch(() => undefined);
    return read;
  }

  private async readMissing(fromDay: string, toDay: string): Promise<void> {
    const spans: [string, string][] = [];
    let start: string | undefined;
    let length = 0;
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      if (this.days.has(day) || length === MAX_DAYS_PER_REQUEST) {
        if (start) spans.push([start, addDays(day, -1)]);
        start = undefined;
        length = 0;
      }
      if (this.days.has(day)) continue;
      start ??= day;
      length++;
    }
    if (start) spans.push([start, toDay]);
    for (const [from, to] of spans) {
      for (const row of await listShippingOrders(this.clients, from, to)) this.remember(row);
      for (let day = from; day <= to; day = addDays(day, 1)) this.days.add(day);
    }
  }

  private remember(row: ShippingOrderRow): void {
    this.rows.set(row.shippingorderid, row);
    const ids = this.byOrder.get(row.orderNumber) ?? new Set<string>();
    ids.add(row.shippingorderid);
    this.byOrder.set(row.orderNumber, ids);
  }

  private linesOf(shippingOrderId: string): Promise<ShippingOrderLine[]> {
    let lines = this.lines.get(shippingOrderId);
    if (!lines) {
      lines = getShippingOrderLines(this.clients, shippingOrderId);
      this.lines.set(shippingOrderId, lines);
    }
    return lines;
  }

  /**
   * The live packages shipped at `fromMs`…`toMs` (inclusive), by their own ship date read in the
   * account's zone, with their lines, a batch of shipping orders at a time. The request starts a
   * day early (`start_date` = the day before `from`), as the production client's trailing window does.
   */
  async *shippedBetween(fromMs: number, toMs: number): AsyncGenerator<WarehouseShipment[]> {
    await this.cover(addDays(accountDay(fromMs, this.zone), -1), accountDay(toMs, this.zone));
    const picked: LivePackage[][] = [];
    for (const row of this.rows.values()) {
      const inWindow = livePackages(row, this.zone).filter((p) => p.shippedMs >= fromMs && p.shippedMs <= toMs);
      if (inWindow.length) picked.push(inWindow);
    }
    const first = (ps: LivePackage[]): number => Math.min(...ps.map((p) => p.shippedMs));
    picked.sort((a, b) => first(a) - first(b) || Number(a[0]?.row.shippingorderid) - Number(b[0]?.row.shippingorderid));
    for (let i = 0; i < picked.length; i += BATCH) {
      const batch = picked.slice(i, i + BATCH);
      const built = await mapLimit(batch, LINE_READS_IN_FLIGHT, async (ps) =>
        packagesOf(ps, await this.linesOf(ps[0]?.row.shippingorderid ?? ''), this.zone),
      );
      yield built.flat();
    }
  }

  /** The live packages of one shipping order by id (for the retry queue); none when it is gone or voided. */
  async shippingOrder(id: string): Promise<WarehouseShipment[]> {
    let row = this.single.get(id);
    if (!row) {
      row = getShippingOrder(this.clients, id);
      this.single.set(id, row);
    }
    const found = await row;
    const live = found ? livePackages(found, this.zone) : [];
    return live.length ? packagesOf(live, await this.linesOf(id), this.zone) : [];
  }

  /**
   * Whether the warehouse recorded a live package for the order: a package cannot ship before its
   * order was placed, so the days from the one before `orderedMs` to today are read (no filter by
   * order number is known to exist, §2.3); without an order date, the last FALLBACK_DAYS.
   */
  async hasShipments(orderNumber: string, orderedMs: number | undefined, nowMs: number): Promise<boolean> {
    await this.coverSince(orderedMs, nowMs);
    return [...(this.byOrder.get(orderNumber) ?? [])].some((id) => {
      const row = this.rows.get(id);
      return row !== undefined && livePackages(row, this.zone).length > 0;
    });
  }

  /** Reads, in one go, the days `hasShipments` will need for orders placed at `orderedMs` or later. */
  coverSince(orderedMs: number | undefined, nowMs: number): Promise<void> {
    const today = accountDay(nowMs, this.zone);
    const from = orderedMs === undefined ? addDays(today, -FALLBACK_DAYS) : addDays(accountDay(Math.min(orderedMs, nowMs), this.zone), -1);
    return this.cover(from, today);
  }
}

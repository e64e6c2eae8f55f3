import { RemoteError } from '../errors';
import type { AllocadenceClients } from './client';
import { parseAccountDate } from './account-time';
import {
  labelOf,
  parseShippingOrder,
  parseShippingOrderLines,
  parseShippingOrderList,
  type ShippingOrderLine,
  type ShippingOrderRow,
  type ShipmentRow,
} from './shipping-order-answer';
import { iso } from '../time';

export type { ShippingOrderRow } from './shipping-order-answer';

/** One package as the warehouse shipped it. */
export interface WarehouseShipment {
  /** `shippingOrderId/shipmentId`: the key of the retry queue. */
  key: string;
  /** Allocadence's shipment (package) id: the key of the shipment ledger. */
  id: string;
  shippingOrderId: string;
  orderNumber: string;
  /** The carrier's name, else its code; '' when the warehouse left it blank. */
  carrier: string;
  /** The carrier's code, for a carrier map keyed by code. */
  carrierCode: string;
  service: string;
  /** '' when the warehouse has none yet. */
  trackingNumber: string;
  /** ISO-8601 UTC: the package's own ship date, else its shipping order's, read in the account's zone. */
  shippedDate: string;
  /** ISO-8601 UTC: when the order was placed, if the answer says; no ship date can be earlier. */
  orderedDate: string | undefined;
  lines: { sku: string; quantity: number }[];
  /** Doubts about this package worth telling whoever reads the run summary. */
  warnings: string[];
}

/** A package not voided, on a shipping order not voided, with the instant it shipped. */
export interface LivePackage {
  row: ShippingOrderRow;
  shipment: ShipmentRow;
  shippedMs: number;
}

/** The packages of a shipping order that still count; the parse has made sure each has a date. */
export function livePackages(row: ShippingOrderRow, zone: string): LivePackage[] {
  if (row.cancelled || row.shipped === false) return [];
  return row.shipments
    .filter((s) => !s.cancelled)
    .map((shipment) => ({ row, shipment, shippedMs: parseAccountDate(shipment.shippeddate ?? row.shippeddate ?? '', zone) ?? NaN }))
    .filter((p) => !Number.isNaN(p.shippedMs));
}

/**
 * The packages of one shipping order with their lines. A line that names its package goes there;
 * one that names none goes to the first live package, which is a guess once there are several
 * (reference/allocadence-evidence-2026-12.md §2.2), so those packages carry a warning.
 */
export function packagesOf(picked: readonly LivePackage[], lines: readonly ShippingOrderLine[], zone: string): WarehouseShipment[] {
  const first = picked[0];
  if (!first) return [];
  const all = livePackages(first.row, zone);
  const firstLive = all[0]?.shipment.shipmentid;
  const guessed = all.length > 1 && lines.some((l) => !l.shipmentId);
  const ordered = first.row.ordereddate ? parseAccountDate(first.row.ordereddate, zone) : undefined;
  return picked.map(({ row, shipment, shippedMs }) => ({
    key: `${row.shippingorderid}/${shipment.shipmentid}`,
    id: shipment.shipmentid,
    shippingOrderId: row.shippingorderid,
    orderNumber: row.orderNumber,
    carrier: labelOf(shipment.carrier) || labelOf(row.carrier),
    carrierCode: shipment.carrier.code || row.carrier.code,
    service: labelOf(shipment.service) || labelOf(row.service),
    trackingNumber: shipment.trackingnumber,
    shippedDate: iso(shippedMs),
    orderedDate: ordered === undefined ? undefined : iso(ordered),
    lines: lines
      .filter((l) => (l.shipmentId ? l.shipmentId === shipment.shipmentid : shipment.shipmentid === firstLive))
      .map((l) => ({ sku: l.sku, quantity: l.quantity })),
    warnings: guessed
      ? [
          `shipping order ${row.shippingorderid} has ${all.length} live packages and lines that name none: those lines were put in package ${firstLive}; check the split on Amazon`,
        ]
      : [],
  }));
}

/**
 * Shipping orders shipped on the account's days `fromDay`…`toDay` (inclusive), as the production
 * client asks for them (§2.1 "Query"). Unknown to exist: paging. Should an answer say it has more
 * pages, they are read too and rows de-duplicated by id.
 */
export async function listShippingOrders(clients: AllocadenceClients, fromDay: string, toDay: string): Promise<ShippingOrderRow[]> {
  const operation = 'listShippingOrders';
  const params = { shipped: 'true', include_shipments: 'true', start_date: fromDay, end_date: toDay };
  const byId = new Map<string, ShippingOrderRow>();
  for (let page = 1, total = 1; page <= total; page++) {
    const res = await clients.legacy.request<unknown>({
      operation,
      method: 'GET',
      path: '/shippingorders',
      params: page === 1 ? params : { ...params, page },
    });
    const { rows, totalPages } = parseShippingOrderList(res.data, operation);
    for (const row of rows) byId.set(row.shippingorderid, row);
    total = Math.min(totalPages ?? 1, 1000);
  }
  return [...byId.values()];
}

/** Proves the route, the key and a readable answer with one cheap request: a day long gone, read as a run reads. */
export async function probeShippingOrders(clients: AllocadenceClients): Promise<void> {
  await listShippingOrders(clients, '2000-01-01', '2000-01-01');
}

/** One shipping order by id, for the retry queue; undefined when it is gone. */
export async function getShippingOrder(clients: AllocadenceClients, id: string): Promise<ShippingOrderRow | undefined> {
  try {
    const res = await clients.legacy.request<unknown>({
      operation: 'getShippingOrder',
      method: 'GET',
      path: `/shippingorders/${encodeURIComponent(id)}`,
      params: { include_shipments: 'true' },
    });
    return parseShippingOrder(res.data, 'getShippingOrder');
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404) return undefined;
    throw err;
  }
}

export async function getShippingOrderLines(clients: AllocadenceClients, id: string): Promise<ShippingOrderLine[]> {
  const res = await clients.legacy.request<unknown>({
    operation: 'getShippingOrderItems',
    method: 'GET',
    path: `/shippingorders/${encodeURIComponent(id)}/items`,
  });
  return parseShippingOrderLines(res.data, 'getShippingOrderItems');
}

import { createHash } from 'node:crypto';
import type { WarehouseShipment } from '../allocadence/shipments';
import type { PackageDetail } from '../amazon/shipments-api';
import type { SellerConfig } from '../config';
import type { OrderItemRow } from '../state/order-map';

/** What identifies a package's content: a package that changed after a refusal is worth sending again. */
export function fingerprint(s: WarehouseShipment): string {
  const lines = [...s.lines].sort((a, b) => a.sku.localeCompare(b.sku)).map((l) => `${l.sku}:${l.quantity}`);
  return createHash('sha256').update([s.carrier, s.service, s.trackingNumber, ...lines].join('|')).digest('hex').slice(0, 16);
}

/**
 * Amazon wants a positive number, unique within the order. The warehouse's package id is one and
 * never changes, so a rerun sends the same reference (Amazon then refuses a duplicate).
 */
export function packageReferenceId(s: WarehouseShipment): string {
  if (/^[1-9]\d{0,17}$/.test(s.id)) return s.id;
  return String(parseInt(createHash('sha256').update(s.id).digest('hex').slice(0, 12), 16) + 1);
}

/** The seller's carrier map, else Amazon's `Other` with the warehouse's carrier name. */
export function carrierFor(s: WarehouseShipment, carriers: SellerConfig['carriers']): { carrierCode: string; carrierName?: string } {
  const mapped = carriers[s.carrier] ?? Object.entries(carriers).find(([k]) => k.toLowerCase() === s.carrier.toLowerCase())?.[1];
  if (mapped) return { carrierCode: mapped.carrierCode, ...(mapped.carrierName ? { carrierName: mapped.carrierName } : {}) };
  return { carrierCode: 'Other', carrierName: s.carrier || 'Unknown carrier' };
}

/**
 * Shipped lines → Amazon order items by SKU. Several items with one SKU share the quantity in
 * order, each up to what was ordered. A SKU that is not on the Amazon order is an error, not a guess.
 */
export function orderItemsFor(s: WarehouseShipment, items: readonly OrderItemRow[]): { ok: true; orderItems: PackageDetail['orderItems'] } | { ok: false; reason: string } {
  const orderItems: PackageDetail['orderItems'] = [];
  for (const line of s.lines) {
    let left = line.quantity;
    const candidates = items.filter((i) => i.sku === line.sku);
    if (candidates.length === 0) return { ok: false, reason: `SKU ${line.sku} is not on the Amazon order` };
    for (const [n, item] of candidates.entries()) {
      const take = n === candidates.length - 1 ? left : Math.min(left, item.quantity);
      if (take > 0) orderItems.push({ orderItemId: item.orderItemId, quantity: take });
      left -= take;
    }
  }
  if (orderItems.length === 0) return { ok: false, reason: 'the package has no lines' };
  return { ok: true, orderItems };
}

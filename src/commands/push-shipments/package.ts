import { createHash } from 'node:crypto';
import type { WarehouseShipment } from '../../allocadence/shipments';
import type { SellerConfig } from '../../config/schema';
import { iso } from '../../time';

/** What identifies a package's content: a package that changed after a refusal is worth sending again. */
export function fingerprint(s: WarehouseShipment): string {
  const lines = [...s.lines].sort((a, b) => a.sku.localeCompare(b.sku)).map((l) => `${l.sku}:${l.quantity}`);
  return createHash('sha256')
    .update([s.carrier, s.service, s.trackingNumber, ...lines].join('|'))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Amazon wants a positive number, unique within the order. The warehouse's package id is one and
 * never changes, so a rerun sends the same reference (Amazon then refuses a duplicate).
 */
export function packageReferenceId(s: WarehouseShipment): string {
  if (/^[1-9]\d{0,17}$/.test(s.id)) return s.id;
  return String(parseInt(createHash('sha256').update(s.id).digest('hex').slice(0, 12), 16) + 1);
}

/** The carrier name Amazon gets for a package whose carrier the warehouse left blank (§2.1: about 15 rows a month). */
export const BLANK_CARRIER = 'Unknown carrier';

function mapped(carriers: SellerConfig['carriers'], name: string): SellerConfig['carriers'][string] | undefined {
  if (!name) return undefined;
  return carriers[name] ?? Object.entries(carriers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** The seller's carrier map (by the warehouse's carrier name, else its code), else Amazon's `Other` with the carrier's name. */
export function carrierFor(s: WarehouseShipment, carriers: SellerConfig['carriers']): { carrierCode: string; carrierName?: string } {
  const hit = mapped(carriers, s.carrier) ?? mapped(carriers, s.carrierCode);
  if (hit) return { carrierCode: hit.carrierCode, ...(hit.carrierName ? { carrierName: hit.carrierName } : {}) };
  return { carrierCode: 'Other', carrierName: s.carrier || BLANK_CARRIER };
}

/**
 * The ship date Amazon gets: never after the run's clock (Amazon refuses a future date, and a
 * wrong account zone can make one) nor before the order was placed; either is moved to the bound,
 * with a warning that says so.
 */
export function shipDateFor(s: WarehouseShipment, nowMs: number): { shipDate: string; warning?: string } {
  const shipped = Date.parse(s.shippedDate);
  const ordered = s.orderedDate === undefined ? undefined : Date.parse(s.orderedDate);
  if (shipped > nowMs) {
    return {
      shipDate: iso(nowMs),
      warning: `ship date ${s.shippedDate} is after this run's clock: sent as ${iso(nowMs)}; is allocadence.timeZone the warehouse account's zone?`,
    };
  }
  if (ordered !== undefined && shipped < ordered && ordered <= nowMs) {
    return {
      shipDate: s.orderedDate ?? s.shippedDate,
      warning: `ship date ${s.shippedDate} is before the order date ${s.orderedDate}: sent as the order date; is allocadence.timeZone the warehouse account's zone?`,
    };
  }
  return { shipDate: s.shippedDate };
}

import type { CustomerOrder } from '../../allocadence/types';
import type { WarehouseShipment } from '../../allocadence/shipments';
import type { Order } from '../../amazon/orders-types';

/** Every kind of disagreement reconcile reports, in the order its table lists them. */
export const FINDING_KINDS = [
  'missing-in-allocadence',
  'cancel-not-applied',
  'buyer-cancel-request',
  'shipment-not-confirmed',
  'cancel-not-pushed',
  'late-shipment-risk',
  'stock-drift',
  'unknown-sku',
  // Not a disagreement: an Amazon order whose answer could not be read, so the comparison is incomplete.
  'unreadable',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** How a finding is repaired: through which direction's write path, with what that path needs. */
export type Repair =
  | { via: 'pull-orders'; marketplaceId: string; orderId: string }
  | { via: 'push-shipments'; marketplaceId: string; shipments: WarehouseShipment[] }
  | { via: 'push-status'; marketplaceId: string; alloc: CustomerOrder | undefined; orderId: string }
  | { via: 'push-stock'; marketplaceId: string; sku: string; quantity: number };

export interface Finding {
  kind: FindingKind;
  /** The Amazon order id, or the SKU. */
  key: string;
  detail: string;
  marketplaceId: string;
  /** Absent: nothing the tool can do (the warehouse must ship, or the SKU must be created). */
  repair?: Repair;
  /** Without a repair: why no direction would do it, and what a person does instead (--fix reports it as the reason). */
  manual?: string;
  /** Which part of the comparison found it (`orders <marketplace>`, `stock <marketplace>`). */
  part?: string;
}

/** One Amazon order of the window beside what the warehouse holds for it. */
export interface OrderPair {
  marketplaceId: string;
  amazon: Order;
  /** The Allocadence order with the Amazon order id as its number; undefined when there is none. */
  warehouse: CustomerOrder | undefined;
  /** Live packages the warehouse shipped for it. */
  packages: WarehouseShipment[];
}

/** One merchant-fulfilled listing as Amazon's listings report shows it, and what push-stock would offer now. */
export interface StockPair {
  marketplaceId: string;
  sku: string;
  /** What Amazon offers (report `quantity`); undefined when the row has none. */
  offered: number | undefined;
  /** What push-stock would push now; undefined when Allocadence has no such SKU. */
  wanted: number | undefined;
  /** Why the warehouse's stock of this SKU cannot be trusted now (push-stock leaves such a SKU alone). */
  unreadable?: string;
}

export interface ReconcileOptions {
  now: number;
  /** A not-shipped order whose ship-by time is this close (or past) is a late-shipment risk. */
  lateWithinMs: number;
  /** SKUs Allocadence has. */
  knownSkus: ReadonlySet<string>;
}

/** Sorted by kind (in FINDING_KINDS order), then key, then marketplace: stable for tests and diffs. */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (k: FindingKind): number => FINDING_KINDS.indexOf(k);
  return findings.sort(
    (a, b) =>
      rank(a.kind) - rank(b.kind) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.marketplaceId < b.marketplaceId ? -1 : a.marketplaceId > b.marketplaceId ? 1 : 0),
  );
}

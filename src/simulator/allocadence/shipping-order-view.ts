import { formatWallTime, type AccountClock } from './dates';
import { isVoided, shippedAtOf, type PackageRecord, type ShippingOrderRecord } from './shipping-orders';
import type { SimLegacyShape, SimShipment, SimShippingOrder, SimShippingOrderItem, SimShippingOrderWithItems } from './types';

/**
 * How the legacy tree renders shipping orders. The shape is the one a production client of
 * `shippingorders` reads (reference/allocadence-evidence-2026-12.md §2.1 "Row", `ri5pekt/pfm-tracking`):
 * lower-case keys, carrier and service as `{code, name}`, dates as the account's wall time with no
 * offset. Where that evidence is split, SimLegacyShape picks the other form (see legacy-api.ts).
 */

function renderPackage(p: PackageRecord, clock: AccountClock): SimShipment {
  return {
    shipmentid: p.id,
    trackingnumber: p.trackingNumber,
    shippeddate: formatWallTime(p.shippedAt, clock),
    cancelled: p.voidedAt !== null,
    carrier: { ...p.carrier },
    service: { ...p.service },
    weight: p.weight,
    total: p.total,
    errormessage: null,
  };
}

/** The admin form: always with its shipments, always lower case. */
export function renderShippingOrder(s: ShippingOrderRecord, clock: AccountClock): SimShippingOrder {
  const first = s.packages[0];
  const { order } = s;
  const address = order.shippingAddress;
  return {
    shippingorderid: s.id,
    customerorder: { customerorderid: order.id, ordernumber: order.orderNumber },
    customer: { customerid: order.customer.id, name: order.customer.name, surname: order.customer.surname },
    shippingaddress: {
      name: address.name,
      city: address.city,
      state: address.state,
      zip: address.zip,
      country: address.country ?? address.countryCode,
      phone: address.phone,
    },
    carrier: { ...(first?.carrier ?? { code: '', name: '' }) },
    service: { ...(first?.service ?? { code: '', name: '' }) },
    ordereddate: formatWallTime(order.orderedAt, clock),
    shipped: true,
    shippeddate: formatWallTime(shippedAtOf(s), clock),
    cancelled: isVoided(s),
    shipments: s.packages.map((p) => renderPackage(p, clock)),
  };
}

export function renderShippingOrderItems(s: ShippingOrderRecord): SimShippingOrderItem[] {
  return s.packages.flatMap((p) => p.items.map((i) => ({ sku: i.sku, quantity: i.quantity, shipmentid: p.id })));
}

export function renderShippingOrderWithItems(s: ShippingOrderRecord, clock: AccountClock): SimShippingOrderWithItems {
  return { ...renderShippingOrder(s, clock), items: renderShippingOrderItems(s) };
}

/** The camelCase spelling of every compound key the legacy tree writes in lower case. */
const CAMEL: Record<string, string> = {
  shippingorderid: 'shippingOrderId',
  customerorder: 'customerOrder',
  customerorderid: 'customerOrderId',
  ordernumber: 'orderNumber',
  customerid: 'customerId',
  shippingaddress: 'shippingAddress',
  ordereddate: 'orderedDate',
  shippeddate: 'shippedDate',
  shipmentid: 'shipmentId',
  trackingnumber: 'trackingNumber',
  errormessage: 'errorMessage',
};

/** Rewrites keys into the spelling the account uses; values are left as they are. */
export function spelled(value: unknown, keys: SimLegacyShape['keys']): unknown {
  if (keys === 'lower') return value;
  if (Array.isArray(value)) return value.map((v) => spelled(v, keys));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [CAMEL[k] ?? k, spelled(v, keys)]));
}

/** A list answer: a bare array, or the rows under `key` (no paging block either way: §2.1 "no paging"). */
export function enveloped(rows: unknown[], key: string, shape: SimLegacyShape): unknown {
  return shape.envelope === 'array' ? rows : { [key]: rows };
}

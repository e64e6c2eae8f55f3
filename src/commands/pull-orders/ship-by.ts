import type { Order } from '../../amazon/orders-types';

/** Amazon's promise for an order (`OrderFulfillment` of orders_2026-01-01.json): when it must ship and arrive, and how fast. */
export interface Promised {
  /** `shipByWindow.latestDateTime`: shipped after this, the order is late. */
  shipBy?: string;
  /** `shipByWindow.earliestDateTime`. */
  shipFrom?: string;
  /** `deliverByWindow.latestDateTime`. */
  deliverBy?: string;
  /** `fulfillmentServiceLevel`: STANDARD, EXPEDITED, NEXT_DAY, SAME_DAY, … */
  service?: string;
}

/** The promise as read; a window date Amazon sends that is not a date is left out rather than passed on. */
export function promisedOf(o: Order): Promised {
  const f = o.fulfillment;
  const instant = (s: string | undefined): string | undefined =>
    s && Number.isFinite(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : undefined;
  const out: Promised = {};
  const shipBy = instant(f?.shipByWindow?.latestDateTime);
  const shipFrom = instant(f?.shipByWindow?.earliestDateTime);
  const deliverBy = instant(f?.deliverByWindow?.latestDateTime);
  if (shipBy) out.shipBy = shipBy;
  if (shipFrom) out.shipFrom = shipFrom;
  if (deliverBy) out.deliverBy = deliverBy;
  if (f?.fulfillmentServiceLevel) out.service = f.fulfillmentServiceLevel;
  return out;
}

/** `2026-12-05 18:00 UTC`: read by people, sorted as text, the same on every host whatever its zone. */
export function shownUtc(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

/**
 * The promise in the order's `internalNote`, in one fixed form staff can read and search
 * ("Ship by 2026-12-05 18:00 UTC"). No order field for a ship-by or deliver-by date is known on
 * this platform: the order JSON of the Pipedream sample (`components/zenventory/sources/new-customer-order/test-event.mjs`)
 * has dates for ordered, created, modified, completed, cancelled and on-hold only, and no client
 * sends one. `shipVia` takes "the code of the carrier or service" (Pipedream's create action):
 * an Amazon service level is no such code and might be refused, so the level is written here too.
 */
export function promiseNote(p: Promised): string | undefined {
  const parts: string[] = [];
  if (p.shipBy) parts.push(`Ship by ${shownUtc(p.shipBy)}${p.shipFrom ? ` (not before ${shownUtc(p.shipFrom)})` : ''}`);
  if (p.deliverBy) parts.push(`deliver by ${shownUtc(p.deliverBy)}`);
  if (p.service) parts.push(`service ${p.service}`);
  return parts.length ? `${parts.join('; ')}.` : undefined;
}

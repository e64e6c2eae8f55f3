import { accountDay, parseAccountDate } from '../../allocadence/account-time';
import { rowsIn } from './record-calls';
import type { RestReadContext } from './record-calls';
import { FEATURES } from './types';

const ORDERS = 'GET /rest/customer-orders';
const DAY = 86_400_000;

/**
 * Names a ship-by or due date might have on an order. None is known (no client or sample shows
 * one); pull-orders writes Amazon's windows into `internalNote`. If an account's orders carry one
 * of these, the recording says so and it can be filled instead.
 */
export const SHIP_BY_CANDIDATES = [
  'requiredShipDate',
  'shipByDate',
  'requestedShipDate',
  'shipDate',
  'dueDate',
  'cancelDate',
  'deliverByDate',
  'requestedDeliveryDate',
] as const;

/** Which candidate ship-by fields the orders read carry: written into the recording, for the field to be chosen from evidence. */
export function shipByFields(c: RestReadContext, rows: readonly Record<string, unknown>[]): void {
  if (!rows.length) return;
  const seen = SHIP_BY_CANDIDATES.filter((k) => rows.some((r) => k in r));
  c.rec.note(ORDERS, {
    filter: 'ship-by field (pull-orders writes ship-by, deliver-by and service level into internalNote)',
    narrowed: 'cannot tell',
    detail: seen.length
      ? `orders carry ${seen.join(', ')}: a field for the ship-by date may exist on this account`
      : `no order read carries any of ${SHIP_BY_CANDIDATES.join(', ')}; internalNote ${rows.some((r) => 'internalNote' in r) ? 'is' : 'is not'} there`,
  });
}

/**
 * Whether `completedDate` + `completedDateConditional` narrows the completed orders as redact-pii
 * sends it (evidence §2.5 suggests the dates other than modifiedDate may take the same filter,
 * untested). Not applied costs time only: redact-pii checks each order's completion date itself.
 */
export async function completedDateFilter(c: RestReadContext): Promise<void> {
  const since = c.now - 30 * DAY;
  const answer = await c.rec.send(
    ORDERS,
    c.clients.rest,
    {
      operation: 'listCustomerOrders',
      path: '/customer-orders',
      params: {
        completed: 'true',
        completedDate: accountDay(since, c.zone),
        completedDateConditional: 'on_or_after',
        page: '1',
        perPage: '10',
      },
    },
    { completedDate: '<the account day of 30 days ago>' },
  );
  if (answer.failed) return;
  const rows = rowsIn(answer.body);
  const at = rows.map((r) =>
    typeof r.completedDate === 'string' && r.completedDate ? parseAccountDate(r.completedDate, c.zone) : undefined,
  );
  const older = at.filter((ms) => ms !== undefined && ms < since - 36 * 3_600_000).length;
  const filter = 'completed=true&completedDate=<the account day of 30 days ago>&completedDateConditional=on_or_after';
  if (!rows.length) {
    c.rec.note(ORDERS, { filter, narrowed: 'cannot tell', detail: 'no order completed that recently' });
    return;
  }
  c.rec.note(ORDERS, {
    filter,
    narrowed: older ? 'no' : 'yes',
    detail: older
      ? `${older} of ${rows.length} rows were completed earlier: the filter is not applied, and ${FEATURES.redactPii} reads every completed order each run (slower, not wrong)`
      : 'every row was completed since then',
  });
}

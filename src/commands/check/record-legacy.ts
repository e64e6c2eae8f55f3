import { accountDay, addDays } from '../../allocadence/account-time';
import { lowerKeys } from '../../allocadence/shipping-order-answer';
import { rowsIn } from './record-calls';
import type { RestReadContext } from './record-calls';

const LIST = 'GET /services/rest/shippingorders';
const TODAY = '<today, account day>';

/**
 * The legacy shipping orders as push-shipments reads them (evidence §2.1 "Query"): yesterday and
 * today in the account's days, else the last week when those days shipped nothing, so that a row
 * is seen; then whether paging exists (§4), and one shipping order and its lines by id (§2.2).
 */
export async function readShippingOrders(c: RestReadContext): Promise<void> {
  const today = accountDay(c.now, c.zone);
  const list = (from: string, shownFrom: string, extra: Record<string, string> = {}) =>
    c.rec.send(
      LIST,
      c.clients.legacy,
      {
        operation: 'listShippingOrders',
        path: '/shippingorders',
        params: { shipped: 'true', include_shipments: 'true', start_date: from, end_date: today, ...extra },
      },
      { start_date: shownFrom, end_date: TODAY },
    );
  let from = addDays(today, -1);
  let shownFrom = '<yesterday, account day>';
  let answer = await list(from, shownFrom);
  if (answer.failed) return;
  if (!rowsIn(answer.body).length) {
    [from, shownFrom] = [addDays(today, -6), '<6 days ago, account day>'];
    answer = await list(from, shownFrom);
    if (answer.failed) return;
  }
  const rows = rowsIn(lowerKeys(answer.body));
  const filter = `start_date=${shownFrom}&end_date=${TODAY}`;
  noteDayFilter(c, rows, from, today, filter);

  if (rows.length >= 2) {
    const paged = rowsIn(lowerKeys((await list(from, shownFrom, { page: '2', perPage: '1' })).body)).length;
    c.rec.note(
      LIST,
      paged === 1
        ? {
            filter: 'page=2&perPage=1',
            narrowed: 'yes',
            detail:
              'one row came back: the list pages; the tool reads further pages only when an answer says how many, so make sure an answer without page and perPage holds every row',
          }
        : { filter: 'page=2&perPage=1', narrowed: 'no', detail: `${paged} rows came back: no paging, as the tool expects` },
    );
  }

  const id = rows.map((r) => r.shippingorderid).find((v) => typeof v === 'number' || typeof v === 'string');
  if (id === undefined) return;
  const path = `/shippingorders/${encodeURIComponent(String(id))}`;
  await c.rec.send('GET /services/rest/shippingorders/{id}', c.clients.legacy, {
    operation: 'getShippingOrder',
    path,
    params: { include_shipments: 'true' },
  });
  await c.rec.send('GET /services/rest/shippingorders/{id}/items', c.clients.legacy, {
    operation: 'getShippingOrderItems',
    path: `${path}/items`,
  });
}

/** Whether the list kept to the days asked: every row's ship day (the account's wall time) within them. */
function noteDayFilter(c: RestReadContext, rows: Record<string, unknown>[], from: string, today: string, filter: string): void {
  // Dates are the account's wall time: the written day is the account's day.
  const days = rows.map((r) => (typeof r.shippeddate === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(r.shippeddate)?.[0] : undefined));
  const outside = days.filter((d) => d !== undefined && (d < from || d > today)).length;
  if (!rows.length)
    c.rec.note(LIST, {
      filter,
      narrowed: 'cannot tell',
      detail: 'no shipping order shipped on those days: the shape of a row could not be seen; record again after a day with shipments',
    });
  else if (outside)
    c.rec.note(LIST, {
      filter,
      narrowed: 'no',
      detail: `${outside} of ${rows.length} rows shipped on other days: the day filter was not applied; the tool picks its window from the rows itself (slower, still right)`,
    });
  else c.rec.note(LIST, { filter, narrowed: 'yes', detail: `every row shipped on the days asked (${rows.length} rows)` });
}

/**
 * The calls that only write, probed as the plain check probes them: an id that matches nothing, an
 * empty body. What they answer (status, kind of body, error code) says whether they exist (§4).
 */
export async function readInertWrites(c: RestReadContext): Promise<void> {
  await c.rec.send('PUT /rest/customer-orders/{id}', c.clients.rest, {
    operation: 'updateCustomerOrder',
    method: 'PUT',
    path: '/customer-orders/0',
    data: {},
  });
  await c.rec.send('POST /rest/inventory/adjustments', c.clients.rest, {
    operation: 'adjustStock',
    method: 'POST',
    path: '/inventory/adjustments',
    data: {},
  });
  await c.rec.send('PUT /services/rest/customerorders/{id}/cancel', c.clients.legacy, {
    operation: 'cancelOrder',
    method: 'PUT',
    path: '/customerorders/0/cancel',
    params: { reason: 'check' },
  });
}

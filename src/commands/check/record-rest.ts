import { accountDay, parseAccountDate } from '../../allocadence/account-time';
import { countOf, rowsIn, type FilterNote, type RestReadContext } from './record-calls';
import { completedDateFilter, shipByFields } from './record-order-fields';
import { FEATURES } from './types';
import { iso } from '../../time';

/** One small page: enough rows to see the shape, few enough to read quickly. */
export const SMALL_PAGE = '10';
const HOUR = 3_600_000;
/** As the adapter allows a day-granular filter (orders.ts FILTER_SLACK_MS): older than this means not applied. */
const FILTER_SLACK_MS = 36 * HOUR;
const NO_SUCH_ITEM = 'alloc-amazon-check-no-such-item';
const NO_SUCH_WAREHOUSE = 'alloc-amazon-check-no-such-warehouse';

const page1 = { page: '1', perPage: SMALL_PAGE };
const ORDERS = 'GET /rest/customer-orders';

/** Whether a flag filter (`cancelled=true`) kept only rows with the flag: the adapter stops on any other row (orders.ts ignoredFilter). */
async function flagFilter(c: RestReadContext, flag: 'cancelled' | 'completed'): Promise<void> {
  const answer = await c.rec.send(ORDERS, c.clients.rest, {
    operation: 'listCustomerOrders',
    path: '/customer-orders',
    params: { [flag]: 'true', ...page1 },
  });
  if (answer.failed) return;
  const rows = rowsIn(answer.body);
  const wrong = rows.filter((r) => r[flag] !== true).length;
  const filter = `${flag}=true`;
  if (!rows.length) {
    c.rec.note(ORDERS, { filter, narrowed: 'cannot tell', detail: `no ${flag} order to see` });
    return;
  }
  if (!wrong) {
    c.rec.note(ORDERS, { filter, narrowed: 'yes', detail: `every row is ${flag}` });
    return;
  }
  c.rec.note(ORDERS, {
    filter,
    narrowed: 'no',
    detail: `${wrong} of ${rows.length} rows are not ${flag}: the filter was not applied, and push-status stops on such an answer`,
    blocks: [FEATURES.pushStatus],
  });
}

/** The `modifiedDate` filter as push-status sends it (the account's day of the instant), and as an instant, to see how the account reads it (§4). */
async function modifiedFilter(c: RestReadContext, total: number | undefined): Promise<void> {
  const since = c.now - 2 * HOUR;
  const day = accountDay(since, c.zone);
  const ages = async (value: string, shown: string) => {
    const answer = await c.rec.send(
      ORDERS,
      c.clients.rest,
      {
        operation: 'listCustomerOrders',
        path: '/customer-orders',
        params: { modifiedDate: value, modifiedDateConditional: 'on_or_after', ...page1 },
      },
      { modifiedDate: shown },
    );
    if (answer.failed) return undefined;
    const at = rowsIn(answer.body).map((r) => (typeof r.modifiedDate === 'string' ? parseAccountDate(r.modifiedDate, c.zone) : undefined));
    return {
      rows: at.length,
      count: countOf(answer),
      stale: at.filter((ms) => ms !== undefined && ms < since - FILTER_SLACK_MS).length,
      earlier: at.filter((ms) => ms !== undefined && ms < since).length,
    };
  };
  const byDay = await ages(day, '<the account day of 2 h ago>');
  if (byDay) {
    const filter = 'modifiedDate=<the account day of 2 h ago>&modifiedDateConditional=on_or_after';
    if (byDay.stale) {
      c.rec.note(ORDERS, {
        filter,
        narrowed: 'no',
        detail: `${byDay.stale} of ${byDay.rows} rows were modified more than a day before: the filter was not applied, and push-status stops on such an answer`,
        blocks: [FEATURES.pushStatus],
      });
    } else if (byDay.count !== undefined && total !== undefined && byDay.count < total) {
      c.rec.note(ORDERS, { filter, narrowed: 'yes', detail: `${byDay.count} of ${total} orders` });
    } else {
      c.rec.note(ORDERS, {
        filter,
        narrowed: 'cannot tell',
        detail: byDay.rows ? 'every order read was modified that recently' : 'no order was modified that recently',
      });
    }
  }
  const byInstant = await ages(iso(since), '<2 h ago, ISO-8601 UTC>');
  if (byInstant?.rows) {
    const filter = 'modifiedDate=<2 h ago, ISO-8601 UTC>&modifiedDateConditional=on_or_after';
    const detail = byInstant.earlier
      ? `${byInstant.earlier} of ${byInstant.rows} rows are older than the instant: the account compares whole days (the tool sends a day and drops the earlier rows itself)`
      : 'no row older than the instant: the account may compare instants (the tool sends a day and drops the earlier rows itself either way)';
    c.rec.note(ORDERS, { filter, narrowed: byInstant.stale ? 'no' : byInstant.earlier ? 'partly' : 'yes', detail });
  }
}

/** Whether `orderNumber` finds one order: pull-orders and push-status look orders up by number, and stop on a list of others (paging.ts findExact). */
async function numberFilter(c: RestReadContext, orderNumber: string): Promise<void> {
  const filter = 'orderNumber=<an order number read>&orderNumberConditional=matches';
  const answer = await c.rec.send(
    ORDERS,
    c.clients.rest,
    { operation: 'listCustomerOrders', path: '/customer-orders', params: { orderNumber, orderNumberConditional: 'matches', ...page1 } },
    { orderNumber: '<an order number read>' },
  );
  if (answer.failed) return;
  const rows = rowsIn(answer.body);
  const others = rows.filter((r) => r.orderNumber !== orderNumber).length;
  const found = others < rows.length;
  if (found && !others) {
    c.rec.note(ORDERS, { filter, narrowed: 'yes', detail: 'the one order came back' });
    return;
  }
  if (found) {
    c.rec.note(ORDERS, {
      filter,
      narrowed: 'partly',
      detail: `${others} other orders came back too; the tool picks the exact number`,
    });
    return;
  }
  const what = rows.length ? `${rows.length} other orders came back, not this one` : 'nothing came back for an order that exists';
  c.rec.note(ORDERS, {
    filter,
    narrowed: 'no',
    detail: `${what}: looking orders up by number would fail`,
    blocks: [FEATURES.pullOrders, FEATURES.pushStatus],
  });
}

/** Customer orders: a page of the oldest and of the newest, one order by id, and the filters runs rely on. */
export async function readOrders(c: RestReadContext): Promise<void> {
  const first = await c.rec.send(ORDERS, c.clients.rest, { operation: 'listCustomerOrders', path: '/customer-orders', params: page1 });
  if (first.failed) return;
  const pages = (first.body as { meta?: { totalPages?: unknown } } | undefined)?.meta?.totalPages;
  const last =
    typeof pages === 'number' && pages > 1
      ? await c.rec.send(
          ORDERS,
          c.clients.rest,
          { operation: 'listCustomerOrders', path: '/customer-orders', params: { page: String(pages), perPage: SMALL_PAGE } },
          { page: '<the last page>' },
        )
      : undefined;
  const rows = [...rowsIn(first.body), ...rowsIn(last?.body)];
  const ids = [...new Set([rows[0]?.id, rows[rows.length - 1]?.id].filter((id) => typeof id === 'number' || typeof id === 'string'))];
  for (const id of ids)
    await c.rec.send('GET /rest/customer-orders/{id}', c.clients.rest, {
      operation: 'getCustomerOrder',
      path: `/customer-orders/${encodeURIComponent(String(id))}`,
    });
  await modifiedFilter(c, countOf(first));
  await flagFilter(c, 'cancelled');
  await flagFilter(c, 'completed');
  await completedDateFilter(c);
  shipByFields(c, rows);
  const number = rows.find((r) => typeof r.orderNumber === 'string')?.orderNumber;
  if (typeof number === 'string') await numberFilter(c, number);
}

const ITEMS = 'GET /rest/items';

/** Items, active and not, and the two searches pull-items relies on (§2.9). */
export async function readItems(c: RestReadContext): Promise<void> {
  const list = (params: Record<string, string>, shown: Record<string, string> = {}) =>
    c.rec.send(ITEMS, c.clients.rest, { operation: 'listItems', path: '/items', params: { ...params, ...page1 } }, shown);
  const active = await list({});
  if (active.failed) return;
  const inactive = await list({ active: 'false' });
  const off = rowsIn(inactive.body);
  const on = off.filter((r) => r.active === true).length;
  const inactiveNote: Omit<FilterNote, 'filter'> = !off.length
    ? { narrowed: 'cannot tell', detail: 'no inactive item' }
    : on
      ? { narrowed: 'no', detail: `${on} of ${off.length} rows are active: the tool reads both lists and keeps each SKU once` }
      : { narrowed: 'yes', detail: 'only inactive items' };
  c.rec.note(ITEMS, { filter: 'active=false', ...inactiveNote });
  const none = rowsIn((await list({ searchFor: NO_SUCH_ITEM })).body).length;
  const searchNote: Omit<FilterNote, 'filter'> = none
    ? { narrowed: 'no', detail: 'items came back: pull-items reads every item to find one (slow, still right)' }
    : { narrowed: 'yes', detail: 'nothing came back' };
  c.rec.note(ITEMS, { filter: 'searchFor=<text no item has>', ...searchNote });
  const sku = rowsIn(active.body).find((r) => typeof r.sku === 'string' && r.sku !== '')?.sku;
  if (typeof sku !== 'string') return;
  const found = await list({ searchFor: sku }, { searchFor: "<an item's SKU>" });
  const rows = rowsIn(found.body);
  const pages = (found.body as { meta?: { totalPages?: unknown } } | undefined)?.meta?.totalPages;
  const filter = "searchFor=<an item's SKU>";
  const total = countOf(active);
  const got = countOf(found) ?? rows.length;
  const narrowed = total === undefined || total <= 1 ? 'cannot tell' : got < total ? 'yes' : 'no';
  if (rows.some((r) => r.sku === sku))
    c.rec.note(ITEMS, { filter, narrowed, detail: `the item came back, ${got === 1 ? 'alone' : `among ${got} items`}` });
  else if (pages === 1)
    c.rec.note(ITEMS, {
      filter,
      narrowed: 'no',
      detail: "a search for an item's own SKU did not return it: pull-items would not find items that exist",
      blocks: [FEATURES.pullItems],
    });
  else c.rec.note(ITEMS, { filter, narrowed: 'cannot tell', detail: 'the item is not on the first page of the search' });
}

/** Stock and kit stock of each configured warehouse, and what a warehouse name that matches nothing answers (§2.11, §4). */
export async function readStock(c: RestReadContext): Promise<void> {
  const CALL = 'GET /rest/inventory';
  let counted: { count: number | undefined; carriesWarehouse: boolean } | undefined;
  for (const warehouseName of c.warehouses) {
    const a = await c.rec.send(
      CALL,
      c.clients.rest,
      { operation: 'listInventory', path: '/inventory', params: { warehouseName, ...page1 } },
      { warehouseName: '<a configured warehouse>' },
    );
    if (!a.failed)
      counted ??= {
        count: countOf(a),
        carriesWarehouse: rowsIn(a.body).some((r) => typeof r.warehouse === 'object' && r.warehouse !== null),
      };
    await c.rec.send(
      'GET /rest/inventory/kits',
      c.clients.rest,
      { operation: 'listKitInventory', path: '/inventory/kits', params: { warehouseName, ...page1 } },
      { warehouseName: '<a configured warehouse>' },
    );
  }
  if (!counted) return;
  const nonsense = await c.rec.send(
    CALL,
    c.clients.rest,
    { operation: 'listInventory', path: '/inventory', params: { warehouseName: NO_SUCH_WAREHOUSE, ...page1 } },
    { warehouseName: '<a name no warehouse has>' },
  );
  if (nonsense.failed) return;
  const filter = 'warehouseName=<a name no warehouse has>';
  const rows = rowsIn(nonsense.body).length;
  if (!rows) {
    c.rec.note(CALL, { filter, narrowed: 'yes', detail: 'nothing came back' });
    return;
  }
  if (counted.carriesWarehouse) {
    c.rec.note(CALL, {
      filter,
      narrowed: 'no',
      detail: "rows came back: the filter is not applied, but rows name their warehouse and the tool skips other warehouses' rows",
    });
    return;
  }
  c.rec.note(CALL, {
    filter,
    narrowed: 'no',
    detail:
      'rows came back and rows name no warehouse: push-stock would add up the stock of every warehouse and could offer Amazon more than this warehouse holds',
    blocks: [FEATURES.pushStock],
  });
}

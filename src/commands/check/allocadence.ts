import type { AllocadenceClients } from '../../allocadence/client';
import { probeShippingOrders } from '../../allocadence/shipments';
import type { HttpClient } from '../../http/client';
import type { Config } from '../../config/schema';
import { inertWrite, runProbe, type Probe } from './probe';
import { FEATURES, type CheckRow } from './types';

const KEYS =
  'ALLOCADENCE_API_KEY / ALLOCADENCE_API_SECRET were refused: check them under Settings → API, and that the API is enabled for the account';
const SECURE_KEY = 'ALLOCADENCE_SECURE_KEY was refused by the legacy API';
/** A search nothing should match: the probe reads, and finds nothing. */
const NO_SUCH_ITEM = 'alloc-amazon-check-no-such-item';

async function firstPage(
  client: HttpClient,
  operation: string,
  path: string,
  key: string,
  params: Record<string, string> = {},
): Promise<unknown[]> {
  const res = await client.request<Record<string, unknown> | undefined>({
    operation,
    method: 'GET',
    path,
    params: { ...params, page: '1', perPage: '1' },
  });
  const rows = res.data?.[key];
  if (!Array.isArray(rows)) throw new Error(`${operation}: the answer has no "${key}" list; is ${path} the right API?`);
  return rows as unknown[];
}

/** The customer-order calls; the second reads the first one's order when the account has one. */
function orderProbes(clients: AllocadenceClients, pending: boolean): Probe[] {
  let orderId: number | undefined;
  return [
    {
      check: 'GET /rest/customer-orders',
      blocks: [FEATURES.pullOrders, FEATURES.pushStatus],
      onRefused: KEYS,
      run: async () => {
        const rows = (await firstPage(clients.rest, 'listCustomerOrders', '/customer-orders', 'customerOrders')) as { id?: number }[];
        orderId = rows[0]?.id;
        return 'answers';
      },
    },
    {
      check: 'GET /rest/customer-orders/{id}',
      blocks: [FEATURES.pullOrders, FEATURES.pushStatus],
      onRefused: KEYS,
      run: async () => {
        if (orderId === undefined) return { skipped: 'not tried: the account has no order to read yet' };
        await clients.rest.request({ operation: 'getCustomerOrder', method: 'GET', path: `/customer-orders/${orderId}` });
        return 'answers';
      },
    },
    {
      check: 'PUT /rest/customer-orders/{id} (assumed)',
      blocks: [FEATURES.pendingAddress],
      needed: pending,
      switchOff: 'set sellers[].orders.importPending: false (PENDING orders then wait until Amazon releases them)',
      onRefused: KEYS,
      run: () =>
        inertWrite(() => clients.rest.request({ operation: 'updateCustomerOrder', method: 'PUT', path: '/customer-orders/0', data: {} })),
    },
  ];
}

function itemProbes(clients: AllocadenceClients): Probe[] {
  return [
    {
      check: 'GET /rest/items',
      blocks: [FEATURES.pullItems, FEATURES.pushStock],
      onRefused: KEYS,
      run: async () => (await firstPage(clients.rest, 'listItems', '/items', 'items'), 'answers'),
    },
    {
      check: 'GET /rest/items?searchFor=',
      blocks: [FEATURES.pullItems],
      onRefused: KEYS,
      run: async () => {
        // pull-items finds an item by searchFor plus an exact match of its own (evidence §2.9).
        const rows = await firstPage(clients.rest, 'listItems', '/items', 'items', { searchFor: NO_SUCH_ITEM });
        if (rows.length === 0) return 'answers';
        return {
          warn: 'answers, but a search that matches nothing returned items: searchFor seems ignored here, so pull-items reads every item to find one (slow, still right)',
        };
      },
    },
  ];
}

/** Stock per warehouse the sellers ship from: plain items, then kits. */
function stockProbes(clients: AllocadenceClients, warehouses: readonly string[]): Probe[] {
  const plain = warehouses.map((warehouse): Probe => ({
    check: `GET /rest/inventory (warehouse "${warehouse}")`,
    blocks: [FEATURES.pushStock],
    onRefused: KEYS,
    run: async () => {
      const rows = await firstPage(clients.rest, 'listInventory', '/inventory', 'inventory', { warehouseName: warehouse });
      return rows.length ? 'answers' : `answers, but no stock rows for "${warehouse}": is the warehouse name right?`;
    },
  }));
  const kits = warehouses.map((warehouse): Probe => ({
    check: `GET /rest/inventory/kits (warehouse "${warehouse}")`,
    blocks: [FEATURES.pushStock],
    onRefused: KEYS,
    whenMissing: 'push-stock leaves kit listings as they are on Amazon (their stock cannot be read); every other SKU is pushed',
    run: async () => (
      await firstPage(clients.rest, 'listKitInventory', '/inventory/kits', 'inventory', { warehouseName: warehouse }),
      'answers'
    ),
  }));
  return [...plain, ...kits];
}

/** The calls that only write (probed inertly) and the legacy tree's shipping orders. */
function otherProbes(clients: AllocadenceClients, quantities: boolean, cancels: boolean): Probe[] {
  return [
    {
      check: 'POST /rest/inventory/adjustments (unconfirmed)',
      blocks: [FEATURES.initialQuantities],
      needed: quantities,
      switchOff: 'set sellers[].items.importQuantities: false (items are still created; quantities are not imported)',
      onRefused: KEYS,
      run: () =>
        inertWrite(() => clients.rest.request({ operation: 'adjustStock', method: 'POST', path: '/inventory/adjustments', data: {} })),
    },
    {
      check: 'GET /services/rest/shippingorders (legacy)',
      blocks: [FEATURES.pushShipments, FEATURES.pushStatus],
      onRefused: SECURE_KEY,
      run: async () => (await probeShippingOrders(clients), 'answers'),
    },
    {
      check: 'PUT /services/rest/customerorders/{id}/cancel (legacy)',
      blocks: [FEATURES.amazonCancels],
      needed: cancels,
      onRefused: SECURE_KEY,
      switchOff:
        'set sellers[].orders.cancelInWarehouse: false (pull-orders then imports as usual and lists each order Amazon cancelled, for a person to cancel in Allocadence)',
      run: () =>
        inertWrite(() =>
          clients.legacy.request({
            operation: 'cancelOrder',
            method: 'PUT',
            path: '/customerorders/0/cancel',
            params: { reason: 'check' },
          }),
        ),
    },
  ];
}

/**
 * Every Allocadence call the tool makes, the unconfirmed ones included. Reads are made as reads,
 * with filters that match nothing where they filter at all; the calls that only write are probed
 * with requests that cannot change anything (id 0, an empty body), which is the only way to learn
 * whether they exist on this account.
 */
export async function checkAllocadence(clients: AllocadenceClients, config: Config): Promise<CheckRow[]> {
  const sellers = config.sellers;
  const pending = sellers.some((s) => s.orders.importPending);
  const quantities = sellers.some((s) => s.synchronizeItems && s.items.importQuantities);
  const warehouses = [...new Set(sellers.map((s) => s.warehouse))];
  const probes = [
    ...orderProbes(clients, pending),
    ...itemProbes(clients),
    ...stockProbes(clients, warehouses),
    ...otherProbes(
      clients,
      quantities,
      sellers.some((s) => s.orders.cancelInWarehouse),
    ),
  ];
  const rows: CheckRow[] = [];
  // One after another: the second order probe reads what the first found.
  for (const p of probes) rows.push(await runProbe('allocadence', p));
  return rows;
}

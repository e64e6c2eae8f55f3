import type { OperationDef } from './operation-types';
import { confirmShipment } from './confirm-shipment';
import { cancelFeed, createFeed, createFeedDocument, getFeed, getFeedDocument, getFeeds } from './feeds-api';
import { getOrder } from './get-order';
import { getListingsItem, patchListingsItem } from './listings-item';
import { cancelReport, createReport, getReport, getReportDocument, getReports } from './reports-api';
import { searchListingsItems } from './search-listings';
import { getOrderItems, getOrders } from './orders-v0-api';
import { searchOrders } from './search-orders';

export type { OperationContext, OperationDef, OperationHandler, SimStores } from './operation-types';

const REPORTS = '/reports/2021-06-30';
const FEEDS = '/feeds/2021-06-30';
const LISTINGS = '/listings/2021-08-01/items';
const route = (prefix: string, rest: string): RegExp => new RegExp(`^${prefix.replace(/[/.-]/g, '\\$&')}${rest}$`);

/** Every simulated SP-API operation; a new one is a row here. */
export const OPERATIONS: readonly OperationDef[] = [
  { name: 'searchOrders', method: 'GET', path: /^\/orders\/2026-01-01\/orders$/, rate: 0.0056, burst: 20, handle: searchOrders },
  { name: 'getOrder', method: 'GET', path: /^\/orders\/2026-01-01\/orders\/([^/]+)$/, rate: 0.5, burst: 30, handle: getOrder },
  // Orders v0 reads: deprecated, but what most integrations still use; here for comparisons with them.
  { name: 'getOrders', method: 'GET', path: /^\/orders\/v0\/orders$/, rate: 0.0167, burst: 20, handle: getOrders },
  {
    name: 'getOrderItems',
    method: 'GET',
    path: /^\/orders\/v0\/orders\/([^/]+)\/orderItems$/,
    rate: 0.5,
    burst: 30,
    handle: getOrderItems,
  },
  {
    name: 'confirmShipment',
    method: 'POST',
    path: /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/,
    rate: 2,
    burst: 10,
    handle: confirmShipment,
  },
  { name: 'searchListingsItems', method: 'GET', path: route(LISTINGS, '/([^/]+)'), rate: 5, burst: 5, handle: searchListingsItems },
  { name: 'getListingsItem', method: 'GET', path: route(LISTINGS, '/([^/]+)/([^/]+)'), rate: 5, burst: 10, handle: getListingsItem },
  { name: 'patchListingsItem', method: 'PATCH', path: route(LISTINGS, '/([^/]+)/([^/]+)'), rate: 5, burst: 5, handle: patchListingsItem },
  { name: 'createReport', method: 'POST', path: route(REPORTS, '/reports'), rate: 0.0167, burst: 15, handle: createReport },
  { name: 'getReports', method: 'GET', path: route(REPORTS, '/reports'), rate: 0.0222, burst: 10, handle: getReports },
  { name: 'getReport', method: 'GET', path: route(REPORTS, '/reports/([^/]+)'), rate: 2, burst: 15, handle: getReport },
  { name: 'cancelReport', method: 'DELETE', path: route(REPORTS, '/reports/([^/]+)'), rate: 0.0222, burst: 10, handle: cancelReport },
  {
    name: 'getReportDocument',
    method: 'GET',
    path: route(REPORTS, '/documents/([^/]+)'),
    rate: 0.0167,
    burst: 15,
    handle: getReportDocument,
  },
  { name: 'createFeedDocument', method: 'POST', path: route(FEEDS, '/documents'), rate: 0.5, burst: 15, handle: createFeedDocument },
  { name: 'getFeedDocument', method: 'GET', path: route(FEEDS, '/documents/([^/]+)'), rate: 0.0222, burst: 10, handle: getFeedDocument },
  { name: 'createFeed', method: 'POST', path: route(FEEDS, '/feeds'), rate: 0.0083, burst: 15, handle: createFeed },
  { name: 'getFeeds', method: 'GET', path: route(FEEDS, '/feeds'), rate: 0.0222, burst: 10, handle: getFeeds },
  { name: 'getFeed', method: 'GET', path: route(FEEDS, '/feeds/([^/]+)'), rate: 2, burst: 15, handle: getFeed },
  { name: 'cancelFeed', method: 'DELETE', path: route(FEEDS, '/feeds/([^/]+)'), rate: 2, burst: 15, handle: cancelFeed },
];

export type RateTable = Record<string, { rate: number; burst: number }>;

/**
 * Limits of a feed type on top of createFeed's own plan: "5 submissions per 5 minutes per region"
 * for JSON_LISTINGS_FEED, distinct from the createFeed rate (reference/spapi-2026-12.md §2,
 * listings-feed-type-values). Written as rate/burst so a test can scale it like any plan, but
 * enforced as a rolling window of `burst` submissions per `burst / rate` seconds (FeedStore).
 */
export const FEED_TYPE_LIMITS: Readonly<RateTable> = {
  'feedType:JSON_LISTINGS_FEED': { rate: 5 / 300, burst: 5 },
};

const knownLimits = (): string[] => [...OPERATIONS.map((op) => op.name), ...Object.keys(FEED_TYPE_LIMITS)];

export function findOperation(method: string, path: string): { op: OperationDef; params: string[] } | 'wrong-method' | undefined {
  let pathKnown = false;
  for (const op of OPERATIONS) {
    const m = op.path.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (op.method !== method) continue;
    try {
      return { op, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return { op, params: m.slice(1) };
    }
  }
  return pathKnown ? 'wrong-method' : undefined;
}

/** Defaults merged with overrides; an override naming no operation is a set-up mistake, so it throws. */
export function resolveRates(overrides: RateTable = {}): RateTable {
  const table: RateTable = {
    ...Object.fromEntries(OPERATIONS.map((op) => [op.name, { rate: op.rate, burst: op.burst }])),
    ...FEED_TYPE_LIMITS,
  };
  for (const [name, limit] of Object.entries(overrides)) {
    if (!table[name]) throw new Error(`rate override for unknown operation '${name}'; known: ${Object.keys(table).join(', ')}`);
    checkLimit(name, limit.rate, limit.burst);
    table[name] = { rate: limit.rate, burst: limit.burst };
  }
  return table;
}

function checkLimit(name: string, rate: number, burst: number): void {
  if (!Number.isFinite(rate) || rate <= 0) throw new Error(`rate for ${name} must be a positive number of requests per second`);
  if (!Number.isInteger(burst) || burst < 1) throw new Error(`burst for ${name} must be a whole number of at least 1`);
}

/** `searchOrders=1/5` -> ['searchOrders', { rate: 1, burst: 5 }] (rate per second / burst); also `feedType:JSON_LISTINGS_FEED=0.5/5`. */
export function parseRateOverride(spec: string): [operation: string, { rate: number; burst: number }] {
  const m = /^\s*([A-Za-z][A-Za-z0-9]*(?::[A-Z_]+)?)\s*=\s*(\d*\.?\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  if (!m) throw new Error(`rate override '${spec}' is not OPERATION=RATE/BURST, e.g. searchOrders=1/5`);
  const [, name, rateText, burstText] = m as unknown as [string, string, string, string];
  if (!knownLimits().includes(name)) {
    throw new Error(`rate override '${spec}': unknown operation '${name}'; known: ${knownLimits().join(', ')}`);
  }
  const rate = Number(rateText);
  const burst = Number(burstText);
  checkLimit(name, rate, burst);
  return [name, { rate, burst }];
}

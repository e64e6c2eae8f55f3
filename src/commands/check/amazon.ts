import { z } from 'zod';
import type { Config, SellerConfig } from '../../config/schema';
import { lwaTokenUrl } from '../../amazon/endpoints';
import { parseAnswer } from '../../http/answer';
import { LwaTokenProvider } from '../../amazon/lwa';
import { ORDER_INCLUDED_DATA } from '../../amazon/orders-api';
import { searchOrdersEnvelope } from '../../amazon/orders-types';
import { LISTING_INCLUDED_DATA } from '../../amazon/listings-api';
import { searchListingsEnvelope } from '../../amazon/listings-types';
import { createSpApiClient } from '../../amazon/sp-api';
import type { HttpClient, HttpDeps, HttpStats } from '../../http/client';
import type { RetryPolicy } from '../../http/retry-policy';
import type { Redactor } from '../../output/redact';
import { runProbe, type Probe } from './probe';
import { FEATURES, type CheckRow } from './types';
import { iso } from '../../time';

export interface AmazonCheckEnv {
  amazon: Config['amazon'];
  clientId: string;
  clientSecret: string;
  retry: RetryPolicy;
  deps: HttpDeps;
  stats: HttpStats;
  redactor: Redactor;
  /** Every direction: none works without a token. */
  directions: readonly string[];
}

const ORDERS_ROLE =
  'the application needs the Inventory and Order Tracking role (and Direct-to-Consumer Delivery for addresses); add it in the developer console, then authorize the seller again';
const LISTING_ROLE = 'the application needs the Product Listing role; add it in the developer console, then authorize the seller again';

/**
 * One cheap read per SP-API API the tool uses, for one seller: the token exchange first (nothing
 * else can work without it), then Orders, Listings Items, Reports and Feeds. confirmShipment has no
 * read-only form; it belongs to the Orders API and its role, checked by searchOrders.
 */
export async function checkAmazonSeller(env: AmazonCheckEnv, seller: SellerConfig, refreshToken: string): Promise<CheckRow[]> {
  const area = `amazon ${seller.name}`;
  const lwa = new LwaTokenProvider({
    tokenUrl: lwaTokenUrl(env.amazon),
    clientId: env.clientId,
    clientSecret: env.clientSecret,
    timeoutMs: env.amazon.timeoutMs,
    retry: env.retry,
    deps: env.deps,
    stats: env.stats,
    redactor: env.redactor,
  });
  const token = await runProbe(area, {
    check: 'LWA token exchange',
    blocks: [...env.directions],
    onRefused: "LWA_CLIENT_ID / LWA_CLIENT_SECRET or this seller's refresh token were refused",
    run: async () => {
      await lwa.getToken(refreshToken);
      return 'access token received';
    },
  });
  if (token.result !== 'ok') return [token];

  const sp = createSpApiClient({ amazon: env.amazon, seller, refreshToken, lwa, retry: env.retry, deps: env.deps, stats: env.stats });
  const rows = [token];
  for (const p of probes(sp, seller, env.deps.clock())) rows.push(await runProbe(area, p));
  rows.push({
    area,
    check: 'Orders API v0 (confirmShipment)',
    result: 'skip',
    detail: 'a write with no read-only form; same role as searchOrders above',
  });
  return rows;
}

/** searchOrders over the last day: it answers, and with delivery addresses only when the seller granted that role. */
function ordersProbe(sp: HttpClient, seller: SellerConfig, now: number): Probe {
  return {
    check: 'Orders API 2026-01-01 (searchOrders)',
    blocks: [FEATURES.pullOrders, FEATURES.pushShipments, FEATURES.pushStatus],
    onRefused: ORDERS_ROLE,
    run: async () => {
      const res = await sp.request<unknown>({
        operation: 'searchOrders',
        method: 'GET',
        path: '/orders/2026-01-01/orders',
        params: {
          lastUpdatedAfter: iso(now - 86_400_000),
          lastUpdatedBefore: iso(now - 5 * 60_000),
          marketplaceIds: seller.marketplaceIds,
          includedData: ORDER_INCLUDED_DATA,
          maxResultsPerPage: 1,
        },
      });
      const orders = parseAnswer(searchOrdersEnvelope, res.data, 'searchOrders').orders as {
        recipient?: { deliveryAddress?: unknown };
      }[];
      const first = orders[0];
      if (first && !first.recipient?.deliveryAddress)
        return 'answers, but orders come without a delivery address: the Direct-to-Consumer Delivery role is missing';
      return 'answers';
    },
  };
}

/** Orders, Listings Items, Reports and Feeds: one cheap read each. */
function probes(sp: HttpClient, seller: SellerConfig, now: number): Probe[] {
  const marketplaceId = seller.marketplaceIds[0] ?? '';
  return [
    ordersProbe(sp, seller, now),
    {
      check: 'Listings Items API (searchListingsItems)',
      blocks: [FEATURES.pullItems, FEATURES.pushStock],
      onRefused: LISTING_ROLE,
      run: async () => {
        const res = await sp.request<unknown>({
          operation: 'searchListingsItems',
          method: 'GET',
          path: `/listings/2021-08-01/items/${encodeURIComponent(seller.sellerId)}`,
          params: { marketplaceIds: [marketplaceId], includedData: LISTING_INCLUDED_DATA, pageSize: 1 },
        });
        return `answers (${parseAnswer(searchListingsEnvelope, res.data, 'searchListingsItems').numberOfResults} listing(s))`;
      },
    },
    {
      check: 'Reports API (getReports)',
      blocks: [FEATURES.pullItems],
      needed: seller.synchronizeItems,
      onRefused: LISTING_ROLE,
      run: async () => {
        const res = await sp.request<unknown>({
          operation: 'getReports',
          method: 'GET',
          path: '/reports/2021-06-30/reports',
          params: { reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'], marketplaceIds: [marketplaceId], pageSize: 1 },
        });
        parseAnswer(z.object({ reports: z.array(z.unknown()) }), res.data, 'getReports');
        return 'answers';
      },
    },
    {
      check: 'Feeds API (getFeeds)',
      blocks: [FEATURES.pushStock, FEATURES.pushStatus],
      onRefused:
        'the application needs the Product Listing role (stock feeds) and Inventory and Order Tracking (order feeds); add them in the developer console, then authorize the seller again',
      run: async () => {
        const res = await sp.request<unknown>({
          operation: 'getFeeds',
          method: 'GET',
          path: '/feeds/2021-06-30/feeds',
          params: { feedTypes: ['JSON_LISTINGS_FEED'], marketplaceIds: [marketplaceId], pageSize: 1 },
        });
        parseAnswer(z.object({ feeds: z.array(z.unknown()) }), res.data, 'getFeeds');
        return 'answers';
      },
    },
  ];
}

/** Sellers one after the other: their probes share nothing, but the table reads better in config order. */
export async function checkAmazon(
  env: AmazonCheckEnv,
  sellers: readonly SellerConfig[],
  refreshTokens: Record<string, string>,
): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const seller of sellers) rows.push(...(await checkAmazonSeller(env, seller, refreshTokens[seller.name] ?? '')));
  return rows;
}

import { createFaultPlan, type FaultKind } from '../faults';
import { createRng } from '../random';
import { startServer, type RecordedRequest } from '../server';
import { faultBody } from './errors';
import { LwaServer } from './lwa';
import { resolveRates } from './operations';
import { OrderStore } from './order-store';
import { createRouter, requestIdFactory, withRequestIds } from './router';
import { TokenBuckets } from './token-buckets';
import type { AddOrdersInput, FulfillmentStatus, SimOrder } from './types';

export { parseRateOverride, OPERATIONS } from './operations';
export { seedOrders, type SeedOptions } from './seed';
export type { AddOrdersInput, AmazonOrder, FulfillmentStatus, NewOrderInput, OrderChange, SimOrder } from './types';

export interface AmazonSimSeller {
  sellerId: string;
  refreshToken: string;
  marketplaceIds: string[];
}

export interface AmazonSimOptions {
  /** The LWA app credentials the token endpoint accepts. */
  clientId: string;
  clientSecret: string;
  sellers: AmazonSimSeller[];
  /** Default 1; every random choice (ids, buyers, tokens, faults) derives from it. */
  seed?: number;
  /** Millisecond clock for the two-minute rule, token buckets and token expiry; default Date.now. */
  now?: () => number;
  /** Per-operation usage plans replacing the model defaults, e.g. { searchOrders: { rate: 1, burst: 5 } }. */
  rates?: Record<string, { rate: number; burst: number }>;
  /** Fractions of requests to fail per kind (see parseFaults); admin routes are never faulted. */
  faults?: Partial<Record<FaultKind, number>>;
  /** Delay of a 'slow' fault, ms. */
  slowMs?: number;
  /** Access token lifetime; default 3600 like LWA. */
  tokenTtlSeconds?: number;
  /** Default 0: any free port. */
  port?: number;
}

export interface AmazonSimulator {
  /** http://127.0.0.1:PORT, for both the SP-API endpoint and the LWA token URL (`/auth/o2/token`). */
  origin: string;
  /** Every non-admin request, in order. */
  requests: RecordedRequest[];
  /** Same as `POST /__sim/orders`; throws on invalid input. `sellerId` defaults to the input's, then the first seller. */
  addOrders(input: AddOrdersInput, sellerId?: string): SimOrder[];
  /** Same as `POST /__sim/orders/{orderId}`; `lastUpdatedTime` defaults to now. */
  updateOrder(orderId: string, change: { status: FulfillmentStatus; lastUpdatedTime?: string; cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON' }): SimOrder;
  /** Full current state: every dataset of every order, buyer data even while PENDING. */
  orders(): SimOrder[];
  /** Same as `POST /__sim/expire-tokens`. */
  expireTokens(): void;
  close(): Promise<void>;
}

function checkOptions(opts: AmazonSimOptions): void {
  if (!opts.clientId || !opts.clientSecret) throw new Error('Amazon simulator: clientId and clientSecret are required');
  if (opts.sellers.length === 0) throw new Error('Amazon simulator: at least one seller is required');
  const ids = new Set(opts.sellers.map((s) => s.sellerId));
  const tokens = new Set(opts.sellers.map((s) => s.refreshToken));
  if (ids.size !== opts.sellers.length || tokens.size !== opts.sellers.length) {
    throw new Error('Amazon simulator: seller ids and refresh tokens must be unique');
  }
  for (const s of opts.sellers) {
    if (!s.sellerId || !s.refreshToken || s.marketplaceIds.length === 0) {
      throw new Error(`Amazon simulator: seller '${s.sellerId}' needs an id, a refresh token and at least one marketplace`);
    }
  }
}

/** Starts a stateful SP-API + LWA simulator on 127.0.0.1. */
export async function startAmazonSimulator(opts: AmazonSimOptions): Promise<AmazonSimulator> {
  checkOptions(opts);
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const rates = resolveRates(opts.rates);
  const store = new OrderStore(
    seed,
    opts.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: [...s.marketplaceIds] })),
  );
  // Independent streams: faults or token refreshes never change which ids orders get.
  const lwa = new LwaServer({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    refreshTokens: new Map(opts.sellers.map((s) => [s.refreshToken, s.sellerId])),
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    now,
    rng: createRng((seed ^ 0x70ce) >>> 0),
  });
  const nextRequestId = requestIdFactory(createRng((seed ^ 0x4e9) >>> 0));
  const requests: RecordedRequest[] = [];
  const router = createRouter({ store, lwa, requests, now, rates, buckets: new TokenBuckets() }, nextRequestId);
  const plan = createFaultPlan(opts.faults ?? {}, createRng((seed ^ 0xfa17) >>> 0), faultBody, opts.slowMs);
  const server = await startServer(router, { port: opts.port, faults: withRequestIds(plan, nextRequestId), log: requests });
  return {
    origin: server.origin,
    requests,
    addOrders: (input, sellerId) => store.add(input, now(), sellerId),
    updateOrder: (orderId, change) => store.update(orderId, change, now()),
    orders: () => store.all(),
    expireTokens: () => void lwa.expireAll(),
    close: () => server.close(),
  };
}

import { AnswerRewrites, type AnswerRewrite } from '../answer-rewrites';
import { faultTiming, type FaultKind, type FaultPlan } from '../faults';
import { createRng } from '../random';
import { startServer, type RecordedRequest, type RequestListener } from '../server';
import { REPORT_CHARSETS, type ReportCharset } from './charset';
import { DocumentStore } from './documents';
import { amazonFaultPlan } from './faults';
import { parseHeadings, parseUnapplied, type FeedQuirks, type UnappliedQuantities } from './feed-quirks';
import { FeedStore, type SimFeed } from './feed-store';
import { OutcomeQueue, type ForcedOutcome } from './jobs';
import { ListingStore } from './listing-store';
import type { AddListingsInput, SimListing } from './listing-types';
import { LwaServer } from './lwa';
import { OPERATIONS, resolveRates } from './operations';
import { OrderStore } from './order-store';
import { ReportStore, type SimReport } from './report-store';
import { setDenied } from './admin-routes';
import { createRouter, DOWNLOAD_OPERATION, requestIdFactory, TOKEN_OPERATION, withRequestIds } from './router';
import { TokenBuckets } from './token-buckets';
import type { AddOrdersInput, FulfillmentStatus, SimOrder } from './types';

export { parseRateOverride, OPERATIONS } from './operations';
export { seedOrders, type SeedOptions } from './seed';
export { seedListings, type SeedListingsOptions } from './listing-seed';
export { MERCHANT_LISTINGS_COLUMNS } from './merchant-listings-report';
export { FEED_PROCESSORS, type FeedProcessor } from './feed-processors';
export type { AddOrdersInput, AmazonOrder, FulfillmentStatus, NewOrderInput, OrderChange, SimOrder } from './types';
export type { AddListingsInput, ListingsItem, NewListingInput, SimListing } from './listing-types';
export type { ProcessingReport, FeedIssue } from './listings-feed';
export type { FlatFileReport, FlatFileOutcome } from './flat-file';
export { CANCELLATION_REASONS, FLAT_FILE_ERRORS } from './order-feeds';
export { CONFIRM_SHIPMENT_FIELDS } from './confirm-shipment';
export type { Feed, SimFeed } from './feed-store';
export type { Report, SimReport } from './report-store';
export type { ReportCharset } from './charset';
export type { UnappliedQuantities } from './feed-quirks';

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
  /** How long a 'timeout' fault holds the connection before dropping it, ms; make it longer than the client's timeout. */
  holdMs?: number;
  /** Access token lifetime; default 3600 like LWA. */
  tokenTtlSeconds?: number;
  /** Default 0: any free port. */
  port?: number;
  /** Play Amazon's static sandbox: operations answer only the inputs Amazon documents for it. */
  sandbox?: boolean;
  /** getReport calls until a report is finished: 1st IN_QUEUE, then IN_PROGRESS, the last DONE. Default 3. */
  reportPolls?: number;
  /** getFeed calls until a feed is finished (and processed), like reportPolls. Default 3. */
  feedPolls?: number;
  /** Gzip report documents (compressionAlgorithm GZIP). Default true. */
  reportGzip?: boolean;
  /** Charset of report documents, also named in the download's Content-Type. Default UTF-8. */
  reportCharset?: ReportCharset;
  /** Quantity changes DONE listings feeds accept and leave unapplied (feed-quirks.ts); default none. */
  unappliedQuantities?: UnappliedQuantities;
  /** Flat-file headings treated as invalid, so their values are ignored (feed-quirks.ts); default none. */
  invalidFlatFileHeadings?: string[];
}

export interface AmazonSimulator {
  /** http://127.0.0.1:PORT, for both the SP-API endpoint and the LWA token URL (`/auth/o2/token`). */
  origin: string;
  /** Every non-admin request, in order. */
  requests: RecordedRequest[];
  /** Sees each non-admin request as it arrives and once it is answered (see RequestListener); returns the remover. */
  onRequest(listener: RequestListener): () => void;
  /** Same as `POST /__sim/orders`; throws on invalid input. `sellerId` defaults to the input's, then the first seller. */
  addOrders(input: AddOrdersInput, sellerId?: string): SimOrder[];
  /** Same as `POST /__sim/orders/{orderId}`; `lastUpdatedTime` defaults to now. */
  updateOrder(orderId: string, change: { status: FulfillmentStatus; lastUpdatedTime?: string; cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON' }): SimOrder;
  /**
   * Same as `POST /__sim/orders/{orderId}/cancellation-request`: the buyer asks to cancel the named
   * items (default: every item not shipped or cancelled); the order keeps its status until the seller acts.
   */
  requestCancellation(orderId: string, input?: { orderItemIds?: string[]; reason?: string; lastUpdatedTime?: string }): SimOrder;
  /** Same as `POST /__sim/orders/{orderId}/cancel-items`: lines cancelled outright; the order is CANCELLED once none is left. */
  cancelItems(orderId: string, input: { orderItemIds: string[]; cancelledBy: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason?: string; lastUpdatedTime?: string }): SimOrder;
  /** Same as `POST /__sim/orders/{orderId}/edit`: a quantity lowered and/or the address corrected while the order is open. */
  editOrder(orderId: string, input: { items?: Array<{ orderItemId: string; quantity: number }>; address?: { line1?: string; city?: string; state?: string; postalCode?: string; phone?: string }; lastUpdatedTime?: string }): SimOrder;
  /** Full current state: every dataset of every order, buyer data even while PENDING. */
  orders(): SimOrder[];
  /** Same as `POST /__sim/expire-tokens`. */
  expireTokens(): void;
  /** From now on these operations answer 403 as for an application without the role they need (empty list: none). */
  denyOperations(names: readonly string[]): void;
  /** Same as `POST /__sim/listings`; throws on invalid input. A child may name a parent added later. */
  addListings(input: AddListingsInput): SimListing[];
  /** Every listing of every seller, with derived `childSkus`. */
  listings(): SimListing[];
  /** Same as `POST /__sim/listings/{sku}/reject`: while set, every patch or feed message for the SKU fails with `message`; null clears. */
  rejectSku(sku: string, message: string | null): void;
  /** Same as `POST /__sim/unapplied-quantities`: from now on DONE listings feeds leave these quantity changes unapplied; null: none. */
  leaveQuantitiesUnapplied(unapplied: UnappliedQuantities | null): void;
  /** Same as `POST /__sim/invalid-headings`: from now on flat-file feeds treat these headings as invalid (empty: none). */
  invalidateHeadings(headings: readonly string[]): void;
  /** Same as `POST /__sim/next-outcome`: the next report or feed created (queued, one per call) ends so. */
  nextOutcome(kind: 'feed' | 'report', status: ForcedOutcome): void;
  /** Every report, as `/__sim/state` shows them. */
  reports(): SimReport[];
  /** Every feed with its uploaded content and result, as `/__sim/state` shows them. */
  feeds(): SimFeed[];
  /**
   * Same as `POST /__sim/rewrite-next`: the next answer(s) of an operation (an OPERATIONS name,
   * `token` for LWA, `downloadDocument` for a presigned download) are changed as given, after auth
   * and throttling passed. Throws for an unknown operation.
   */
  rewriteNext(operation: string, rewrite: AnswerRewrite): void;
  /** Rewritten answers not yet sent, by operation. */
  pendingRewrites(): Record<string, number>;
  /** Replaces the fault rates from now on (undefined: none); draws go on from the same seeded stream. */
  setFaults(rates: Partial<Record<FaultKind, number>> | undefined): void;
  /**
   * Finishes every report and feed nobody polled to its end, as Amazon does in its own time: a feed
   * submitted by a run that then stopped still takes effect. Returns how many were finished.
   */
  finishJobs(): number;
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
  for (const name of ['reportPolls', 'feedPolls'] as const) {
    const polls = opts[name];
    if (polls !== undefined && (!Number.isInteger(polls) || polls < 1)) throw new Error(`Amazon simulator: ${name} must be a whole number of at least 1`);
  }
  if (opts.reportCharset !== undefined && !REPORT_CHARSETS.includes(opts.reportCharset)) {
    throw new Error(`Amazon simulator: reportCharset must be one of ${REPORT_CHARSETS.join(', ')}`);
  }
}

/** Starts a stateful SP-API + LWA simulator on 127.0.0.1. */
export async function startAmazonSimulator(opts: AmazonSimOptions): Promise<AmazonSimulator> {
  checkOptions(opts);
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const rates = resolveRates(opts.rates);
  const sellers = opts.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: [...s.marketplaceIds] }));
  const store = new OrderStore(seed, sellers);
  const listings = new ListingStore(seed, sellers);
  // URLs name the server, whose port is known only once it listens.
  let origin = '';
  const documents = new DocumentStore(seed, () => origin);
  const outcomes = { feed: new OutcomeQueue(), report: new OutcomeQueue() };
  const reportSettings = { polls: opts.reportPolls ?? 3, gzip: opts.reportGzip ?? true, charset: opts.reportCharset ?? 'UTF-8' };
  const reports = new ReportStore(listings, documents, reportSettings, outcomes.report);
  const quirks: FeedQuirks = {
    unapplied: opts.unappliedQuantities ? parseUnapplied(opts.unappliedQuantities) : null,
    rng: createRng((seed ^ 0x0dd5) >>> 0),
    invalidHeadings: new Set(opts.invalidFlatFileHeadings ? parseHeadings(opts.invalidFlatFileHeadings) : []),
  };
  const feeds = new FeedStore(listings, store, documents, { polls: opts.feedPolls ?? 3 }, outcomes.feed, quirks);
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
  const rewrites = new AnswerRewrites([...OPERATIONS.map((op) => op.name), TOKEN_OPERATION, DOWNLOAD_OPERATION]);
  const denied = new Set<string>();
  const sandbox = opts.sandbox ? { sandbox: { origin: () => origin } } : {};
  const router = createRouter({ store, listings, reports, feeds, documents, outcomes, lwa, requests, now, rates, rewrites, denied, buckets: new TokenBuckets(), ...sandbox }, nextRequestId);
  // Independent of the other seeded streams, and kept when the rates change.
  const faultContext = { lwa, feeds, reports, rng: createRng((seed ^ 0xfa17) >>> 0), timing: faultTiming(opts) };
  let plan = amazonFaultPlan(opts.faults ?? {}, faultContext);
  const current: FaultPlan = { draw: (req) => plan.draw(req) };
  const server = await startServer(router, { port: opts.port, faults: withRequestIds(current, nextRequestId), log: requests, now });
  origin = server.origin;
  return {
    origin: server.origin,
    requests,
    onRequest: (listener) => server.onRequest(listener),
    addOrders: (input, sellerId) => store.add(input, now(), sellerId),
    updateOrder: (orderId, change) => store.update(orderId, change, now()),
    requestCancellation: (orderId, input) => store.requestCancellation(orderId, input ?? {}, now()),
    cancelItems: (orderId, input) => store.cancelItems(orderId, input, now()),
    editOrder: (orderId, input) => store.edit(orderId, input, now()),
    orders: () => store.all(),
    expireTokens: () => void lwa.expireAll(),
    denyOperations: (names) => setDenied(denied, names),
    addListings: (input) => listings.add(input, now()),
    listings: () => listings.all(),
    rejectSku: (sku, message) => listings.reject(sku, message),
    leaveQuantitiesUnapplied: (unapplied) => {
      quirks.unapplied = parseUnapplied(unapplied);
    },
    invalidateHeadings: (headings) => {
      quirks.invalidHeadings = new Set(parseHeadings(headings));
    },
    nextOutcome: (kind, status) => {
      if ((kind !== 'feed' && kind !== 'report') || (status !== 'FATAL' && status !== 'CANCELLED')) throw new Error(`nextOutcome: unknown ${kind}/${status}`);
      outcomes[kind].push(status);
    },
    reports: () => [...reports.values()].map((r) => reports.stateView(r)),
    feeds: () => [...feeds.values()].map((f) => feeds.stateView(f)),
    rewriteNext: (operation, rewrite) => rewrites.add(operation, rewrite),
    pendingRewrites: () => rewrites.pending(),
    setFaults: (rates) => {
      plan = amazonFaultPlan(rates ?? {}, faultContext);
    },
    finishJobs: () => reports.finishAll(now()) + feeds.finishAll(now()),
    close: () => server.close(),
  };
}

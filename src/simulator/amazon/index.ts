import { AnswerRewrites } from '../answer-rewrites';
import { faultTiming, type FaultPlan } from '../faults';
import { createRng } from '../random';
import { startServer, type RecordedRequest } from '../server';
import { REPORT_CHARSETS } from './charset';
import { DocumentStore } from './documents';
import { amazonFaultPlan } from './faults';
import { parseHeadings, parseUnapplied, type FeedQuirks } from './feed-quirks';
import { FeedStore } from './feed-store';
import { OutcomeQueue } from './jobs';
import { ListingStore } from './listing-store';
import { LwaServer } from './lwa';
import { OPERATIONS, resolveRates } from './operations';
import { OrderStore } from './order-store';
import { ReportStore } from './report-store';
import { setDenied } from './admin-routes';
import { createRouter, DOWNLOAD_OPERATION, requestIdFactory, TOKEN_OPERATION, withRequestIds } from './router';
import type { AmazonSimOptions, AmazonSimulator } from './simulator-types';
import { TokenBuckets } from './token-buckets';

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
export type { AmazonSimOptions, AmazonSimSeller, AmazonSimulator } from './simulator-types';

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
    if (polls !== undefined && (!Number.isInteger(polls) || polls < 1))
      throw new Error(`Amazon simulator: ${name} must be a whole number of at least 1`);
  }
  if (opts.reportCharset !== undefined && !REPORT_CHARSETS.includes(opts.reportCharset)) {
    throw new Error(`Amazon simulator: reportCharset must be one of ${REPORT_CHARSETS.join(', ')}`);
  }
}

/** The simulated seller's data and Amazon's services, before the server listens. */
function amazonParts(opts: AmazonSimOptions, seed: number, now: () => number) {
  const sellers = opts.sellers.map((s) => ({ sellerId: s.sellerId, marketplaceIds: [...s.marketplaceIds] }));
  const store = new OrderStore(seed, sellers);
  const listings = new ListingStore(seed, sellers);
  // URLs name the server, whose port is known only once it listens.
  const origin = { value: '' };
  const documents = new DocumentStore(seed, () => origin.value);
  const outcomes = { feed: new OutcomeQueue(), report: new OutcomeQueue() };
  const reportSettings = { polls: opts.reportPolls ?? 3, gzip: opts.reportGzip ?? true, charset: opts.reportCharset ?? 'UTF-8' };
  const reports = new ReportStore(listings, documents, reportSettings, outcomes.report);
  const quirks: FeedQuirks = {
    unapplied: opts.unappliedQuantities ? parseUnapplied(opts.unappliedQuantities) : null,
    rng: createRng((seed ^ 0x0dd5) >>> 0),
    invalidHeadings: new Set(opts.invalidFlatFileHeadings ? parseHeadings(opts.invalidFlatFileHeadings) : []),
  };
  const rates = resolveRates(opts.rates);
  const feeds = new FeedStore(listings, store, documents, { polls: opts.feedPolls ?? 3, limits: rates }, outcomes.feed, quirks);
  // Independent streams: faults or token refreshes never change which ids orders get.
  const lwa = new LwaServer({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    refreshTokens: new Map(opts.sellers.map((s) => [s.refreshToken, s.sellerId])),
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    now,
    rng: createRng((seed ^ 0x70ce) >>> 0),
  });
  const rewrites = new AnswerRewrites([...OPERATIONS.map((op) => op.name), TOKEN_OPERATION, DOWNLOAD_OPERATION]);
  return {
    origin,
    store,
    listings,
    documents,
    outcomes,
    reports,
    quirks,
    feeds,
    lwa,
    rewrites,
    rates,
    requests: [] as RecordedRequest[],
    denied: new Set<string>(),
  };
}

type AmazonParts = ReturnType<typeof amazonParts>;

/** What tests and the world do with a running simulator: change its data, faults and quirks, and read its state. */
function simulatorApi(
  p: AmazonParts,
  server: { origin: string; onRequest: AmazonSimulator['onRequest']; close(): Promise<void> },
  now: () => number,
  setFaults: AmazonSimulator['setFaults'],
): AmazonSimulator {
  const { store, listings, lwa, quirks, outcomes, reports, feeds, rewrites } = p;
  return {
    origin: server.origin,
    requests: p.requests,
    onRequest: (listener) => server.onRequest(listener),
    addOrders: (input, sellerId) => store.add(input, now(), sellerId),
    updateOrder: (orderId, change) => store.update(orderId, change, now()),
    requestCancellation: (orderId, input) => store.requestCancellation(orderId, input ?? {}, now()),
    cancelItems: (orderId, input) => store.cancelItems(orderId, input, now()),
    editOrder: (orderId, input) => store.edit(orderId, input, now()),
    orders: () => store.all(),
    expireTokens: () => void lwa.expireAll(),
    denyOperations: (names) => setDenied(p.denied, names),
    addListings: (input) => listings.add(input, now()),
    listings: () => listings.all(),
    deleteListing: (sku, sellerId) => listings.remove(sellerId, sku),
    rejectSku: (sku, message) => listings.reject(sku, message),
    leaveQuantitiesUnapplied: (unapplied) => {
      quirks.unapplied = parseUnapplied(unapplied);
    },
    invalidateHeadings: (headings) => {
      quirks.invalidHeadings = new Set(parseHeadings(headings));
    },
    nextOutcome: (kind, status) => {
      outcomes[kind].push(status);
    },
    reports: () => [...reports.values()].map((r) => reports.stateView(r)),
    feeds: () => [...feeds.values()].map((f) => feeds.stateView(f)),
    rewriteNext: (operation, rewrite) => rewrites.add(operation, rewrite),
    pendingRewrites: () => rewrites.pending(),
    setFaults,
    finishJobs: () => reports.finishAll(now()) + feeds.finishAll(now()),
    close: () => server.close(),
  };
}

/** Starts a stateful SP-API + LWA simulator on 127.0.0.1. */
export async function startAmazonSimulator(opts: AmazonSimOptions): Promise<AmazonSimulator> {
  checkOptions(opts);
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const p = amazonParts(opts, seed, now);
  const nextRequestId = requestIdFactory(createRng((seed ^ 0x4e9) >>> 0));
  const sandbox = opts.sandbox ? { sandbox: { origin: () => p.origin.value } } : {};
  const { store, listings, reports, feeds, documents, outcomes, lwa, requests, rewrites, denied, rates } = p;
  const router = createRouter(
    {
      store,
      listings,
      reports,
      feeds,
      documents,
      outcomes,
      lwa,
      requests,
      now,
      rates,
      rewrites,
      denied,
      buckets: new TokenBuckets(),
      ...sandbox,
    },
    nextRequestId,
  );
  // Independent of the other seeded streams, and kept when the rates change.
  const faultContext = { lwa, feeds, reports, rng: createRng((seed ^ 0xfa17) >>> 0), timing: faultTiming(opts) };
  let plan = amazonFaultPlan(opts.faults ?? {}, faultContext);
  const current: FaultPlan = { draw: (req) => plan.draw(req) };
  const server = await startServer(router, { port: opts.port, faults: withRequestIds(current, nextRequestId), log: requests, now });
  p.origin.value = server.origin;
  return simulatorApi(p, server, now, (rates) => {
    plan = amazonFaultPlan(rates ?? {}, faultContext);
  });
}

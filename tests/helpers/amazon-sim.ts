import { gunzipSync } from 'node:zlib';
import {
  startAmazonSimulator,
  type AmazonSimOptions,
  type AmazonSimSeller,
  type AmazonSimulator,
  type NewOrderInput,
} from '../../src/simulator/amazon';

/** The simulator tests' "now": their times are written as ages before it, so the two-minute rule reads plainly. */
export const T0 = Date.parse('2026-03-02T12:00:00Z');

/** In whole seconds, as the SP-API writes timestamps, so results can be compared with toBe. */
export const at = (minutesBeforeT0: number): string => new Date(T0 - minutesBeforeT0 * 60_000).toISOString().replace('.000Z', 'Z');

export const US = 'ATVPDKIKX0DER';
/** A plan no test's calls reach the limits of. */
export const FAST = { rate: 100, burst: 1000 };

/** An open merchant order placed an hour before T0: SKU-A ×2, SKU-B ×1, unless `extra` says otherwise. */
export function order(orderId: string, extra: Partial<NewOrderInput> = {}): NewOrderInput {
  return {
    orderId,
    status: 'UNSHIPPED',
    fulfilledBy: 'MERCHANT',
    createdTime: at(60),
    items: [
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-B', quantity: 1 },
    ],
    ...extra,
  };
}

/** Stands in for wall time so the two-minute rule, token expiry and rate buckets move only when a test says. */
export interface SimClock {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
}

const SELLERS: AmazonSimSeller[] = [
  { sellerId: 'A1SELLER', refreshToken: 'r1', marketplaceIds: ['ATVPDKIKX0DER'] },
  { sellerId: 'A2SELLER', refreshToken: 'r2', marketplaceIds: ['ATVPDKIKX0DER'] },
];

/** Any simulator option except `now`, which belongs to the harness clock. */
export type AmazonSimSetup = Partial<Omit<AmazonSimOptions, 'now'>> & {
  /** By seller id, so a file states only the sellers whose marketplaces differ from the US-only default. */
  marketplaces?: Record<string, string[]>;
};

export interface AmazonSimHarness {
  sim: AmazonSimulator;
  /** Starts at T0 for every simulator, so tests never leak time into each other. */
  clock: SimClock;
  /** A new LWA access token for the seller, asked for the way the connector asks. */
  token: (sellerId: string) => Promise<string>;
}

export async function startAmazonSim(setup: AmazonSimSetup = {}): Promise<AmazonSimHarness> {
  const { marketplaces = {}, ...overrides } = setup;
  const options: AmazonSimOptions = { clientId: 'app', clientSecret: 'secret', sellers: SELLERS, ...overrides };
  const sellers = options.sellers.map((s) => ({ ...s, marketplaceIds: marketplaces[s.sellerId] ?? s.marketplaceIds }));
  let now = T0;
  const clock: SimClock = {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
  const sim = await startAmazonSimulator({ ...options, sellers, now: clock.now });
  async function token(sellerId: string): Promise<string> {
    const seller = sellers.find((s) => s.sellerId === sellerId);
    if (!seller) throw new Error(`no simulated seller ${sellerId}`);
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: seller.refreshToken,
      client_id: options.clientId,
      client_secret: options.clientSecret,
    });
    const res = await fetch(`${sim.origin}/auth/o2/token`, { method: 'POST', body });
    return ((await res.json()) as { access_token: string }).access_token;
  }
  return { sim, clock, token };
}

// Responses are checked field by field; a loose type keeps those assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one loose type: answers read field by field
export type Json = Record<string, any>;

export interface JsonAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

export interface CallOptions {
  params?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Default the first seller. */
  sellerId?: string;
}

/** A presigned-URL answer: raw bytes, since documents may be gzipped or in a legacy charset. */
export interface DocumentAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
}

/** Fetches a document URL as a client must: no SP-API token unless `init` adds one. */
export async function fetchDocument(url: string, init: RequestInit = {}): Promise<DocumentAnswer> {
  const res = await fetch(url, init);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

/** A fresh simulator for each test, with every seller already holding a token. */
export interface LiveAmazonSim {
  readonly sim: AmazonSimulator;
  readonly clock: SimClock;
  /** By seller id; fetched in seller order right after start, at T0. */
  readonly tokens: Readonly<Record<string, string>>;
  /** An SP-API GET with the seller's token (default the first seller); the body is parsed as JSON. */
  get(path: string, params?: Record<string, string>, sellerId?: string): Promise<JsonAnswer>;
  /** Any SP-API call with the seller's token; an empty body reads as {}. */
  call(method: string, path: string, opts?: CallOptions): Promise<JsonAnswer>;
}

/** Registers the beforeEach/afterEach that start and close the simulator; call it at the top of a test file. */
export function useAmazonSim(setup: AmazonSimSetup = {}): LiveAmazonSim {
  let current: { harness: AmazonSimHarness; tokens: Record<string, string> } | undefined;
  const sellerIds = (setup.sellers ?? SELLERS).map((s) => s.sellerId);

  beforeEach(async () => {
    const harness = await startAmazonSim(setup);
    current = { harness, tokens: {} };
    for (const id of sellerIds) current.tokens[id] = await harness.token(id);
  });
  afterEach(async () => {
    const closing = current;
    current = undefined;
    await closing?.harness.sim.close();
  });

  const live = () => {
    if (!current) throw new Error('useAmazonSim: the simulator runs only inside a test');
    return current;
  };
  return {
    get sim() {
      return live().harness.sim;
    },
    get clock() {
      return live().harness.clock;
    },
    get tokens() {
      return live().tokens;
    },
    async get(path, params = {}, sellerId = sellerIds[0]) {
      const qs = new URLSearchParams(params).toString();
      const token = live().tokens[sellerId as string] as string;
      const res = await fetch(`${live().harness.sim.origin}${path}${qs ? `?${qs}` : ''}`, { headers: { 'x-amz-access-token': token } });
      return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
    },
    async call(method, path, { params = {}, body, sellerId = sellerIds[0] } = {}) {
      const qs = new URLSearchParams(params).toString();
      const headers: Record<string, string> = { 'x-amz-access-token': live().tokens[sellerId as string] as string };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await fetch(`${live().harness.sim.origin}${path}${qs ? `?${qs}` : ''}`, init);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, headers: res.headers };
    },
  };
}

/** The Feeds flow as a client walks it, on a live simulator (give the feeds operations fast rates). */
export interface FeedSteps {
  /** createFeedDocument + PUT: the document id. */
  upload(content: string, contentType: string, sellerId?: string): Promise<string>;
  /** upload + createFeed: the feed id. */
  submit(feedType: string, content: string, opts?: { contentType?: string; marketplaceIds?: string[]; sellerId?: string }): Promise<string>;
  /** One getFeed call (one poll). */
  poll(feedId: string, sellerId?: string): Promise<Json>;
  /** getFeed until DONE, FATAL or CANCELLED. */
  finish(feedId: string, sellerId?: string): Promise<Json>;
  /** getFeedDocument + download + gunzip of the result. */
  result(feed: Json, sellerId?: string): Promise<{ contentType: string | null; text: string }>;
}

export function feedSteps(amazon: LiveAmazonSim): FeedSteps {
  const FEEDS = '/feeds/2021-06-30';
  const steps: FeedSteps = {
    async upload(content, contentType, sellerId) {
      const doc = await amazon.call('POST', `${FEEDS}/documents`, { body: { contentType }, ...(sellerId ? { sellerId } : {}) });
      if (doc.status !== 201) throw new Error(`createFeedDocument: ${doc.status} ${JSON.stringify(doc.body)}`);
      const put = await fetchDocument(doc.body.url as string, { method: 'PUT', body: content, headers: { 'content-type': contentType } });
      if (put.status !== 200) throw new Error(`upload: ${put.status} ${put.text}`);
      return doc.body.feedDocumentId as string;
    },
    async submit(
      feedType,
      content,
      { contentType = 'text/tab-separated-values; charset=UTF-8', marketplaceIds = ['ATVPDKIKX0DER'], sellerId } = {},
    ) {
      const inputFeedDocumentId = await steps.upload(content, contentType, sellerId);
      const res = await amazon.call('POST', `${FEEDS}/feeds`, {
        body: { feedType, marketplaceIds, inputFeedDocumentId },
        ...(sellerId ? { sellerId } : {}),
      });
      if (res.status !== 202) throw new Error(`createFeed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.feedId as string;
    },
    async poll(feedId, sellerId) {
      return (await amazon.get(`${FEEDS}/feeds/${feedId}`, {}, sellerId)).body;
    },
    async finish(feedId, sellerId) {
      for (let i = 0; i < 20; i++) {
        const feed = await steps.poll(feedId, sellerId);
        if (['DONE', 'FATAL', 'CANCELLED'].includes(feed.processingStatus as string)) return feed;
      }
      throw new Error(`feed ${feedId} never finished`);
    },
    async result(feed, sellerId) {
      const doc = (await amazon.get(`${FEEDS}/documents/${feed.resultFeedDocumentId}`, {}, sellerId)).body;
      const file = await fetchDocument(doc.url as string);
      const bytes = doc.compressionAlgorithm === 'GZIP' ? gunzipSync(file.bytes) : file.bytes;
      return { contentType: file.headers.get('content-type'), text: bytes.toString('utf8') };
    },
  };
  return steps;
}

/** Polls a report or feed (`path` = its URL) until Amazon's lifecycle ends; the simulator moves one step per poll. */
export async function pollJob(amazon: LiveAmazonSim, path: string, what: string): Promise<Json> {
  for (let i = 0; i < 10; i++) {
    const { body } = await amazon.get(path);
    if (['DONE', 'FATAL', 'CANCELLED'].includes(body.processingStatus)) return body;
  }
  throw new Error(`${what} never finished`);
}

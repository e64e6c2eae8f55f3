import { gunzipSync } from 'node:zlib';
import { startAmazonSimulator, type AmazonSimOptions, type AmazonSimSeller, type AmazonSimulator } from '../../src/simulator/amazon';

/** The simulator tests' "now": their times are written as ages before it, so the two-minute rule reads plainly. */
export const T0 = Date.parse('2026-03-02T12:00:00Z');

/** In whole seconds, as the SP-API writes timestamps, so results can be compared with toBe. */
export const at = (minutesBeforeT0: number): string => new Date(T0 - minutesBeforeT0 * 60_000).toISOString().replace('.000Z', 'Z');

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

/** Swagger 2.0 definitions, as Amazon's API models hold them. */
export interface ModelSchema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, ModelSchema>;
  additionalProperties?: boolean | ModelSchema;
  items?: ModelSchema;
  enum?: string[];
  format?: string;
  description?: string;
}

/**
 * A small checker for the Swagger 2.0 subset Amazon's models use: required fields, types, enums,
 * date-times, decimals, no fields the model lacks (unless it allows any), and the "Possible values"
 * lists that the model keeps in descriptions rather than enums. Returns the problems found.
 */
export function createChecker(definitions: Record<string, ModelSchema>): (value: unknown, definition: string) => string[] {
  function possibleValues(description: string | undefined): string[] | undefined {
    const at = description?.search(/\*\*Possible values?\*\*/) ?? -1;
    if (!description || at < 0) return undefined;
    // The list ends with its paragraph; v0 values are mixed case and may hold spaces (`Very Good`).
    const list = description.slice(at).split('\n\n')[0] ?? '';
    const values = [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    return values.length > 0 ? values : undefined;
  }

  function check(value: unknown, schema: ModelSchema, where: string, problems: string[], refName?: string): void {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/definitions/', '');
      const target = definitions[name];
      if (!target) return void problems.push(`${where}: unresolved ${schema.$ref}`);
      // The property's own description may carry the value list while the target is a plain string.
      check(value, { ...target, description: schema.description ?? target.description }, where, problems, name);
      return;
    }
    const allowed = schema.enum ?? (schema.type === 'string' ? possibleValues(schema.description) : undefined);
    switch (schema.type) {
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${where}: expected an object`);
        const record = value as Record<string, unknown>;
        for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${where}: missing required ${key}`);
        for (const [key, child] of Object.entries(record)) {
          const prop = schema.properties?.[key];
          const extra = schema.additionalProperties;
          if (prop) check(child, prop, `${where}.${key}`, problems);
          else if (typeof extra === 'object') check(child, extra, `${where}.${key}`, problems);
          else if (extra !== true) problems.push(`${where}.${key}: not in the model`);
        }
        return;
      }
      case 'array':
        if (!Array.isArray(value)) return void problems.push(`${where}: expected an array`);
        value.forEach((item, i) => check(item, schema.items ?? {}, `${where}[${i}]`, problems));
        return;
      case 'integer':
        if (!Number.isInteger(value)) problems.push(`${where}: expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'number':
        if (typeof value !== 'number') problems.push(`${where}: expected a number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`${where}: expected a boolean`);
        return;
      case 'string':
        if (typeof value !== 'string') return void problems.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
        if (allowed && !allowed.includes(value)) problems.push(`${where}: '${value}' is not one of ${allowed.join(', ')}`);
        if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
          problems.push(`${where}: '${value}' is not a date-time`);
        if (refName === 'Decimal' && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${where}: '${value}' is not a decimal`);
        return;
      default:
        problems.push(`${where}: the checker does not know type ${schema.type}`);
    }
  }

  return (value, definition) => {
    const problems: string[] = [];
    check(value, { $ref: `#/definitions/${definition}` }, definition, problems);
    return problems;
  };
}

/** JSON Schema (draft-07), the subset Amazon's listings feed schemas use. `false` forbids a property. */
export type JsonSchema =
  | boolean
  | {
      type?: string;
      properties?: Record<string, JsonSchema>;
      required?: string[];
      additionalProperties?: JsonSchema;
      minProperties?: number;
      items?: JsonSchema;
      minItems?: number;
      maxItems?: number;
      enum?: unknown[];
      const?: unknown;
      minimum?: number;
      maximum?: number;
      minLength?: number;
      oneOf?: JsonSchema[];
    };

/** At most 40 characters of JSON; `undefined` has none, whatever JSON.stringify's type says. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) as unknown;
  return typeof json === 'string' ? json.slice(0, 40) : 'undefined';
}

/** Problems of `value` against `schema`; empty when it conforms. */
export function checkJsonSchema(value: unknown, schema: JsonSchema, where = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${where}: not allowed`];
  const out: string[] = [];
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const types: Record<string, boolean> = {
    object: isObject,
    array: Array.isArray(value),
    string: typeof value === 'string',
    integer: Number.isInteger(value),
    number: typeof value === 'number',
    boolean: typeof value === 'boolean',
  };
  if (schema.type && !types[schema.type]) return [`${where}: expected ${schema.type}, got ${shortJson(value)}`];
  if (schema.const !== undefined && value !== schema.const) out.push(`${where}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength)
    out.push(`${where}: shorter than ${schema.minLength}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${where}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${where}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${where}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) value.forEach((v, i) => out.push(...checkJsonSchema(v, schema.items as JsonSchema, `${where}[${i}]`)));
  }
  if (isObject) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) out.push(`${where}: missing required ${key}`);
    if (schema.minProperties !== undefined && Object.keys(record).length < schema.minProperties)
      out.push(`${where}: fewer than ${schema.minProperties} properties`);
    for (const [key, v] of Object.entries(record)) {
      const prop = schema.properties?.[key];
      if (prop !== undefined) out.push(...checkJsonSchema(v, prop, `${where}.${key}`));
      else if (schema.additionalProperties !== undefined) out.push(...checkJsonSchema(v, schema.additionalProperties, `${where}.${key}`));
    }
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((branch) => checkJsonSchema(value, branch, where).length === 0).length;
    if (passing !== 1) out.push(`${where}: matches ${passing} of the oneOf branches, not exactly 1`);
  }
  return out;
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

import { startAmazonSimulator, type AmazonSimOptions, type AmazonSimSeller, type AmazonSimulator } from '../../src/simulator/amazon';

/** The simulator tests' "now": their times are written as ages before it, so the two-minute rule reads plainly. */
export const T0 = Date.parse('2026-03-02T12:00:00Z');

/** In whole seconds, as the SP-API writes timestamps, so results can be compared with toBe. */
export const at = (minutesBeforeT0: number): string => new Date(T0 - minutesBeforeT0 * 60_000).toISOString().replace('.000Z', 'Z');

/** Stands in for wall time so the two-minute rule, token expiry and rate buckets move only when a test says. */
export interface SimClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
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
  token(sellerId: string): Promise<string>;
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
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: seller.refreshToken, client_id: options.clientId, client_secret: options.clientSecret });
    const res = await fetch(`${sim.origin}/auth/o2/token`, { method: 'POST', body });
    return ((await res.json()) as { access_token: string }).access_token;
  }
  return { sim, clock, token };
}

// Responses are checked field by field; a loose type keeps those assertions readable.
export type Json = Record<string, any>;

export interface JsonAnswer {
  status: number;
  body: Json;
  headers: Headers;
}

/** A fresh simulator for each test, with every seller already holding a token. */
export interface LiveAmazonSim {
  readonly sim: AmazonSimulator;
  readonly clock: SimClock;
  /** By seller id; fetched in seller order right after start, at T0. */
  readonly tokens: Readonly<Record<string, string>>;
  /** An SP-API GET with the seller's token (default the first seller); the body is parsed as JSON. */
  get(path: string, params?: Record<string, string>, sellerId?: string): Promise<JsonAnswer>;
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
  };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildCatalog } from './catalog';
import { ALLOCADENCE_FAULT_KINDS, faultTiming, parseFaults } from './faults';
import { startAllocadenceSimulator, type AllocadenceSimOptions, type AllocadenceSimulator } from './allocadence';
import { parseRateOverride, seedListings, seedOrders, startAmazonSimulator, type AmazonSimulator } from './amazon';
import type { RequestEvent } from './server';

export const SIM_SELLER = {
  name: 'sim-us',
  sellerId: 'A1SIMSELLER001',
  marketplaceId: 'ATVPDKIKX0DER',
  refreshTokenEnv: 'AMAZON_REFRESH_TOKEN_SIM_US',
  warehouse: 'Main',
} as const;

/** A seller of the world: the first is SIM_SELLER, further ones share its marketplace and warehouse. */
export interface WorldSeller {
  name: string;
  sellerId: string;
  marketplaceId: string;
  refreshTokenEnv: string;
  warehouse: string;
}

/** Seller n (1-based); seller 1 is SIM_SELLER. */
export function worldSeller(n: number): WorldSeller {
  if (n === 1) return SIM_SELLER;
  return {
    ...SIM_SELLER,
    name: `${SIM_SELLER.name}-${n}`,
    sellerId: `A1SIMSELLER${String(n).padStart(3, '0')}`,
    refreshTokenEnv: `${SIM_SELLER.refreshTokenEnv}_${n}`,
  };
}

/** A request either simulator saw, and which one saw it. */
export type WorldRequestEvent = RequestEvent & { system: 'amazon' | 'allocadence' };

export interface WorldOptions {
  seed?: number;
  /** Amazon orders seeded over the last week. */
  orders?: number;
  /** Amazon listings: one in twenty a variation parent with three children, one in twenty FBA, the rest merchant SKUs. */
  listings?: number;
  catalogSize?: number;
  /** `searchOrders=1/5` style overrides of Amazon's rate limits. */
  rates?: readonly string[];
  /** `--faults` spec, applied to both simulators (a plain fraction spreads over the kinds each one has). */
  faults?: string;
  /** Delay of a 'slow' fault, ms (default 300). */
  slowMs?: number;
  /** How long a 'timeout' fault holds a connection before dropping it, ms: make it longer than the client's timeoutMs. */
  holdMs?: number;
  /** getFeed / getReport calls until a feed or report is finished (default 3 each): many more keep a feed processing past a run's patience. */
  feedPolls?: number;
  reportPolls?: number;
  /** Sellers in the Amazon simulator and the config, default 1 (see worldSeller). Orders and listings are seeded for the first. */
  sellers?: number;
  now?: () => number;
  /** Amazon plays its static sandbox (for `smoke --sandbox`). */
  sandbox?: boolean;
  /** The warehouse account's IANA time zone (the simulator's default otherwise); the config names the same. */
  timeZone?: string;
  /** Where the evidence on Allocadence's answers is split: the other form (see the simulator's options). */
  allocadence?: Pick<AllocadenceSimOptions, 'modifiedDateFilter' | 'legacyShape'>;
}

/** Two simulated systems that agree on a catalogue and a seller, plus the config and secrets to reach them. */
export interface World {
  amazon: AmazonSimulator;
  allocadence: AllocadenceSimulator;
  /** Secrets as environment variables; invented afresh for every world. */
  env: Record<string, string>;
  config: Record<string, unknown>;
  /** Writes config.json and .env into `dir`; returns the config path. */
  writeConfig(dir: string, extra?: (config: Record<string, unknown>) => void): string;
  /** Sees every request to either simulator as it arrives and once answered (see RequestListener); returns the remover. */
  onRequest(listener: (event: WorldRequestEvent) => void): () => void;
  /** Replaces the faults of both simulators from now on (a `--faults` spec; undefined: none). */
  setFaults(spec: string | undefined): void;
  close(): Promise<void>;
}

function secret(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** Invented secrets for the app and every seller, as environment variables. */
function worldEnv(sellers: readonly WorldSeller[]): Record<string, string> {
  const refreshTokens = Object.fromEntries(sellers.map((s) => [s.refreshTokenEnv, secret('Atzr|sim-')]));
  return {
    LWA_CLIENT_ID: secret('amzn1.application-oa2-client.sim'),
    LWA_CLIENT_SECRET: secret('amzn1.oa2-cs.v1.sim'),
    ALLOCADENCE_API_KEY: secret('simkey-'),
    ALLOCADENCE_API_SECRET: secret('simsecret-'),
    ALLOCADENCE_SECURE_KEY: secret('simsecure-'),
    ...refreshTokens,
  };
}

/** Faults of both systems, parsed before either simulator starts: a bad spec leaves nothing running. */
interface Faults {
  amazon?: ReturnType<typeof parseFaults>;
  allocadence?: ReturnType<typeof parseFaults>;
}

async function startSimulators(
  opts: WorldOptions,
  env: Record<string, string>,
  sellers: readonly WorldSeller[],
  rates: Record<string, { rate: number; burst: number }>,
  faults: Faults,
): Promise<{ amazon: AmazonSimulator; allocadence: AllocadenceSimulator }> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const timing = faultTiming(opts);
  const amazon = await startAmazonSimulator({
    clientId: env.LWA_CLIENT_ID ?? '',
    clientSecret: env.LWA_CLIENT_SECRET ?? '',
    sellers: sellers.map((s) => ({ sellerId: s.sellerId, refreshToken: env[s.refreshTokenEnv] ?? '', marketplaceIds: [s.marketplaceId] })),
    seed,
    now,
    rates,
    ...(faults.amazon ? { faults: faults.amazon } : {}),
    ...(opts.sandbox ? { sandbox: true } : {}),
    ...(opts.feedPolls !== undefined ? { feedPolls: opts.feedPolls } : {}),
    ...(opts.reportPolls !== undefined ? { reportPolls: opts.reportPolls } : {}),
    ...timing,
  });
  const allocadence = await startAllocadenceSimulator({
    apiKey: env.ALLOCADENCE_API_KEY ?? '',
    apiSecret: env.ALLOCADENCE_API_SECRET ?? '',
    secureKey: env.ALLOCADENCE_SECURE_KEY ?? '',
    seed,
    ...(opts.catalogSize ? { catalogSize: opts.catalogSize } : {}),
    warehouses: [SIM_SELLER.warehouse],
    now,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...opts.allocadence,
    ...(faults.allocadence ? { faults: faults.allocadence } : {}),
    ...timing,
  });
  return { amazon, allocadence };
}

/** The config a run against this world uses: both simulators' addresses, and the sellers. */
function worldConfig(
  amazon: AmazonSimulator,
  allocadence: AllocadenceSimulator,
  rates: Record<string, unknown>,
  sellers: readonly WorldSeller[],
): Record<string, unknown> {
  return {
    stateDb: './alloc-amazon.sqlite',
    amazon: {
      region: 'na',
      endpoint: amazon.origin,
      tokenUrl: `${amazon.origin}/auth/o2/token`,
      ...(Object.keys(rates).length ? { rateLimits: rates } : {}),
    },
    allocadence: {
      baseUrl: `${allocadence.origin}/rest`,
      legacyBaseUrl: `${allocadence.origin}/services/rest`,
      timeZone: allocadence.timeZone,
    },
    // Faults are expected here: give retries room without making a run wait long.
    retry: { maxAttempts: 8, maxTotalMs: 60_000 },
    sellers: sellers.map((s) => ({
      name: s.name,
      sellerId: s.sellerId,
      marketplaceIds: [s.marketplaceId],
      refreshTokenEnv: s.refreshTokenEnv,
      warehouse: s.warehouse,
      importingUser: 'amazon-sync',
      orders: { fulfilledBy: ['MERCHANT'], importPending: false, lookbackMinutes: 30, initialLookbackDays: 7 },
    })),
  };
}

function writeWorldConfig(
  dir: string,
  config: Record<string, unknown>,
  env: Record<string, string>,
  extra: ((config: Record<string, unknown>) => void) | undefined,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const copy = structuredClone(config);
  extra?.(copy);
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(copy, null, 2) + '\n');
  const envFile = path.join(dir, '.env');
  fs.writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  // The mode above applies only to a new file: a .env left by an earlier run keeps its own.
  fs.chmodSync(envFile, 0o600);
  return file;
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const sellers = Array.from({ length: opts.sellers ?? 1 }, (_, i) => worldSeller(i + 1));
  const env = worldEnv(sellers);
  const faults: Faults = opts.faults
    ? { amazon: parseFaults(opts.faults), allocadence: parseFaults(opts.faults, ALLOCADENCE_FAULT_KINDS) }
    : {};
  const rates = Object.fromEntries((opts.rates ?? []).map(parseRateOverride));
  const { amazon, allocadence } = await startSimulators(opts, env, sellers, rates, faults);
  const skus = buildCatalog(seed, opts.catalogSize ?? 40).map((p) => p.sku);
  if (opts.orders) seedOrders(amazon, { count: opts.orders, seed, now: now(), skus });
  if (opts.listings) {
    const parents = Math.floor(opts.listings / 20);
    seedListings(amazon, {
      count: opts.listings,
      parents,
      childrenPerParent: 3,
      fba: Math.floor(opts.listings / 20),
      seed,
      now: now(),
      skus,
    });
  }
  const config = worldConfig(amazon, allocadence, rates, sellers);
  return {
    amazon,
    allocadence,
    env,
    config,
    writeConfig: (dir, extra) => writeWorldConfig(dir, config, env, extra),
    onRequest(listener) {
      const off = [
        amazon.onRequest((e) => listener({ ...e, system: 'amazon' })),
        allocadence.onRequest((e) => listener({ ...e, system: 'allocadence' })),
      ];
      return () => off.forEach((f) => f());
    },
    setFaults(spec) {
      amazon.setFaults(spec === undefined ? undefined : parseFaults(spec));
      allocadence.setFaults(spec === undefined ? undefined : parseFaults(spec, ALLOCADENCE_FAULT_KINDS));
    },
    async close() {
      await Promise.all([amazon.close(), allocadence.close()]);
    },
  };
}

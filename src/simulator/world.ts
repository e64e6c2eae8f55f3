import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildCatalog } from './catalog';
import { ALLOCADENCE_FAULT_KINDS, faultTiming, parseFaults } from './faults';
import { startAllocadenceSimulator, type AllocadenceSimulator } from './allocadence';
import { parseRateOverride, seedListings, seedOrders, startAmazonSimulator, type AmazonSimulator } from './amazon';

export const SIM_SELLER = {
  name: 'sim-us',
  sellerId: 'A1SIMSELLER001',
  marketplaceId: 'ATVPDKIKX0DER',
  refreshTokenEnv: 'AMAZON_REFRESH_TOKEN_SIM_US',
  warehouse: 'Main',
} as const;

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
  /** Delay of a 'slow' fault, ms. */
  slowMs?: number;
  /** How long a 'timeout' fault holds a connection before dropping it, ms: make it longer than the client's timeoutMs. */
  holdMs?: number;
  /** getFeed calls until a feed is finished (default 3): many more keep a feed processing past a run's patience. */
  feedPolls?: number;
  now?: () => number;
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
  /** Replaces the faults of both simulators from now on (a `--faults` spec; undefined: none). */
  setFaults(spec: string | undefined): void;
  close(): Promise<void>;
}

function secret(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? Date.now;
  const amazonFaults = opts.faults ? parseFaults(opts.faults) : undefined;
  const allocadenceFaults = opts.faults ? parseFaults(opts.faults, ALLOCADENCE_FAULT_KINDS) : undefined;
  const timing = faultTiming(opts);
  const env = {
    LWA_CLIENT_ID: secret('amzn1.application-oa2-client.sim'),
    LWA_CLIENT_SECRET: secret('amzn1.oa2-cs.v1.sim'),
    [SIM_SELLER.refreshTokenEnv]: secret('Atzr|sim-'),
    ALLOCADENCE_API_KEY: secret('simkey-'),
    ALLOCADENCE_API_SECRET: secret('simsecret-'),
    ALLOCADENCE_SECURE_KEY: secret('simsecure-'),
  };
  const rates = Object.fromEntries((opts.rates ?? []).map(parseRateOverride));
  const amazon = await startAmazonSimulator({
    clientId: env.LWA_CLIENT_ID,
    clientSecret: env.LWA_CLIENT_SECRET,
    sellers: [{ sellerId: SIM_SELLER.sellerId, refreshToken: env[SIM_SELLER.refreshTokenEnv] ?? '', marketplaceIds: [SIM_SELLER.marketplaceId] }],
    seed,
    now,
    rates,
    ...(amazonFaults ? { faults: amazonFaults } : {}),
    ...(opts.feedPolls ? { feedPolls: opts.feedPolls } : {}),
    ...timing,
  });
  const allocadence = await startAllocadenceSimulator({
    apiKey: env.ALLOCADENCE_API_KEY,
    apiSecret: env.ALLOCADENCE_API_SECRET,
    secureKey: env.ALLOCADENCE_SECURE_KEY,
    seed,
    ...(opts.catalogSize ? { catalogSize: opts.catalogSize } : {}),
    warehouses: [SIM_SELLER.warehouse],
    now,
    ...(allocadenceFaults ? { faults: allocadenceFaults } : {}),
    ...timing,
  });
  const skus = buildCatalog(seed, opts.catalogSize ?? 40).map((p) => p.sku);
  if (opts.orders) seedOrders(amazon, { count: opts.orders, seed, now: now(), skus });
  if (opts.listings) {
    const parents = Math.floor(opts.listings / 20);
    seedListings(amazon, { count: opts.listings, parents, childrenPerParent: 3, fba: Math.floor(opts.listings / 20), seed, now: now(), skus });
  }

  const config: Record<string, unknown> = {
    stateDb: './alloc-amazon.sqlite',
    amazon: {
      region: 'na',
      endpoint: amazon.origin,
      tokenUrl: `${amazon.origin}/auth/o2/token`,
      ...(Object.keys(rates).length ? { rateLimits: rates } : {}),
    },
    allocadence: { baseUrl: `${allocadence.origin}/rest`, legacyBaseUrl: `${allocadence.origin}/services/rest` },
    // Faults are expected here: give retries room without making a run wait long.
    retry: { maxAttempts: 8, maxTotalMs: 60_000 },
    sellers: [
      {
        name: SIM_SELLER.name,
        sellerId: SIM_SELLER.sellerId,
        marketplaceIds: [SIM_SELLER.marketplaceId],
        refreshTokenEnv: SIM_SELLER.refreshTokenEnv,
        warehouse: SIM_SELLER.warehouse,
        importingUser: 'amazon-sync',
        orders: { fulfilledBy: ['MERCHANT'], importPending: false, lookbackMinutes: 30, initialLookbackDays: 7 },
      },
    ],
  };
  return {
    amazon,
    allocadence,
    env,
    config,
    writeConfig(dir, extra) {
      fs.mkdirSync(dir, { recursive: true });
      const copy = structuredClone(config);
      extra?.(copy);
      const file = path.join(dir, 'config.json');
      fs.writeFileSync(file, JSON.stringify(copy, null, 2) + '\n');
      fs.writeFileSync(path.join(dir, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
      return file;
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

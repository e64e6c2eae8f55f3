import fs from 'node:fs';
import os from 'node:os';
import { AllocadenceItems } from '../allocadence/items';
import { AllocadenceOrders } from '../allocadence/orders';
import { createAllocadenceClients, type AllocadenceClients } from '../allocadence/client';
import { lwaTokenUrl } from '../amazon/endpoints';
import { LwaTokenProvider } from '../amazon/lwa';
import { createSpApiClient, createSpApiLimiter } from '../amazon/sp-api';
import { loadConfig, type LoadedConfig } from '../config/load';
import { registerSecrets } from '../config/redact-secrets';
import { type SellerConfig } from '../config/schema';
import { UsageError } from '../errors';
import { HttpClient, newStats, type HttpStats } from '../http/client';
import type { RateLimiter } from '../http/rate-limiter';
import { RemoteClock } from '../http/remote-clock';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry-policy';
import type { Deps } from '../deps';
import { checkStateFolder, createState, openState, type State } from '../state';
import { LOCK_STALE_MS } from '../state/lock';
import { sellerDeadline } from '../sync/deadline';
import type { RunEnv } from '../sync/with-run';

export interface GlobalOptions {
  config: string;
  seller?: string;
  dryRun: boolean;
  json: boolean;
  /** `--max-minutes`, counted from the context's creation; without it a run has no deadline. */
  maxMinutes?: number;
  /** Tests only: see Deps.stateGrowthLimitPages. */
  stateGrowthLimitPages?: number;
}

/** What a sync command works with: config, state, and clients for both systems. */
export interface CommandContext {
  deps: Deps;
  options: GlobalOptions;
  loaded: LoadedConfig;
  state: State;
  stats: HttpStats;
  retry: RetryPolicy;
  sellers: SellerConfig[];
  allocadence: AllocadenceClients;
  allocadenceOrders: AllocadenceOrders;
  allocadenceItems: AllocadenceItems;
  /** Presigned report and feed documents: no SP-API token, no rate limit. */
  documents: HttpClient;
  spApi(seller: SellerConfig): HttpClient;
  /** What a run for this seller works with; its deadline shares the command's remaining time with the sellers after it. */
  runEnv(seller: SellerConfig): RunEnv;
  close(): void;
}

/** A dry run must not write even the state file: it reads a read-only handle, or an empty one when there is no file yet. */
function openStateFor(file: string, dryRun: boolean, growthLimitPages: number | undefined): ReturnType<typeof openState> {
  if (!dryRun) return openState(file, growthLimitPages === undefined ? {} : { growthLimitPages });
  // A damaged or unreadable file is reported, not silently replaced by an empty state.
  if (fs.existsSync(file)) return openState(file, { readonly: true });
  checkStateFolder(file);
  return openState(':memory:');
}

export function createContext(deps: Deps, options: GlobalOptions): CommandContext {
  const loaded = loadConfig(options.config, deps.env);
  const { config, secrets } = loaded;
  for (const w of loaded.warnings) deps.logger.warn(w);
  registerSecrets(deps.redactor, secrets);
  const sellers = options.seller ? config.sellers.filter((s) => s.name === options.seller) : config.sellers;
  if (sellers.length === 0) {
    throw new UsageError(`no seller named "${options.seller}" in ${loaded.configPath} (known: ${config.sellers.map((s) => s.name).join(', ')})`);
  }
  const db = openStateFor(loaded.stateDbPath, options.dryRun, options.stateGrowthLimitPages);
  const state = createState(db, { pid: deps.pid, host: deps.host || os.hostname(), isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS });
  const stats: HttpStats = { ...newStats(), remoteClock: new RemoteClock(deps.clock, deps.logger) };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const httpDeps = { clock: deps.clock, sleep: deps.sleep, random: deps.random, logger: deps.logger, redact: (text: string) => deps.redactor.redact(text) };
  const lwa = new LwaTokenProvider({
    tokenUrl: lwaTokenUrl(config.amazon),
    clientId: secrets.lwaClientId,
    clientSecret: secrets.lwaClientSecret,
    timeoutMs: config.amazon.timeoutMs,
    retry,
    deps: httpDeps,
    stats,
    redactor: deps.redactor,
  });
  const allocadence = createAllocadenceClients(config.allocadence, secrets, retry, httpDeps, stats);
  const spClients = new Map<string, { client: HttpClient; limiter: RateLimiter }>();
  const deadline = options.maxMinutes === undefined ? undefined : deps.clock() + options.maxMinutes * 60_000;
  return {
    deps,
    options,
    loaded,
    state,
    stats,
    retry,
    sellers,
    allocadence,
    allocadenceOrders: new AllocadenceOrders(allocadence, { timeZone: config.allocadence.timeZone }),
    allocadenceItems: new AllocadenceItems(allocadence),
    documents: new HttpClient({ system: 'amazon', baseURL: '', timeoutMs: config.amazon.timeoutMs * 4, retry, deps: httpDeps, stats, describeError: () => ({}) }),
    spApi(seller) {
      let sp = spClients.get(seller.name);
      if (!sp) {
        const refreshToken = secrets.refreshTokens[seller.name] ?? '';
        const limiter = createSpApiLimiter(config.amazon, httpDeps, state.rateBuckets.load(seller.name));
        sp = { client: createSpApiClient({ amazon: config.amazon, seller, refreshToken, lwa, retry, deps: httpDeps, stats, limiter }), limiter };
        spClients.set(seller.name, sp);
      }
      return sp.client;
    },
    runEnv(seller) {
      const left = sellers.length - sellers.indexOf(seller);
      return { state, logger: deps.logger, clock: deps.clock, stats, ...(deadline === undefined ? {} : { deadline: sellerDeadline(deadline, deps.clock(), left) }) };
    },
    close() {
      // What the buckets hold now is what the next run starts from (a dry run's state file is read-only).
      try {
        if (!options.dryRun) for (const [name, sp] of spClients) state.rateBuckets.save(name, sp.limiter.snapshot(), new Date(deps.clock()).toISOString());
      } finally {
        db.close();
      }
    },
  };
}

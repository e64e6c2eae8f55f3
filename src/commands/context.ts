import fs from 'node:fs';
import os from 'node:os';
import { AllocadenceItems } from '../allocadence/items';
import { AllocadenceOrders } from '../allocadence/orders';
import { basicAuthValue, createAllocadenceClients, type AllocadenceClients } from '../allocadence/client';
import { lwaTokenUrl } from '../amazon/endpoints';
import { LwaTokenProvider } from '../amazon/lwa';
import { createSpApiClient } from '../amazon/sp-api';
import { loadConfig, type LoadedConfig, type SellerConfig } from '../config';
import { UsageError } from '../errors';
import { HttpClient, newStats, type HttpStats } from '../http/client';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry-policy';
import type { Logger } from '../log';
import type { Redactor } from '../redact';
import { checkStateFolder, createState, openState, type State } from '../state';
import { LOCK_STALE_MS } from '../state/lock';

/** Everything from the outside world, assembled once in index.ts; nothing below reads env or the real clock. */
export interface Deps {
  env: NodeJS.ProcessEnv;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Logger;
  redactor: Redactor;
  /** Summaries and reports (stdout). */
  out: (text: string) => void;
  pid: number;
  host: string;
  isProcessAlive: (pid: number) => boolean;
}

export interface GlobalOptions {
  config: string;
  seller?: string;
  dryRun: boolean;
  json: boolean;
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
  close(): void;
}

/** A dry run must not write even the state file: it reads a read-only handle, or an empty one when there is no file yet. */
function openStateFor(file: string, dryRun: boolean): ReturnType<typeof openState> {
  if (!dryRun) return openState(file);
  // A damaged or unreadable file is reported, not silently replaced by an empty state.
  if (fs.existsSync(file)) return openState(file, { readonly: true });
  checkStateFolder(file);
  return openState(':memory:');
}

export function createContext(deps: Deps, options: GlobalOptions): CommandContext {
  const loaded = loadConfig(options.config, deps.env);
  const { config, secrets } = loaded;
  for (const w of loaded.warnings) deps.logger.warn(w);
  const secretValues = [secrets.lwaClientSecret, secrets.allocadenceApiSecret, secrets.allocadenceSecureKey, secrets.allocadenceApiKey, secrets.lwaClientId, basicAuthValue(secrets)];
  for (const value of [...secretValues, ...Object.values(secrets.refreshTokens)]) {
    deps.redactor.add(value);
  }
  const sellers = options.seller ? config.sellers.filter((s) => s.name === options.seller) : config.sellers;
  if (sellers.length === 0) {
    throw new UsageError(`no seller named "${options.seller}" in ${loaded.configPath} (known: ${config.sellers.map((s) => s.name).join(', ')})`);
  }
  const db = openStateFor(loaded.stateDbPath, options.dryRun);
  const state = createState(db, { pid: deps.pid, host: deps.host || os.hostname(), isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS });
  const stats = newStats();
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
  const spClients = new Map<string, HttpClient>();
  return {
    deps,
    options,
    loaded,
    state,
    stats,
    retry,
    sellers,
    allocadence,
    allocadenceOrders: new AllocadenceOrders(allocadence),
    allocadenceItems: new AllocadenceItems(allocadence),
    documents: new HttpClient({ system: 'amazon', baseURL: '', timeoutMs: config.amazon.timeoutMs * 4, retry, deps: httpDeps, stats, describeError: () => ({}) }),
    spApi(seller) {
      let client = spClients.get(seller.name);
      if (!client) {
        const refreshToken = secrets.refreshTokens[seller.name] ?? '';
        client = createSpApiClient({ amazon: config.amazon, seller, refreshToken, lwa, retry, deps: httpDeps, stats });
        spClients.set(seller.name, client);
      }
      return client;
    },
    close: () => db.close(),
  };
}

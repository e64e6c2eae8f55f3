import fs from 'node:fs';
import os from 'node:os';
import { createAllocadence, type Allocadence } from '../allocadence/adapter';
import { lwaTokenUrl } from '../amazon/endpoints';
import { LwaTokenProvider } from '../amazon/lwa';
import { createSpApiClient, createSpApiLimiter } from '../amazon/sp-api';
import { loadConfig, type LoadedConfig } from '../config/load';
import { registerSecrets } from '../config/redact-secrets';
import type { SellerConfig } from '../config/schema';
import type { Deps } from '../deps';
import { UsageError } from '../errors';
import { HttpClient, newStats, type HttpStats } from '../http/client';
import type { RateLimiter } from '../http/rate-limiter';
import { RemoteClock } from '../http/remote-clock';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry-policy';
import { checkStateFolder, createState, openState, type State } from '../state';
import { localIoError } from '../state/io-errors';
import { LOCK_STALE_MS } from '../state/lock';
import { iso } from '../time';
import { sellerDeadline } from './deadline';

export interface SessionOptions {
  config: string;
  seller?: string;
  dryRun: boolean;
  /** `--max-minutes`, counted from the session's opening; without it a run has no deadline. */
  maxMinutes?: number;
  /** Tests only: see Deps.stateGrowthLimitPages. */
  stateGrowthLimitPages?: number;
}

/** What one sync command works with, for all its sellers: config, state, and clients for both systems. */
export interface Session {
  deps: Deps;
  dryRun: boolean;
  loaded: LoadedConfig;
  state: State;
  stats: HttpStats;
  sellers: SellerConfig[];
  allocadence: Allocadence;
  /** Presigned report and feed documents: no SP-API token, no rate limit. */
  documents: HttpClient;
  /** The seller's SP-API client, with its own rate-limit buckets (made on first use). */
  spApi(seller: SellerConfig): HttpClient;
  /** The deadline of a run of this seller starting now: it shares the command's remaining time with the sellers after it. */
  deadlineFor(seller: SellerConfig): number | undefined;
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

function sellersOf(loaded: LoadedConfig, only: string | undefined): SellerConfig[] {
  const all = loaded.config.sellers;
  const sellers = only ? all.filter((s) => s.name === only) : all;
  if (sellers.length === 0)
    throw new UsageError(`no seller named "${only}" in ${loaded.configPath} (known: ${all.map((s) => s.name).join(', ')})`);
  return sellers;
}

/** What every client of a run shares: the retry policy, the injected clock and logger, the HTTP counters, the LWA token cache. */
function sharedHttp(deps: Deps, loaded: LoadedConfig) {
  const { config, secrets } = loaded;
  const stats: HttpStats = { ...newStats(), remoteClock: new RemoteClock(deps.clock, deps.logger) };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const httpDeps = {
    clock: deps.clock,
    sleep: deps.sleep,
    random: deps.random,
    logger: deps.logger,
    redact: (text: string) => deps.redactor.redact(text),
  };
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
  return { stats, retry, httpDeps, lwa };
}

export function openSession(deps: Deps, options: SessionOptions): Session {
  const loaded = loadConfig(options.config, deps.env);
  const { config, secrets } = loaded;
  for (const w of loaded.warnings) deps.logger.warn(w);
  registerSecrets(deps.redactor, secrets);
  const sellers = sellersOf(loaded, options.seller);
  const db = openStateFor(loaded.stateDbPath, options.dryRun, options.stateGrowthLimitPages);
  const state = createState(db, {
    pid: deps.pid,
    host: deps.host || os.hostname(),
    isAlive: deps.isProcessAlive,
    staleAfterMs: LOCK_STALE_MS,
  });
  const { stats, retry, httpDeps, lwa } = sharedHttp(deps, loaded);
  const spClients = new Map<string, { client: HttpClient; limiter: RateLimiter }>();
  const deadline = options.maxMinutes === undefined ? undefined : deps.clock() + options.maxMinutes * 60_000;
  return {
    deps,
    dryRun: options.dryRun,
    loaded,
    state,
    stats,
    sellers,
    allocadence: createAllocadence(config.allocadence, secrets, retry, httpDeps, stats),
    documents: new HttpClient({
      system: 'amazon',
      baseURL: '',
      timeoutMs: config.amazon.timeoutMs * 4,
      retry,
      deps: httpDeps,
      stats,
      describeError: () => ({}),
    }),
    spApi(seller) {
      let sp = spClients.get(seller.name);
      if (!sp) {
        const refreshToken = secrets.refreshTokens[seller.name] ?? '';
        const limiter = createSpApiLimiter(config.amazon, httpDeps, state.rateBuckets.load(seller.name));
        sp = {
          client: createSpApiClient({ amazon: config.amazon, seller, refreshToken, lwa, retry, deps: httpDeps, stats, limiter }),
          limiter,
        };
        spClients.set(seller.name, sp);
      }
      return sp.client;
    },
    deadlineFor: (seller) =>
      deadline === undefined ? undefined : sellerDeadline(deadline, deps.clock(), sellers.length - sellers.indexOf(seller)),
    close() {
      // What the buckets hold now is what the next run starts from (a dry run's state file is read-only).
      try {
        if (!options.dryRun) for (const [name, sp] of spClients) state.rateBuckets.save(name, sp.limiter.snapshot(), iso(deps.clock()));
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Opens a session, runs `body`, and closes it whatever happens. Closing may fail the same way the
 * body did (a full disk): the error that stopped the command is the one told, as a local I/O error
 * naming the state file when it is one.
 */
export async function withSession<R>(deps: Deps, options: SessionOptions, body: (session: Session) => Promise<R>): Promise<R> {
  let session: Session | undefined;
  let result: R;
  try {
    session = openSession(deps, options);
    result = await body(session);
  } catch (err) {
    try {
      session?.close();
    } catch {
      // the error above is the one to tell
    }
    throw session ? (localIoError(err, session.loaded.stateDbPath) ?? err) : err;
  }
  try {
    session.close();
  } catch (err) {
    throw localIoError(err, session.loaded.stateDbPath) ?? err;
  }
  return result;
}

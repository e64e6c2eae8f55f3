import fs from 'node:fs';
import os from 'node:os';
import { createAllocadence, type Allocadence } from '../allocadence/adapter';
import { lwaTokenUrl } from '../amazon/endpoints';
import { LwaTokenProvider } from '../amazon/lwa';
import { createSpApiClient, createSpApiLimiter } from '../amazon/sp-api';
import { loadConfig, type LoadedConfig } from '../config/load';
import { registerSecrets } from '../config/redact-secrets';
import type { SellerConfig } from '../config/schema';
import { shardName, type Shard } from '../config/shard';
import type { Deps } from '../deps';
import { UsageError } from '../errors';
import { HttpClient, newStats, type HttpStats } from '../http/client';
import { Gate } from '../http/gate';
import type { RateLimiter } from '../http/rate-limiter';
import { RemoteClock } from '../http/remote-clock';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry-policy';
import { checkStateFolder, createState, openState, type State } from '../state';
import { localIoError } from '../state/io-errors';
import { LOCK_STALE_MS } from '../state/lock';
import { iso } from '../time';
import { sellerDeadline } from './deadline';
import { stoppableSleep } from './stop';

export interface SessionOptions {
  config: string;
  seller?: string;
  shard?: Shard;
  dryRun: boolean;
  /** `--max-minutes`, counted from the session's opening; without it a run has no deadline. */
  maxMinutes?: number;
  /** `--parallel`: sellers run side by side at most; the config's `concurrency.sellers` without it. */
  parallel?: number;
  /** Tests only: see Deps.stateGrowthLimitPages. */
  stateGrowthLimitPages?: number;
  /** A lock held elsewhere for longer than this draws a warning (see RunEnv). */
  lockOverdueMs?: number;
}

/** What one sync command works with, for all its sellers: config, state, and clients for both systems. */
export interface Session {
  deps: Deps;
  dryRun: boolean;
  lockOverdueMs?: number;
  loaded: LoadedConfig;
  state: State;
  stats: HttpStats;
  sellers: SellerConfig[];
  /** How many sellers run side by side (1: one after another). */
  parallel: number;
  allocadence: Allocadence;
  /** Presigned report and feed documents: no SP-API token, no rate limit. */
  documents: HttpClient;
  /** Aborted by SIGINT or SIGTERM (its reason names which): every run of the session stops after the request in flight. */
  stop: AbortSignal;
  /** deps.sleep, cut short by the stop: rate-limit waits, back-offs and polls. */
  sleep: (ms: number) => Promise<void>;
  /** The seller's SP-API client, with its own rate-limit buckets (made on first use). */
  spApi(seller: SellerConfig): HttpClient;
  /**
   * The deadline of a run of this seller starting now. Side by side, every seller has the command's
   * deadline; one after another, each shares the command's remaining time with the sellers after it.
   */
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
  if (only && sellers.length === 0)
    throw new UsageError(`no seller named "${only}" in ${loaded.configPath} (known: ${all.map((s) => s.name).join(', ')})`);
  return sellers;
}

export function openSession(deps: Deps, options: SessionOptions): Session {
  const loaded = loadConfig(options.config, deps.env, options.seller, options.shard);
  const { config, secrets } = loaded;
  for (const w of loaded.warnings) deps.logger.warn(w);
  registerSecrets(deps.redactor, secrets);
  const sellers = sellersOf(loaded, options.seller);
  // Shards are cut by name, so one can be empty (few sellers, many shards): nothing to do is no error.
  if (options.shard && sellers.length === 0 && loaded.unusable.length === 0)
    deps.logger.info(`no seller of ${loaded.configPath} is in shard ${shardName(options.shard)}: nothing to do`);
  const db = openStateFor(loaded.stateDbPath, options.dryRun, options.stateGrowthLimitPages);
  const state = createState(db, {
    pid: deps.pid,
    host: deps.host || os.hostname(),
    isAlive: deps.isProcessAlive,
    staleAfterMs: LOCK_STALE_MS,
  });
  const stats: HttpStats = { ...newStats(), remoteClock: new RemoteClock(deps.clock, deps.logger) };
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const sleep = stoppableSleep(deps.sleep, deps.stop);
  const httpDeps = {
    clock: deps.clock,
    sleep,
    stop: deps.stop,
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
  const spClients = new Map<string, { client: HttpClient; limiter: RateLimiter }>();
  const deadline = options.maxMinutes === undefined ? undefined : deps.clock() + options.maxMinutes * 60_000;
  const parallel = Math.max(1, Math.min(options.parallel ?? config.concurrency.sellers, sellers.length));
  return {
    deps,
    stop: deps.stop,
    sleep,
    dryRun: options.dryRun,
    ...(options.lockOverdueMs === undefined ? {} : { lockOverdueMs: options.lockOverdueMs }),
    loaded,
    state,
    stats,
    sellers,
    parallel,
    allocadence: createAllocadence(config.allocadence, secrets, retry, httpDeps, stats, new Gate(config.concurrency.allocadenceRequests)),
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
        const limiter = createSpApiLimiter(
          config.amazon,
          httpDeps,
          state.rateBuckets.load(seller.name),
          state.submissionWindows.of(seller.name, config.amazon.region),
        );
        sp = {
          client: createSpApiClient({ amazon: config.amazon, seller, refreshToken, lwa, retry, deps: httpDeps, stats, limiter }),
          limiter,
        };
        spClients.set(seller.name, sp);
      }
      return sp.client;
    },
    deadlineFor: (seller) =>
      deadline === undefined || parallel > 1 ? deadline : sellerDeadline(deadline, deps.clock(), sellers.length - sellers.indexOf(seller)),
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

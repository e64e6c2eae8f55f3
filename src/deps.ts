import os from 'node:os';
import type { GlobalFlags } from './commands/options';
import { locateConfig, SYSTEM_CONFIG, type ConfigSearch } from './config/locate';
import { createLogger, type Logger } from './output/log';
import { Redactor } from './output/redact';
import { createStatusLine, type StatusLine } from './output/status-line';
import { processIsAlive } from './state/lock';
import { setTimeout as delay } from 'node:timers/promises';
import { NEVER_STOPPED } from './sync/stop';

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
  /** Aborted (reason `SIGINT` or `SIGTERM`) when the run is asked to stop; never, outside a sync command. */
  stop: AbortSignal;
  /** Where a config not named by --config is looked for. */
  configSearch: ConfigSearch;
  /** Tests only (see OpenOptions.growthLimitPages): the state file meets a real SQLITE_FULL after this many new pages. */
  stateGrowthLimitPages?: number;
}

/** The process's own streams and environment; tests pass their own. */
export interface Io {
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
  err: (s: string) => void;
  errIsTTY: boolean;
  /** Starts watching SIGINT and SIGTERM for a sync command: its signal aborts on the first; a second ends the process at once. */
  watchStop?: () => AbortSignal;
}

function makeLogger(
  global: GlobalFlags,
  io: Io,
  redactor: Redactor,
  clock: () => number,
  format: 'text' | 'json',
  statusLine: StatusLine | undefined,
): Logger {
  // NO_COLOR: any non-empty value turns colour off (no-color.org).
  const color = format === 'text' && io.errIsTTY && global.color && !io.env.NO_COLOR;
  return createLogger({
    format,
    color,
    minLevel: global.quiet ? 'warn' : 'info',
    redactor,
    write: (l) => io.err(`${l}\n`),
    clock,
    ...(statusLine ? { statusLine } : {}),
  });
}

/**
 * Set only by tests that run the built program, which can inject nothing else: deliberately not
 * documented for users. ALLOC_AMAZON_TEST_STATE_GROWTH_PAGES lets the state file grow by that many
 * pages, so a test meets a real "disk full" from SQLite in the middle of a run.
 */
function testHooks(env: NodeJS.ProcessEnv): Partial<Deps> {
  const pages = Number(env.ALLOC_AMAZON_TEST_STATE_GROWTH_PAGES ?? '');
  return env.ALLOC_AMAZON_TEST_STATE_GROWTH_PAGES && Number.isInteger(pages) && pages >= 0 ? { stateGrowthLimitPages: pages } : {};
}

/** The real world: wall clock, real sleep, Math.random. Tests pass their own through `overrides`. */
export function realDeps(global: GlobalFlags, io: Io, overrides: Partial<Deps> = {}): Deps {
  const redactor = overrides.redactor ?? new Redactor();
  const clock = overrides.clock ?? Date.now;
  const stop = overrides.stop ?? NEVER_STOPPED;
  // Text everywhere by default: cron mail, a pipe and a terminal are read by people; a log shipper asks for JSON.
  const format = global.logFormat ?? 'text';
  const statusLine = format === 'text' && io.errIsTTY && !global.quiet ? createStatusLine(io.err, clock) : undefined;
  return {
    env: io.env,
    clock,
    // A stop clears the timer, so a stopped run's process is not held up by a poll's minute-long wait.
    sleep: (ms) => delay(ms, undefined, stop === NEVER_STOPPED ? {} : { signal: stop }),
    random: Math.random,
    logger: makeLogger(global, io, redactor, clock, format, statusLine),
    redactor,
    // A report on stdout replaces the progress line on stderr, when both are the same terminal.
    out: statusLine
      ? (text) => {
          statusLine.clear();
          io.out(text);
        }
      : io.out,
    pid: process.pid,
    host: os.hostname(),
    isProcessAlive: processIsAlive,
    stop,
    configSearch: { cwd: process.cwd(), systemPath: SYSTEM_CONFIG },
    ...testHooks(io.env),
    ...overrides,
  };
}

/** The config file this command reads: --config, else where config/locate.ts looks; a UsageError naming every place tried. */
export function configPathOf(deps: Deps, global: GlobalFlags): string {
  return locateConfig(global.config, deps.env, deps.configSearch);
}

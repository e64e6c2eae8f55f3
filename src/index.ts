import os from 'node:os';
import { parseArgv, type GlobalFlags, type ParsedCommand } from './cli';
import type { CommandContext, Deps } from './commands/context';
import { errorMessage, EXIT, LockHeldError, UsageError } from './errors';
import { createLogger, type Logger } from './output/log';
import { Redactor } from './output/redact';
import { safeText } from './output/safe-text';
import { localIoError } from './state/io-errors';
import { createStatusLine } from './output/status-line';
import { processIsAlive } from './state/lock';

export interface Io {
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
  err: (s: string) => void;
  errIsTTY: boolean;
}

function makeLogger(global: GlobalFlags, io: Io, redactor: Redactor, clock: () => number): Logger {
  const format = global.logFormat ?? (io.errIsTTY ? 'text' : 'json');
  // NO_COLOR: any non-empty value turns colour off (no-color.org).
  const color = format === 'text' && io.errIsTTY && global.color && !io.env.NO_COLOR;
  const statusLine = format === 'text' && io.errIsTTY && !global.quiet ? { statusLine: createStatusLine(io.err, clock) } : {};
  return createLogger({ format, color, minLevel: global.quiet ? 'warn' : 'info', redactor, write: (l) => io.err(`${l}\n`), clock, ...statusLine });
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
  return {
    env: io.env,
    clock,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    logger: makeLogger(global, io, redactor, clock),
    redactor,
    out: io.out,
    pid: process.pid,
    host: os.hostname(),
    isProcessAlive: processIsAlive,
    ...testHooks(io.env),
    ...overrides,
  };
}

async function runSync(parsed: Extract<ParsedCommand, { kind: 'sync' }>, deps: Deps): Promise<number> {
  let ctx: CommandContext | undefined;
  let code: number;
  try {
    // Loaded here, not at the top: --help, --version and status start without the API clients.
    const { createContext } = await import('./commands/context');
    const { DEFAULT_MAX_MINUTES } = await import('./sync/deadline');
    ctx = createContext(deps, {
      config: parsed.global.config,
      ...(parsed.global.seller ? { seller: parsed.global.seller } : {}),
      dryRun: parsed.global.dryRun,
      json: parsed.global.json,
      maxMinutes: parsed.global.maxMinutes ?? DEFAULT_MAX_MINUTES[parsed.command],
      ...(deps.stateGrowthLimitPages === undefined ? {} : { stateGrowthLimitPages: deps.stateGrowthLimitPages }),
    });
    const since = parsed.options.since ? { since: parsed.options.since } : {};
    const { report } = await import('./output/run-report');
    let summaries;
    if (parsed.command === 'pull-orders') summaries = await (await import('./commands/pull-orders')).pullOrders(ctx, since);
    else if (parsed.command === 'pull-items') summaries = await (await import('./commands/pull-items')).pullItems(ctx, since);
    else if (parsed.command === 'push-stock') summaries = await (await import('./commands/push-stock')).pushStock(ctx, { full: parsed.options.full === true });
    else if (parsed.command === 'push-shipments') summaries = await (await import('./commands/push-shipments')).pushShipments(ctx, since);
    else summaries = await (await import('./commands/push-status')).pushStatus(ctx, since);
    code = report(deps, parsed.command, summaries, parsed.global.json);
  } catch (err) {
    // Closing may fail the same way (a full disk); the error that stopped the command is the one to tell.
    try {
      ctx?.close();
    } catch {
      // reported below
    }
    throw ctx ? (localIoError(err, ctx.loaded.stateDbPath) ?? err) : err;
  }
  try {
    ctx.close();
  } catch (err) {
    throw localIoError(err, ctx.loaded.stateDbPath) ?? err;
  }
  return code;
}

/** What an operator needs to know after exit 74: nothing is lost, and what the next run finds. */
const LOCAL_IO_NEXT =
  'the run stopped there. Make room (or repair the file system) and let the next run go ahead: it continues from the last saved checkpoint, ' +
  'and what this run did on either side is found again, not repeated (if this run could not record its end, status shows it as never finished and its lock is taken over)';

/** Runs one command and returns its exit code. The only place outcomes become exit codes. */
export async function main(argv: readonly string[], io: Io, overrides: Partial<Deps> = {}): Promise<number> {
  const parsed = parseArgv(argv, { out: io.out, err: io.err });
  if (parsed.kind === 'exit') return parsed.code;
  const deps = realDeps(parsed.global, io, overrides);
  try {
    switch (parsed.kind) {
      case 'sync':
        return await runSync(parsed, deps);
      case 'status': {
        const { status } = await import('./commands/status');
        return status(deps, parsed.global);
      }
      case 'check': {
        const { check } = await import('./commands/check');
        return await check(deps, parsed.global, parsed.options);
      }
      case 'smoke': {
        const { smoke } = await import('./commands/smoke');
        return await smoke(deps, parsed.global, parsed.options);
      }
      case 'simulate': {
        const { simulate } = await import('./commands/simulate');
        return await simulate(deps, parsed.options);
      }
      case 'demo': {
        const { demo } = await import('./commands/demo');
        return await demo(deps, parsed.options);
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      deps.logger.error(errorMessage(err));
      return EXIT.usage;
    }
    if (err instanceof LockHeldError) {
      deps.logger.warn(errorMessage(err));
      return EXIT.locked;
    }
    const local = localIoError(err);
    if (local) {
      deps.logger.error(`${local.message}; ${LOCAL_IO_NEXT}`);
      return EXIT.localIo;
    }
    deps.logger.error('unexpected error', { error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
    return EXIT.remote;
  }
}

export function runFromProcess(): void {
  const io: Io = {
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    errIsTTY: Boolean(process.stderr.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`alloc-amazon: ${safeText(errorMessage(err))}\n`);
      process.exitCode = EXIT.remote;
    },
  );
}

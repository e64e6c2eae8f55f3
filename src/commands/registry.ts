import type { Deps } from '../deps';
import { collect, positiveInt, sinceOption, type GlobalFlags, type OptionSpec, type SyncFlags } from './options';
import type { DirectionFactory, DirectionSource } from '../sync/direction';

/** What a sync direction is to the program: its subcommand, schedule and options, and what builds it. */
export interface DirectionEntry extends DirectionSource {
  kind: 'direction';
  /** One line for --help: from where to where, what, how often. */
  description: string;
  /** More --help text, after the options. */
  help?: string;
  /** The documented maximum cron interval (DESIGN §1): crontab.example keeps to it. */
  cronMinutes: number;
  /**
   * `--max-minutes` when not given: below the cron interval, so a run that meets a backlog stops
   * before the next one is due instead of overlapping it (which would only make the next one exit
   * 75). The margin covers writing the pages already read.
   */
  maxMinutes: number;
  options: readonly OptionSpec[];
  /** The direction, loaded only when it runs: --help and --version start without the API clients. */
  load(): Promise<DirectionFactory>;
}

/** A command that is not a sync direction: it runs on its own and returns its exit code. */
export interface OperatorEntry {
  kind: 'operator';
  description: string;
  help?: string;
  options: readonly OptionSpec[];
  /** `flags` as commander parsed them from `options`. */
  run(deps: Deps, global: GlobalFlags, flags: unknown, directions: readonly string[]): Promise<number>;
}

/** Typed flags inside, one cast at the boundary: commander's values are only as typed as the option specs. */
function operator(
  e: Omit<OperatorEntry, 'kind' | 'run'> & {
    run(deps: Deps, global: GlobalFlags, flags: never, directions: readonly string[]): Promise<number>;
  },
): OperatorEntry {
  return { ...e, kind: 'operator', run: (deps, global, flags, directions) => e.run(deps, global, flags as never, directions) };
}

function direction(e: Omit<DirectionEntry, 'kind'>): DirectionEntry {
  return { ...e, kind: 'direction' };
}

/**
 * Every command, in the order --help lists them: the sync directions first, in the order `status`
 * lists them (DESIGN §1), then the operator commands. This is the dispatch table: a command gets
 * parsed, helped and run only through its entry here. A new direction is a folder under
 * src/commands/ and an entry here; the CLI, --help, `status`, `check` and the crontab test read it.
 */
export const COMMANDS = {
  'pull-items': direction({
    description: 'Amazon → Allocadence: listings (with variations) become items; first run imports quantities. Every 4 h.',
    cronMinutes: 240,
    maxMinutes: 200,
    options: [sinceOption('read listings created since this instant')],
    load: async () => (await import('./pull-items')).pullItems,
  }),
  'pull-orders': direction({
    description: 'Amazon → Allocadence: new open orders become customer orders; Amazon cancellations cancel them. Every 15 min.',
    help:
      '\nReads orders last updated in [checkpoint − lookback, now − 2 min]; the first run reads orders.initialLookbackDays back.' +
      '\nOnly UNSHIPPED and PARTIALLY_SHIPPED orders of the configured channels are imported (PENDING with orders.importPending).' +
      '\nAn order whose SKU Allocadence does not know is reported (exit 1) and retried next run.',
    cronMinutes: 15,
    // A searchOrders page waited for is never sent after the deadline.
    maxMinutes: 12,
    options: [sinceOption('read orders updated since this instant instead of since the checkpoint')],
    load: async () => (await import('./pull-orders')).pullOrders,
  }),
  'push-stock': direction({
    description: 'Allocadence → Amazon: sellable stock becomes the quantity of merchant-fulfilled listings. Daily at 00:00.',
    cronMinutes: 1440,
    // A push still going after two hours is held up by Amazon's limits; what is left is pushed by
    // the next run (it pushes what differs from the last push), and the summary says how much.
    maxMinutes: 120,
    options: [{ flags: '--full', description: 'push every quantity, not only the changed ones' }],
    load: async () => (await import('./push-stock')).pushStock,
  }),
  'push-shipments': direction({
    description: 'Allocadence → Amazon: carrier, service and tracking confirm each shipped package. Every hour.',
    cronMinutes: 60,
    maxMinutes: 50,
    options: [sinceOption('read shipments since this instant instead of since the checkpoint')],
    load: async () => (await import('./push-shipments')).pushShipments,
  }),
  'push-status': direction({
    description:
      'Allocadence → Amazon: orders cancelled in the warehouse are cancelled on Amazon; orders completed without a shipment record are marked shipped. Every hour.',
    cronMinutes: 60,
    maxMinutes: 50,
    options: [sinceOption('read order changes since this instant instead of since the checkpoint')],
    load: async () => (await import('./push-status')).pushStatus,
  }),
  check: operator({
    description:
      'Before the first cron run: validates the config, secrets and state file, then makes one harmless call per Amazon and Allocadence API the tool uses ' +
      '(read-only; calls that only write are probed with an id that matches nothing). Prints a table and which features cannot work.',
    options: [
      { flags: '--offline', description: 'check config, secrets and state file only; no network', default: false },
      {
        flags: '--record <file>',
        description:
          'also read a small page of every Allocadence call and write the shape of each answer to FILE (JSON: keys, types, date patterns; no values), then compare it with what the tool reads',
        conflicts: 'offline',
      },
    ],
    help:
      '\nWith --record, each Allocadence answer is compared with what the tool reads: a mismatch names the call, the field and what the tool expects, and the features it stops;' +
      ' a form the tool also reads (the other envelope, keys in another case) is an accepted alternative. The file holds no buyer data, SKUs or ids: send it with any question.' +
      '\n\nExit codes: 0 every enabled feature can work; 2 config, secrets or state file wrong; 3 a remote system refused or lacks a call, or answers in a shape the tool cannot read; 74 the --record file could not be written.',
    run: async (deps, global, flags, directions) => (await import('./check')).check(deps, global, flags, directions),
  }),
  smoke: operator({
    description:
      "CI against Amazon's static sandbox: calls each SP-API operation the tool uses with the inputs the sandbox documents and checks that every answer reads into the tool's types. " +
      'Needs LWA credentials and a refresh token; Allocadence is not called.',
    options: [
      {
        flags: '--sandbox',
        description:
          "required: the sandbox inputs include writes meant for the sandbox alone (uses amazon.endpoint if set, else the region's sandbox host)",
        default: false,
      },
    ],
    help: '\nExit codes: 0 every call answered as documented; 2 config or secrets missing, or --sandbox not given; 3 a call failed or its answer did not fit.',
    run: async (deps, global, flags) => (await import('./smoke')).smoke(deps, global, flags),
  }),
  status: operator({
    description:
      'What happened: per seller and direction, the last run (time, outcome, counts), checkpoint, items waiting for retry with their last error, and the lock holder. ' +
      'Reads the state file only; --json for scripts and monitoring.',
    options: [],
    run: async (deps, global, _flags, directions) => (await import('./status')).status(deps, global, directions),
  }),
  simulate: operator({
    description:
      'Start simulated Amazon (SP-API + LWA) and Allocadence servers on 127.0.0.1 with a seeded seller, write DIR/config.json and DIR/.env pointing at them, ' +
      'print {"amazon","allocadence","config"} as one JSON line, and serve until Ctrl-C.',
    options: [
      { flags: '--dir <dir>', description: 'folder for config.json, .env and the state file', required: true },
      { flags: '--orders <n>', description: 'seeded Amazon orders', parse: positiveInt, default: 40 },
      {
        flags: '--listings <n>',
        description: 'seeded Amazon listings (1 in 20 a variation parent with 3 children, 1 in 20 FBA)',
        parse: positiveInt,
        default: 60,
      },
      { flags: '--seed <n>', description: 'seed: the same seed gives the same world', parse: positiveInt, default: 1 },
      {
        flags: '--rate <op=rate/burst>',
        description: "override an operation's rate limit, e.g. searchOrders=1/5 (repeatable)",
        parse: collect,
        default: [],
      },
      {
        flags: '--faults <spec>',
        description:
          'inject faults: a fraction (0.2) or KIND=FRACTION,… with KIND in 429, 500, 503, slow, malformed, reset, reset-after, timeout, html, expire, fatal, cancelled',
      },
      {
        flags: '--sandbox',
        description: 'Amazon plays its static sandbox: only the documented sandbox inputs are answered (try `smoke --sandbox` against it)',
      },
      {
        flags: '--time-zone <iana>',
        description: "the warehouse account's time zone, e.g. Asia/Tokyo (default America/Phoenix); the written config names it",
      },
    ],
    help: '\nAdmin routes (for tests and demos) are listed in the README.',
    run: async (deps, _global, flags) => (await import('./simulate')).simulate(deps, flags),
  }),
  demo: operator({
    description: 'No credentials needed: starts both simulators in-process, runs the sync, and prints what happened.',
    options: [
      { flags: '--seed <n>', description: 'seed of the simulated world', parse: positiveInt, default: 7 },
      { flags: '--orders <n>', description: 'seeded Amazon orders', parse: positiveInt, default: 24 },
    ],
    run: async (deps, _global, flags, directions) => (await import('./demo')).demo(deps, flags, directions),
  }),
} satisfies Record<string, DirectionEntry | OperatorEntry>;

export type CommandName = keyof typeof COMMANDS;
export type DirectionName = { [K in CommandName]: (typeof COMMANDS)[K] extends DirectionEntry ? K : never }[CommandName];
export type OperatorName = Exclude<CommandName, DirectionName>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const DIRECTION_NAMES = COMMAND_NAMES.filter((name): name is DirectionName => COMMANDS[name].kind === 'direction');

/** Each direction's default `--max-minutes`. */
export const DEFAULT_MAX_MINUTES = Object.fromEntries(DIRECTION_NAMES.map((d) => [d, COMMANDS[d].maxMinutes])) as Readonly<
  Record<DirectionName, number>
>;

/** `alloc-amazon <direction>`: the direction for every seller the options name, reported; the exit code. */
export async function runDirection(deps: Deps, name: DirectionName, global: GlobalFlags, flags: SyncFlags): Promise<number> {
  const { syncCommand } = await import('../sync/command');
  return syncCommand(deps, name, COMMANDS[name], global, flags);
}

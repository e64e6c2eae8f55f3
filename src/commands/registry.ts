import type { Deps } from '../deps';
import type { CheckFlags } from './check/types';
import type { CheckpointFlags } from './checkpoint';
import type { DemoFlags } from './demo';
import { collect, hours, isoDate, positiveInt, sinceOption, type GlobalFlags, type SyncFlags } from './options';
import type { ReconcileFlags } from './reconcile';
import type { SimulateFlags } from './simulate';
import type { SmokeFlags } from './smoke';
import type { SellerConfig } from '../config/schema';
import { durationMs } from './status/duration';
import type { StatusFlags } from './status';
import { STATUS_HELP, statusFormat } from './status/help';
import { direction, operator, type DirectionEntry, type OperatorEntry } from './entry';

/**
 * Every command, in the order --help lists them: the sync directions first, in the order `status`
 * lists them (DESIGN §1), then the operator commands. This is the dispatch table: a command gets
 * parsed, helped and run only through its entry here. A new direction is a folder under
 * src/commands/ and an entry here; the CLI, --help, `status`, `check` and the crontab test read it.
 */
export const COMMANDS = {
  'pull-items': direction({
    description:
      'Amazon → Allocadence: listings (with variations) become items (their quantities too on a first run, with items.importQuantities). Every 4 h.',
    cronMinutes: 240,
    maxMinutes: 200,
    usedBy: (seller) => seller.synchronizeItems,
    options: [sinceOption('read listings created since this instant')],
    load: async () => (await import('./pull-items')).pullItems,
  }),
  'pull-orders': direction({
    description:
      "Amazon → Allocadence: new open orders become customer orders; cancellations, buyers' cancel requests and edits on Amazon reach them. Every 15 min.",
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
  'redact-pii': direction({
    description:
      "Allocadence: the buyer's name, address, phone and e-mail are blanked on Amazon orders completed more than privacy.redactAfterDays ago (opt-in per seller). Daily.",
    help:
      '\nOnly completed orders this tool created, or whose number and note or source say they are Amazon orders of this seller, are changed; each once.' +
      '\nSellers without privacy.redactAfterDays are skipped (the run says so).',
    cronMinutes: 1440,
    maxMinutes: 120,
    usedBy: (seller) => seller.privacy.redactAfterDays !== undefined,
    options: [sinceOption('look at orders completed since this instant instead of since the checkpoint')],
    load: async () => (await import('./redact-pii')).redactPii,
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
    run: async (deps, global, flags: CheckFlags, directions) => (await import('./check')).check(deps, global, flags, directions),
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
    run: async (deps, global, flags: SmokeFlags) => (await import('./smoke')).smoke(deps, global, flags),
  }),
  status: operator({
    description:
      'What happened: per seller and direction, the last run (time, outcome, counts), checkpoint, items waiting for retry with their last error, and the lock holder. ' +
      'Reads the state file only; --json for scripts, --check for Nagios/Icinga, --format prometheus for node_exporter.',
    options: [
      {
        flags: '--check',
        description:
          'monitoring-plugin check: one line "ALLOC-AMAZON OK|WARNING|CRITICAL|UNKNOWN - …" (perfdata after |), then one line per seller and direction',
        conflicts: ['format', 'output'],
      },
      {
        flags: '--max-age <duration>',
        description:
          "with --check: the age of a direction's last success that is critical, for every direction, e.g. 90m, 2h, 1d (default: twice its cron interval)",
        parse: durationMs,
      },
      {
        flags: '--format <format>',
        description: 'text (default), json (as --json) or prometheus (text exposition format)',
        parse: statusFormat,
      },
      {
        flags: '--output <file>',
        description:
          "write to FILE instead of stdout, atomically (a temporary file beside it, then renamed), world-readable: for node_exporter's textfile collector",
      },
    ],
    help: STATUS_HELP,
    run: async (deps, global, flags: StatusFlags, directions): Promise<number> =>
      (await import('./status')).status(deps, global, directions, flags, { cronMinutes, uses }),
  }),
  checkpoint: operator({
    description:
      "Show or set where a direction's next run starts: `checkpoint [show]` lists every checkpoint (and unfinished --since back-fills); " +
      "`checkpoint set DIRECTION ISO` moves one, under the direction's lock. Reads and writes the state file only.",
    arguments: '[action] [words...]',
    options: [
      { flags: '--direction <name>', description: 'show: this direction only' },
      { flags: '--marketplace <id>', description: "set: this marketplace only (default: every one of the seller's)" },
    ],
    help:
      '\nExamples:\n  alloc-amazon checkpoint show --seller acme-us --direction pull-orders\n' +
      '  alloc-amazon checkpoint set pull-orders 2026-11-01T00:00:00Z --seller acme-us [--marketplace ATVPDKIKX0DER] [--dry-run]\n' +
      "\nset refuses an instant in the future, takes the direction's lock while it writes, and prints old → new; --dry-run only prints." +
      '\n\nExit codes: 0 done; 2 usage, config or state file error; 74 the state file could not be written; 75 a run of that direction holds its lock.',
    run: async (deps, global, flags: CheckpointFlags, directions): Promise<number> => {
      // A direction with a window takes --since; push-stock compares the whole set and keeps no checkpoint.
      const windowed: string[] = directions.filter((d: string): boolean => takesSince(d));
      return (await import('./checkpoint')).checkpoint(deps, global, flags, { windowed, all: directions });
    },
  }),
  reconcile: operator({
    description:
      'Are Amazon and Allocadence in agreement? Reads both (orders updated in the last 7 days, every merchant listing) and reports each disagreement by kind; ' +
      '--fix repairs what the directions themselves would, then reports what is left. Daily from cron with --quiet: it prints only when they disagree.',
    options: [
      { flags: '--since <iso>', description: 'compare orders last updated since this instant (default: 7 days ago)', parse: isoDate },
      {
        flags: '--fix',
        description:
          "repair through the directions' own write paths (import, cancel, confirm, push the cancel, push the quantity), then compare again",
        default: false,
      },
      {
        flags: '--late-within <hours>',
        description:
          "report a not-shipped order whose ship-by time is this close or past (default: the seller's reconcile.lateWithinHours, 24)",
        parse: hours,
      },
    ],
    help:
      '\nFinding kinds: missing-in-allocadence, cancel-not-applied, buyer-cancel-request, shipment-not-confirmed, cancel-not-pushed, late-shipment-risk, stock-drift, unknown-sku.' +
      '\n--fix never does what a direction would refuse (no cancel on Amazon of an order the warehouse still ships, no quantity above what the warehouse holds): such a finding stays, with the reason.' +
      '\n\nExit codes: 0 the systems agree (or every finding was fixed); 1 findings remain; 2 usage or configuration error; 3 a system could not be read; 74 the state file could not be written; 75 another reconcile for the seller is running.',
    // Daily, in the morning: a disagreement mails the day's first reader, before it costs a late shipment.
    schedule: { cronMinutes: 1440, maxMinutes: 120 },
    run: async (deps, global, flags: ReconcileFlags) =>
      (await import('./reconcile')).reconcile(deps, { ...global, maxMinutes: global.maxMinutes ?? 120 }, flags),
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
    help:
      '\nAdmin routes (for tests and demos) are listed in the README.' +
      '\n\nExit codes: 0 stopped with Ctrl-C (SIGINT) or SIGTERM; 2 usage error (a bad --rate or --faults, a missing --dir).',
    run: async (deps, _global, flags: SimulateFlags) => (await import('./simulate')).simulate(deps, flags),
  }),
  demo: operator({
    description: 'No credentials needed: starts both simulators in-process, runs the sync, and prints what happened.',
    options: [
      { flags: '--seed <n>', description: 'seed of the simulated world', parse: positiveInt, default: 7 },
      { flags: '--orders <n>', description: 'seeded Amazon orders', parse: positiveInt, default: 24 },
      { flags: '--keep', description: "keep the demo's temporary folder (config, .env, state file) instead of removing it at the end" },
    ],
    help: '\nExit codes: 0 every run of the story ended ok; 1 a run did not (its summary says why); 2 usage error.',
    run: async (deps, _global, flags: DemoFlags, directions) => (await import('./demo')).demo(deps, flags, directions),
  }),
} satisfies Record<string, DirectionEntry | OperatorEntry>;

function takesSince(name: string): boolean {
  const entry: DirectionEntry | OperatorEntry | undefined = (COMMANDS as Record<string, DirectionEntry | OperatorEntry>)[name];
  return entry?.kind === 'direction' && entry.options.some((o) => o.flags.startsWith('--since'));
}

export type CommandName = keyof typeof COMMANDS;
export type DirectionName = { [K in CommandName]: (typeof COMMANDS)[K] extends DirectionEntry ? K : never }[CommandName];
export type OperatorName = Exclude<CommandName, DirectionName>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const DIRECTION_NAMES = COMMAND_NAMES.filter((name): name is DirectionName => COMMANDS[name].kind === 'direction');

/** The direction named `name`, if it is one: status may show names from older state files. */
function directionOf(name: string): DirectionEntry | undefined {
  const entry: DirectionEntry | OperatorEntry | undefined = (COMMANDS as Record<string, DirectionEntry | OperatorEntry>)[name];
  return entry?.kind === 'direction' ? entry : undefined;
}

/** Whether `seller` uses the direction `name` (an unknown name: yes, so nothing is hidden). */
function uses(name: string, seller: SellerConfig): boolean {
  return directionOf(name)?.usedBy?.(seller) ?? true;
}

/** A direction's documented cron interval, in minutes: what `status --check` measures ages against. */
function cronMinutes(name: string): number {
  return directionOf(name)?.cronMinutes ?? 60;
}

/** Each direction's default `--max-minutes`. */
export const DEFAULT_MAX_MINUTES = Object.fromEntries(DIRECTION_NAMES.map((d) => [d, COMMANDS[d].maxMinutes])) as Readonly<
  Record<DirectionName, number>
>;

/** `alloc-amazon <direction>`: the direction for every seller the options name, reported; the exit code. */
export async function runDirection(deps: Deps, name: DirectionName, global: GlobalFlags, flags: SyncFlags): Promise<number> {
  const { syncCommand } = await import('../sync/command');
  return syncCommand(deps, name, COMMANDS[name], global, flags);
}

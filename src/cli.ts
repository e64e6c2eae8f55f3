import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_MINUTES } from './sync/deadline';

/** What argv asked for, fully parsed; index.ts runs it. Kept pure so it can be table-tested. */
export type ParsedCommand =
  | { kind: 'sync'; command: SyncCommandName; global: GlobalFlags; options: SyncFlags }
  | { kind: 'status'; global: GlobalFlags }
  | { kind: 'check'; global: GlobalFlags; options: CheckFlags }
  | { kind: 'smoke'; global: GlobalFlags; options: { sandbox: boolean } }
  | { kind: 'simulate'; global: GlobalFlags; options: SimulateFlags }
  | { kind: 'demo'; global: GlobalFlags; options: { seed: number; orders: number } }
  | { kind: 'exit'; code: number };

/** Kept in step with package.json by a test; read without loading package.json at start-up. */
export const VERSION = '0.1.0';

export const SYNC_COMMANDS = ['pull-items', 'pull-orders', 'push-stock', 'push-shipments', 'push-status'] as const;
export type SyncCommandName = (typeof SYNC_COMMANDS)[number];

export interface GlobalFlags {
  config: string;
  seller?: string;
  dryRun: boolean;
  logFormat?: 'text' | 'json';
  json: boolean;
  quiet: boolean;
  color: boolean;
  maxMinutes?: number;
}

export interface CheckFlags {
  offline: boolean;
  /** Where `--record` writes the shapes of the Allocadence answers. */
  record?: string;
}

export interface SyncFlags {
  since?: string;
  full?: boolean;
}

export interface SimulateFlags {
  dir: string;
  orders: number;
  listings: number;
  seed: number;
  rate: string[];
  faults?: string;
  sandbox?: boolean;
  timeZone?: string;
}

export const EXIT_CODES_HELP = `
Exit codes:
  0   done
  1   done, but some items failed (listed in the summary; retried next run)
  2   usage or configuration error (nothing was done)
  3   fatal remote error: authentication refused, or a system unreachable after retries
  74  local I/O error: the state file could not be written (disk full, read-only, I/O error);
      the message names the file and the cause, and the next run continues from the last checkpoint
  75  another run of this command for this seller holds the lock (cron will try again)`;

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an ISO-8601 date or date-time, e.g. 2026-11-01T00:00:00Z');
  }
  return new Date(value).toISOString();
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of minutes, e.g. 12 or 0.5');
  return n;
}

const MAX_MINUTES_HELP =
  'stop starting new work after this many minutes; the checkpoint keeps what is done and the next run continues from it, ' +
  'so a backlog never makes a cron run overlap the next one (default: below each command\'s cron interval, ' +
  Object.entries(DEFAULT_MAX_MINUTES).map(([c, m]) => `${c} ${m}`).join(', ') +
  ')';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Builds the program. `onParsed` receives the parsed command; help and usage errors end as
 * `{kind:'exit'}` with code 0 or 2, and commander never calls process.exit itself.
 */
export function buildProgram(onParsed: (p: ParsedCommand) => void, write: { out: (s: string) => void; err: (s: string) => void }): Command {
  const program = new Command('alloc-amazon')
    .description('Keeps an Allocadence warehouse and Amazon seller accounts in sync through the Selling Partner API.\nMeant for cron: each direction is one subcommand; see crontab.example.')
    .option('-c, --config <file>', 'config file; a .env beside it supplies secrets', './config.json')
    .option('-s, --seller <name>', 'run for this seller only (default: every seller in the config)')
    .option('-n, --dry-run', 'read both sides, write nothing, print what would change', false)
    .addOption(new Option('--log-format <format>', 'log lines on stderr (default: text on a terminal, json otherwise)').choices(['text', 'json']))
    .option('--json', 'print the run summary as JSON on stdout', false)
    .option('-q, --quiet', 'log warnings and errors only', false)
    .option('--no-color', 'no colours in text logs (NO_COLOR is honoured too)')
    .option('--max-minutes <n>', MAX_MINUTES_HELP, positiveNumber)
    .version(VERSION, '-V, --version')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .showHelpAfterError('(run with --help for usage)');

  const globals = (cmd: Command): GlobalFlags => cmd.optsWithGlobals<GlobalFlags>();

  program
    .command('pull-orders')
    .description('Amazon → Allocadence: new open orders become customer orders; Amazon cancellations cancel them. Every 15 min.')
    .option('--since <iso>', 'read orders updated since this instant instead of since the checkpoint', isoDate)
    .addHelpText('after', '\nReads orders last updated in [checkpoint − lookback, now − 2 min]; the first run reads orders.initialLookbackDays back.\nOnly UNSHIPPED and PARTIALLY_SHIPPED orders of the configured channels are imported (PENDING with orders.importPending).\nAn order whose SKU Allocadence does not know is reported (exit 1) and retried next run.' + EXIT_CODES_HELP)
    .action((opts: SyncFlags, cmd: Command) => onParsed({ kind: 'sync', command: 'pull-orders', global: globals(cmd), options: opts }));

  const later: Array<[SyncCommandName, string, (c: Command) => Command]> = [
    ['pull-items', 'Amazon → Allocadence: listings (with variations) become items; first run imports quantities. Every 4 h.', (c) => c.option('--since <iso>', 'read listings created since this instant', isoDate)],
    ['push-stock', 'Allocadence → Amazon: sellable stock becomes the quantity of merchant-fulfilled listings. Daily at 00:00.', (c) => c.option('--full', 'push every quantity, not only the changed ones')],
    ['push-shipments', 'Allocadence → Amazon: carrier, service and tracking confirm each shipped package. Every hour.', (c) => c.option('--since <iso>', 'read shipments since this instant instead of since the checkpoint', isoDate)],
    ['push-status', 'Allocadence → Amazon: orders cancelled in the warehouse are cancelled on Amazon; orders completed without a shipment record are marked shipped. Every hour.', (c) => c.option('--since <iso>', 'read order changes since this instant instead of since the checkpoint', isoDate)],
  ];
  for (const [name, description, extra] of later) {
    extra(program.command(name).description(description).addHelpText('after', EXIT_CODES_HELP)).action((opts: SyncFlags, cmd: Command) =>
      onParsed({ kind: 'sync', command: name, global: globals(cmd), options: opts }),
    );
  }

  program
    .command('check')
    .description('Before the first cron run: validates the config, secrets and state file, then makes one harmless call per Amazon and Allocadence API the tool uses (read-only; calls that only write are probed with an id that matches nothing). Prints a table and which features cannot work.')
    .option('--offline', 'check config, secrets and state file only; no network', false)
    .addOption(new Option('--record <file>', "also read a small page of every Allocadence call and write the shape of each answer to FILE (JSON: keys, types, date patterns; no values), then compare it with what the tool reads").conflicts('offline'))
    .addHelpText(
      'after',
      '\nWith --record, each Allocadence answer is compared with what the tool reads: a mismatch names the call, the field and what the tool expects, and the features it stops;' +
        ' a form the tool also reads (the other envelope, keys in another case) is an accepted alternative. The file holds no buyer data, SKUs or ids: send it with any question.' +
        '\n\nExit codes: 0 every enabled feature can work; 2 config, secrets or state file wrong; 3 a remote system refused or lacks a call, or answers in a shape the tool cannot read; 74 the --record file could not be written.',
    )
    .action((opts: CheckFlags, cmd: Command) => onParsed({ kind: 'check', global: globals(cmd), options: opts }));

  program
    .command('smoke')
    .description("CI against Amazon's static sandbox: calls each SP-API operation the tool uses with the inputs the sandbox documents and checks that every answer reads into the tool's types. Needs LWA credentials and a refresh token; Allocadence is not called.")
    .option('--sandbox', "required: the sandbox inputs include writes meant for the sandbox alone (uses amazon.endpoint if set, else the region's sandbox host)", false)
    .addHelpText('after', '\nExit codes: 0 every call answered as documented; 2 config or secrets missing, or --sandbox not given; 3 a call failed or its answer did not fit.')
    .action((opts: { sandbox: boolean }, cmd: Command) => onParsed({ kind: 'smoke', global: globals(cmd), options: opts }));

  program
    .command('status')
    .description('What happened: per seller and direction, the last run (time, outcome, counts), checkpoint, items waiting for retry with their last error, and the lock holder. Reads the state file only; --json for scripts and monitoring.')
    .action((_opts: unknown, cmd: Command) => onParsed({ kind: 'status', global: globals(cmd) }));

  program
    .command('simulate')
    .description('Start simulated Amazon (SP-API + LWA) and Allocadence servers on 127.0.0.1 with a seeded seller, write DIR/config.json and DIR/.env pointing at them, print {"amazon","allocadence","config"} as one JSON line, and serve until Ctrl-C.')
    .requiredOption('--dir <dir>', 'folder for config.json, .env and the state file')
    .option('--orders <n>', 'seeded Amazon orders', positiveInt, 40)
    .option('--listings <n>', 'seeded Amazon listings (1 in 20 a variation parent with 3 children, 1 in 20 FBA)', positiveInt, 60)
    .option('--seed <n>', 'seed: the same seed gives the same world', positiveInt, 1)
    .option('--rate <op=rate/burst>', 'override an operation\'s rate limit, e.g. searchOrders=1/5 (repeatable)', collect, [])
    .option('--faults <spec>', 'inject faults: a fraction (0.2) or KIND=FRACTION,… with KIND in 429, 500, 503, slow, malformed, reset, reset-after, timeout, html, expire, fatal, cancelled')
    .option('--sandbox', "Amazon plays its static sandbox: only the documented sandbox inputs are answered (try `smoke --sandbox` against it)")
    .option('--time-zone <iana>', 'the warehouse account\'s time zone, e.g. Asia/Tokyo (default America/Phoenix); the written config names it')
    .addHelpText('after', '\nAdmin routes (for tests and demos) are listed in the README.')
    .action((opts: SimulateFlags, cmd: Command) => onParsed({ kind: 'simulate', global: globals(cmd), options: opts }));

  program
    .command('demo')
    .description('No credentials needed: starts both simulators in-process, runs the sync, and prints what happened.')
    .option('--seed <n>', 'seed of the simulated world', positiveInt, 7)
    .option('--orders <n>', 'seeded Amazon orders', positiveInt, 24)
    .action((opts: { seed: number; orders: number }, cmd: Command) => onParsed({ kind: 'demo', global: globals(cmd), options: opts }));

  return program;
}

/** Parses argv (without node and script); never exits the process. */
export function parseArgv(argv: readonly string[], write: { out: (s: string) => void; err: (s: string) => void }): ParsedCommand {
  let parsed: ParsedCommand | undefined;
  const program = buildProgram((p) => (parsed = p), write);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Asked-for help exits 0; help shown because something was missing or wrong is a usage error.
      return { kind: 'exit', code: err.exitCode === 0 ? 0 : 2 };
    }
    throw err;
  }
  if (!parsed) {
    write.err(program.helpInformation());
    return { kind: 'exit', code: 2 };
  }
  return parsed;
}

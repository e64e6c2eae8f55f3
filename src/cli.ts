import { Command, CommanderError, Option } from 'commander';
import { COMMAND_NAMES, COMMANDS, DIRECTION_NAMES, type DirectionName, type OperatorName } from './commands/registry';
import { parseShard } from './config/shard';
import { atLeastOne, positiveNumber, type GlobalFlags, type OptionSpec, type SyncFlags } from './commands/options';
import { VERSION } from './version';

/** What argv asked for, fully parsed; index.ts runs it. Kept pure so it can be table-tested. */
export type ParsedCommand =
  | { kind: 'sync'; command: DirectionName; global: GlobalFlags; options: SyncFlags }
  | { [K in OperatorName]: { kind: K; command: K; global: GlobalFlags; options: unknown } }[OperatorName]
  | { kind: 'exit'; code: number };

export const EXIT_CODES_HELP = `
Exit codes:
  0   done
  1   done, but some items failed (listed in the summary; retried next run)
  2   usage or configuration error (nothing was done), or a seller whose own config or refresh
      token is unusable (it did not run; the other sellers did)
  3   fatal remote error: authentication refused, a system unreachable after retries, or an
      answer without a field the tool needs (the call and the field are named)
  74  local I/O error: the state file could not be written (disk full, read-only, I/O error);
      the message names the file and the cause, and the next run continues from the last checkpoint
  75  another run of this command for this seller holds the lock (cron will try again)
  130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM: the request in flight was finished, what
      was done is recorded (status shows the run as stopped) and the next run continues; a second
      signal exits at once
With several sellers, the worst outcome decides: 74 > 130/143 > 3 > 2 > 1 > 75 > 0.`;

/** Shortest cron interval first, as an operator compares them with the crontab. */
const MAX_MINUTES_HELP =
  'stop starting new work after this many minutes; the checkpoint keeps what is done and the next run continues from it, ' +
  "so a backlog never makes a cron run overlap the next one (default: below each command's cron interval, " +
  [...DIRECTION_NAMES]
    .sort((a, b) => COMMANDS[a].cronMinutes - COMMANDS[b].cronMinutes)
    .map((d) => `${d} ${COMMANDS[d].maxMinutes}`)
    .join(', ') +
  '); sellers run side by side each get the whole time, sellers run one after another (--parallel 1) share it';

function addOptions(cmd: Command, options: readonly OptionSpec[]): Command {
  for (const o of options) {
    const option = new Option(o.flags, o.description);
    // The spec's parser decides the value's type; commander only passes it along.
    if (o.parse) option.argParser(o.parse as (value: string, previous: unknown) => unknown);
    if (o.default !== undefined) option.default(o.default);
    if (o.required) option.makeOptionMandatory();
    if (o.conflicts) option.conflicts(o.conflicts);
    cmd.addOption(option);
  }
  return cmd;
}

/**
 * Builds the program from the registry. `onParsed` receives the parsed command; help and usage
 * errors end as `{kind:'exit'}` with code 0 or 2, and commander never calls process.exit itself.
 */
export function buildProgram(onParsed: (p: ParsedCommand) => void, write: { out: (s: string) => void; err: (s: string) => void }): Command {
  const program = new Command('alloc-amazon')
    .description(
      'Keeps an Allocadence warehouse and Amazon seller accounts in sync through the Selling Partner API.\nMeant for cron: each direction is one subcommand; see crontab.example.',
    )
    .option(
      '-c, --config <file>',
      'config file; a .env beside it supplies secrets (default: $ALLOC_AMAZON_CONFIG, else ./config.json, else /etc/alloc-amazon/config.json)',
    )
    .option('-s, --seller <name>', 'run for this seller only (default: every seller in the config)')
    .addOption(
      new Option(
        '--shard <k/n>',
        "run only the sellers of shard k of n (e.g. 2/3): each host or cron line takes one shard; a seller's shard depends on its name and n only",
      )
        .argParser(parseShard)
        .conflicts('seller'),
    )
    .option('-n, --dry-run', 'read both sides, write nothing, print what would change', false)
    .addOption(
      new Option(
        '--log-format <format>',
        'log lines on stderr: text (default, also in cron mail and pipes) or json (one object a line, for a log shipper)',
      ).choices(['text', 'json']),
    )
    .option('--json', 'print the run summary as JSON on stdout', false)
    .option('-q, --quiet', 'log warnings and errors only', false)
    .option('--no-color', 'no colours in text logs (NO_COLOR is honoured too)')
    .option('--max-minutes <n>', MAX_MINUTES_HELP, positiveNumber)
    .option(
      '--parallel <n>',
      "sync at most n sellers side by side (default: the config's concurrency.sellers, 24); each keeps its own rate limits, lock, checkpoints and summary",
      atLeastOne,
    )
    .version(VERSION, '-V, --version')
    .addHelpText('after', `${EXIT_CODES_HELP}\n  (status --check answers as a monitoring plugin: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)`)
    // Every subcommand's --help lists the options it shares with all the others, as cron lines use them.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .showHelpAfterError('(run with --help for usage)');

  for (const name of COMMAND_NAMES) {
    const e = COMMANDS[name];
    const cmd = addOptions(program.command(name).description(e.description), e.options);
    // Every direction lists the exit codes; an operator command says its own in its help.
    const help = `${e.help ?? ''}${e.kind === 'direction' ? EXIT_CODES_HELP : ''}`;
    if (help) cmd.addHelpText('after', help);
    if (e.kind === 'operator' && e.arguments) cmd.arguments(e.arguments);
    cmd.action((...received: unknown[]) => {
      // commander passes the positional arguments first, then the options and the command.
      const c = received[received.length - 1] as Command;
      const args = received
        .slice(0, -2)
        .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? (a as string[]) : typeof a === 'string' ? [a] : []));
      const options =
        e.kind === 'operator' && e.arguments ? { ...(received[received.length - 2] as object), args } : received[received.length - 2];
      const global = c.optsWithGlobals<GlobalFlags>();
      onParsed(
        e.kind === 'direction'
          ? { kind: 'sync', command: name as DirectionName, global, options: options as SyncFlags }
          : ({ kind: name, command: name, global, options } as ParsedCommand),
      );
    });
  }
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

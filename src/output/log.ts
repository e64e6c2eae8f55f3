import { AsyncLocalStorage } from 'node:async_hooks';
import chalk from 'chalk';
import type { Redactor } from './redact';
import { safeJson, safeText } from './safe-text';
import type { StatusLine } from './status-line';
import { iso } from '../time';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Transient progress (pages read, feed polling): on a terminal only, rewritten in place, never in cron mail. */
  progress(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (command, seller, runId…). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  format: 'text' | 'json';
  color: boolean;
  /** quiet: warnings and errors only. */
  minLevel: LogLevel;
  redactor: Redactor;
  write: (line: string) => void;
  clock: () => number;
  /** Only on a terminal with text logs; absent, progress is dropped. */
  statusLine?: StatusLine;
  /** Each seller's latest progress, so the one status line shows every seller running at once. */
  progressBoard?: Map<string, string>;
}

/**
 * Fields every line logged inside `logScope.run(fields, …)` carries, whichever logger logs it: a
 * client shared by sellers running side by side (the warehouse's) still names the seller it works for.
 */
export const logScope = new AsyncLocalStorage<LogFields>();

/** The status line's text: one seller's progress as it is; several side by side, each after its name. */
function boardText(board: ReadonlyMap<string, string>): string {
  if (board.size === 1) return [...board.values()][0] ?? '';
  return [...board].map(([seller, text]) => (text.includes(seller) ? text : `${seller}: ${text}`)).join(' | ');
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Its own instance: chalk's default looks at stdout, but logs go to stderr, which the caller has checked.
const paint = new chalk.Instance({ level: 1 });
const PAINT: Record<LogLevel, (s: string) => string> = {
  debug: paint.gray,
  info: paint.cyan,
  warn: paint.yellow,
  error: paint.red,
};

function textFields(fields: LogFields): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/**
 * Logs go to stderr so stdout stays free for `--json` summaries. Redaction happens here, once, for
 * every line, and then escaping: values from either remote system may hold line breaks or terminal
 * controls, and one record must stay one line that does nothing to the terminal showing it.
 */
export function createLogger(options: LoggerOptions, base: LogFields = {}): Logger {
  const opts: LoggerOptions = options.progressBoard ? options : { ...options, progressBoard: new Map() };
  const board = opts.progressBoard ?? new Map<string, string>();
  // Redacted before escaping, so a secret is found as it was registered.
  const text = (s: string): string => safeText(opts.redactor.redact(s));
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (ORDER[level] < ORDER[opts.minLevel]) return;
    const all = { ...logScope.getStore(), ...base, ...fields };
    let line: string;
    if (opts.format === 'json') {
      line = safeJson(opts.redactor.redact(JSON.stringify({ time: iso(opts.clock()), level, msg, ...all })));
    } else {
      const head = opts.color ? PAINT[level](level.padEnd(5)) : level.padEnd(5);
      const rest = text(textFields(all));
      line = `${head} ${text(msg)}${rest ? ` ${opts.color ? paint.gray(rest) : rest}` : ''}`;
    }
    opts.statusLine?.clear();
    opts.write(line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    progress: (m, f = {}) => {
      if (!opts.statusLine) return;
      const rest = textFields(f);
      const seller = { ...logScope.getStore(), ...base }.seller;
      board.set(typeof seller === 'string' ? seller : '', text(rest ? `${m} ${rest}` : m));
      opts.statusLine.show(boardText(board));
    },
    child: (fields) => createLogger(opts, { ...base, ...fields }),
  };
}

import type { Shard } from '../config/shard';
import { InvalidArgumentError } from 'commander';

/** The options every command takes (DESIGN §4), before its name on the command line or after it. */
export interface GlobalFlags {
  /** As given; absent, the config is looked up (config/locate.ts). */
  config?: string;
  seller?: string;
  /** `--shard K/N`: only the sellers of that shard (see config/shard.ts). */
  shard?: Shard;
  dryRun: boolean;
  logFormat?: 'text' | 'json';
  json: boolean;
  quiet: boolean;
  color: boolean;
  maxMinutes?: number;
  /** Sellers run side by side at most (`--parallel`); the config's `concurrency.sellers` otherwise. */
  parallel?: number;
}

/** A sync direction's own options: the registry says which of them each direction takes. */
export interface SyncFlags {
  since?: string;
  full?: boolean;
}

/** One option of a command, as the registry declares it and cli.ts hands it to commander. */
export interface OptionSpec {
  /** Commander's flags text, e.g. `--since <iso>`. */
  flags: string;
  description: string;
  /** Turns the text into the value (or throws InvalidArgumentError); for a repeatable option, also gets the values so far. */
  parse?: (value: string, previous: never) => unknown;
  default?: unknown;
  required?: boolean;
  /** Options this one cannot be given with (their attribute names, e.g. `format`). */
  conflicts?: string | string[];
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected an ISO-8601 date or date-time, e.g. 2026-11-01T00:00:00Z');
  }
  return new Date(value).toISOString();
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function atLeastOne(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of minutes, e.g. 12 or 0.5');
  return n;
}

export function hours(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of hours, e.g. 24 or 0.5');
  return n;
}

/** A repeatable option: each use adds its value. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `--since`: a pull or push reads again from this instant, whatever its checkpoint says. */
export function sinceOption(description: string): OptionSpec {
  return { flags: '--since <iso>', description, parse: isoDate };
}

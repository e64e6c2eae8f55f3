import type { SellerConfig } from '../config/schema';
import type { Deps } from '../deps';
import type { DirectionFactory, DirectionSource } from '../sync/direction';
import type { GlobalFlags, OptionSpec } from './options';

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
   * Whether a seller uses this direction at all (default: every seller). `status --check` expects
   * runs only of those: an opt-in direction a seller has not turned on is not "never run".
   */
  usedBy?(seller: SellerConfig): boolean;
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
  /** Positional arguments, in commander's syntax (`[action] [words...]`): they reach `run` as `flags.args`. */
  arguments?: string;
  /** An operator command meant to run from cron too: its line's interval and its default `--max-minutes`, as a direction's. */
  schedule?: { cronMinutes: number; maxMinutes: number };
  /** `flags` as commander parsed them from `options`. */
  run(deps: Deps, global: GlobalFlags, flags: unknown, directions: readonly string[]): Promise<number>;
}

/**
 * Typed flags inside, one cast at the boundary: commander's values are only as typed as the option
 * specs. `never` lets each command's run declare the flags type it reads (its options' shape).
 */
export function operator(
  e: Omit<OperatorEntry, 'kind' | 'run'> & {
    run(deps: Deps, global: GlobalFlags, flags: never, directions: readonly string[]): Promise<number>;
  },
): OperatorEntry {
  return { ...e, kind: 'operator', run: (deps, global, flags, directions) => e.run(deps, global, flags as never, directions) };
}

export function direction(e: Omit<DirectionEntry, 'kind'>): DirectionEntry {
  return { ...e, kind: 'direction' };
}

import type { CommandContext } from '../commands/context';
import type { SyncFlags } from '../commands/options';
import type { RunSummary } from './types';

/** Runs a direction for every seller of the context. */
export type DirectionFactory = (ctx: CommandContext, flags: SyncFlags) => Promise<RunSummary[]>;

/** How the runner gets a direction: its default deadline, and what builds it. */
export interface DirectionSource {
  maxMinutes: number;
  load(): Promise<DirectionFactory>;
}

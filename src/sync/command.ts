import type { CommandContext } from '../commands/context';
import type { GlobalFlags, SyncFlags } from '../commands/options';
import type { Deps } from '../deps';
import { report } from '../output/run-report';
import { localIoError } from '../state/io-errors';
import type { DirectionSource } from './direction';

/** `alloc-amazon <direction>`: the direction for every seller the options name, reported; the exit code. */
export async function syncCommand(deps: Deps, name: string, source: DirectionSource, global: GlobalFlags, flags: SyncFlags): Promise<number> {
  let ctx: CommandContext | undefined;
  let code: number;
  try {
    const { createContext } = await import('../commands/context');
    ctx = createContext(deps, {
      config: global.config,
      ...(global.seller ? { seller: global.seller } : {}),
      dryRun: global.dryRun,
      json: global.json,
      maxMinutes: global.maxMinutes ?? source.maxMinutes,
      ...(deps.stateGrowthLimitPages === undefined ? {} : { stateGrowthLimitPages: deps.stateGrowthLimitPages }),
    });
    const run = await source.load();
    code = report(deps, name, await run(ctx, flags), global.json);
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

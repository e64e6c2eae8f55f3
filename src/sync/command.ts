import type { GlobalFlags, SyncFlags } from '../commands/options';
import { configPathOf, type Deps } from '../deps';
import { report } from '../output/run-report';
import type { DirectionFactory, DirectionSource } from './direction';
import { runSellers } from './runner';
import { withSession, type SessionOptions } from './session';
import type { RunSummary } from './types';

/** `alloc-amazon <direction>`: the direction for every seller the options name, reported; the exit code. */
export async function syncCommand(
  deps: Deps,
  name: string,
  source: DirectionSource,
  global: GlobalFlags,
  flags: SyncFlags,
): Promise<number> {
  const options: SessionOptions = {
    config: configPathOf(deps, global),
    ...(global.seller ? { seller: global.seller } : {}),
    ...(global.shard ? { shard: global.shard } : {}),
    dryRun: global.dryRun,
    maxMinutes: global.maxMinutes ?? source.maxMinutes,
    ...(global.parallel === undefined ? {} : { parallel: global.parallel }),
    ...(source.cronMinutes === undefined ? {} : { lockOverdueMs: 2 * source.cronMinutes * 60_000 }),
    ...(deps.stateGrowthLimitPages === undefined ? {} : { stateGrowthLimitPages: deps.stateGrowthLimitPages }),
  };
  return withSession(deps, options, async (session) => {
    const build = await source.load();
    return report(deps, name, await runSellers(session, name, build, flags), global.json);
  });
}

/** The runs of one direction and their summaries, without a report (the demo tells its own story). */
export async function syncRuns(
  deps: Deps,
  name: string,
  build: DirectionFactory,
  options: SessionOptions,
  flags: SyncFlags = {},
): Promise<RunSummary[]> {
  return withSession(deps, options, (session) => runSellers(session, name, build, flags));
}

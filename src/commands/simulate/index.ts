import path from 'node:path';
import { UsageError } from '../../errors';
import { startWorld } from '../../simulator/world';
import type { Deps } from '../../deps';

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

/**
 * Serves both simulators until SIGINT/SIGTERM. The ready line on stdout is the signal scripts and
 * tests wait for; everything else goes to the log on stderr.
 */
export async function simulate(deps: Deps, flags: SimulateFlags): Promise<number> {
  let world;
  try {
    world = await startWorld({
      seed: flags.seed,
      orders: flags.orders,
      listings: flags.listings,
      rates: flags.rate,
      ...(flags.faults ? { faults: flags.faults } : {}),
      ...(flags.sandbox ? { sandbox: true } : {}),
      ...(flags.timeZone ? { timeZone: flags.timeZone } : {}),
    });
  } catch (err) {
    // Bad --rate or --faults specs throw plain errors naming the bad part.
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const dir = path.resolve(flags.dir);
  const config = world.writeConfig(dir);
  deps.out(JSON.stringify({ amazon: world.amazon.origin, allocadence: world.allocadence.origin, config }) + '\n');
  deps.logger.info('simulators ready; Ctrl-C to stop', { orders: flags.orders, listings: flags.listings, seed: flags.seed, dir });
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await world.close();
  deps.logger.info('simulators stopped');
  return 0;
}

import { inShard } from '../../config/shard';
import fs from 'node:fs';
import type { GlobalFlags } from '../options';
import { readConfigFile } from '../../config/load';
import type { SellerConfig } from '../../config/schema';
import { errorMessage, UsageError } from '../../errors';
import { safeJson } from '../../output/safe-text';
import { checkStateFolder, createState, openState } from '../../state';
import { LOCK_STALE_MS } from '../../state/lock';
import { configPathOf, type Deps } from '../../deps';
import { statusCheck, unknownCheck, type CheckLimits } from './check';
import { prometheusText, writeAtomically } from './prometheus';
import { renderStatus } from './render';
import { statusView, type DirectionStatus } from './view';
import type { ShipByCounts } from '../../state/ship-by';

/** How far ahead `status` counts orders as due soon. */
export const DUE_SOON_HOURS = 24;

type ShipBy = { seller: string; withinHours: number } & ShipByCounts;

export interface StatusFlags {
  format?: 'text' | 'json' | 'prometheus';
  output?: string;
  check?: boolean;
  /** `--max-age`, in ms, for every direction. */
  maxAge?: number;
}

/** What status needs of the registry. */
export interface DirectionFacts {
  /** Per direction: its cron interval in minutes, the default of the check's limits. */
  cronMinutes(direction: string): number;
  /** Whether a seller uses the direction at all: --check expects runs only of those. */
  uses(direction: string, seller: SellerConfig): boolean;
}

/** Everything status shows, from the state file alone; a missing state file is an empty view. */
function readView(
  deps: Deps,
  global: GlobalFlags,
  directions: readonly string[],
): { view: DirectionStatus[]; shipBy: ShipBy[]; stateDbPath: string; configured: string[]; sellerConfigs: SellerConfig[] } {
  const { config, stateDbPath } = readConfigFile(configPathOf(deps, global), global.shard);
  const configured = config.sellers.map((s) => s.name);
  if (global.seller && !configured.includes(global.seller)) {
    throw new UsageError(`no seller named "${global.seller}" in the config (known: ${configured.join(', ')})`);
  }
  const sellers = (fromRuns: readonly string[]): string[] =>
    global.seller ? [global.seller] : [...new Set([...configured, ...fromRuns.filter((n) => inShard(n, global.shard))])];
  if (!fs.existsSync(stateDbPath)) {
    checkStateFolder(stateDbPath);
    return { view: [], shipBy: [], stateDbPath, configured, sellerConfigs: config.sellers };
  }
  const db = openState(stateDbPath, { readonly: true });
  try {
    const state = createState(db, { pid: deps.pid, host: deps.host, isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS });
    const shown = sellers(state.runs.sellers());
    // Ship-by times of imported orders (no buyer data): late ones and those due soon, per seller.
    const shipBy = shown.flatMap((seller) => {
      const counts = state.shipBy.counts(seller, deps.clock(), DUE_SOON_HOURS * 3_600_000);
      return counts.late || counts.dueSoon ? [{ seller, withinHours: DUE_SOON_HOURS, ...counts }] : [];
    });
    return {
      view: statusView(state, shown, directions, new Date(deps.clock())),
      shipBy,
      stateDbPath,
      configured,
      sellerConfigs: config.sellers,
    };
  } finally {
    db.close();
  }
}

/**
 * `status --check`: monitoring-plugin output and exit code. A direction never run has no success,
 * so with no state file yet every configured one shows as never run (critical), not as fine.
 */
function check(deps: Deps, global: GlobalFlags, flags: StatusFlags, directions: readonly string[], facts: DirectionFacts): number {
  const limits: CheckLimits = {
    maxAgeMs: (d) => flags.maxAge ?? 2 * facts.cronMinutes(d) * 60_000,
    lockMs: (d) => facts.cronMinutes(d) * 60_000,
  };
  let result: { code: number; text: string };
  try {
    const { view, configured, sellerConfigs } = readView(deps, global, directions);
    const all = view.length
      ? view
      : (global.seller ? [global.seller] : configured).flatMap((seller) =>
          directions.map((direction) => ({ seller, direction, checkpoints: [], retries: [] })),
        );
    // What a configured seller does not use (an opt-in direction left off) is not expected to run.
    const used = (row: DirectionStatus): boolean => {
      const seller = sellerConfigs.find((s) => s.name === row.seller);
      return !seller || facts.uses(row.direction, seller);
    };
    result = statusCheck(all.filter(used), deps.clock(), limits);
  } catch (err) {
    result = unknownCheck(errorMessage(err));
  }
  deps.out(result.text);
  return result.code;
}

/** Reads the state file only: it needs no secrets, calls no remote system and writes nothing (but --output). `directions`: what it shows, in order. */
export function status(
  deps: Deps,
  global: GlobalFlags,
  directions: readonly string[],
  flags: StatusFlags = {},
  facts: DirectionFacts = { cronMinutes: () => 60, uses: () => true },
): number {
  if (flags.check) return check(deps, global, flags, directions, facts);
  const format = flags.format ?? (global.json ? 'json' : 'text');
  const { view, shipBy, stateDbPath, configured } = readView(deps, global, directions);
  let text: string;
  if (format === 'prometheus') text = prometheusText(view, deps.clock());
  else if (format === 'json') text = `${safeJson(JSON.stringify({ stateFile: stateDbPath, directions: view, shipBy }))}\n`;
  else if (view.length === 0) text = `No state yet (${stateDbPath}): nothing has run.\n`;
  else text = renderStatus(view, { now: deps.clock(), stateFile: stateDbPath, configured, shipBy });
  if (flags.output) writeAtomically(flags.output, text, deps.pid);
  else deps.out(text);
  return 0;
}

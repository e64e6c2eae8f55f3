import fs from 'node:fs';
import type { GlobalFlags } from '../options';
import { readConfigFile } from '../../config/load';
import { errorMessage, UsageError } from '../../errors';
import { safeJson } from '../../output/safe-text';
import { checkStateFolder, createState, openState } from '../../state';
import { LOCK_STALE_MS } from '../../state/lock';
import { configPathOf, type Deps } from '../../deps';
import { statusCheck, unknownCheck, type CheckLimits } from './check';
import { prometheusText, writeAtomically } from './prometheus';
import { renderStatus } from './render';
import { statusView, type DirectionStatus } from './view';

export interface StatusFlags {
  format?: 'text' | 'json' | 'prometheus';
  output?: string;
  check?: boolean;
  /** `--max-age`, in ms, for every direction. */
  maxAge?: number;
}

/** Per direction: its cron interval in minutes (from the registry), the default of the check's limits. */
export type CronMinutes = (direction: string) => number;

/** Everything status shows, from the state file alone; a missing state file is an empty view. */
function readView(
  deps: Deps,
  global: GlobalFlags,
  directions: readonly string[],
): { view: DirectionStatus[]; stateDbPath: string; configured: string[] } {
  const { config, stateDbPath } = readConfigFile(configPathOf(deps, global));
  const configured = config.sellers.map((s) => s.name);
  if (global.seller && !configured.includes(global.seller)) {
    throw new UsageError(`no seller named "${global.seller}" in the config (known: ${configured.join(', ')})`);
  }
  const sellers = (fromRuns: readonly string[]): string[] => (global.seller ? [global.seller] : [...new Set([...configured, ...fromRuns])]);
  if (!fs.existsSync(stateDbPath)) {
    checkStateFolder(stateDbPath);
    return { view: [], stateDbPath, configured };
  }
  const db = openState(stateDbPath, { readonly: true });
  try {
    const state = createState(db, { pid: deps.pid, host: deps.host, isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS });
    return { view: statusView(state, sellers(state.runs.sellers()), directions, new Date(deps.clock())), stateDbPath, configured };
  } finally {
    db.close();
  }
}

/**
 * `status --check`: monitoring-plugin output and exit code. A direction never run has no success,
 * so with no state file yet every configured one shows as never run (critical), not as fine.
 */
function check(deps: Deps, global: GlobalFlags, flags: StatusFlags, directions: readonly string[], cron: CronMinutes): number {
  const limits: CheckLimits = {
    maxAgeMs: (d) => flags.maxAge ?? 2 * cron(d) * 60_000,
    lockMs: (d) => cron(d) * 60_000,
  };
  let result: { code: number; text: string };
  try {
    const { view, configured } = readView(deps, global, directions);
    const shown = view.length
      ? view
      : (global.seller ? [global.seller] : configured).flatMap((seller) =>
          directions.map((direction) => ({ seller, direction, checkpoints: [], retries: [] })),
        );
    result = statusCheck(shown, deps.clock(), limits);
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
  cron: CronMinutes = () => 60,
): number {
  if (flags.check) return check(deps, global, flags, directions, cron);
  const format = flags.format ?? (global.json ? 'json' : 'text');
  const { view, stateDbPath, configured } = readView(deps, global, directions);
  let text: string;
  if (format === 'prometheus') text = prometheusText(view, deps.clock());
  else if (format === 'json') text = `${safeJson(JSON.stringify({ stateFile: stateDbPath, directions: view }))}\n`;
  else if (view.length === 0) text = `No state yet (${stateDbPath}): nothing has run.\n`;
  else text = renderStatus(view, { now: deps.clock(), stateFile: stateDbPath, configured });
  if (flags.output) writeAtomically(flags.output, text, deps.pid);
  else deps.out(text);
  return 0;
}

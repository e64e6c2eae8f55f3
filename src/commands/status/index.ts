import fs from 'node:fs';
import type { GlobalFlags } from '../options';
import { readConfigFile } from '../../config/load';
import { UsageError } from '../../errors';
import { safeJson } from '../../output/safe-text';
import { checkStateFolder, createState, openState } from '../../state';
import { LOCK_STALE_MS } from '../../state/lock';
import type { Deps } from '../../deps';
import { renderStatus } from './render';
import { statusView, type DirectionStatus } from './view';
import type { ShipByCounts } from '../../state/ship-by';

/** How far ahead `status` counts orders as due soon. */
export const DUE_SOON_HOURS = 24;

/** Reads the state file only: it needs no secrets, calls no remote system and writes nothing. `directions`: what it shows, in order. */
export function status(deps: Deps, global: GlobalFlags, directions: readonly string[]): number {
  const { config, stateDbPath } = readConfigFile(global.config);
  const configured = config.sellers.map((s) => s.name);
  if (global.seller && !configured.includes(global.seller)) {
    throw new UsageError(`no seller named "${global.seller}" in the config (known: ${configured.join(', ')})`);
  }
  let view: DirectionStatus[] = [];
  const shipBy: Array<{ seller: string; withinHours: number } & ShipByCounts> = [];
  if (!fs.existsSync(stateDbPath)) checkStateFolder(stateDbPath);
  else {
    const db = openState(stateDbPath, { readonly: true });
    try {
      const state = createState(db, { pid: deps.pid, host: deps.host, isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS });
      const sellers = global.seller ? [global.seller] : [...new Set([...configured, ...state.runs.sellers()])];
      view = statusView(state, sellers, directions, new Date(deps.clock()));
      // Ship-by times of imported orders (no buyer data): late ones and those due soon, per seller.
      for (const seller of sellers) {
        const counts = state.shipBy.counts(seller, deps.clock(), DUE_SOON_HOURS * 3_600_000);
        if (counts.late || counts.dueSoon) shipBy.push({ seller, withinHours: DUE_SOON_HOURS, ...counts });
      }
    } finally {
      db.close();
    }
  }
  if (global.json) {
    deps.out(safeJson(JSON.stringify({ stateFile: stateDbPath, directions: view, shipBy })) + '\n');
    return 0;
  }
  if (view.length === 0) {
    deps.out(`No state yet (${stateDbPath}): nothing has run.\n`);
    return 0;
  }
  deps.out(renderStatus(view, { now: deps.clock(), stateFile: stateDbPath, configured, shipBy }));
  return 0;
}

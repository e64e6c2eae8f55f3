import fs from 'node:fs';
import path from 'node:path';
import type { GlobalFlags } from '../cli';
import { readConfig } from '../config';
import { checkStateFolder, createState, openState } from '../state';
import type { Deps } from './context';

/** Reads the state file only: it needs no secrets and calls no remote system. */
export function status(deps: Deps, global: GlobalFlags): number {
  const { config, absolute } = readConfig(global.config);
  const dbPath = path.resolve(path.dirname(absolute), config.stateDb);
  if (!fs.existsSync(dbPath)) {
    checkStateFolder(dbPath);
    deps.out(global.json ? '{"runs":[],"checkpoints":[],"retries":[],"locks":[]}\n' : `no state yet (${dbPath}): nothing has run\n`);
    return 0;
  }
  const db = openState(dbPath, { readonly: true });
  try {
    const state = createState(db, { pid: deps.pid, host: deps.host, isAlive: deps.isProcessAlive, staleAfterMs: 0 });
    const seller = global.seller;
    const view = {
      runs: state.runs.recent({ ...(seller ? { seller } : {}), limit: 20 }).map((r) => ({ ...r, summary: undefined, totals: (r.summary as { totals?: unknown } | null)?.totals })),
      checkpoints: state.checkpoints.list(seller),
      retries: state.retries.countAll(seller),
      locks: state.locks.holders().filter((l) => !seller || l.seller === seller),
    };
    if (global.json) {
      deps.out(JSON.stringify(view) + '\n');
      return 0;
    }
    deps.out('Recent runs:\n');
    for (const r of view.runs) deps.out(`  #${r.id} ${r.command} ${r.seller} ${r.startedAt} → ${r.endedAt ?? '…'} ${r.outcome ?? ''} ${JSON.stringify(r.totals ?? {})}\n`);
    deps.out('Checkpoints:\n');
    for (const c of view.checkpoints) deps.out(`  ${c.direction} ${c.seller} ${c.marketplace}: ${c.value}\n`);
    deps.out('Waiting for retry:\n');
    for (const r of view.retries) deps.out(`  ${r.direction} ${r.seller} ${r.marketplace}: ${r.count}\n`);
    for (const l of view.locks) deps.out(`Lock: ${l.command} ${l.seller} held by pid ${l.pid} on ${l.host} since ${l.acquiredAt}\n`);
    return 0;
  } finally {
    db.close();
  }
}

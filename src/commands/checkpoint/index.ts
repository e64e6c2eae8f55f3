import fs from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { readConfigFile } from '../../config/load';
import type { SellerConfig } from '../../config/schema';
import { configPathOf, type Deps } from '../../deps';
import { UsageError } from '../../errors';
import { safeJson, safeText } from '../../output/safe-text';
import { checkStateFolder, createState, openState, type State } from '../../state';
import { LOCK_STALE_MS } from '../../state/lock';
import { iso } from '../../time';
import { isoDate, type GlobalFlags } from '../options';

export interface CheckpointFlags {
  args: string[];
  direction?: string;
  marketplace?: string;
}

/** Which commands keep checkpoints: the windowed directions (push-stock compares the whole set each run). */
export interface CheckpointScope {
  windowed: readonly string[];
  all: readonly string[];
}

/**
 * `checkpoint [show]` lists where each windowed direction's next run starts (and any unfinished
 * back-fill); `checkpoint set DIRECTION ISO` moves it, so no one edits the state file by hand.
 */
export function checkpoint(deps: Deps, global: GlobalFlags, flags: CheckpointFlags, scope: CheckpointScope): number {
  const [action = 'show', ...rest] = flags.args;
  if (action === 'show') {
    if (rest.length) throw new UsageError(`checkpoint show takes no arguments (got ${rest.join(' ')}); use --seller and --direction`);
    return show(deps, global, flags, scope);
  }
  if (action === 'set') return set(deps, global, flags, scope, rest);
  throw new UsageError(`checkpoint: unknown action "${action}" (use "show" or "set DIRECTION ISO")`);
}

function directionOf(name: string | undefined, scope: CheckpointScope): string | undefined {
  if (name === undefined || scope.windowed.includes(name)) return name;
  if (scope.all.includes(name)) throw new UsageError(`${name} keeps no checkpoint: it compares the whole set every run`);
  throw new UsageError(`unknown direction "${name}" (directions with a checkpoint: ${scope.windowed.join(', ')})`);
}

function withState<R>(file: string, readonly: boolean, deps: Deps, body: (state: State | undefined) => R): R {
  if (!fs.existsSync(file)) {
    checkStateFolder(file);
    if (readonly) return body(undefined);
  }
  const db = openState(file, { readonly });
  try {
    return body(createState(db, { pid: deps.pid, host: deps.host, isAlive: deps.isProcessAlive, staleAfterMs: LOCK_STALE_MS }));
  } finally {
    db.close();
  }
}

function show(deps: Deps, global: GlobalFlags, flags: CheckpointFlags, scope: CheckpointScope): number {
  const { config, stateDbPath } = readConfigFile(configPathOf(deps, global), global.shard);
  const direction = directionOf(flags.direction, scope);
  if (global.seller) sellerOf(config.sellers, global.seller);
  const keep = (r: { seller: string; direction: string; marketplace: string }): boolean =>
    (!global.seller || r.seller === global.seller) &&
    (!direction || r.direction === direction) &&
    (!flags.marketplace || r.marketplace === flags.marketplace);
  const { checkpoints, backfills } = withState(stateDbPath, true, deps, (state) => ({
    checkpoints: (state?.checkpoints.list() ?? []).filter(keep),
    backfills: (state?.backfills.list() ?? []).filter(keep),
  }));
  if (global.json) {
    deps.out(safeJson(JSON.stringify({ stateFile: stateDbPath, checkpoints, backfills })) + '\n');
    return 0;
  }
  if (!checkpoints.length && !backfills.length) {
    deps.out(`No checkpoint yet (${stateDbPath}): each direction's first run reads its initial lookback.\n`);
    return 0;
  }
  for (const c of checkpoints) deps.out(safeText(`${c.direction} ${c.seller} ${c.marketplace}: ${c.value} (set ${c.updatedAt})`) + '\n');
  for (const b of backfills)
    deps.out(safeText(`${b.direction} ${b.seller} ${b.marketplace}: back-fill from ${b.since} read up to ${b.cursor}`) + '\n');
  return 0;
}

function sellerOf(sellers: readonly SellerConfig[], name: string | undefined): SellerConfig {
  const names = sellers.map((s) => s.name).join(', ');
  if (name === undefined) {
    if (sellers.length === 1 && sellers[0]) return sellers[0];
    throw new UsageError(`checkpoint set needs --seller (known: ${names})`);
  }
  const seller = sellers.find((s) => s.name === name);
  if (!seller) throw new UsageError(`no seller named "${name}" in the config (known: ${names})`);
  return seller;
}

function set(deps: Deps, global: GlobalFlags, flags: CheckpointFlags, scope: CheckpointScope, rest: string[]): number {
  const [name, instant, ...extra] = rest;
  if (!name || !instant || extra.length) throw new UsageError('usage: checkpoint set DIRECTION ISO --seller NAME [--marketplace ID]');
  const direction = directionOf(name, scope) ?? name;
  let value: string;
  try {
    value = isoDate(instant);
  } catch (err) {
    throw new UsageError(`checkpoint set: "${instant}": ${err instanceof InvalidArgumentError ? err.message : String(err)}`);
  }
  const now = deps.clock();
  // A checkpoint in the future would make every run until then read nothing, and skip what happens meanwhile.
  if (Date.parse(value) > now) throw new UsageError(`checkpoint set: ${value} is in the future (now is ${iso(now)}); refused`);
  const { config, stateDbPath } = readConfigFile(configPathOf(deps, global), global.shard);
  const seller = sellerOf(config.sellers, global.seller);
  if (flags.marketplace && !seller.marketplaceIds.includes(flags.marketplace)) {
    throw new UsageError(`seller ${seller.name} has no marketplace ${flags.marketplace} (it has ${seller.marketplaceIds.join(', ')})`);
  }
  const marketplaces = flags.marketplace ? [flags.marketplace] : seller.marketplaceIds;
  return withState(stateDbPath, global.dryRun, deps, (state) => {
    const say = (mp: string, old: string | undefined): void =>
      deps.out(
        safeText(`${direction} ${seller.name} ${mp}: ${old ?? '(none)'} → ${value}${global.dryRun ? ' (dry run: not written)' : ''}`) +
          '\n',
      );
    if (global.dryRun) {
      for (const mp of marketplaces) say(mp, state?.checkpoints.get({ seller: seller.name, marketplace: mp, direction }));
      return 0;
    }
    if (!state) throw new Error('state file not opened');
    // The direction's own lock: a run going now would overwrite the value, or read from a half-changed set.
    const note = state.locks.acquire(direction, seller.name, new Date(now));
    if (note) deps.logger.warn(note);
    try {
      for (const mp of marketplaces) {
        const key = { seller: seller.name, marketplace: mp, direction };
        const old = state.checkpoints.get(key);
        state.checkpoints.set(key, value, undefined, iso(deps.clock()));
        say(mp, old);
      }
    } finally {
      state.locks.release(direction, seller.name);
    }
    return 0;
  });
}

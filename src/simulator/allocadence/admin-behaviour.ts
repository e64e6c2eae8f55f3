import { INVENTORY_QUIRK_KINDS, type InventoryQuirkKind } from './inventory-quirks';
import { AdminError } from './responses';
import type { RestBehaviour } from './rest-behaviour';
import type { AllocadenceStore } from './store';
import { isObject } from './validation';

/** `inventoryQuirk` over HTTP: the next read(s) of a stock list page oddly (inventory-quirks.ts). */
export function setInventoryQuirk(
  store: AllocadenceStore,
  kind: unknown,
  reads: unknown,
  list: unknown,
): { kind: string; reads: number; list: string } {
  const r = reads === undefined ? 1 : reads;
  const l = list === undefined ? 'inventory' : list;
  if (l !== 'inventory' && l !== 'kits') throw new AdminError(400, 'invalid_parameter', 'list must be inventory or kits.', 'list');
  try {
    store.inventoryQuirks.set(kind as InventoryQuirkKind, r as number, l);
  } catch (err) {
    throw new AdminError(
      400,
      'invalid_parameter',
      (err as Error).message,
      typeof kind === 'string' && INVENTORY_QUIRK_KINDS.includes(kind as InventoryQuirkKind) ? 'reads' : 'kind',
    );
  }
  return { kind: String(kind), reads: r as number, list: l };
}

/** Changes how the REST tree answers where the evidence is split (rest-behaviour.ts), from now on. */
export function setBehaviour(store: AllocadenceStore, change: unknown): RestBehaviour {
  if (!isObject(change)) throw new AdminError(400, 'invalid_request', 'Body must be a JSON object.');
  const next: Record<string, unknown> = { ...store.behaviour, ...change };
  const checks: [keyof RestBehaviour, boolean][] = [
    ['userWarehouse', typeof next.userWarehouse === 'string' && store.findWarehouse(next.userWarehouse) !== undefined],
    ['unknownWarehouse', next.unknownWarehouse === 'current' || next.unknownWarehouse === 'refuse'],
    ['unassignedItems', next.unassignedItems === 'refuse' || next.unassignedItems === 'accept'],
    ['surnameRequired', typeof next.surnameRequired === 'boolean'],
    ['adjustments', typeof next.adjustments === 'boolean'],
    ['completedOrderEdits', next.completedOrderEdits === 'accept' || next.completedOrderEdits === 'refuse'],
  ];
  const unknown = Object.keys(change).find((k) => !checks.some(([name]) => name === k));
  if (unknown) throw new AdminError(400, 'invalid_parameter', `Unknown behaviour: ${unknown}`, unknown);
  const bad = checks.find(([, ok]) => !ok);
  if (bad) throw new AdminError(400, 'invalid_parameter', `Invalid value for ${bad[0]}.`, bad[0]);
  Object.assign(store.behaviour, next);
  return { ...store.behaviour };
}

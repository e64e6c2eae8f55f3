import type { AllocadenceStore } from './store';
import type { SimWarehouse } from './types';
import { Invalid, type Body } from './validation';

/**
 * The warehouse a create names by id or name. The id wins ("Ignored if warehouseId is provided"),
 * and with neither "the user's current warehouse will be used" (Pipedream's Allocadence
 * create-customer-order and Zenventory create-item props, evidence §2.4 [A], §2.10 [Z]). A name or
 * id that matches no warehouse follows `RestBehaviour.unknownWarehouse`.
 */
export function chosenWarehouse(store: AllocadenceStore, body: Body, keys: { id: string; name: string }, prefix = ''): SimWarehouse {
  const current = store.currentWarehouse();
  const rawId = body[keys.id];
  if (rawId !== undefined && rawId !== null && rawId !== 0) {
    if (typeof rawId !== 'number' || !Number.isSafeInteger(rawId))
      throw new Invalid(prefix + keys.id, `${keys.id} must be a whole number.`);
    return store.warehouses.find((w) => w.id === rawId) ?? unknown(store, current, prefix + keys.id, `Unknown warehouse id: ${rawId}`);
  }
  const name = body[keys.name];
  if (name === undefined || name === null || name === '') return current;
  if (typeof name !== 'string') throw new Invalid(prefix + keys.name, `${keys.name} must be a string.`);
  return store.findWarehouse(name) ?? unknown(store, current, prefix + keys.name, `Unknown warehouse: ${name}`);
}

function unknown(store: AllocadenceStore, current: SimWarehouse, parameter: string, message: string): SimWarehouse {
  if (store.behaviour.unknownWarehouse === 'refuse') throw new Invalid(parameter, message);
  return current;
}

/** An optional boolean field; anything but true/false is refused rather than coerced. */
export function optionalFlag(body: Body, key: string, param: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new Invalid(param, `${param} must be true or false.`);
  return v;
}

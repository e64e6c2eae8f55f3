/**
 * How the simulated REST 2.0 tree answers where the evidence is split or missing
 * (reference/allocadence-evidence-2026-12.md). Each default is the form the evidence makes most
 * likely; the other form is an option, so tests cover both.
 */
export interface RestBehaviour {
  /**
   * The API user's current warehouse (by name): where an order or item create lands when it names
   * none ("the user's current warehouse will be used", §2.4 and §2.10 [A]/[Z]). Default: the first warehouse.
   */
  userWarehouse: string;
  /**
   * A `shipFromWarehouseName` or item `warehouseName` that names no warehouse. No source says what
   * happens (§2.4 "Ship-from warehouse"). Default `current`: treated like no name at all, so the
   * user's current warehouse is used, as for a missing one; a name is a lookup the API does not
   * check elsewhere either (unknown filters are silently ignored, §2.5) [I]. `refuse`: `invalid_parameter`.
   */
  unknownWarehouse: 'current' | 'refuse';
  /**
   * An order line whose item is not assigned to the ship-from warehouse. §2.10: an item created
   * without warehouse parameters is assigned only to the user's current warehouse, "and orders or
   * stock for the Amazon warehouse may fail". Default `refuse` (`invalid_parameter` on `items.sku`) [I]; `accept`.
   */
  unassignedItems: 'refuse' | 'accept';
  /**
   * A new customer needs a non-empty `surname` (§2.4: Pipedream's Allocadence prop "A combination of
   * name and surname is required if the customer is new" [A]; Theseus sends a zero-width space rather
   * than none [Z]). Default true; false accepts a name alone.
   */
  surnameRequired: boolean;
  /**
   * `POST /inventory/adjustments` exists. No client, help page or connector shows any stock
   * adjustment call (§2.12 [—]), so by default it is a path the application does not route (500,
   * empty body, §2.13). True serves the shape this tool once guessed, so that code path stays tested.
   */
  adjustments: boolean;
  /**
   * A customer or address change to a completed order. Whether the API allows it is unknown: Theseus
   * refuses on its own side to edit shipped orders (§2.7 [Z]), while Zenventory's own Amazon
   * integration "redacts customer information … within 30 days of an order being completed" (§3 [Z]),
   * so the platform itself changes completed orders. Default `accept`; `refuse` answers
   * `invalid_state` as for a cancelled order. The lines of a completed order never change either way.
   */
  completedOrderEdits: 'accept' | 'refuse';
}

export type RestBehaviourOptions = Partial<RestBehaviour>;

export function restBehaviour(warehouses: readonly string[], opts: RestBehaviourOptions = {}): RestBehaviour {
  const userWarehouse = opts.userWarehouse ?? warehouses[0] ?? 'Main';
  if (!warehouses.includes(userWarehouse))
    throw new Error(`userWarehouse '${userWarehouse}' is not one of the warehouses (${warehouses.join(', ')})`);
  return {
    userWarehouse,
    unknownWarehouse: opts.unknownWarehouse ?? 'current',
    unassignedItems: opts.unassignedItems ?? 'refuse',
    surnameRequired: opts.surnameRequired ?? true,
    adjustments: opts.adjustments ?? false,
    completedOrderEdits: opts.completedOrderEdits ?? 'accept',
  };
}

/** `warn`: worth fixing, but nothing enabled depends on it; `skip`: could not or need not be checked. */
export type CheckResult = 'ok' | 'fail' | 'warn' | 'skip';

export interface CheckRow {
  /** `config`, `amazon <seller>`, `allocadence`. */
  area: string;
  check: string;
  result: CheckResult;
  detail: string;
  /** Features that cannot work while this row fails. */
  blocks?: string[];
}

/** Every feature a configuration can switch on; `check` reports which of them can work. */
export const FEATURES = {
  pullOrders: 'pull-orders',
  amazonCancels: 'pull-orders: Amazon cancellations reach Allocadence',
  pendingAddress: 'pull-orders: addresses of orders imported while pending',
  pullItems: 'pull-items',
  initialQuantities: 'pull-items: initial quantities',
  pushStock: 'push-stock',
  pushShipments: 'push-shipments',
  pushStatus: 'push-status',
} as const;

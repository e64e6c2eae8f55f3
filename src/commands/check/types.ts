export interface CheckFlags {
  offline: boolean;
  /** Where `--record` writes the shapes of the Allocadence answers. */
  record?: string;
}

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

/**
 * What `check` says a failing probe stops: a direction (named as the registry names it), or a part
 * of one that a probe can tell apart.
 */
export const FEATURES = {
  pullOrders: 'pull-orders',
  amazonCancels: 'pull-orders: Amazon cancellations reach Allocadence',
  pendingAddress: 'pull-orders: addresses of orders imported while pending',
  pullItems: 'pull-items',
  initialQuantities: 'pull-items: initial quantities',
  pushStock: 'push-stock',
  pushShipments: 'push-shipments',
  pushStatus: 'push-status',
  redactPii: 'redact-pii',
} as const;

/** Every feature `check` reports on: each direction the registry lists, each followed by its parts. */
export function allFeatures(directions: readonly string[]): string[] {
  const parts = Object.values(FEATURES).filter((f) => f.includes(': '));
  return directions.flatMap((d) => [d, ...parts.filter((p) => p.startsWith(`${d}: `))]);
}

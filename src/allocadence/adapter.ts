import type { Config } from '../config/schema';
import type { Secrets } from '../config/secrets';
import type { HttpDeps, HttpStats } from '../http/client';
import type { Gate } from '../http/gate';
import type { RetryPolicy } from '../http/retry-policy';
import { DEFAULT_ACCOUNT_TIME_ZONE } from './account-time';
import { createAllocadenceClients, type AllocadenceClients } from './client';
import { AllocadenceItems } from './items';
import { AllocadenceOrders } from './orders';

/** The warehouse as the directions see it: its two APIs, its orders and items, and the account's time zone. */
export interface Allocadence {
  clients: AllocadenceClients;
  orders: AllocadenceOrders;
  items: AllocadenceItems;
  /** The account's IANA zone: what its legacy dates are written in and its date filters count days in. */
  zone: string;
  /**
   * Writes worth having in flight at once: the gate's bound on requests (`concurrency.allocadenceRequests`),
   * so that a direction writing this many records side by side keeps the warehouse as busy as it is allowed to be.
   */
  writeConcurrency: number;
}

/** Without a gate (tests, one-off tools): one write at a time. */
const UNGATED_WRITE_CONCURRENCY = 1;

export function createAllocadence(
  config: Config['allocadence'],
  secrets: Secrets,
  retry: RetryPolicy,
  deps: HttpDeps,
  stats: HttpStats,
  gate?: Gate,
): Allocadence {
  const clients = createAllocadenceClients(config, secrets, retry, deps, stats, gate);
  return {
    clients,
    orders: new AllocadenceOrders(clients, { timeZone: config.timeZone }),
    items: new AllocadenceItems(clients),
    zone: config.timeZone ?? DEFAULT_ACCOUNT_TIME_ZONE,
    writeConcurrency: gate?.limit ?? UNGATED_WRITE_CONCURRENCY,
  };
}

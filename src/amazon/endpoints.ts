import type { Config } from '../config/schema';

const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** The SP-API host for the configured region; `amazon.endpoint` overrides it (simulators, proxies). */
export function spApiEndpoint(amazon: Config['amazon']): string {
  if (amazon.endpoint) return amazon.endpoint;
  return `https://${amazon.sandbox ? 'sandbox.' : ''}sellingpartnerapi-${amazon.region}.amazon.com`;
}

/** LWA has one host for every region. */
export function lwaTokenUrl(amazon: Config['amazon']): string {
  return amazon.tokenUrl ?? LWA_TOKEN_URL;
}

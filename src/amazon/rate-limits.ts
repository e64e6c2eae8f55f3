import type { RateLimit } from '../http/rate-limiter';

/**
 * Default usage plans of the operations we call, from the "Usage Plan" table in each operation's
 * model description. Amazon may grant an account more; `x-amzn-RateLimit-Limit` and
 * `amazon.rateLimits` in the config adjust them.
 */
export const SP_API_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
};

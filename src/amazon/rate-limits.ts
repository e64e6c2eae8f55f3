import type { RateLimit } from '../http/rate-limiter';

/**
 * Default usage plans of the operations we call, from the "Usage Plan" table in each operation's
 * model description. Amazon may grant an account more; `x-amzn-RateLimit-Limit` and
 * `amazon.rateLimits` in the config adjust them.
 */
export const SP_API_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  /**
   * Not an operation: at most 5 JSON_LISTINGS_FEED submissions per 5 minutes per region, a limit of
   * the feed type distinct from createFeed's own plan (reference/spapi-2026-12.md §2). Counted as a
   * rolling window of `burst` per `burst / rate` s, not as a bucket (see isFeedTypeLimit).
   */
  'feedType:JSON_LISTINGS_FEED': { rate: 5 / 300, burst: 5 },
};

/** A feed type's limit is a rolling window of submissions; every other limit is a token bucket. */
export const isFeedTypeLimit = (name: string): boolean => name.startsWith('feedType:');

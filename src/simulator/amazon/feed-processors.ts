import { listingsFeedProcessor } from './listings-feed';
import { orderAcknowledgementProcessor, orderFulfillmentProcessor } from './order-feeds';
import type { FeedProcessor, FeedResult } from './feed-types';

export type { FeedProcessor, FeedResult, FeedRun } from './feed-types';

/** Feed types the simulator processes; a new type is one row. Any other type ends FATAL. */
export const FEED_PROCESSORS: Readonly<Record<string, FeedProcessor>> = {
  JSON_LISTINGS_FEED: listingsFeedProcessor,
  POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA: orderAcknowledgementProcessor,
  POST_FLAT_FILE_FULFILLMENT_DATA: orderFulfillmentProcessor,
};

export function unknownFeedType(feedType: string): FeedResult {
  const text = `Feed type ${feedType} is not processed by the simulator; known types: ${Object.keys(FEED_PROCESSORS).join(', ')}\n`;
  return { text, contentType: 'text/plain;charset=UTF-8', view: text };
}

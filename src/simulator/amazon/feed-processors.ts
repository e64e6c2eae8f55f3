import type { FeedQuirks } from './feed-quirks';
import type { ListingStore } from './listing-store';
import { listingsFeedProcessor } from './listings-feed';
import { orderAcknowledgementProcessor, orderFulfillmentProcessor } from './order-feeds';
import type { OrderStore } from './order-store';

/** What a processor sees of the feed it runs. */
export interface FeedRun {
  feedId: string;
  sellerId: string;
  marketplaceIds: string[];
  /** The Content-Type the input document was created (and uploaded) with. */
  contentType: string;
  listings: ListingStore;
  orders: OrderStore;
  nowMs: number;
  quirks: FeedQuirks;
}

/** A result document before it is stored: its text, how it is served, and what the state view shows. */
export interface FeedResult {
  text: string;
  contentType: string;
  view: unknown;
}

export interface FeedProcessor {
  /** Runs the uploaded document; FATAL when the document as a whole cannot be processed. */
  process(run: FeedRun, content: Buffer): { status: 'DONE' | 'FATAL'; result: FeedResult };
  /** The result document of a feed that ended FATAL for a reason outside the document. */
  fatal(run: FeedRun, message: string): FeedResult;
}

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

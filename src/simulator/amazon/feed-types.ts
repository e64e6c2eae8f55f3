import type { FeedQuirks } from './feed-quirks';
import type { ListingStore } from './listing-store';
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

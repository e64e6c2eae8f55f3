import type { SimRequest, SimResponse } from '../exchange';
import type { DocumentStore } from './documents';
import type { FeedStore } from './feed-store';
import type { ListingStore } from './listing-store';
import type { OrderStore } from './order-store';
import type { ReportStore } from './report-store';

/** The simulated seller data every handler may read or change. */
export interface SimStores {
  store: OrderStore;
  listings: ListingStore;
  reports: ReportStore;
  feeds: FeedStore;
  documents: DocumentStore;
}

/** What an SP-API operation handler gets once auth and throttling have passed. */
export interface OperationContext extends SimStores {
  sellerId: string;
  nowMs: number;
}

export type OperationHandler = (ctx: OperationContext, req: SimRequest, pathParams: string[]) => SimResponse;

export interface OperationDef {
  name: string;
  method: string;
  /** Anchored; capture groups become `pathParams`, URI-decoded. */
  path: RegExp;
  /** Default usage plan from the model's operation description (reference/spapi.md §8). */
  rate: number;
  burst: number;
  handle: OperationHandler;
}

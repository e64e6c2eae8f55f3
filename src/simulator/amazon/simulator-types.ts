import type { AnswerRewrite } from '../answer-rewrites';
import type { FaultKind } from '../faults';
import type { RecordedRequest, RequestListener } from '../server';
import type { ReportCharset } from './charset';
import type { UnappliedQuantities } from './feed-quirks';
import type { SimFeed } from './feed-store';
import type { ForcedOutcome } from './jobs';
import type { AddListingsInput, SimListing } from './listing-types';
import type { SimReport } from './report-store';
import type { AddOrdersInput, FulfillmentStatus, SimOrder } from './types';

export interface AmazonSimSeller {
  sellerId: string;
  refreshToken: string;
  marketplaceIds: string[];
}

export interface AmazonSimOptions {
  /** The LWA app credentials the token endpoint accepts. */
  clientId: string;
  clientSecret: string;
  sellers: AmazonSimSeller[];
  /** Default 1; every random choice (ids, buyers, tokens, faults) derives from it. */
  seed?: number;
  /** Millisecond clock for the two-minute rule, token buckets and token expiry; default Date.now. */
  now?: () => number;
  /** Per-operation usage plans replacing the model defaults, e.g. { searchOrders: { rate: 1, burst: 5 } }. */
  rates?: Record<string, { rate: number; burst: number }>;
  /** Fractions of requests to fail per kind (see parseFaults); admin routes are never faulted. */
  faults?: Partial<Record<FaultKind, number>>;
  /** Delay of a 'slow' fault, ms. */
  slowMs?: number;
  /** How long a 'timeout' fault holds the connection before dropping it, ms; make it longer than the client's timeout. */
  holdMs?: number;
  /** Access token lifetime; default 3600 like LWA. */
  tokenTtlSeconds?: number;
  /** Default 0: any free port. */
  port?: number;
  /** Play Amazon's static sandbox: operations answer only the inputs Amazon documents for it. */
  sandbox?: boolean;
  /** getReport calls until a report is finished: 1st IN_QUEUE, then IN_PROGRESS, the last DONE. Default 3. */
  reportPolls?: number;
  /** getFeed calls until a feed is finished (and processed), like reportPolls. Default 3. */
  feedPolls?: number;
  /** Gzip report documents (compressionAlgorithm GZIP). Default true. */
  reportGzip?: boolean;
  /** Charset of report documents, also named in the download's Content-Type. Default UTF-8. */
  reportCharset?: ReportCharset;
  /** Quantity changes DONE listings feeds accept and leave unapplied (feed-quirks.ts); default none. */
  unappliedQuantities?: UnappliedQuantities;
  /** Flat-file headings treated as invalid, so their values are ignored (feed-quirks.ts); default none. */
  invalidFlatFileHeadings?: string[];
}

export interface AmazonSimulator {
  /** http://127.0.0.1:PORT, for both the SP-API endpoint and the LWA token URL (`/auth/o2/token`). */
  origin: string;
  /** Every non-admin request, in order. */
  requests: RecordedRequest[];
  /** Sees each non-admin request as it arrives and once it is answered (see RequestListener); returns the remover. */
  onRequest(listener: RequestListener): () => void;
  /** Same as `POST /__sim/orders`; throws on invalid input. `sellerId` defaults to the input's, then the first seller. */
  addOrders(input: AddOrdersInput, sellerId?: string): SimOrder[];
  /** Same as `POST /__sim/orders/{orderId}`; `lastUpdatedTime` defaults to now. */
  updateOrder(
    orderId: string,
    change: { status: FulfillmentStatus; lastUpdatedTime?: string; cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON' },
  ): SimOrder;
  /**
   * Same as `POST /__sim/orders/{orderId}/cancellation-request`: the buyer asks to cancel the named
   * items (default: every item not shipped or cancelled); the order keeps its status until the seller acts.
   */
  requestCancellation(orderId: string, input?: { orderItemIds?: string[]; reason?: string; lastUpdatedTime?: string }): SimOrder;
  /** Same as `POST /__sim/orders/{orderId}/cancel-items`: lines cancelled outright; the order is CANCELLED once none is left. */
  cancelItems(
    orderId: string,
    input: { orderItemIds: string[]; cancelledBy: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason?: string; lastUpdatedTime?: string },
  ): SimOrder;
  /** Same as `POST /__sim/orders/{orderId}/edit`: a quantity lowered and/or the address corrected while the order is open. */
  editOrder(
    orderId: string,
    input: {
      items?: { orderItemId: string; quantity: number }[];
      address?: { line1?: string; city?: string; state?: string; postalCode?: string; phone?: string };
      lastUpdatedTime?: string;
    },
  ): SimOrder;
  /** Full current state: every dataset of every order, buyer data even while PENDING. */
  orders(): SimOrder[];
  /** Same as `POST /__sim/expire-tokens`. */
  expireTokens(): void;
  /** From now on these operations answer 403 as for an application without the role they need (empty list: none). */
  denyOperations(names: readonly string[]): void;
  /** Same as `POST /__sim/listings`; throws on invalid input. A child may name a parent added later. */
  addListings(input: AddListingsInput): SimListing[];
  /** The seller deletes the listing (deleteListingsItem): gone from searches and later reports; false if there was none. */
  deleteListing(sku: string, sellerId?: string): boolean;
  /** Every listing of every seller, with derived `childSkus`. */
  listings(): SimListing[];
  /** Same as `POST /__sim/listings/{sku}/reject`: while set, every patch or feed message for the SKU fails with `message`; null clears. */
  rejectSku(sku: string, message: string | null): void;
  /** Same as `POST /__sim/unapplied-quantities`: from now on DONE listings feeds leave these quantity changes unapplied; null: none. */
  leaveQuantitiesUnapplied(unapplied: UnappliedQuantities | null): void;
  /** Same as `POST /__sim/invalid-headings`: from now on flat-file feeds treat these headings as invalid (empty: none). */
  invalidateHeadings(headings: readonly string[]): void;
  /** Same as `POST /__sim/next-outcome`: the next report or feed created (queued, one per call) ends so. */
  nextOutcome(kind: 'feed' | 'report', status: ForcedOutcome): void;
  /** Every report, as `/__sim/state` shows them. */
  reports(): SimReport[];
  /** Every feed with its uploaded content and result, as `/__sim/state` shows them. */
  feeds(): SimFeed[];
  /**
   * Same as `POST /__sim/rewrite-next`: the next answer(s) of an operation (an OPERATIONS name,
   * `token` for LWA, `downloadDocument` for a presigned download) are changed as given, after auth
   * and throttling passed. Throws for an unknown operation.
   */
  rewriteNext(operation: string, rewrite: AnswerRewrite): void;
  /** Rewritten answers not yet sent, by operation. */
  pendingRewrites(): Record<string, number>;
  /** Replaces the fault rates from now on (undefined: none); draws go on from the same seeded stream. */
  setFaults(rates: Partial<Record<FaultKind, number>> | undefined): void;
  /**
   * Finishes every report and feed nobody polled to its end, as Amazon does in its own time: a feed
   * submitted by a run that then stopped still takes effect. Returns how many were finished.
   */
  finishJobs(): number;
  close(): Promise<void>;
}

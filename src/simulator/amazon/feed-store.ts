import { gzipSync } from 'node:zlib';
import type { DocumentStore } from './documents';
import { InvalidInputError } from './errors';
import { FEED_PROCESSORS, unknownFeedType, type FeedResult, type FeedRun } from './feed-processors';
import type { FeedQuirks } from './feed-quirks';
import { isTerminal, jobTimes, JobStore, type Job, type OutcomeQueue, type ProcessingStatus } from './jobs';
import type { ListingStore } from './listing-store';
import type { OrderStore } from './order-store';
import { DAY } from './time';

export interface StoredFeed extends Job {
  inputDocumentId: string;
  /** The upload as it was when the feed was created. */
  input: { bytes: Buffer; contentType: string };
  feedOptions?: Record<string, string>;
  resultDocumentId?: string;
  /** The result as the state view shows it: the processing report object, or an error text. */
  result?: unknown;
}

/** The Feed object of the model. */
export interface Feed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  createdTime: string;
  processingStatus: ProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  resultFeedDocumentId?: string;
}

/** A feed as `/__sim/state` shows it: the API's Feed plus owner, polls, uploaded content and result. */
export type SimFeed = Feed & { sellerId: string; polls: number; input: { contentType: string; content: string }; result?: unknown };

export interface NewFeed {
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  feedOptions?: Record<string, string>;
}

// A feedDocumentId is valid for 2 days.
const DOCUMENT_LIFETIME_MS = 2 * DAY;

/** Feeds of every seller; they advance one step per getFeed call and run (change listings or orders) when they finish. */
export class FeedStore extends JobStore<StoredFeed, Feed> {
  /** seller + feed type -> creation times inside the type's window. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly listings: ListingStore,
    private readonly orders: OrderStore,
    private readonly documents: DocumentStore,
    /** `limits`: the rate table, whose `feedType:<type>` rows are the feed types' own limits (FEED_TYPE_LIMITS). */
    private readonly settings: { polls: number; limits: Readonly<Record<string, { rate: number; burst: number }>> },
    outcomes: OutcomeQueue,
    /** Shared with the admin routes, which change it while feeds run. */
    readonly quirks: FeedQuirks,
  ) {
    super(60_000_000_000, settings, outcomes);
  }

  /** Throws InvalidInputError for a bad document; 'throttled' when the feed type's own limit is reached. */
  create(sellerId: string, spec: NewFeed, nowMs: number): StoredFeed | 'throttled' {
    const doc = this.documents.get(spec.inputFeedDocumentId);
    if (doc?.sellerId !== sellerId || !doc.upload)
      throw new InvalidInputError(`inputFeedDocumentId ${spec.inputFeedDocumentId} is not a feed document created by this seller`);
    if (nowMs - doc.createdMs >= DOCUMENT_LIFETIME_MS)
      throw new InvalidInputError(`feed document ${doc.id} has expired: documents are valid for 2 days`);
    if (!doc.bytes) throw new InvalidInputError(`feed document ${doc.id} was never uploaded: PUT the content to its url before createFeed`);
    if (!this.admit(sellerId, spec.feedType, nowMs)) return 'throttled';
    const own: Omit<StoredFeed, keyof Job> = { inputDocumentId: doc.id, input: { bytes: doc.bytes, contentType: doc.contentType } };
    if (spec.feedOptions) own.feedOptions = spec.feedOptions;
    return this.add(sellerId, spec.feedType, spec.marketplaceIds, nowMs, own);
  }

  /** The poll that finishes the feed processes it. */
  protected override finish(feed: StoredFeed, nowMs: number): void {
    const run: FeedRun = {
      feedId: feed.id,
      sellerId: feed.sellerId,
      marketplaceIds: feed.marketplaceIds,
      contentType: feed.input.contentType,
      listings: this.listings,
      orders: this.orders,
      nowMs,
      quirks: this.quirks,
    };
    const processor = FEED_PROCESSORS[feed.type];
    let outcome: { status: 'DONE' | 'FATAL'; result: FeedResult };
    if (feed.status === 'FATAL') {
      const message = `Feed ${feed.id} was aborted by a simulated fatal processing error; nothing in it was applied.`;
      outcome = { status: 'FATAL', result: processor ? processor.fatal(run, message) : unknownFeedType(feed.type) };
    } else if (!processor) outcome = { status: 'FATAL', result: unknownFeedType(feed.type) };
    else outcome = processor.process(run, feed.input.bytes);
    feed.status = outcome.status;
    feed.result = outcome.result.view;
    const bytes = gzipSync(Buffer.from(outcome.result.text, 'utf8'));
    feed.resultDocumentId = this.documents.createDownload(
      feed.sellerId,
      'feed',
      { bytes, contentType: outcome.result.contentType, compression: 'GZIP' },
      nowMs,
    ).id;
  }

  override view(f: StoredFeed): Feed {
    const out: Feed = { feedId: f.id, feedType: f.type, marketplaceIds: [...f.marketplaceIds], ...jobTimes(f), processingStatus: f.status };
    if (isTerminal(f.status) && f.resultDocumentId) out.resultFeedDocumentId = f.resultDocumentId;
    return out;
  }

  /** The state view: the Feed plus owner, input and result. */
  stateView(f: StoredFeed): SimFeed {
    const out = {
      ...this.view(f),
      sellerId: f.sellerId,
      polls: f.polls,
      input: { contentType: f.input.contentType, content: f.input.bytes.toString('utf8') },
    };
    return f.result === undefined ? out : { ...out, result: f.result };
  }

  /**
   * A rolling window, as Amazon words it ("5 submissions per 5 minutes", reference/spapi-2026-12.md
   * §2), not a bucket: the sixth goes only when the first is 5 minutes old. Per seller: the
   * simulator is one region's endpoint, and Amazon counts per seller and region.
   */
  private admit(sellerId: string, feedType: string, nowMs: number): boolean {
    const plan = this.settings.limits[`feedType:${feedType}`];
    if (!plan) return true;
    const limit = { count: plan.burst, windowMs: (plan.burst / plan.rate) * 1000 };
    const key = `${sellerId}\u0000${feedType}`;
    const times = (this.recent.get(key) ?? []).filter((t) => nowMs - t < limit.windowMs);
    this.recent.set(key, times);
    if (times.length >= limit.count) return false;
    times.push(nowMs);
    return true;
  }
}

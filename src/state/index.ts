import type { Db } from './db';
import { BackfillStore } from './backfills';
import { CheckpointStore } from './checkpoints';
import { FeedStore } from './feeds';
import { ItemCreateStore } from './item-creates';
import { LedgerStore } from './ledgers';
import { ListingStore } from './listings';
import { LockStore, type LockOptions } from './lock';
import { OrderMapStore } from './order-map';
import { RateBucketStore } from './rate-buckets';
import { ReadSpanStore } from './read-spans';
import { RedactionStore } from './redactions';
import { RetryQueue } from './retry-queue';
import { RunStore } from './runs';
import { ShipByStore } from './ship-by';
import { StockPushStore } from './stock-pushes';
import { SubmissionWindowStore } from './submission-windows';

export { checkStateFolder, openState, SCHEMA_VERSION, type Db } from './db';

/** Every store over one database handle. */
export interface State {
  db: Db;
  checkpoints: CheckpointStore;
  backfills: BackfillStore;
  runs: RunStore;
  locks: LockStore;
  orders: OrderMapStore;
  retries: RetryQueue;
  listings: ListingStore;
  feeds: FeedStore;
  ledgers: LedgerStore;
  readSpans: ReadSpanStore;
  rateBuckets: RateBucketStore;
  stockPushes: StockPushStore;
  itemCreates: ItemCreateStore;
  submissionWindows: SubmissionWindowStore;
  shipBy: ShipByStore;
  redactions: RedactionStore;
}

export function createState(db: Db, lock: LockOptions): State {
  const listings = new ListingStore(db);
  return {
    db,
    checkpoints: new CheckpointStore(db),
    backfills: new BackfillStore(db),
    runs: new RunStore(db),
    locks: new LockStore(db, lock),
    orders: new OrderMapStore(db),
    retries: new RetryQueue(db),
    listings,
    feeds: new FeedStore(db),
    ledgers: new LedgerStore(db),
    readSpans: new ReadSpanStore(db),
    rateBuckets: new RateBucketStore(db),
    stockPushes: new StockPushStore(db, listings),
    itemCreates: new ItemCreateStore(db),
    submissionWindows: new SubmissionWindowStore(db),
    shipBy: new ShipByStore(db),
    redactions: new RedactionStore(db),
  };
}

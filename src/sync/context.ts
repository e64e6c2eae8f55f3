import type { Allocadence } from '../allocadence/adapter';
import type { SellerConfig } from '../config/schema';
import type { HttpClient } from '../http/client';
import type { Logger } from '../output/log';
import type { State } from '../state';
import type { Session } from './session';
import type { RunHandle } from './run-handle';

/**
 * What direction code works with during one seller's run: the seller, both systems' clients, the
 * state, time, the deadline and whether it is a dry run. The runner makes it; directions only read it.
 */
export interface SellerContext {
  seller: SellerConfig;
  /** This seller's SP-API client (its own rate-limit buckets). */
  sp: HttpClient;
  /** Presigned report and feed documents: no SP-API token, no rate limit. */
  documents: HttpClient;
  allocadence: Allocadence;
  state: State;
  clock: () => number;
  /** Cut short by a stop (SIGINT, SIGTERM) with StoppedError. */
  sleep: (ms: number) => Promise<void>;
  /** Aborted when the run is asked to stop; pastDeadline() is true from then on. */
  stop: AbortSignal;
  /** Epoch ms from `clock`: after it the run starts no new work (--max-minutes); a request whose rate-limit wait would end later is not sent. */
  deadline: number | undefined;
  pastDeadline(): boolean;
  /** Read both sides, write nothing (the state file included): say what would be done instead. */
  dryRun: boolean;
  /** Lines carry the command, seller and run id. */
  log: Logger;
  /** The run's start, from the clock, once: windows and ship dates are bounded by it. */
  now: number;
  /** The clock's time now, ISO-8601 UTC: what the state records as "when". */
  iso(): string;
}

/** The same, for one marketplace of the seller. */
export interface RunContext extends SellerContext {
  marketplaceId: string;
}

export function sellerContext(session: Session, seller: SellerConfig, run: RunHandle): SellerContext {
  return {
    seller,
    // Made on first use: a run that does nothing on purpose opens no rate-limit buckets.
    get sp() {
      return session.spApi(seller);
    },
    documents: session.documents,
    allocadence: session.allocadence,
    state: session.state,
    clock: session.deps.clock,
    sleep: session.sleep,
    stop: session.stop,
    deadline: run.deadline,
    pastDeadline: run.pastDeadline,
    dryRun: run.dryRun,
    log: run.log,
    now: run.now,
    iso: run.iso,
  };
}

export function marketplaceContext(ctx: SellerContext, marketplaceId: string): RunContext {
  return { ...ctx, marketplaceId };
}

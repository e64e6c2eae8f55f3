import { createFaultPlan, type Fault, type FaultKind, type FaultPlan, type FaultTiming, type SystemFault } from '../faults';
import type { Rng } from '../random';
import type { SimRequest } from '../server';
import { faultBody } from './errors';
import type { FeedStore } from './feed-store';
import type { ForcedOutcome } from './jobs';
import type { LwaServer } from './lwa';
import type { ReportStore } from './report-store';

export interface AmazonFaultContext {
  lwa: LwaServer;
  feeds: FeedStore;
  reports: ReportStore;
  /** One stream for the simulator's life: a new plan goes on drawing from it. */
  rng: Rng;
  timing: FaultTiming;
}

/** createFeed and createReport: the only requests whose job a 'fatal' or 'cancelled' fault can end. */
function createdJob(
  ctx: AmazonFaultContext,
  req: SimRequest,
): { store: FeedStore | ReportStore; idField: 'feedId' | 'reportId' } | undefined {
  if (req.method !== 'POST') return undefined;
  if (req.path === '/feeds/2021-06-30/feeds') return { store: ctx.feeds, idField: 'feedId' };
  if (req.path === '/reports/2021-06-30/reports') return { store: ctx.reports, idField: 'reportId' };
  return undefined;
}

function endsAs(ctx: AmazonFaultContext, kind: FaultKind, outcome: ForcedOutcome): SystemFault {
  return (req): Fault | undefined => {
    const job = createdJob(ctx, req);
    if (!job) return undefined;
    // A request refused anyway (expired token, throttled, invalid) created no job to end.
    let forced = false;
    return {
      kind,
      after: (out) => {
        const id = (out.body as Partial<Record<string, unknown>> | undefined)?.[job.idField];
        forced = out.status < 300 && typeof id === 'string';
        if (forced) job.store.force(id as string, outcome);
        return out;
      },
      applied: () => forced,
    };
  };
}

/**
 * The shared kinds plus Amazon's own: 'expire' ends every access token just before the request is
 * checked (Amazon's expired-token 403), 'fatal' and 'cancelled' end the feed or report the request
 * creates so (other requests pass unharmed).
 */
export function amazonFaultPlan(rates: Partial<Record<FaultKind, number>>, ctx: AmazonFaultContext): FaultPlan {
  return createFaultPlan(rates, ctx.rng, {
    errorBody: faultBody,
    ...ctx.timing,
    system: {
      expire: () => ({ kind: 'expire', effect: () => void ctx.lwa.expireAll() }),
      fatal: endsAs(ctx, 'fatal', 'FATAL'),
      cancelled: endsAs(ctx, 'cancelled', 'CANCELLED'),
    },
  });
}

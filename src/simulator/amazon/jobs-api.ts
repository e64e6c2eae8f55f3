import { json, type SimResponse } from '../server';
import { amazonError, InvalidInputError } from './errors';
import { listJobs, readJobList, type Job, type JobStore } from './jobs';
import type { OperationContext, OperationHandler } from './operation-types';

export function notFound(what: string, id: string | undefined): SimResponse {
  return amazonError(404, 'NotFound', `${what} ${id ?? ''} was not found`);
}

/** The handlers reports and feeds share, over their store; named by `kind` ('report': getReport, cancelReport, getReports). */
export interface JobHandlers {
  /** `GET …/{id}`: every call is one poll. */
  get: OperationHandler;
  /** `DELETE …/{id}`: only while IN_QUEUE; 200 with no body. */
  cancel: OperationHandler;
  /** `GET …` with the type filters, or a nextToken alone; newest first. */
  list: OperationHandler;
}

export function jobHandlers<T extends Job, V>(kind: 'report' | 'feed', storeOf: (ctx: OperationContext) => JobStore<T, V>): JobHandlers {
  const name = kind === 'report' ? 'Report' : 'Feed';
  return {
    get(ctx, _req, [id]) {
      const store = storeOf(ctx);
      const job = store.get(ctx.sellerId, id ?? '');
      if (!job) return notFound(name, id);
      store.poll(job, ctx.nowMs);
      return json(200, store.view(job));
    },
    cancel(ctx, _req, [id]) {
      const store = storeOf(ctx);
      const job = store.get(ctx.sellerId, id ?? '');
      if (!job) return notFound(name, id);
      if (!store.cancel(job)) throw new InvalidInputError(`${name} ${job.id} is ${job.status}; only IN_QUEUE ${kind}s can be cancelled`);
      return { status: 200 };
    },
    list(ctx, req) {
      const store = storeOf(ctx);
      const { filters, after } = readJobList(req.query, `${kind}Types`, ctx.sellerId, ctx.nowMs);
      const { page, nextToken } = listJobs(store.values(), ctx.sellerId, filters, after);
      const body: Record<string, unknown> = { [`${kind}s`]: page.map((job) => store.view(job)) };
      if (nextToken) body.nextToken = nextToken;
      return json(200, body);
    },
  };
}

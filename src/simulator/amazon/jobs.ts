import { decodeCursorToken, encodeCursorToken } from './cursor-token';
import { InvalidInputError } from './errors';
import { readDate, readInteger, readList, readParam, rejectBracketArrays } from './query';
import { DAY, iso } from './time';

export const PROCESSING_STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];
export type ForcedOutcome = 'FATAL' | 'CANCELLED';

/** What reports and feeds share: Amazon processes both asynchronously and callers poll. */
export interface Job {
  id: string;
  sellerId: string;
  type: string;
  marketplaceIds: string[];
  createdMs: number;
  status: ProcessingStatus;
  /** get calls so far: progression is counted in polls, not clock time, so tests never wait. */
  polls: number;
  startMs?: number;
  endMs?: number;
  forced?: ForcedOutcome;
}

export function isTerminal(status: ProcessingStatus): boolean {
  return status === 'DONE' || status === 'FATAL' || status === 'CANCELLED';
}

/**
 * One poll of a job: IN_QUEUE on the first, IN_PROGRESS after, and finished on poll number
 * `pollsToFinish`. Returns true when this poll finished it (the caller then produces its output).
 */
export function pollJob(job: Job, pollsToFinish: number, nowMs: number): boolean {
  if (isTerminal(job.status)) return false;
  job.polls++;
  if (job.polls >= pollsToFinish) {
    job.status = job.forced ?? 'DONE';
    if (job.status !== 'CANCELLED') {
      job.startMs ??= nowMs;
      job.endMs = nowMs;
    }
    return true;
  }
  if (job.polls > 1) {
    job.status = 'IN_PROGRESS';
    job.startMs ??= nowMs;
  }
  return false;
}

/** The times every Report and Feed carries, in model field names. */
export function jobTimes(job: Job): { createdTime: string; processingStartTime?: string; processingEndTime?: string } {
  const out: { createdTime: string; processingStartTime?: string; processingEndTime?: string } = { createdTime: iso(job.createdMs) };
  if (job.startMs !== undefined) out.processingStartTime = iso(job.startMs);
  if (job.endMs !== undefined) out.processingEndTime = iso(job.endMs);
  return out;
}

/** Outcomes queued by `nextOutcome`, taken one per created job. */
export class OutcomeQueue {
  private readonly queued: ForcedOutcome[] = [];

  push(outcome: ForcedOutcome): void {
    this.queued.push(outcome);
  }

  take(): ForcedOutcome | undefined {
    return this.queued.shift();
  }
}

/**
 * The lifecycle reports and feeds share: ids in sequence from `idBase`, IN_QUEUE until polled, the
 * next queued outcome taken at creation, invisible to other sellers, cancellable until started.
 * A subclass adds its own fields, its Amazon view and what happens when a job finishes.
 */
export abstract class JobStore<T extends Job, V> {
  private readonly jobs = new Map<string, T>();
  private seq = 0;

  constructor(
    private readonly idBase: number,
    private readonly pollSettings: { readonly polls: number },
    private readonly outcomes: OutcomeQueue,
  ) {}

  /** Another seller's job is as invisible as a missing one. */
  get(sellerId: string, id: string): T | undefined {
    const job = this.jobs.get(id);
    return job && job.sellerId === sellerId ? job : undefined;
  }

  values(): IterableIterator<T> {
    return this.jobs.values();
  }

  /** One get call: the poll that finishes the job (other than by cancelling) produces its output. */
  poll(job: T, nowMs: number): void {
    if (pollJob(job, this.pollSettings.polls, nowMs) && job.status !== 'CANCELLED') this.finish(job, nowMs);
  }

  /** Decides now how an unfinished job will end, as `nextOutcome` does for the next one created. */
  force(id: string, outcome: ForcedOutcome): void {
    const job = this.jobs.get(id);
    if (job && !isTerminal(job.status)) job.forced = outcome;
  }

  /** Polls every unfinished job to its end: what Amazon has done by the time a later run looks. */
  finishAll(nowMs: number): number {
    let finished = 0;
    for (const job of this.jobs.values()) {
      if (isTerminal(job.status)) continue;
      while (!isTerminal(job.status)) this.poll(job, nowMs);
      finished++;
    }
    return finished;
  }

  /** Only a job that has not started can be cancelled. */
  cancel(job: T): boolean {
    if (job.status !== 'IN_QUEUE') return false;
    job.status = 'CANCELLED';
    return true;
  }

  /** The model's Report or Feed object. */
  abstract view(job: T): V;

  /** Called once, on the poll that leaves the job DONE or FATAL. */
  protected abstract finish(job: T, nowMs: number): void;

  /** Stores a new IN_QUEUE job with `own`, the fields only this kind of job has. */
  protected add(sellerId: string, type: string, marketplaceIds: readonly string[], nowMs: number, own: Omit<T, keyof Job>): T {
    this.seq++;
    const job = {
      id: String(this.idBase + this.seq),
      sellerId,
      type,
      marketplaceIds: [...marketplaceIds],
      createdMs: nowMs,
      status: 'IN_QUEUE',
      polls: 0,
      ...own,
    } as T;
    const forced = this.outcomes.take();
    if (forced) job.forced = forced;
    this.jobs.set(job.id, job);
    return job;
  }
}

export interface JobListFilters {
  types: string[];
  statuses?: string[];
  marketplaceIds?: string[];
  createdSince: number;
  createdUntil: number;
  pageSize: number;
}

interface ListToken {
  sellerId: string;
  filters: JobListFilters;
  after: [number, string];
}

function isListToken({ filters: f, after }: ListToken): boolean {
  return (
    Array.isArray(f.types) &&
    typeof f.createdSince === 'number' &&
    typeof f.createdUntil === 'number' &&
    Number.isInteger(f.pageSize) &&
    Array.isArray(after)
  );
}

// Amazon keeps reports and feeds 90 days; that is also createdSince's default.
const RETENTION_MS = 90 * DAY;

/**
 * getReports / getFeeds parameters. With `nextToken`, Amazon wants it as the only parameter: the
 * token carries the filters of the first call.
 */
export function readJobList(
  query: URLSearchParams,
  typesName: 'reportTypes' | 'feedTypes',
  sellerId: string,
  nowMs: number,
): { filters: JobListFilters; after?: [number, string] } {
  rejectBracketArrays(query);
  const token = readParam(query, 'nextToken');
  if (token !== undefined) {
    const others = [...new Set(query.keys())].filter((k) => k !== 'nextToken');
    if (others.length > 0) throw new InvalidInputError(`nextToken must be the only parameter; also given: ${others.join(', ')}`);
    const decoded = decodeCursorToken(token, 'nextToken', sellerId, isListToken);
    return { filters: decoded.filters, after: decoded.after };
  }
  const types = readList(query, typesName, { maxItems: 10 });
  if (!types) throw new InvalidInputError(`either ${typesName} or nextToken is required`);
  const filters: JobListFilters = {
    types,
    createdSince: readDate(query, 'createdSince') ?? nowMs - RETENTION_MS,
    createdUntil: readDate(query, 'createdUntil') ?? nowMs,
    pageSize: readInteger(query, 'pageSize', 1, 100) ?? 10,
  };
  const statuses = readList(query, 'processingStatuses', { allowed: PROCESSING_STATUSES });
  const marketplaceIds = readList(query, 'marketplaceIds', { maxItems: 10 });
  if (statuses) filters.statuses = statuses;
  if (marketplaceIds) filters.marketplaceIds = marketplaceIds;
  if (filters.createdUntil < filters.createdSince) throw new InvalidInputError('createdUntil must not be before createdSince');
  return { filters };
}

/** Newest first; `nextToken` when more remain. */
export function listJobs<T extends Job>(
  jobs: Iterable<T>,
  sellerId: string,
  f: JobListFilters,
  after?: [number, string],
): { page: T[]; nextToken?: string } {
  const desc = (a: [number, string], b: [number, string]) => b[0] - a[0] || (b[1] < a[1] ? -1 : b[1] > a[1] ? 1 : 0);
  const hits: T[] = [];
  for (const job of jobs) {
    if (job.sellerId !== sellerId || !f.types.includes(job.type)) continue;
    if (f.statuses && !f.statuses.includes(job.status)) continue;
    if (f.marketplaceIds && !job.marketplaceIds.some((m) => f.marketplaceIds?.includes(m))) continue;
    if (job.createdMs < f.createdSince || job.createdMs > f.createdUntil) continue;
    if (after && desc(after, [job.createdMs, job.id]) >= 0) continue;
    hits.push(job);
  }
  hits.sort((a, b) => desc([a.createdMs, a.id], [b.createdMs, b.id]));
  const page = hits.slice(0, f.pageSize);
  const last = page[page.length - 1];
  if (hits.length <= f.pageSize || !last) return { page };
  const token: ListToken = { sellerId, filters: f, after: [last.createdMs, last.id] };
  return { page, nextToken: encodeCursorToken(token) };
}

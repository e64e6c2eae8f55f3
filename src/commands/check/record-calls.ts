import type { AllocadenceClients } from '../../allocadence/client';
import { EMPTY_ANSWER } from '../../allocadence/client';
import { errorMessage, RemoteError } from '../../errors';
import type { HttpClient } from '../../http/client';

/**
 * The answers `check --record` collects, call by call. Bodies stay in memory for the comparison;
 * what is written down of them is their shape only (check-record-shape.ts).
 */
export interface ReadAnswer {
  /** The query sent, with any value that is the account's data (a SKU, an order number) shown as a placeholder. */
  query: Record<string, string>;
  status?: number;
  contentType?: string;
  /** A call that failed: its status, what kind of body came back, the error code it named. Never the body's text. */
  failed?: { status?: number; body: 'empty' | 'html' | 'json' | 'none'; code?: string };
  /** Kept in memory only. */
  body?: unknown;
}

/** What a filter did, as far as one small page shows it. */
export interface FilterNote {
  filter: string;
  narrowed: 'yes' | 'no' | 'partly' | 'cannot tell';
  detail: string;
  /** Set when the tool relies on the filter and it was not applied: the features that cannot work. */
  blocks?: string[];
}

export interface CallRecord {
  call: string;
  answers: ReadAnswer[];
  filters: FilterNote[];
  /** A call that only writes, probed with a request that cannot change anything: recorded, not compared. */
  inertWrite?: boolean;
}

function failure(err: RemoteError): NonNullable<ReadAnswer['failed']> {
  const detail = err.detail ?? '';
  const body =
    err.status === undefined ? 'none' : detail.startsWith(EMPTY_ANSWER) ? 'empty' : detail.startsWith('an HTML') ? 'html' : 'json';
  return { ...(err.status === undefined ? {} : { status: err.status }), body, ...(err.code && body === 'json' ? { code: err.code } : {}) };
}

/** The rows of a list answer, whichever envelope it came in: a bare array, or the first list in an object. */
export function rowsIn(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? Object.values(body).find(Array.isArray) : undefined;
  return ((list ?? []) as unknown[]).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
}

/** `meta.count` of an API 2.0 list, when the answer has it. */
export function countOf(answer: ReadAnswer): number | undefined {
  const meta = (answer.body as { meta?: { count?: unknown } } | undefined)?.meta;
  return typeof meta?.count === 'number' ? meta.count : undefined;
}

export class Recording {
  readonly calls = new Map<string, CallRecord>();

  private record(call: string): CallRecord {
    let rec = this.calls.get(call);
    if (!rec) {
      rec = { call, answers: [], filters: [] };
      this.calls.set(call, rec);
    }
    return rec;
  }

  /**
   * One request, recorded under `call` whatever it answers. A failure is recorded, not thrown: the
   * plain probes already report calls that fail, and the shape of what did answer is still worth having.
   */
  async send(
    call: string,
    client: HttpClient,
    spec: { operation: string; method?: 'GET' | 'PUT' | 'POST'; path: string; params?: Record<string, string>; data?: unknown },
    shown: Record<string, string> = {},
  ): Promise<ReadAnswer> {
    const rec = this.record(call);
    if (spec.method && spec.method !== 'GET') rec.inertWrite = true;
    const query = { ...spec.params, ...shown };
    let answer: ReadAnswer;
    try {
      const res = await client.request<unknown>({
        operation: spec.operation,
        method: spec.method ?? 'GET',
        path: spec.path,
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.data === undefined ? {} : { data: spec.data }),
      });
      const contentType = res.headers['content-type'];
      answer = { query, status: res.status, ...(contentType ? { contentType } : {}), body: res.data };
    } catch (err) {
      if (!(err instanceof RemoteError)) throw new Error(`${call}: ${errorMessage(err)}`);
      answer = { query, failed: failure(err) };
    }
    rec.answers.push(answer);
    return answer;
  }

  note(call: string, filter: FilterNote): void {
    this.record(call).filters.push(filter);
  }
}

/** What each probe of the REST and legacy trees reads with. */
export interface RestReadContext {
  clients: AllocadenceClients;
  rec: Recording;
  /** The account's zone as runs use it (allocadence.timeZone, else UTC): what day filters are sent in. */
  zone: string;
  now: number;
  warehouses: string[];
}

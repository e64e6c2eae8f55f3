import type { Rng } from './random';
import type { SimRequest, SimResponse } from './exchange';

export type FaultKind =
  '429' | '500' | '503' | 'slow' | 'malformed' | 'reset' | 'reset-after' | 'timeout' | 'html' | 'expire' | 'fatal' | 'cancelled';
export const FAULT_KINDS: readonly FaultKind[] = [
  '429',
  '500',
  '503',
  'slow',
  'malformed',
  'reset',
  'reset-after',
  'timeout',
  'html',
  'expire',
  'fatal',
  'cancelled',
];
/** Kinds that need SP-API concepts (LWA tokens, reports and feeds); Allocadence has none of them. */
export const AMAZON_ONLY_FAULTS: readonly FaultKind[] = ['expire', 'fatal', 'cancelled'];
export const ALLOCADENCE_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => !AMAZON_ONLY_FAULTS.includes(k));

/** One drawn fault: an answer instead of the handler's, a change to the simulated system, a delay, a rewrite or a dropped connection. */
export interface Fault {
  kind: FaultKind;
  before?: SimResponse;
  /** Runs just before the handler, e.g. every access token expires. */
  effect?: () => void;
  delayMs?: number;
  after?: (out: SimResponse) => SimResponse;
  /** Close the connection without answering: before the handler ran, or after it (the write happened, its answer is lost). */
  drop?: 'before' | 'after';
  /** With `drop: 'after'`: hold the connection this long first, so a client with a shorter timeout gives up waiting. */
  holdMs?: number;
  /** Whether it changed anything, asked once the request is done; a fault that found nothing to change is not logged. */
  applied?: () => boolean;
}

export interface FaultPlan {
  draw(req: SimRequest): Fault | undefined;
}

/** A kind only one simulator can produce; undefined where it does not apply to this request (it then passes unharmed). */
export type SystemFault = (req: SimRequest) => Fault | undefined;

export interface FaultPlanOptions {
  /** Shapes the error the way the simulated system does (Amazon's `{errors:[…]}` or Allocadence's `{code,message}`). */
  errorBody: (status: number) => unknown;
  /** Delay of a 'slow' fault. Default 300 ms. */
  slowMs?: number;
  /** How long a 'timeout' holds the connection before dropping it. Default 1,500 ms. */
  holdMs?: number;
  /** The simulator's own kinds (expire, fatal, cancelled); a kind missing here never fires. */
  system?: Partial<Record<FaultKind, SystemFault>>;
}

export type FaultTiming = Pick<FaultPlanOptions, 'slowMs' | 'holdMs'>;

/** The timing options a simulator or world was given, without the ones left unset. */
export function faultTiming(opts: { slowMs?: number | undefined; holdMs?: number | undefined }): FaultTiming {
  return { ...(opts.slowMs !== undefined ? { slowMs: opts.slowMs } : {}), ...(opts.holdMs !== undefined ? { holdMs: opts.holdMs } : {}) };
}

/**
 * Parses `0.2` (20% of requests, spread evenly over `kinds`) or `429=0.1,500=0.05,slow=0.02`. In the
 * second form, kinds outside `kinds` are accepted and left out, so one spec can serve both
 * simulators. Throws a message naming the bad part.
 */
export function parseFaults(spec: string, kinds: readonly FaultKind[] = FAULT_KINDS): Partial<Record<FaultKind, number>> {
  const trimmed = spec.trim();
  if (/^\d*\.?\d+$/.test(trimmed)) {
    const total = Number(trimmed);
    if (total < 0 || total > 1) throw new Error(`--faults ${spec}: a fraction must be between 0 and 1`);
    return Object.fromEntries(kinds.map((k) => [k, total / kinds.length]));
  }
  const out: Partial<Record<FaultKind, number>> = {};
  for (const part of trimmed.split(',')) {
    const [kind, value] = part.split('=').map((s) => s.trim());
    if (!FAULT_KINDS.includes(kind as FaultKind) || value === undefined || value === '' || Number.isNaN(Number(value))) {
      throw new Error(`--faults: '${part}' is not KIND=FRACTION with KIND one of ${FAULT_KINDS.join(', ')}`);
    }
    out[kind as FaultKind] = Number(value);
  }
  const sum = Object.values(out).reduce((a, b) => a + b, 0);
  if (sum > 1) throw new Error(`--faults: the fractions add up to ${sum}, more than 1`);
  return Object.fromEntries(Object.entries(out).filter(([k]) => kinds.includes(k as FaultKind)));
}

/**
 * 429 and 503 are refused before any effect, as is a 'reset'; 500, malformed bodies, 'reset-after'
 * and 'timeout' come after the handler ran, like a lost answer to a write that happened. An 'html'
 * page stands for a proxy in front of the service: the request never reached it.
 */
export function createFaultPlan(rates: Partial<Record<FaultKind, number>>, rng: Rng, opts: FaultPlanOptions): FaultPlan {
  const entries = FAULT_KINDS.map((k) => [k, rates[k] ?? 0] as const).filter(([, p]) => p > 0);
  return {
    draw(req) {
      if (entries.length === 0) return undefined;
      let x = rng.next();
      for (const [kind, p] of entries) {
        if (x < p) return makeFault(kind, req, rng, opts);
        x -= p;
      }
      return undefined;
    },
  };
}

const HTML_STATUSES = [200, 502, 503] as const;
const STATUS_TEXT: Record<number, string> = { 200: 'Service Notice', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** What a load balancer or maintenance proxy answers: HTML, whatever the API would have said. */
export function proxyPage(status: number): SimResponse {
  const title = `${status === 200 ? '' : `${status} `}${STATUS_TEXT[status] ?? 'Error'}`;
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    raw: `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server is temporarily unable to service your request. Please try again later.</p></body></html>\n`,
  };
}

function makeFault(kind: FaultKind, req: SimRequest, rng: Rng, opts: FaultPlanOptions): Fault | undefined {
  switch (kind) {
    case '429':
    case '503':
      return { kind, before: { status: Number(kind), body: opts.errorBody(Number(kind)) } };
    case '500':
      return { kind, after: () => ({ status: 500, body: opts.errorBody(500) }) };
    case 'slow':
      return { kind, delayMs: opts.slowMs ?? 300 };
    case 'malformed':
      return {
        kind,
        after: (out) => ({
          status: out.status === 204 ? 200 : out.status,
          raw: '{"truncated": ',
          headers: { 'content-type': 'application/json' },
        }),
      };
    case 'reset':
      return { kind, drop: 'before' };
    case 'reset-after':
      return { kind, drop: 'after' };
    case 'timeout':
      return { kind, drop: 'after', holdMs: opts.holdMs ?? 1_500 };
    case 'html':
      return { kind, before: proxyPage(rng.pick(HTML_STATUSES)) };
    case 'expire':
    case 'fatal':
    case 'cancelled':
      return opts.system?.[kind]?.(req);
  }
}

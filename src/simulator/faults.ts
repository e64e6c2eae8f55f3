import type { Rng } from './random';
import type { SimResponse } from './server';

export type FaultKind = '429' | '500' | '503' | 'slow' | 'malformed';
export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '503', 'slow', 'malformed'];

/** One drawn fault: either an answer instead of the handler's, a delay, or a rewrite of its answer. */
export interface Fault {
  kind: FaultKind;
  before?: SimResponse;
  delayMs?: number;
  after?: (out: SimResponse) => SimResponse;
}

export interface FaultPlan {
  draw(): Fault | undefined;
}

/**
 * Parses `0.2` (20% of requests, spread evenly over every kind) or `429=0.1,500=0.05,slow=0.02`.
 * Throws a message naming the bad part.
 */
export function parseFaults(spec: string): Partial<Record<FaultKind, number>> {
  const trimmed = spec.trim();
  if (/^\d*\.?\d+$/.test(trimmed)) {
    const total = Number(trimmed);
    if (total < 0 || total > 1) throw new Error(`--faults ${spec}: a fraction must be between 0 and 1`);
    return Object.fromEntries(FAULT_KINDS.map((k) => [k, total / FAULT_KINDS.length]));
  }
  const out: Partial<Record<FaultKind, number>> = {};
  for (const part of trimmed.split(',')) {
    const [kind, value] = part.split('=');
    if (!FAULT_KINDS.includes(kind as FaultKind) || value === undefined || Number.isNaN(Number(value))) {
      throw new Error(`--faults: '${part}' is not KIND=FRACTION with KIND one of ${FAULT_KINDS.join(', ')}`);
    }
    out[kind as FaultKind] = Number(value);
  }
  const sum = Object.values(out).reduce((a, b) => a + b, 0);
  if (sum > 1) throw new Error(`--faults: the fractions add up to ${sum}, more than 1`);
  return out;
}

/**
 * `errorBody` shapes the error the way the simulated system does (Amazon's `{errors:[…]}` or
 * Allocadence's `{code,message}`). 429 and 503 are refused before any effect; 500 and malformed
 * bodies come after the handler ran, like a lost answer to a write that happened.
 */
export function createFaultPlan(
  rates: Partial<Record<FaultKind, number>>,
  rng: Rng,
  errorBody: (status: number) => unknown,
  slowMs = 300,
): FaultPlan {
  const entries = FAULT_KINDS.map((k) => [k, rates[k] ?? 0] as const).filter(([, p]) => p > 0);
  return {
    draw() {
      if (entries.length === 0) return undefined;
      let x = rng.next();
      for (const [kind, p] of entries) {
        if (x < p) return makeFault(kind, errorBody, slowMs);
        x -= p;
      }
      return undefined;
    },
  };
}

function makeFault(kind: FaultKind, errorBody: (status: number) => unknown, slowMs: number): Fault {
  switch (kind) {
    case '429':
    case '503':
      return { kind, before: { status: Number(kind), body: errorBody(Number(kind)) } };
    case '500':
      return { kind, after: () => ({ status: 500, body: errorBody(500) }) };
    case 'slow':
      return { kind, delayMs: slowMs };
    case 'malformed':
      return {
        kind,
        after: (out) => ({ status: out.status === 204 ? 200 : out.status, raw: '{"truncated": ', headers: { 'content-type': 'application/json' } }),
      };
  }
}

import type { RecordedRequest } from '../../src/simulator/server';
import type { WorldOptions } from '../../src/simulator/world';
import type { TestWorld } from '../helpers/world-run';

/**
 * What a direction's end state looks like in both simulators, as `system:key` → a JSON value of
 * what matters there (never ids or timestamps, which differ between worlds).
 */
export type Projection = Record<string, string>;

export interface Phase {
  /** The command and its options (`--json` and `--config` are added). */
  argv: string[];
  /** Fault-free changes in the world before the phase (what the warehouse or Amazon did meanwhile). */
  before?: (w: TestWorld) => void;
}

/** One direction's seeded scenario: the same world, set-up and phases with and without faults. */
export interface Scenario {
  direction: string;
  world: Pick<WorldOptions, 'orders' | 'listings' | 'sellers'>;
  edit?: (config: Record<string, unknown>) => void;
  /** Runs without faults: what the direction needs to find (orders imported, listings known…). */
  setup(w: TestWorld): void | Promise<void>;
  phases: Phase[];
  project(w: TestWorld): Projection;
  /**
   * Things done twice, counted in the simulators: effects a resent request cannot undo (an order
   * created twice, a package confirmed twice, a stock change in two processed feeds). An
   * idempotent write resent after a lost answer (a PATCH, a PUT, a cancel) is not one.
   */
  duplicates(w: TestWorld): number;
}

export const MINUTE = 60_000;

export function ago(w: TestWorld, minutes: number): string {
  return new Date(now(w) - minutes * MINUTE).toISOString();
}

export function now(w: TestWorld): number {
  if (!w.time) throw new Error('fault scenarios run on a fake clock');
  return w.time.clock();
}

export function sellerOf(config: Record<string, unknown>): Record<string, unknown> {
  return (config.sellers as Record<string, unknown>[])[0] as Record<string, unknown>;
}

/** The first run of a set-up step must succeed: it is not under test. */
export async function runClean(w: TestWorld, argv: string[]): Promise<void> {
  const r = await w.run(argv);
  if (r.code !== 0) throw new Error(`set-up run ${argv.join(' ')} exited ${r.code}: ${r.err.slice(-2000)}`);
}

/** Requests whose handler ran and answered 2xx, whatever the client then received: they took effect. */
export function tookEffect(log: readonly RecordedRequest[], method: string, path: RegExp): RecordedRequest[] {
  return log.filter((r) => r.method === method && path.test(r.path) && isOk(r.fault ? r.handledStatus : r.status));
}

function isOk(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/** How many more times than once each key occurs. */
export function extraOccurrences(keys: Iterable<string>): number {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
}

export function projectionOf<T>(prefix: string, rows: Iterable<T>, key: (row: T) => string, value: (row: T) => unknown): Projection {
  const out: Projection = {};
  for (const row of rows) out[`${prefix}:${key(row)}`] = JSON.stringify(value(row));
  return out;
}

import type { WorldOptions, WorldRequestEvent } from '../../src/simulator/world';
import { createRng } from '../../src/simulator/random';
import { runCli, spawnCli, type CliResult } from './cli-process';
import type { TestWorld } from './world-run';

/**
 * Where a spawned run is SIGKILLed: at the n-th request a matcher picks, or a delay after its first
 * request (counting from there leaves out the process's start-up, which varies most on a busy machine).
 */
export type KillPoint =
  | { label: string; phase: 'received' | 'answered'; match: (e: WorldRequestEvent) => boolean; n: number; world?: WorldOptions }
  | { label: string; delayMs: number; world?: WorldOptions };

/** A request that may change something on either system; the LWA token grant changes nothing we count. */
export function isWrite(e: Pick<WorldRequestEvent, 'system' | 'method' | 'path'>): boolean {
  return e.method !== 'GET' && e.method !== 'HEAD' && !(e.system === 'amazon' && e.path === '/auth/o2/token');
}

export const isOperation =
  (method: string, path: RegExp) =>
  (e: WorldRequestEvent): boolean =>
    e.system === 'amazon' && e.method === method && path.test(e.path);

export const isGetFeed = isOperation('GET', /^\/feeds\/2021-06-30\/feeds\/[^/]+$/);
export const isGetReport = isOperation('GET', /^\/reports\/2021-06-30\/reports\/[^/]+$/);

/** For k = 1..writes: once while the k-th write is being handled (its answer will be lost), once after it was answered. */
export function writeKillPoints(writes: number, only?: readonly number[]): KillPoint[] {
  const ks = only ?? Array.from({ length: writes }, (_, i) => i + 1);
  return ks.flatMap((k) =>
    (['received', 'answered'] as const).map((phase) => ({ label: `write ${k}/${writes} ${phase}`, phase, match: isWrite, n: k })),
  );
}

/**
 * `count` fractions of a run's length, one drawn (seeded) inside each of `count` equal slices, so
 * the kills spread evenly over the run but still land at arbitrary instants.
 */
export function spreadFractions(count: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => (i + rng.next()) / count);
}

/** What a spawned run did: its result, and the requests it made in order (kept light: no bodies). */
export interface ObservedRun {
  result: CliResult;
  killed: boolean;
  ms: number;
  /** From the spawn to the first request either simulator saw: the process's start-up. */
  startupMs: number;
  requests: Pick<WorldRequestEvent, 'system' | 'method' | 'path'>[];
}

/** Spawns the CLI against `w` and kills it at `point` (synchronously, from the simulator's hook); no point: runs to the end. */
export async function spawnAndKill(w: TestWorld, args: string[], point?: KillPoint): Promise<ObservedRun> {
  const started = Date.now();
  const child = spawnCli(['--config', w.configPath, ...args]);
  const requests: ObservedRun['requests'] = [];
  let killed = false as boolean;
  let seen = 0;
  let startupMs = -1;
  let timer: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (killed) return;
    killed = true;
    child.proc.kill('SIGKILL');
  };
  const off = w.onRequest((e) => {
    if (e.phase === 'received') requests.push({ system: e.system, method: e.method, path: e.path });
    if (startupMs < 0) {
      startupMs = Date.now() - started;
      if (point && 'delayMs' in point) timer = setTimeout(kill, point.delayMs);
    }
    if (!point || !('match' in point) || killed || e.phase !== point.phase || !point.match(e)) return;
    if (++seen === point.n) kill();
  });
  try {
    const result = await child.done;
    return { result, killed: killed && result.signal === 'SIGKILL', ms: Date.now() - started, startupMs, requests };
  } finally {
    off();
    if (timer) clearTimeout(timer);
  }
}

/** Runs the CLI again until it exits 0; returns how many runs that took. */
export async function rerunUntilDone(w: TestWorld, args: string[], max = 3): Promise<{ reruns: number; last: CliResult }> {
  let last: CliResult | undefined;
  for (let reruns = 1; reruns <= max; reruns++) {
    last = await runCli(['--config', w.configPath, ...args]);
    if (last.code === 0) return { reruns, last };
  }
  throw new Error(`still not done after ${max} reruns (exit ${last?.code}): ${last?.stderr.slice(-2000)}`);
}

export interface KillRow {
  point: string;
  reruns: number | string;
  duplicates: number;
  losses: number;
}

/** The compact table a crash suite prints once it is done. */
export function killTable(direction: string, rows: readonly KillRow[]): string {
  const width = Math.max(10, ...rows.map((r) => r.point.length));
  const line = (a: string, b: string, c: string, d: string): string =>
    `  ${a.padEnd(width)}  ${b.padStart(7)}  ${c.padStart(10)}  ${d.padStart(6)}\n`;
  return `\n${direction}: ${rows.length} kill points (duplicates include anything one more run after the reruns still wrote)\n${line('kill point', 'reruns', 'duplicates', 'losses')}${rows.map((r) => line(r.point, String(r.reruns), String(r.duplicates), String(r.losses))).join('')}`;
}

import { DEFAULT_RETRY } from '../../src/http/retry-policy';
import { createRng } from '../../src/simulator/random';
import type { RecordedRequest } from '../../src/simulator/server';
import { testWorld, type RunResult, type TestWorld } from '../helpers/world-run';
import { MINUTE, type Projection, type Scenario } from './scenario';

/** Runs of one phase before the suite gives up: far more than any fault rate here needs. */
export const MAX_RUNS = 25;
/** Small, so 'timeout' faults cost about a second of wall time; the config's lower limit. */
const TIMEOUT_MS = 1_000;
/** What cron leaves between two runs: Amazon finishes what was submitted meanwhile. */
const CRON_GAP_MS = 15 * MINUTE;

export interface Played {
  projection: Projection;
  duplicates: number;
  runs: number;
  phases: number;
  /** Requests both simulators received during the phases. */
  requests: number;
  /** Faults the simulators injected during the phases, by kind. */
  faults: Record<string, number>;
  /** The most failed attempts in a row at one request, as the simulators saw them, and the cap. */
  streak: { longest: number; cap: number };
  /** Broken promises other than the end state: exit codes, messages, retry caps, runs needed. */
  problems: string[];
  /** Why runs stopped with exit 3, digits masked, as the operator reads them. */
  stops: string[];
}

interface RunSummaryJson {
  exitCode: number;
  runs: { outcome: string; error?: string; http: { retries: number } }[];
}

const NAMES_SYSTEM_AND_OPERATION = /^(amazon|allocadence|lwa) [A-Za-z][\w-]*( \d+)?: /;

/** Checks one run against what the operator is promised; returns what broke. */
function inspect(r: RunResult, maxAttempts: number, stops: string[]): string[] {
  const problems: string[] = [];
  if (![0, 1, 3].includes(r.code)) problems.push(`exit ${r.code}`);
  if (r.logs.some((l) => l.msg === 'unexpected error')) problems.push(`crash: ${r.err.slice(-500)}`);
  let summary: RunSummaryJson;
  try {
    summary = JSON.parse(r.out) as RunSummaryJson;
  } catch {
    return [...problems, `no --json summary (exit ${r.code}): ${r.err.slice(-500)}`];
  }
  for (const run of summary.runs.filter((x) => x.outcome === 'failed')) {
    const error = run.error ?? '';
    if (!NAMES_SYSTEM_AND_OPERATION.test(error)) problems.push(`exit-3 message names no system and operation: ${error}`);
    stops.push(error.replace(/\d+/g, 'N'));
    const gaveUp = /gave up after (\d+) attempts/.exec(error);
    if (gaveUp && Number(gaveUp[1]) > maxAttempts) problems.push(`more attempts than the cap: ${error}`);
  }
  if (r.code === 3 && !summary.runs.some((x) => x.outcome === 'failed')) problems.push('exit 3 without a failed run');
  const retries = r.logs.filter((l) => l.msg === 'retrying');
  for (const l of retries) {
    if (Number(l.attempt) >= maxAttempts)
      problems.push(`retry after attempt ${String(l.attempt)} of ${maxAttempts}: ${String(l.operation)}`);
    if (Number(l.delayMs) > DEFAULT_RETRY.maxDelayMs) problems.push(`retry delay ${String(l.delayMs)} ms over the cap`);
  }
  const counted = summary.runs.reduce((n, x) => n + x.http.retries, 0);
  if (counted !== retries.length) problems.push(`summary counts ${counted} retries, the log shows ${retries.length}`);
  return problems;
}

/** Faults whose answer a client cannot use and must retry; a slow answer or a job's forced outcome is still an answer. */
const SPOILED = new Set(['429', '500', '503', 'malformed', 'reset', 'reset-after', 'timeout', 'html']);

/**
 * The longest streak of failed attempts at one request (same method, path, query and body) that
 * the simulators saw: the retry cap counted on the receiving side. An expired-token answer is
 * left out, since the client renews the token and tries once more on top of its cap.
 */
function longestRetryStreak(requests: readonly RecordedRequest[]): { streak: number; request: string } {
  const current = new Map<string, number>();
  let worst = { streak: 0, request: '' };
  for (const r of requests) {
    if (r.fault === 'expire') continue;
    const request = `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()} ${r.body.slice(0, 200)}`;
    const failed = (r.fault !== undefined && SPOILED.has(r.fault)) || r.status === 429 || r.status >= 500;
    const streak = failed ? (current.get(request) ?? 0) + 1 : 0;
    current.set(request, streak);
    if (streak > worst.streak) worst = { streak, request };
  }
  return worst;
}

function requestsSince(w: TestWorld, from: { amazon: number; allocadence: number }): RecordedRequest[] {
  return [...w.amazon.requests.slice(from.amazon), ...w.allocadence.requests.slice(from.allocadence)];
}

function countFaults(requests: readonly RecordedRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) if (r.fault) out[r.fault] = (out[r.fault] ?? 0) + 1;
  return out;
}

/**
 * Plays a scenario in a fresh world: set-up without faults, then each phase with `faults` (a
 * `--faults` spec; none for the baseline), rerun as cron would until it exits 0, at most MAX_RUNS
 * times. The end state is read once Amazon has finished every feed and report.
 */
export async function play(s: Scenario, seed: number, faults?: string): Promise<Played> {
  const w = await testWorld({ seed, fakeClock: true, holdMs: TIMEOUT_MS + 300, slowMs: 20, ...s.world }, (c) => {
    (c.amazon as Record<string, unknown>).timeoutMs = TIMEOUT_MS;
    (c.allocadence as Record<string, unknown>).timeoutMs = TIMEOUT_MS;
    s.edit?.(c);
  });
  try {
    const maxAttempts = (w.config.retry as { maxAttempts: number }).maxAttempts;
    await s.setup(w);
    const from = { amazon: w.amazon.requests.length, allocadence: w.allocadence.requests.length };
    const rng = createRng(seed);
    const random = () => rng.next();
    const played: Played = {
      projection: {},
      duplicates: 0,
      runs: 0,
      phases: s.phases.length,
      requests: 0,
      faults: {},
      streak: { longest: 0, cap: maxAttempts },
      problems: [],
      stops: [],
    };
    for (const phase of s.phases) {
      phase.before?.(w);
      w.setFaults(faults);
      for (let n = 1; ; n++) {
        if (n > 1) {
          w.time?.advance(CRON_GAP_MS);
          w.amazon.finishJobs();
        }
        const before = { amazon: w.amazon.requests.length, allocadence: w.allocadence.requests.length };
        const r = await w.run(['--json', ...phase.argv], { random });
        played.runs++;
        const problems = inspect(r, maxAttempts, played.stops);
        for (const log of [w.amazon.requests.slice(before.amazon), w.allocadence.requests.slice(before.allocadence)]) {
          const worst = longestRetryStreak(log);
          played.streak.longest = Math.max(played.streak.longest, worst.streak);
          if (worst.streak > maxAttempts) problems.push(`${worst.streak} failed attempts in a row (cap ${maxAttempts}): ${worst.request}`);
        }
        played.problems.push(...problems.map((p) => `${phase.argv.join(' ')} run ${n}: ${p}`));
        if (r.code === 0) break;
        if (n >= MAX_RUNS) {
          played.problems.push(`${phase.argv.join(' ')}: still exit ${r.code} after ${MAX_RUNS} runs: ${r.err.slice(-800)}`);
          break;
        }
      }
      w.setFaults(undefined);
    }
    w.amazon.finishJobs();
    const requests = requestsSince(w, from);
    played.requests = requests.length;
    played.faults = countFaults(requests);
    played.projection = s.project(w);
    played.duplicates = s.duplicates(w);
    return played;
  } finally {
    await w.close();
  }
}

const REQUEST_FAULTS = ['429', '500', '503', 'slow', 'malformed', 'reset', 'reset-after', 'timeout', 'html', 'expire'];

/**
 * The `--faults` spec for a rate: `rate` of Amazon's requests fail, spread over every kind (of
 * Allocadence's 0.9 × rate: it has no tokens to expire), and on top `rate` of the feeds and reports
 * created end FATAL or CANCELLED, which a per-request share would almost never reach.
 */
export function faultSpec(rate: number): string {
  const each = rate / REQUEST_FAULTS.length;
  return [...REQUEST_FAULTS.map((k) => `${k}=${each}`), `fatal=${rate / 2}`, `cancelled=${rate / 2}`].join(',');
}

/** Baseline entries the faulted run did not reproduce (missing or different), and entries it added. */
export function compare(baseline: Projection, faulted: Projection): { losses: string[]; extras: string[] } {
  const losses = Object.keys(baseline).filter((k) => faulted[k] !== baseline[k]);
  const extras = Object.keys(faulted).filter((k) => !(k in baseline));
  return { losses, extras };
}

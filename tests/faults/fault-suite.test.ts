/**
 * Whatever the remote systems do, no order is lost, nothing is done twice, and the operator is told
 * clearly. Each direction plays one seeded scenario without faults and again with the simulators
 * failing a share of requests in every way they know; cron-style reruns must then reach the same
 * end state in both simulators. FAULTS_FULL=1 (`npm run test:faults`) plays every rate and more
 * seeds; the default is one rate and one seed per direction.
 */
import { formatStops, formatTable, type FaultRow } from './fault-table';
import { pullItems, pushStock } from './listing-scenarios';
import { pullOrders, pullOrdersTwoSellers, pushShipments, pushStatus } from './order-scenarios';
import { compare, faultSpec, play, type Played } from './play';
import type { Scenario } from './scenario';

const FULL = process.env.FAULTS_FULL === '1';
const RATES = FULL ? [0.1, 0.2, 0.3] : [0.3];
/** FAULTS_SEEDS=N plays N seeds per rate in the full suite (default 3). */
const SEEDS = FULL ? Array.from({ length: Number(process.env.FAULTS_SEEDS ?? 3) }, (_, i) => i + 1) : [1];
const SCENARIOS: Scenario[] = [pullOrders, pullItems, pushStock, pushShipments, pushStatus, pullOrdersTwoSellers];

const rows: FaultRow[] = [];
const stops = new Map<string, number>();
afterAll(() => {
  process.stdout.write(formatTable(rows) + formatStops(stops));
});

describe.each(SCENARIOS)('$direction', (scenario) => {
  const baselines = new Map<number, Promise<Played>>();
  const baseline = (seed: number): Promise<Played> => {
    let p = baselines.get(seed);
    if (!p) {
      p = play(scenario, seed);
      baselines.set(seed, p);
    }
    return p;
  };

  // Seeds differ between directions, so their worlds (and fault streams) do not start alike.
  const offset = 100 * (SCENARIOS.indexOf(scenario) + 1);
  const cases = RATES.flatMap((rate) => SEEDS.map((seed) => [rate, offset + seed] as const));
  test.each(cases)(
    '%s of requests faulted, seed %s: same end state, nothing twice, nothing lost',
    async (rate, seed) => {
      const base = await baseline(seed);
      expect({ problems: base.problems, runs: base.runs }).toEqual({ problems: [], runs: base.phases });
      expect(base.duplicates).toBe(0);

      const faulted = await play(scenario, seed, faultSpec(rate));
      for (const message of faulted.stops) stops.set(message, (stops.get(message) ?? 0) + 1);
      const { losses, extras } = compare(base.projection, faulted.projection);
      const duplicates = faulted.duplicates + extras.length;
      const problems = [...faulted.problems, ...losses.map((k) => `lost or different: ${k}`), ...extras.map((k) => `extra: ${k}`)];
      rows.push({
        scenario: `${scenario.direction} ${Math.round(rate * 100)}% seed ${seed}`,
        runs: faulted.runs,
        reruns: faulted.runs - faulted.phases,
        requests: faulted.requests,
        streak: `${faulted.streak.longest}/${faulted.streak.cap}`,
        faults: faulted.faults,
        duplicates,
        losses: losses.length,
        outcome: problems.length === 0 && duplicates === 0 ? 'ok' : `FAILED (${problems.length} problems, ${duplicates} duplicates)`,
      });

      expect(faulted.problems).toEqual([]);
      expect(faulted.projection).toEqual(base.projection);
      expect({ duplicates, losses: losses.length }).toEqual({ duplicates: 0, losses: 0 });
      injected += Object.values(faulted.faults).reduce((a, b) => a + b, 0);
    },
    (FULL ? 15 : 3) * 60_000,
  );

  // A low rate may spare a small scenario now and then; a direction never faulted proves nothing.
  let injected = 0;
  afterAll(() => {
    if (injected === 0) throw new Error(`${scenario.direction}: no fault was injected in any of its rows`);
  });
});

import type { WorldOptions } from '../../src/simulator/world';
import { assertBuilt } from './cli-process';
import {
  isWrite,
  killTable,
  rerunUntilDone,
  spawnAndKill,
  spreadFractions,
  writeKillPoints,
  type KillPoint,
  type KillRow,
} from './kill-points';
import { noWait, worldsClosedAfterEach, type TestWorld } from './world-run';

/** What a killed-and-rerun direction must show on both systems: nothing done twice, nothing missing. */
export interface Tally {
  duplicates: number;
  losses: number;
}

export interface CrashScenario<S> {
  direction: string;
  /** The command under test, after `--config`. */
  args: string[];
  /** The command run after the kill until it exits 0 (default `args`); once more after that, it must write nothing. */
  rerun?: string[];
  world: WorldOptions;
  /** Brings the world to the point where the command has work (in-process runs are fine here). */
  prepare(w: TestWorld): void | Promise<void>;
  /** Writes a never-killed run makes: the kill points follow from it, and a change in it fails loudly. */
  writes: number;
  /** The k killed at in CI (both phases each); every k with FAULTS_FULL=1. */
  ciWrites: readonly number[];
  /** Kill points besides the writes (feed and report polls); `fullOnly` ones only with FAULTS_FULL=1. */
  extra?: readonly (KillPoint & { fullOnly?: boolean })[];
  /** Both systems' end state, without ids or times that differ from one world to the next. */
  snapshot(w: TestWorld): S;
  tally(w: TestWorld): Tally;
}

const FULL = process.env.FAULTS_FULL === '1';

/** Every request slowed a little in the runs killed at a delay, so that evenly spread delays land at distinct steps of the run. */
const SLOW = { faults: 'slow=1', slowMs: 25 };
const DELAYS = FULL ? 16 : 2;

/** Writes one more run makes, in-process and without waiting: after a finished run, none. */
async function followUpWrites(w: TestWorld, args: string[]): Promise<number> {
  let writes = 0;
  const off = w.onRequest((e) => {
    if (e.phase === 'received' && isWrite(e)) writes++;
  });
  try {
    const run = await w.run(args, noWait);
    if (run.code !== 0) throw new Error(`the follow-up run exited ${run.code}: ${run.err.slice(-2000)}`);
    return writes;
  } finally {
    off();
  }
}

/**
 * Kills the built CLI at every kill point of `s`, runs it again until it exits 0, and checks that
 * both systems end exactly as after a run that was never killed, and that one more run has nothing
 * left to write. Prints a table when done.
 */
export function crashSuite<S>(s: CrashScenario<S>): void {
  describe(s.direction, () => {
    const world = worldsClosedAfterEach();
    const rows: KillRow[] = [];
    const reference: { snapshot?: S; slow?: { startupMs: number; ms: number } } = {};

    beforeAll(assertBuilt);
    afterAll(() => {
      process.stdout.write(killTable(s.direction, rows));
    });

    /** Duplicates on both systems, counting whatever a further scheduled run still writes. */
    async function settled(w: TestWorld): Promise<Tally> {
      const extra = await followUpWrites(w, s.rerun ?? s.args);
      const tally = s.tally(w);
      return { ...tally, duplicates: tally.duplicates + extra };
    }

    async function killAndRerun(point: KillPoint, opts: WorldOptions): Promise<void> {
      if (reference.snapshot === undefined) throw new Error('the reference run failed');
      const w = await world({ ...opts, ...point.world });
      await s.prepare(w);
      const killed = await spawnAndKill(w, s.args, point);
      // A delay can outlast a fast run: then it was simply a run, and still has to leave things right.
      if (!('delayMs' in point)) expect([point.label, killed.killed]).toEqual([point.label, true]);
      const { reruns } = await rerunUntilDone(w, s.rerun ?? s.args);
      const tally = await settled(w);
      rows.push({ point: killed.killed ? point.label : `${point.label}: ended first`, reruns, ...tally });
      expect(tally).toEqual({ duplicates: 0, losses: 0 });
      expect(s.snapshot(w)).toEqual(reference.snapshot);
    }

    test('a run that is never killed: the reference', async () => {
      const w = await world(s.world);
      await s.prepare(w);
      // There is work to do, and the tally sees it as missing until it is done.
      expect(s.tally(w).losses).toBeGreaterThan(0);
      const run = await spawnAndKill(w, s.args);
      expect(run.result.code).toBe(0);
      expect(run.requests.filter(isWrite)).toHaveLength(s.writes);
      expect(await settled(w)).toEqual({ duplicates: 0, losses: 0 });
      reference.snapshot = s.snapshot(w);

      const slow = await world({ ...s.world, ...SLOW });
      await s.prepare(slow);
      const slowRun = await spawnAndKill(slow, s.args);
      expect(slowRun.result.code).toBe(0);
      reference.slow = slowRun;
    });

    const points = [...writeKillPoints(s.writes, FULL ? undefined : s.ciWrites), ...(s.extra ?? []).filter((p) => FULL || !p.fullOnly)];
    test.each(points.map((p) => [p.label, p] as const))('killed at %s, then run again', async (_label, point) => {
      await killAndRerun(point, s.world);
    });

    // Without a hook inside the tool, a kill inside a state transaction is approximated by many
    // kills at arbitrary instants of a slowed run: each run commits dozens of transactions.
    const seed = Array.from(s.direction).reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    test.each(spreadFractions(DELAYS, seed).map((f) => [`${Math.round(f * 100)}%`, f] as const))(
      'killed %s of the way through a slowed run, then run again',
      async (_label, fraction) => {
        const slow = reference.slow;
        if (slow === undefined) throw new Error('the reference run failed');
        // Over the part of the run that talks to the simulators (less its last tenth: exit, and a machine's moods).
        const delayMs = Math.round(fraction * 0.9 * (slow.ms - slow.startupMs));
        await killAndRerun({ label: `${delayMs} ms into a slowed run`, delayMs }, { ...s.world, ...SLOW });
      },
    );
  });
}

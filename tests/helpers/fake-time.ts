/** A clock that only moves when something sleeps: retry and rate-limit tests take no wall time. */
export interface FakeTime {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  sleeps: number[];
}

export function fakeTime(start = Date.parse('2026-11-27T12:00:00Z')): FakeTime {
  let now = start;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
    sleeps,
  };
}

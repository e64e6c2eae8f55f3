import diagnostics from 'node:diagnostics_channel';
import type { FakeTime } from './fake-time';

export interface VirtualTime extends FakeTime {
  /** Stops watching HTTP; call when the world is closed. */
  close(): void;
}

const QUIET_TURNS = 5;

/**
 * A clock for code that waits in several places at once. `fakeTime` moves its clock at every
 * sleep, so two sleeps that overlap in real life add up, and a request in flight sees the clock
 * jump. Here a sleep is a timer: the clock moves to the earliest timer only once nothing else can
 * happen first, that is once no HTTP request is in flight (watched through Node's HTTP client
 * diagnostics channels) and a few event-loop turns passed without news. Only HTTP counts as
 * work in flight: code under test must not wait on other I/O.
 */
export function virtualTime(start = Date.now()): VirtualTime {
  let now = start;
  let inFlight = 0;
  let news = 0;
  let seq = 0;
  let driving = false;
  const sleeps: number[] = [];
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  const started = (): void => {
    inFlight++;
    news++;
  };
  const ended = (): void => {
    inFlight = Math.max(0, inFlight - 1);
    news++;
  };
  diagnostics.subscribe('http.client.request.start', started);
  diagnostics.subscribe('http.client.response.finish', ended);
  diagnostics.subscribe('http.client.request.error', ended);

  const turn = (): Promise<void> => new Promise((resolve) => (inFlight > 0 ? setTimeout(resolve, 1) : setImmediate(resolve)));

  async function drive(): Promise<void> {
    if (driving) return;
    driving = true;
    try {
      while (timers.length) {
        let quiet = 0;
        let seen = news;
        while (quiet < QUIET_TURNS) {
          await turn();
          if (inFlight > 0 || news !== seen) {
            quiet = 0;
            seen = news;
          } else quiet++;
        }
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) break;
        now = Math.max(now, next.at);
        next.wake();
      }
    } finally {
      driving = false;
    }
  }

  return {
    clock: () => now,
    sleep: (ms) =>
      new Promise<void>((wake) => {
        sleeps.push(ms);
        timers.push({ at: now + ms, seq: seq++, wake });
        news++;
        void drive();
      }),
    advance: (ms) => {
      now += ms;
    },
    sleeps,
    close: () => {
      diagnostics.unsubscribe('http.client.request.start', started);
      diagnostics.unsubscribe('http.client.response.finish', ended);
      diagnostics.unsubscribe('http.client.request.error', ended);
    },
  };
}

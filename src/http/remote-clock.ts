import type { RemoteSystem } from '../errors';
import type { Logger } from '../output/log';
import { iso } from '../time';

/** Clocks this far apart are worth a warning; the lookbacks (30 minutes and more) absorb less. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

interface Reading {
  /** How far the local clock is ahead of the remote's, at least (negative: behind). */
  aheadLo: number;
  /** …and at most. */
  aheadHi: number;
}

/** The system as an operator knows it: Login with Amazon is Amazon too. */
const NAMES: Record<RemoteSystem, string> = { amazon: 'Amazon', lwa: 'Amazon', allocadence: 'Allocadence' };

function duration(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  if (min >= 48 * 60) return `${Math.round(min / 1440)} days`;
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/**
 * What the remote systems' clocks say, from the Date header of their answers (RFC 9110 §6.6.1: an
 * origin server with a clock sends one in every answer). Every window a run reads is stamped by a
 * remote system's clock, so a checkpoint is that clock's time: moved to a local "now" that runs
 * ahead, it would pass orders, shipments and changes that do not exist yet, and the next runs
 * would never read them. One per command: its runs ask it how far a checkpoint may go.
 */
export class RemoteClock {
  private readonly readings = new Map<RemoteSystem, Reading>();
  /** Once per command: the host's clock is wrong for every system alike. */
  private warned = false;

  constructor(
    private readonly clock: () => number,
    private readonly logger: Logger,
    private readonly toleranceMs = CLOCK_TOLERANCE_MS,
  ) {}

  /** An answer's Date header, sent at `sentAt` and received at `receivedAt` by the local clock. */
  observe(system: RemoteSystem, dateHeader: string | undefined, sentAt: number, receivedAt: number): void {
    const remote = dateHeader ? Date.parse(dateHeader) : NaN;
    if (Number.isNaN(remote)) return;
    // The header counts whole seconds, stamped somewhere between sending and receiving.
    const reading = { aheadLo: sentAt - (remote + 1000), aheadHi: receivedAt - remote };
    this.readings.set(system, reading);
    if (this.warned) return;
    if (reading.aheadLo > this.toleranceMs) {
      this.warned = true;
      this.logger.warn(
        `this host's clock is ${duration(reading.aheadLo)} ahead of ${NAMES[system]}'s (its Date header said ${iso(remote)}): ` +
          `checkpoints are kept at or before ${NAMES[system]}'s time, so nothing is skipped, but set this host's clock right (NTP)`,
      );
    } else if (reading.aheadHi < -this.toleranceMs) {
      this.warned = true;
      this.logger.warn(
        `this host's clock is ${duration(reading.aheadHi)} behind ${NAMES[system]}'s (its Date header said ${iso(remote)}): ` +
          "each window ends that much early, which delays what is read but loses nothing; set this host's clock right (NTP)",
      );
    }
  }

  /**
   * The latest instant (epoch ms) a checkpoint may move to: the remote systems' time now, when one of
   * them is known to be behind the local clock by more than the tolerance; otherwise undefined. The
   * latest answer of each system counts, so a clock set right during a run stops the holding back.
   */
  limit(): number | undefined {
    let limit: number | undefined;
    for (const r of this.readings.values()) {
      if (r.aheadLo <= this.toleranceMs) continue;
      // The larger estimate of the gap: holding back a little more only re-reads a little more.
      const remoteNow = this.clock() - r.aheadHi;
      limit = limit === undefined ? remoteNow : Math.min(limit, remoteNow);
    }
    return limit;
  }
}

/**
 * Allocadence renders every date in the account's UTC offset (`2026-11-27T10:15:00-07:00`), to the
 * second. Clients must normalise, so the simulator deliberately never answers in UTC unless the
 * account offset is zero.
 */

export interface AccountOffset {
  minutes: number;
  label: string;
}

export function parseOffset(text: string): AccountOffset {
  if (text === 'Z') return { minutes: 0, label: 'Z' };
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`utcOffset '${text}' is not Z or ±HH:MM`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 14 || Number(m[3]) > 59) throw new Error(`utcOffset '${text}' is out of range`);
  return { minutes: m[1] === '-' ? -minutes : minutes, label: text };
}

/** Timestamps are kept at whole seconds so what a client reads back compares equal to what is stored. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function formatInstant(ms: number, offset: AccountOffset): string {
  const shifted = new Date(toSecond(ms) + offset.minutes * 60_000);
  return shifted.toISOString().slice(0, 19) + offset.label;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO-8601 instant with any offset; without one it is read in the account's offset, as
 * a warehouse user would mean it. Returns undefined for anything else, including a `+` offset that
 * arrived as a space because the client forgot to URL-encode it.
 */
export function parseInstant(text: string, accountOffset: AccountOffset): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  let offsetMinutes = accountOffset.minutes;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone !== undefined) {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = Date.UTC(...fields, Math.floor(Number(`0.${frac}`) * 1000));
  // Date.UTC rolls 2026-02-31 over into March; a real server would refuse it.
  const check = new Date(local);
  if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return undefined;
  }
  return local - offsetMinutes * 60_000;
}

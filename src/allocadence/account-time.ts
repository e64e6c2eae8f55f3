import { TZDate } from '@date-fns/tz';

/**
 * The Allocadence account's own clock. API 2.0 dates carry the account's offset, but the legacy
 * tree writes `YYYY-MM-DD HH:MM:SS` with none, and its date filters take whole days
 * (reference/allocadence-evidence-2026-12.md §2.1, §2.5, §3 "Account time zone"): both only make
 * sense in the account's IANA zone, which the config names (`allocadence.timeZone`).
 */
export const DEFAULT_ACCOUNT_TIME_ZONE = 'UTC';

const DAY_MS = 86_400_000;

/** Whether the runtime knows this IANA zone name (e.g. `America/Toronto`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * An Allocadence date as an instant (epoch ms), or undefined when it is not a date. A date with an
 * offset (API 2.0) is taken as written; one without (the legacy tree) is wall time in `zone`, so
 * daylight-saving changes are honoured. Impossible dates (31 February, 25:00) are refused, not rolled over.
 */
export function parseAccountDate(text: string, zone: string): number | undefined {
  const trimmed = text.trim();
  if (OFFSET.test(trimmed)) {
    const ms = Date.parse(trimmed.replace(' ', 'T'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = WALL.exec(trimmed);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  // The calendar check is zone-free: a day that does not exist in the month is refused everywhere.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return new TZDate(y, mo - 1, d, h, mi, s, millis, zone).getTime();
}

/** The account's calendar day (`YYYY-MM-DD`) at an instant: what a day-granular filter compares. */
export function accountDay(ms: number, zone: string): string {
  const t = new TZDate(ms, zone);
  return `${String(t.getFullYear()).padStart(4, '0')}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** A calendar day moved by whole days (no zone involved: days are labels here). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The account's wall time at an instant, as the legacy tree writes it: `YYYY-MM-DD HH:MM:SS`, no offset. */
export function accountWallTime(ms: number, zone: string): string {
  const t = new TZDate(ms, zone);
  return `${accountDay(ms, zone)} ${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

/** The account's offset at an instant, as API 2.0 writes it (`-05:00`, `+05:30`, `+00:00`). */
export function accountOffset(ms: number, zone: string): string {
  const minutes = -new TZDate(ms, zone).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

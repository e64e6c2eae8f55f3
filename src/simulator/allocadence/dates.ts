import { TZDate } from '@date-fns/tz';
import { accountDay, accountWallTime, isTimeZone, parseAccountDate } from '../../allocadence/account-time';

/**
 * The account's clock. API 2.0 renders every date with the account's offset at that instant
 * (`2024-09-13T13:02:58-07:00`, reference/allocadence-evidence-2026-12.md §2.5), so an account in a
 * zone with summer time changes offset twice a year; the legacy tree writes the same wall time with
 * no offset at all (§2.1, §3 "Account time zone"). Both come from one IANA zone. The simulator
 * deliberately never answers in UTC unless the account's zone is UTC.
 */
export interface AccountClock {
  /** IANA name, e.g. America/Phoenix. */
  zone: string;
  /**
   * How `modifiedDate` filters read their value. `day` (default): the date part only, as a day of
   * the account, an offset or `Z` ignored; the operator vocabulary (`current_date`,
   * `less_than_x_days_past`) is a date picker's (§2.5, "Refined"). `instant`: the full instant.
   */
  dateFilter: 'day' | 'instant';
}

/** The API modules pass the clock through under this name without looking inside. */
export type AccountOffset = AccountClock;

export type DateFilterMode = AccountClock['dateFilter'];

export function accountClock(zone: string, dateFilter = 'day'): AccountClock {
  if (!isTimeZone(zone)) throw new Error(`timeZone '${zone}' is not an IANA time zone this system knows`);
  if (dateFilter !== 'day' && dateFilter !== 'instant') throw new Error(`modifiedDateFilter '${dateFilter}' is not day or instant`);
  return { zone, dateFilter };
}

/** Timestamps are kept at whole seconds so what a client reads back compares equal to what is stored. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** API 2.0: ISO-8601 to the second with the account's offset at that instant (`+00:00` in UTC, as the API writes it). */
export function formatInstant(ms: number, clock: AccountClock): string {
  // The wall time and offset of accountWallTime and accountOffset, read from one zoned date: an
  // order's answer carries several dates, and each zoned date costs a time-zone lookup.
  const t = new TZDate(toSecond(ms), clock.zone);
  const minutes = -t.getTimezoneOffset();
  const abs = Math.abs(minutes);
  const day = `${String(t.getFullYear()).padStart(4, '0')}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
  const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${day}T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}${offset}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The legacy tree: `YYYY-MM-DD HH:MM:SS`, the account's wall time, no offset (§2.1 "Dates"). */
export function formatWallTime(ms: number, clock: AccountClock): string {
  return accountWallTime(toSecond(ms), clock.zone);
}

/** The account's day of an instant, `YYYY-MM-DD`: what day-granular filters compare. */
export function dayOf(ms: number, clock: AccountClock): string {
  return accountDay(ms, clock.zone);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO-8601 instant with any offset; without one it is the account's wall time, as a
 * warehouse user would mean it. Returns undefined for anything else, including an impossible date
 * and a `+` offset that arrived as a space because the client forgot to URL-encode it.
 */
export function parseInstant(text: string, clock: AccountClock): number | undefined {
  if (!ISO.test(text)) return undefined;
  // The calendar is checked on the written fields: Date.parse would roll 2026-02-31 into March.
  const wall = parseAccountDate(text.replace(/(Z|[+-]\d{2}:?\d{2})$/, ''), 'UTC');
  if (wall === undefined) return undefined;
  return parseAccountDate(text, clock.zone);
}

/** A day given as `YYYY-MM-DD` (a real calendar day), else undefined. */
export function parseDay(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseAccountDate(text, 'UTC') !== undefined ? text : undefined;
}

/** One side of a date filter: whether an instant is on or after / on or before the value. */
export interface DateBound {
  onOrAfter(ms: number): boolean;
  onOrBefore(ms: number): boolean;
}

/**
 * A `modifiedDate` value as the account reads it (see AccountClock.dateFilter), or undefined when
 * it is not a date at all. In `day` mode only the written date counts: `2026-11-28T02:00:00Z` is
 * 28 November of the account even where that instant is still the 27th.
 */
export function dateBound(text: string, clock: AccountClock): DateBound | undefined {
  const at = parseInstant(text, clock);
  if (at === undefined) return undefined;
  if (clock.dateFilter === 'instant') return { onOrAfter: (ms) => ms >= at, onOrBefore: (ms) => ms <= at };
  const day = text.slice(0, 10);
  return { onOrAfter: (ms) => dayOf(ms, clock) >= day, onOrBefore: (ms) => dayOf(ms, clock) <= day };
}

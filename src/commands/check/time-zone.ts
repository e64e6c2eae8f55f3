import { accountOffset, parseAccountDate } from '../../allocadence/account-time';
import type { AllocadenceClients } from '../../allocadence/client';
import { errorMessage } from '../../errors';
import type { CheckRow } from './types';

/**
 * Whether `allocadence.timeZone` is the account's. API 2.0 writes every date with the account's
 * offset at that instant (evidence §2.5, §3 "Account time zone"); the legacy tree writes ship dates
 * with none, and day filters count the account's days, so a wrong zone moves every ship date sent
 * to Amazon by hours. The newest order's dates say what the offset is; the config says the zone.
 */
export interface ZoneFinding {
  configured: string | null;
  /** The offsets the newest order's dates carry (`-05:00`); empty when there is no order or no offset. */
  datesCarry: string[];
  /** IANA zones whose offset matches at every one of those dates, best known first. */
  fits: string[];
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Zones an operator is likely to mean, offered first among those that fit. */
const LIKELY = [
  'America/Toronto',
  'America/New_York',
  'America/Chicago',
  'America/Winnipeg',
  'America/Edmonton',
  'America/Denver',
  'America/Phoenix',
  'America/Vancouver',
  'America/Los_Angeles',
  'America/Halifax',
  'America/St_Johns',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];

function normalOffset(text: string): string {
  if (text === 'Z') return '+00:00';
  return text.includes(':') ? text : `${text.slice(0, 3)}:${text.slice(3)}`;
}

/** Each date of an order written with an offset: the instant, and the offset it was written in. */
export function datedOffsets(order: Record<string, unknown>): { at: number; offset: string }[] {
  const out: { at: number; offset: string }[] = [];
  for (const value of Object.values(order)) {
    const m = typeof value === 'string' ? WITH_OFFSET.exec(value) : null;
    const at = m ? parseAccountDate(value as string, 'UTC') : undefined;
    if (m?.[1] && at !== undefined) out.push({ at, offset: normalOffset(m[1]) });
  }
  return out;
}

/** The zones whose offset at each instant is the one written. */
export function zonesFitting(dated: readonly { at: number; offset: string }[]): string[] {
  if (!dated.length) return [];
  const all = [...new Set([...LIKELY, ...Intl.supportedValuesOf('timeZone')])];
  return all.filter((zone) => dated.every((d) => accountOffset(d.at, zone) === d.offset));
}

async function newestOrder(clients: AllocadenceClients): Promise<Record<string, unknown> | undefined> {
  const list = async (page: number) =>
    (
      await clients.rest.request<{ customerOrders?: unknown; meta?: { totalPages?: unknown } } | undefined>({
        operation: 'listCustomerOrders',
        method: 'GET',
        path: '/customer-orders',
        params: { page, perPage: 1 },
      })
    ).data;
  const first = await list(1);
  const pages = first?.meta?.totalPages;
  const body = typeof pages === 'number' && pages > 1 ? await list(pages) : first;
  if (!Array.isArray(body?.customerOrders)) throw new Error('the answer has no customerOrders list');
  const rows = body.customerOrders as unknown[];
  const row = rows[rows.length - 1];
  return typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : undefined;
}

function fitWords(fits: readonly string[]): string {
  if (!fits.length) return 'no IANA zone fits them all';
  const named = fits.slice(0, 3).join(', ');
  return `${named}${fits.length > 3 ? ` (or ${fits.length - 3} more)` : ''} would fit`;
}

/** The `account time zone` row of `check`, and what it found for `check --record`. */
export async function checkTimeZone(
  clients: AllocadenceClients,
  configured: string | undefined,
): Promise<{ row: CheckRow; finding: ZoneFinding | undefined }> {
  const base = { area: 'allocadence', check: 'account time zone (allocadence.timeZone)' };
  let order: Record<string, unknown> | undefined;
  try {
    order = await newestOrder(clients);
  } catch (err) {
    const row: CheckRow = {
      ...base,
      result: configured ? 'skip' : 'warn',
      detail: `${configured ? `set to ${configured}` : 'not set, so UTC is assumed'}; not compared: the order list did not answer (${errorMessage(err)})`,
    };
    return { row, finding: undefined };
  }
  const dated = order ? datedOffsets(order) : [];
  const carry = [...new Set(dated.map((d) => d.offset))];
  const fits = zonesFitting(dated);
  const finding: ZoneFinding = { configured: configured ?? null, datesCarry: carry, fits };
  const carries = `the account's dates carry ${carry.join(' and ')}`;
  const setIt =
    "set allocadence.timeZone to the warehouse account's zone: it reads the legacy ship dates and names the days of date filters";
  if (!configured) {
    const why = !order
      ? "there is no order yet to learn the account's offset from"
      : !dated.length
        ? "the newest order's dates carry no offset to learn it from"
        : `${carries}: ${fitWords(fits)}`;
    return { row: { ...base, result: 'warn', detail: `not set, so UTC is assumed; ${why}\n  → ${setIt}` }, finding };
  }
  if (!dated.length)
    return {
      row: {
        ...base,
        result: 'ok',
        detail: `${configured}; ${order ? "the newest order's dates carry no offset" : 'no order yet'} to compare it with`,
      },
      finding,
    };
  const wrong = dated.find((d) => accountOffset(d.at, configured) !== d.offset);
  if (!wrong) return { row: { ...base, result: 'ok', detail: `${configured} fits: ${carries}` }, finding };
  const detail = `${configured} looks wrong: it is ${accountOffset(wrong.at, configured)} at the newest order's dates, but ${carries}; ${fitWords(fits)}\n  → ${setIt}`;
  return { row: { ...base, result: 'warn', detail }, finding };
}

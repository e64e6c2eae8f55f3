export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Amazon's orders carry whole seconds; keeping stored times whole keeps echo and filter consistent. */
export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `2026-03-01T10:00:00Z`, with milliseconds only when there are any. */
export function iso(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

// Full date-time with an explicit zone: a bare date or local time would be ambiguous across sellers.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch, or undefined when `text` is not an ISO 8601 date-time. */
export function parseIso(text: string): number | undefined {
  if (!ISO_DATE_TIME.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * How a window is cut into consecutive time slices. Each slice costs at least one request (one
 * searchOrders page is three minutes of Amazon's default rate), so slices are as long as they can
 * be: a window shorter than the span is read whole, a slice that came back in one page makes the
 * next one twice as long, and only a slice of many pages makes the next one shorter. Short enough
 * matters too: the checkpoint moves only past a complete slice, so a slice must fit in one run.
 */
export const SLICING = {
  /** The first slice of a key never read before. */
  startMs: DAY,
  minMs: 5 * MINUTE,
  maxMs: 7 * DAY,
  /** A slice of this many pages or more: the next one is half as long. */
  manyPages: 10,
} as const;

/** The end of the slice starting at `fromMs`; a remainder under a quarter span joins it rather than cost a request of its own. */
export function sliceEnd(fromMs: number, toMs: number, spanMs: number): number {
  const end = fromMs + spanMs;
  return toMs - end < spanMs / 4 ? toMs : end;
}

/**
 * The span after a complete slice of `pages` pages that covered `readMs`. A slice cut shorter
 * (by the window's end, or to fit the deadline) says nothing about a longer one unless it was
 * already too long.
 */
export function nextSpan(spanMs: number, readMs: number, pages: number): number {
  if (pages >= SLICING.manyPages) return Math.max(SLICING.minMs, Math.min(spanMs, readMs) / 2);
  if (readMs < spanMs) return spanMs;
  if (pages <= 1) return Math.min(SLICING.maxMs, spanMs * 2);
  return spanMs;
}

/** The span after a slice cut off by the deadline once some of it was read: it did not fit in a run. */
export function shorterSpan(spanMs: number): number {
  return Math.max(SLICING.minMs, spanMs / 2);
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * How a window is cut into consecutive time slices. Each slice costs at least one request (one
 * searchOrders page is three minutes of Amazon's default rate), and its last page is mostly part
 * full: the requests a backlog costs are its pages plus about half a request per slice. So slices
 * are sized from the last one's pages per ms to hold about `targetPages` pages, which keeps the
 * extra under 5 % of a backlog of 20 pages or more; a window shorter than the span is read whole.
 * Short enough matters too: the checkpoint moves only past a complete slice, so a slice must fit
 * in one run (readWindow sizes it down to the pages the deadline still allows).
 */
export const SLICING = {
  /** The first slice of a key never read before: its pages say how long the next may be. */
  startMs: DAY,
  minMs: 5 * MINUTE,
  /** Long enough that a sparse backlog of a quarter or so costs a few slices, not one a week. */
  maxMs: 92 * DAY,
  /** Pages a slice is sized to hold: half a request lost per slice is 1.25 % of 40. */
  targetPages: 40,
} as const;

/** The end of the slice starting at `fromMs`; a remainder under a quarter span joins it rather than cost a request of its own. */
export function sliceEnd(fromMs: number, toMs: number, spanMs: number): number {
  const end = fromMs + spanMs;
  return toMs - end < spanMs / 4 ? toMs : end;
}

/**
 * The span after a complete slice of `pages` pages that covered `readMs`: the span that would
 * have held `targetPages` at its density (an empty slice counts as one page, so it grows as far
 * as allowed). A slice cut shorter (by the window's end, or to fit the deadline) with fewer pages
 * than that says nothing about a longer one: the span stays.
 */
export function nextSpan(spanMs: number, readMs: number, pages: number): number {
  if (readMs < spanMs && pages < SLICING.targetPages) return spanMs;
  const aim = (readMs * SLICING.targetPages) / Math.max(1, pages);
  return Math.max(SLICING.minMs, Math.min(SLICING.maxMs, aim));
}

/** The span after a slice cut off by the deadline once some of it was read: it did not fit in a run. */
export function shorterSpan(spanMs: number): number {
  return Math.max(SLICING.minMs, spanMs / 2);
}

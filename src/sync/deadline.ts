/**
 * The deadline of one seller's run: what is left of the command's time, shared among the sellers
 * still to run, so one seller's backlog cannot starve the others. A seller that finishes early
 * leaves its time to the rest.
 */
export function sellerDeadline(commandDeadline: number, now: number, sellersLeft: number): number {
  return now + Math.max(0, commandDeadline - now) / Math.max(1, sellersLeft);
}

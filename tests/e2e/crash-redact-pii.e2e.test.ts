import { crashSuite } from '../helpers/crash-suite';
import { excess, missing } from '../helpers/crash-tally';
import { blank, DAY, importedOrders, redactPuts, setRedactAfterDays } from '../helpers/redact-world';
import type { TestWorld } from '../helpers/world-run';

/** Per world: the imported orders; the first three are completed 40 days ago, the fourth 5 days ago. */
const orderIds = new WeakMap<TestWorld, string[]>();
const DUE = 3;

crashSuite({
  direction: 'redact-pii',
  args: ['redact-pii'],
  world: { orders: 0 },
  async prepare(w) {
    const ids = await importedOrders(w, 4);
    orderIds.set(w, ids);
    const now = Date.now();
    ids.forEach((id, n) => w.allocadence.completeOrder(id, now - (n < DUE ? 40 : 5) * DAY));
    setRedactAfterDays(w, 30);
  },
  // One order update per order due.
  writes: DUE,
  ciWrites: [1, 3],
  snapshot: (w) => (orderIds.get(w) ?? []).map((id) => blank(w, id)),
  tally(w) {
    const ids = orderIds.get(w) ?? [];
    return {
      duplicates: excess(redactPuts(w)),
      losses: missing(ids.slice(0, DUE), (id) => blank(w, id)) + missing(ids.slice(DUE), (id) => !blank(w, id)),
    };
  },
});

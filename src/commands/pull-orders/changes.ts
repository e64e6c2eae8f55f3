import { BUYER_CANCEL_REASON } from '../../allocadence/cancel-reasons';
import type { CustomerOrder, NewCustomerOrder } from '../../allocadence/types';
import type { Order } from '../../amazon/orders-types';
import type { LineUpdate, OrderLineRow, OrderMapRow } from '../../state/order-map';
import type { RunContext } from '../../sync/context';
import type { ItemResult } from '../../sync/types';
import { addressDiffers, allocLineOf, coversOrder, planChanges, type LinePlan } from './lines';
import { recipientOf } from './map';

const WHAT: Record<LinePlan['kind'], string> = {
  amazon: 'cancelled on Amazon',
  buyer: 'the buyer asked to cancel it',
  quantity: 'quantity lowered on Amazon',
  retry: 'an earlier change',
};

function describe(p: LinePlan): string {
  return `${p.line.sku} (item ${p.line.orderItemId}): ${WHAT[p.kind]}${p.kind === 'quantity' ? ` by ${p.by}` : ''}`;
}

/** What the state records for a line once its change is made, or settled without one. */
function settled(p: LinePlan, extra: Partial<LineUpdate> = {}): LineUpdate {
  return { orderItemId: p.line.orderItemId, quantity: p.left, ordered: p.ordered, cancel: p.cancel, pending: null, ...extra };
}

/**
 * Brings an imported order's Allocadence twin in line with what changed on Amazon since: lines
 * cancelled there or asked to cancel by the buyer are taken off (line quantity 0), lowered
 * quantities are lowered, a corrected address is sent; a buyer request covering every line left
 * cancels the whole order. Amazon's `lastUpdatedTime`, kept per order, says whether anything can
 * have changed; the Allocadence order is read only then. What the warehouse already picked or
 * shipped is never taken back: reported instead (a failure, or a warning for a buyer's request).
 * Each line change is written to the state before the call and cleared after it, so a crash
 * leaves the same absolute quantity to set again, never a second reduction.
 */
export async function applyChanges(ctx: RunContext, o: Order, mapped: OrderMapRow, known?: CustomerOrder): Promise<ItemResult> {
  const key = o.orderId;
  const lines = ctx.state.orders.lines(key);
  const plans = planChanges(o, lines);
  const moved = mapped.amazonUpdated !== o.lastUpdatedTime;
  if (!plans.length && !moved && !known) return { key, ok: true, action: 'already-imported' };
  const alloc =
    known ?? (mapped.allocOrderId ? await ctx.allocadence.orders.get(mapped.allocOrderId) : await ctx.allocadence.orders.findByNumber(key));
  const record = (updates: LineUpdate[], extra: { cancelCause?: 'buyer' } = {}): void => {
    if (!ctx.dryRun)
      ctx.state.orders.updateLines(key, updates, {
        amazonUpdated: o.lastUpdatedTime,
        ...(alloc ? { allocOrderId: alloc.id } : {}),
        ...extra,
        now: ctx.iso(),
      });
  };
  const filled = filledLines(o, lines, plans);
  if (!alloc) {
    record([...filled, ...plans.map((p) => settled(p))]);
    if (!plans.length) return { key, ok: true, action: 'already-imported' };
    return {
      key,
      ok: false,
      reason: `Allocadence order ${mapped.allocOrderId ?? key} no longer exists; not applied there: ${plans.map(describe).join('; ')}`,
      retriable: false,
    };
  }
  if (!alloc.cancelled && coversOrder(o, lines) && plans.some((p) => p.cancel === 'buyer'))
    return cancelWhole(ctx, o, alloc, plans, filled, record);
  if (alloc.cancelled) {
    // The warehouse ships none of it: every change is made as far as it is concerned.
    record([...filled, ...plans.map((p) => settled(p))]);
    return {
      key,
      ok: true,
      action: plans.length ? 'order-updated' : 'already-imported',
      ...(plans.length ? { detail: `cancelled in Allocadence already; ${plans.map(describe).join('; ')}` } : {}),
    };
  }
  const to = o.fulfillment?.fulfillmentStatus === 'PENDING' ? undefined : recipientOf(o);
  const address = moved && to && !('problem' in to) && addressDiffers({ ...to.shippingAddress }, alloc.shippingAddress) ? to : undefined;
  if (alloc.completed) return tooLate(o, alloc, plans, filled, address !== undefined, record);
  return sendChanges(ctx, key, alloc, lineChanges(plans, lines, alloc, filled), address, record);
}

/** Lines the state had no quantity ordered for (older state): from now on it has. */
function filledLines(o: Order, lines: readonly OrderLineRow[], plans: readonly LinePlan[]): LineUpdate[] {
  return lines
    .filter((l) => l.ordered === null && !plans.some((p) => p.line === l))
    .flatMap((l) => {
      const item = o.orderItems.find((i) => i.orderItemId === l.orderItemId);
      return item ? [{ orderItemId: l.orderItemId, ordered: item.quantityOrdered }] : [];
    });
}

/** Sends the changed line quantities and address to the warehouse, the intent recorded first; a dry run says what it would send. */
async function sendChanges(
  ctx: RunContext,
  key: string,
  alloc: CustomerOrder,
  changes: ReturnType<typeof lineChanges>,
  address: Pick<NewCustomerOrder, 'customer' | 'shippingAddress'> | undefined,
  record: Recorder,
): Promise<ItemResult> {
  const { failures, warnings, puts, updates } = changes;
  if (ctx.dryRun) {
    if (!puts.length && !address) return result(key, failures, warnings, 'already-imported');
    const what = [
      ...puts.map((c) => `${describe(c.plan)} → line ${c.id} quantity ${c.quantity}`),
      ...(address ? ['delivery address changed'] : []),
    ];
    return { key, ok: true, action: 'would-update-order', detail: what.join('; ') };
  }
  if (puts.length || address) {
    // The intent first: a crash after the call leaves the same absolute quantities to set again.
    ctx.state.orders.updateLines(
      key,
      puts.map((c) => ({
        orderItemId: c.plan.line.orderItemId,
        ordered: c.plan.ordered,
        cancel: c.plan.cancel,
        pending: c.quantity,
        lineId: c.id,
      })),
    );
    await ctx.allocadence.orders.update(alloc.id, {
      lines: puts.map((c) => ({ id: c.id, quantity: c.quantity })),
      ...(address ? { address } : {}),
    });
  }
  record([...updates, ...puts.map((c) => settled(c.plan, { lineId: c.id }))]);
  const done = [...puts.map((c) => describe(c.plan)), ...(address ? ['delivery address changed on Amazon: sent to the warehouse'] : [])];
  return result(key, failures, warnings, done.length ? 'order-updated' : 'already-imported', done.join('; '));
}

/** One line's change, as a PUT of its quantity on the Allocadence line. */
interface LinePut {
  plan: LinePlan;
  id: string;
  quantity: number;
}

/**
 * What each planned change means for the Allocadence order's lines: a quantity to set, nothing
 * (already so, or no line to set it on), or a report: a line that cannot be told apart, or one the
 * warehouse already picked more of than the change leaves.
 */
function lineChanges(
  plans: readonly LinePlan[],
  lines: readonly OrderLineRow[],
  alloc: CustomerOrder,
  filled: readonly LineUpdate[],
): { failures: string[]; warnings: string[]; puts: LinePut[]; updates: LineUpdate[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  const puts: LinePut[] = [];
  const updates: LineUpdate[] = [...filled];
  for (const p of plans) {
    const line = allocLineOf(p.line, lines, alloc);
    if (line === 'ambiguous') {
      failures.push(
        `${describe(p)}: SKU ${p.line.sku} is on several lines of Allocadence order ${alloc.id} and none is known to be this item; change it there by hand`,
      );
      continue;
    }
    const target =
      p.kind === 'amazon' || p.kind === 'buyer'
        ? 0
        : p.kind === 'retry'
          ? (p.line.pending ?? 0)
          : Math.max(0, (line?.quantity ?? 0) - p.by);
    if (!line?.id) {
      // A line gone (or never sent) is already at 0; any other quantity needs a line to set it on.
      if (target === 0) updates.push(settled(p));
      else failures.push(`${describe(p)}: Allocadence order ${alloc.id} has no line for it; change it there by hand`);
      continue;
    }
    const picked = line.pickedQuantity ?? 0;
    if (target < picked) {
      const why = `the warehouse already picked ${picked} of ${line.quantity ?? '?'} (Allocadence order ${alloc.id})`;
      if (p.cancel === 'buyer') {
        warnings.push(`${describe(p)}, but ${why}: it ships; answer the buyer's request in Seller Central`);
        updates.push(settled(p, { cancel: 'buyer-kept', quantity: p.line.quantity, lineId: line.id }));
      } else {
        failures.push(`${describe(p)}, but ${why}: not changed there; stop it by hand`);
        updates.push(settled(p, { lineId: line.id }));
      }
      continue;
    }
    if (line.quantity === target) updates.push(settled(p, { lineId: line.id }));
    else puts.push({ plan: p, id: line.id, quantity: target });
  }
  return { failures, warnings, puts, updates };
}

function result(key: string, failures: string[], warnings: string[], action: string, detail?: string): ItemResult {
  if (failures.length) return { key, ok: false, reason: [...failures, ...warnings].join('; '), retriable: false };
  return { key, ok: true, action, ...(detail ? { detail } : {}), ...(warnings.length ? { warning: warnings.join('; ') } : {}) };
}

type Recorder = (updates: LineUpdate[], extra?: { cancelCause?: 'buyer' }) => void;

/** The buyer asked to cancel every line still to ship: the whole Allocadence order is cancelled, and push-status tells Amazon. */
async function cancelWhole(
  ctx: RunContext,
  o: Order,
  alloc: CustomerOrder,
  plans: LinePlan[],
  filled: LineUpdate[],
  record: Recorder,
): Promise<ItemResult> {
  const key = o.orderId;
  if (alloc.completed) return tooLate(o, alloc, plans, filled, false, record);
  if (ctx.dryRun) return { key, ok: true, action: 'would-cancel', detail: `Allocadence order ${alloc.id}: the buyer asked to cancel` };
  await ctx.allocadence.orders.cancel(alloc.id, BUYER_CANCEL_REASON);
  record([...filled, ...plans.map((p) => settled(p))], { cancelCause: 'buyer' });
  return { key, ok: true, action: 'buyer-cancelled', detail: `Allocadence order ${alloc.id}; cancelled on Amazon by push-status` };
}

/** The warehouse completed the order before Amazon's change arrived: nothing is taken back, each change is reported once. */
function tooLate(
  o: Order,
  alloc: CustomerOrder,
  plans: LinePlan[],
  filled: LineUpdate[],
  addressChanged: boolean,
  record: Recorder,
): ItemResult {
  const shipped = `the warehouse already shipped it (Allocadence order ${alloc.id} is completed)`;
  const failures = plans.filter((p) => p.cancel !== 'buyer').map((p) => `${describe(p)}, but ${shipped}`);
  if (addressChanged) failures.push(`delivery address changed on Amazon, but ${shipped}`);
  const asked = plans.filter((p) => p.cancel === 'buyer');
  const warnings = asked.length
    ? [
        `the buyer asked to cancel but the warehouse already shipped (Allocadence order ${alloc.id}): ${asked.map((p) => p.line.sku).join(', ')}`,
      ]
    : [];
  record([
    ...filled,
    ...plans.map((p) => (p.cancel === 'buyer' ? settled(p, { cancel: 'buyer-kept', quantity: p.line.quantity }) : settled(p))),
  ]);
  return result(o.orderId, failures, warnings, asked.length ? 'cancel-too-late' : 'already-imported');
}

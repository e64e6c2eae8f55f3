import type { CustomerOrder } from '../../allocadence/types';
import { itemNow } from '../../amazon/order-items';
import type { Order } from '../../amazon/orders-types';
import type { LineCancel, NewLine, OrderLineRow } from '../../state/order-map';

/**
 * The state lines of an order being imported: every Amazon item, those that will not go to the
 * warehouse (cancelled, or asked to cancel by the buyer) with nothing to ship and a pending line
 * quantity of 0, so that an Allocadence order found instead of created has them taken off too.
 */
export function importLines(o: Order): NewLine[] {
  return o.orderItems.map((item) => {
    const now = itemNow(item);
    const base = { orderItemId: item.orderItemId, sku: item.product.sellerSku ?? '', ordered: item.quantityOrdered };
    if (now.cancelled) return { ...base, quantity: 0, cancel: 'amazon' as const, pending: 0 };
    if (now.requested && now.left > 0) return { ...base, quantity: 0, cancel: 'buyer' as const, pending: 0 };
    return { ...base, quantity: now.left };
  });
}

/** One change a line needs in Allocadence, and what the state records once it is made. */
export interface LinePlan {
  line: OrderLineRow;
  /** `amazon`/`buyer`: the line stops shipping; `quantity`: lowered on Amazon by `by`; `retry`: an earlier change not confirmed done. */
  kind: 'amazon' | 'buyer' | 'quantity' | 'retry';
  by: number;
  ordered: number;
  /** Units Amazon expects once the change is made. */
  left: number;
  cancel: LineCancel | null;
}

/** The changes Amazon's order asks of the lines the state knows (lines new to the state are not Amazon's way: left alone). */
export function planChanges(o: Order, lines: readonly OrderLineRow[]): LinePlan[] {
  const out: LinePlan[] = [];
  for (const line of lines) {
    const item = o.orderItems.find((i) => i.orderItemId === line.orderItemId);
    if (!item) continue;
    const now = itemNow(item);
    const base = { line, by: 0, ordered: item.quantityOrdered };
    if (now.cancelled && (line.cancel === null || line.cancel === 'buyer-kept'))
      out.push({ ...base, kind: 'amazon', left: 0, cancel: 'amazon' });
    else if (now.requested && now.left > 0 && line.cancel === null) out.push({ ...base, kind: 'buyer', left: 0, cancel: 'buyer' });
    else if (line.pending !== null) out.push({ ...base, kind: 'retry', left: line.cancel ? 0 : now.left, cancel: line.cancel });
    else if (
      !now.cancelled &&
      (line.cancel === null || line.cancel === 'buyer-kept') &&
      line.ordered !== null &&
      item.quantityOrdered < line.ordered
    ) {
      out.push({ ...base, kind: 'quantity', by: line.ordered - item.quantityOrdered, left: now.left, cancel: line.cancel });
    }
  }
  return out;
}

/**
 * Whether the buyer's requests cover every line still to ship, so the whole order is to be
 * cancelled: at least one request, and no line left that ships (lines the warehouse kept count as shipping).
 */
export function coversOrder(o: Order, lines: readonly OrderLineRow[]): boolean {
  let asked = false;
  for (const item of o.orderItems) {
    const now = itemNow(item);
    if (now.cancelled || now.left === 0) continue;
    const line = lines.find((l) => l.orderItemId === item.orderItemId);
    if (!now.requested || line?.cancel === 'buyer-kept') return false;
    asked = true;
  }
  return asked;
}

export type AllocLine = NonNullable<CustomerOrder['items']>[number];

/**
 * The Allocadence line of a state line: by its line id when known; else by SKU, when the SKU is on
 * one line on each side, or on as many state lines as Allocadence lines (then by position: lines
 * are listed in the order they were sent). `ambiguous` when neither holds: a line is never guessed.
 */
export function allocLineOf(line: OrderLineRow, lines: readonly OrderLineRow[], alloc: CustomerOrder): AllocLine | undefined | 'ambiguous' {
  const items = alloc.items ?? [];
  if (line.lineId) return items.find((l) => l.id === line.lineId);
  const taken = new Set(lines.flatMap((l) => (l.lineId ? [l.lineId] : [])));
  const theirs = items.filter((l) => l.sku === line.sku && !(l.id && taken.has(l.id)));
  const ours = lines.filter((l) => l.sku === line.sku && !l.lineId);
  if (theirs.length === 0) return undefined;
  if (theirs.length !== ours.length) return 'ambiguous';
  return theirs[ours.indexOf(line)];
}

function norm(v: string | null | undefined): string {
  return (v ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const ADDRESS_FIELDS = ['line1', 'line2', 'line3', 'city', 'state', 'zip', 'countryCode'] as const;

/**
 * Whether the warehouse's delivery address differs from Amazon's, field by field, ignoring case,
 * spaces and punctuation (a warehouse may reformat what it was sent). Nothing of it is stored.
 */
export function addressDiffers(
  amazon: Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>,
  alloc: CustomerOrder['shippingAddress'],
): boolean {
  if (!alloc) return false;
  return ADDRESS_FIELDS.some((f) => norm(amazon[f]) !== norm(alloc[f]));
}

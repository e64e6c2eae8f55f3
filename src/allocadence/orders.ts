import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import { accountDay, DEFAULT_ACCOUNT_TIME_ZONE, parseAccountDate } from './account-time';
import type { AllocadenceClients } from './client';
import { createOrFind } from './create-or-find';
import { findExact, pages } from './paging';
import { customerOrderSchema, type CustomerOrder, type NewCustomerOrder, type OrderListQuery } from './types';
import { iso } from '../time';

/** A day and the largest UTC offset (14 h), with room: rows older than this cannot come from a day-granular filter. */
const FILTER_SLACK_MS = 36 * 3_600_000;

function bad(operation: string, detail: string): RemoteError {
  return new RemoteError({ system: 'allocadence', operation, kind: 'fatal', status: 200, detail });
}

/** Customer orders: the one place that knows Allocadence's order paths, filters and quirks. */
export class AllocadenceOrders {
  private readonly timeZone: string;

  /** `timeZone`: the account's IANA zone (config `allocadence.timeZone`), which names its days. */
  constructor(
    private readonly clients: AllocadenceClients,
    opts: { timeZone?: string | undefined } = {},
  ) {
    this.timeZone = opts.timeZone ?? DEFAULT_ACCOUNT_TIME_ZONE;
  }

  /**
   * Every page of a filtered list, rows modified before `modifiedSince` left out. The date filter
   * (`modifiedDate` + `modifiedDateConditional=on_or_after`, evidence §2.5 [Z+]) probably compares
   * whole days and may ignore a `Z`, so it is sent as the account's own date of `modifiedSince`: a
   * day-granular server then returns that whole day, an instant one from its midnight, and both
   * cover `modifiedSince`; the earlier rows of that day are dropped here. Dates come back with the
   * account's offset and are compared as instants.
   */
  async *list(q: OrderListQuery): AsyncGenerator<CustomerOrder[]> {
    const since = q.modifiedSince === undefined ? undefined : Date.parse(q.modifiedSince);
    if (since !== undefined && Number.isNaN(since)) throw new Error(`modifiedSince ${q.modifiedSince} is not an instant`);
    const completedSince = q.completedSince === undefined ? undefined : Date.parse(q.completedSince);
    if (completedSince !== undefined && Number.isNaN(completedSince))
      throw new Error(`completedSince ${q.completedSince} is not an instant`);
    const params = {
      orderNumber: q.orderNumber,
      // The documented lookup (§2.5 [Z+]); whether a bare orderNumber matches exactly is not stated.
      orderNumberConditional: q.orderNumber === undefined ? undefined : 'matches',
      modifiedDate: since === undefined ? undefined : accountDay(since, this.timeZone),
      modifiedDateConditional: since === undefined ? undefined : 'on_or_after',
      cancelled: q.cancelled,
      completed: q.completed,
      completedDate: completedSince === undefined ? undefined : accountDay(completedSince, this.timeZone),
      completedDateConditional: completedSince === undefined ? undefined : 'on_or_after',
    };
    for await (const page of pages(
      this.clients.rest,
      'listCustomerOrders',
      '/customer-orders',
      'customerOrders',
      customerOrderSchema,
      params,
    )) {
      ignoredFilter(q, page);
      const kept = since === undefined ? page : page.filter((o) => !this.before(o, since));
      // Untested filter: an account that ignores it answers every completed order, and the older ones are dropped here.
      yield completedSince === undefined ? kept : kept.filter((o) => !((this.completedAt(o) ?? Infinity) < completedSince));
    }
  }

  /** When the order was completed, as an instant; undefined when not set (`""`). An unreadable date stops the run (exit 3). */
  completedAt(o: CustomerOrder): number | undefined {
    return this.instantOf(o, 'completedDate');
  }

  /** One of the order's dates as an instant in the account's zone; undefined when not set. An unreadable date stops the run (exit 3). */
  private instantOf(o: CustomerOrder, field: 'completedDate' | 'modifiedDate'): number | undefined {
    const value = o[field];
    if (!value) return undefined;
    const at = parseAccountDate(value, this.timeZone);
    if (at === undefined)
      throw bad(
        'listCustomerOrders',
        `order ${o.orderNumber}: ${field} "${value}" is not a date (expected ISO-8601, e.g. 2026-11-27T10:15:00-07:00)`,
      );
    return at;
  }

  /** Whether the row was last modified before `since`; more than FILTER_SLACK_MS before means the filter was not applied at all. */
  private before(o: CustomerOrder, since: number): boolean {
    const at = this.instantOf(o, 'modifiedDate');
    if (at === undefined) return false;
    if (at < since - FILTER_SLACK_MS) {
      throw bad(
        'listCustomerOrders',
        `the modifiedDate filter was ignored: order ${o.orderNumber} was last modified ${o.modifiedDate}, more than a day before ${iso(since)}`,
      );
    }
    return at < since;
  }

  /**
   * The order with exactly this number. The real API ignores filters it does not know, so the
   * answer is checked rather than trusted: a list of other orders must not pass as a match.
   */
  async findByNumber(orderNumber: string): Promise<CustomerOrder | undefined> {
    return findExact(this.list({ orderNumber }), (o) => o.orderNumber === orderNumber, 'findCustomerOrder', 'orderNumber');
  }

  /** Creates the order, or finds it when the number exists already (see createOrFind). */
  async create(order: NewCustomerOrder): Promise<{ order: CustomerOrder; existed: boolean }> {
    const { value, existed } = await createOrFind({
      client: this.clients.rest,
      operation: 'createCustomerOrder',
      path: '/customer-orders',
      data: order,
      schema: customerOrderSchema,
      key: 'orderNumber',
      value: order.orderNumber,
      find: () => this.findByNumber(order.orderNumber),
    });
    return { order: value, existed };
  }

  async get(id: string): Promise<CustomerOrder | undefined> {
    try {
      const res = await this.clients.rest.request<unknown>({
        operation: 'getCustomerOrder',
        method: 'GET',
        path: `/customer-orders/${encodeURIComponent(id)}`,
      });
      return parseAnswer(customerOrderSchema, res.data, 'getCustomerOrder', 'allocadence');
    } catch (err) {
      if (err instanceof RemoteError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** Replaces the customer and addresses of an open order: a partial `PUT` (evidence §2.7 [Z]). */
  async updateAddress(id: string, change: Pick<NewCustomerOrder, 'customer' | 'shippingAddress'>): Promise<void> {
    await this.update(id, { address: change });
  }

  /**
   * A partial `PUT /customer-orders/{id}` (evidence §2.7 [Z]): lines by their own `id` with a new
   * quantity (0 deletes the line), and/or the customer and addresses. Line ids go back as the
   * answer gave them (numbers there). Setting a quantity is idempotent, so a retry is safe.
   */
  async update(
    id: string,
    change: { lines?: readonly { id: string; quantity: number }[]; address?: Pick<NewCustomerOrder, 'customer' | 'shippingAddress'> },
  ): Promise<void> {
    const data = {
      ...(change.address ? { ...change.address, billingAddress: { sameAsShipping: true } } : {}),
      ...(change.lines?.length
        ? { items: change.lines.map((l) => ({ id: /^\d+$/.test(l.id) ? Number(l.id) : l.id, quantity: l.quantity })) }
        : {}),
    };
    await this.clients.rest.request<unknown>({
      operation: 'updateCustomerOrder',
      method: 'PUT',
      path: `/customer-orders/${encodeURIComponent(id)}`,
      data,
    });
  }

  /** Legacy API; cancelling twice is harmless there. */
  async cancel(id: string, reason: string): Promise<void> {
    const res = await this.clients.legacy.request<{ success?: boolean; message?: string } | undefined>({
      operation: 'cancelCustomerOrder',
      method: 'PUT',
      path: `/customerorders/${encodeURIComponent(id)}/cancel`,
      params: { reason },
    });
    if (res.data?.success !== true) {
      throw new RemoteError({
        system: 'allocadence',
        operation: 'cancelCustomerOrder',
        kind: 'item',
        status: res.status,
        detail: res.data?.message ?? 'not confirmed',
      });
    }
  }
}

/**
 * Allocadence ignores filters it does not know and answers with everything. Rows that contradict a
 * flag filter mean it was not applied on this account: stop, rather than act on the wrong orders.
 * (The date filter is checked with slack in AllocadenceOrders.before.)
 */
function ignoredFilter(q: OrderListQuery, rows: readonly CustomerOrder[]): void {
  const wrong = rows.find(
    (o) =>
      (q.cancelled !== undefined && Boolean(o.cancelled) !== q.cancelled) ||
      (q.completed !== undefined && Boolean(o.completed) !== q.completed),
  );
  if (wrong) throw bad('listCustomerOrders', `a filter was ignored: order ${wrong.orderNumber} does not match ${JSON.stringify(q)}`);
}

import { RemoteError } from '../errors';
import { parseAnswer } from '../http/answer';
import type { AllocadenceClients } from './client';
import { createOrFind } from './create-or-find';
import { findExact, pages } from './paging';
import { customerOrderSchema, type CustomerOrder, type NewCustomerOrder, type OrderListQuery } from './types';


function bad(operation: string, detail: string): RemoteError {
  return new RemoteError({ system: 'allocadence', operation, kind: 'fatal', status: 200, detail });
}

/** Customer orders: the one place that knows Allocadence's order paths, filters and quirks. */
export class AllocadenceOrders {
  constructor(private readonly clients: AllocadenceClients) {}

  /** Every page of a filtered list. Dates come back with the account's offset; callers compare instants. */
  async *list(q: OrderListQuery): AsyncGenerator<CustomerOrder[]> {
    const params = {
      orderNumber: q.orderNumber,
      modifiedDate: q.modifiedSince,
      modifiedDateConditional: q.modifiedSince ? 'on_or_after' : undefined,
      cancelled: q.cancelled,
      completed: q.completed,
    };
    for await (const page of pages(this.clients.rest, 'listCustomerOrders', '/customer-orders', 'customerOrders', customerOrderSchema, params)) {
      ignoredFilter(q, page);
      yield page;
    }
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
      const res = await this.clients.rest.request<unknown>({ operation: 'getCustomerOrder', method: 'GET', path: `/customer-orders/${encodeURIComponent(id)}` });
      return parseAnswer(customerOrderSchema, res.data, 'getCustomerOrder', 'allocadence');
    } catch (err) {
      if (err instanceof RemoteError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** Replaces the customer and shipping address of an open order (API 2.0 `PUT`, [Z] in the reference). */
  async updateAddress(id: string, change: Pick<NewCustomerOrder, 'customer' | 'shippingAddress'>): Promise<void> {
    await this.clients.rest.request<unknown>({ operation: 'updateCustomerOrder', method: 'PUT', path: `/customer-orders/${encodeURIComponent(id)}`, data: change });
  }

  /** Legacy API; cancelling twice is harmless there. */
  async cancel(id: string, reason: string): Promise<void> {
    const res = await this.clients.legacy.request<{ success?: boolean; message?: string }>({
      operation: 'cancelCustomerOrder',
      method: 'PUT',
      path: `/customerorders/${encodeURIComponent(id)}/cancel`,
      params: { reason },
    });
    if (res.data?.success !== true) {
      throw new RemoteError({ system: 'allocadence', operation: 'cancelCustomerOrder', kind: 'item', status: res.status, detail: res.data?.message ?? 'not confirmed' });
    }
  }
}

/**
 * Allocadence ignores filters it does not know and answers with everything. Rows that contradict a
 * filter mean it was not applied on this account: stop, rather than act on the wrong orders.
 */
function ignoredFilter(q: OrderListQuery, rows: readonly CustomerOrder[]): void {
  const since = q.modifiedSince ? Date.parse(q.modifiedSince) : undefined;
  const wrong = rows.find(
    (o) =>
      (since !== undefined && o.modifiedDate && Date.parse(o.modifiedDate) < since) ||
      (q.cancelled !== undefined && Boolean(o.cancelled) !== q.cancelled) ||
      (q.completed !== undefined && Boolean(o.completed) !== q.completed),
  );
  if (wrong) throw bad('listCustomerOrders', `a filter was ignored: order ${wrong.orderNumber} does not match ${JSON.stringify(q)}`);
}


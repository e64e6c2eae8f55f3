import { json, type SimRequest, type SimResponse } from '../server';
import { htmlNotFound } from './responses';
import { OrderStateError, type AllocadenceStore } from './store';

/**
 * The legacy REST API under `/services/rest`: only the order cancel, which API 2.0 lacks. Its
 * answers are `{success, message}` shaped, unlike API 2.0's `{code, message}`.
 */
export function createLegacyHandler(store: AllocadenceStore, secureKey: string) {
  return (req: SimRequest, subPath: string): SimResponse => {
    const cancel = /^\/customerorders\/([^/]+)\/cancel$/.exec(subPath);
    if (!cancel?.[1] || req.method !== 'PUT') return htmlNotFound();
    if (req.headers['securekey'] !== secureKey) return json(401, { error: '401', message: 'Unauthorized' });
    const id = cancel[1];
    const order = /^\d+$/.test(id) ? store.findOrderById(Number(id)) : undefined;
    if (!order) return json(404, { success: false, message: 'Order not found.' });
    try {
      store.cancel(order, req.query.get('reason'));
    } catch (err) {
      if (err instanceof OrderStateError) return json(400, { success: false, message: err.message });
      throw err;
    }
    return json(200, { success: true });
  };
}

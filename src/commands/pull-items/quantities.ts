import { looksLikeNoSuchCall, type AllocadenceClients } from '../../allocadence/client';
import { adjustStock } from '../../allocadence/inventory';
import { errorMessage, RemoteError } from '../../errors';
import type { Logger } from '../../output/log';
import type { ItemResult } from '../../sync/types';

/** The key of the one result that says a run's initial quantities could not be imported at all. */
export const QUANTITIES_KEY = '(initial quantities)';

/** Another item's adjustment found the call missing while this one waited. */
class AdjustmentsMissing extends Error {}

/**
 * A first run's quantities, one call per SKU (`items.importQuantities`, off by default), only for
 * items this program created (pull-items.ts): an item the warehouse already had keeps its own
 * count, even 0, or a lost state file would turn Amazon's stale quantity into stock that is not
 * there. Refused, a quantity is reported and not retried: later runs do not import quantities, and
 * guessing the warehouse's count is not ours to do. The stock-adjustment call is unconfirmed (evidence §2.12):
 * when it turns out missing on this account, that is said once, and the run's other SKUs only
 * count as not imported, rather than each failing (or stopping the run) on the same missing call.
 */
export function initialQuantities(clients: AllocadenceClients, warehouse: string, logger: Logger) {
  let missing: string | undefined;
  /**
   * Settles once the first adjustment is answered: the others wait for it, so that on an account
   * without the call, items written side by side do not each send it before one learns it is missing.
   */
  let firstAnswered: Promise<void> | undefined;
  let firstFoundNoCall = false;

  async function adjust(sku: string, quantity: number): Promise<void> {
    const call = (): Promise<void> => adjustStock(clients, { sku, warehouse, quantity, reason: 'Initial quantity from Amazon' });
    if (firstAnswered) {
      await firstAnswered;
      if (firstFoundNoCall) throw new AdjustmentsMissing();
      return call();
    }
    const first = call();
    firstAnswered = first.then(
      () => undefined,
      (err: unknown) => void (firstFoundNoCall = looksLikeNoSuchCall(err)),
    );
    return first;
  }

  function adjustmentsMissing(sku: string, err: unknown): ItemResult[] {
    const skipped: ItemResult = { key: sku, ok: true, action: 'quantity-not-imported' };
    if (missing !== undefined) return [skipped];
    missing = errorMessage(err);
    const reason =
      `initial quantities not imported: POST /inventory/adjustments is probably not a call this account has (${missing}). ` +
      'Items are created without stock; set their quantities in Allocadence, and set items.importQuantities to false';
    logger.warn(reason);
    return [{ key: QUANTITIES_KEY, ok: false, reason, retriable: false }, skipped];
  }

  const quantities = {
    /**
     * The first quantity of an item this program created. Stock there already (in `stock`, the
     * warehouse's count read at the start of the run) means an interrupted run imported it: not
     * again. `settled` is called once it is imported or refused for good, not on an error that
     * stops the run (the next run tries again).
     */
    async importOnce(
      sku: string,
      quantity: number,
      dryRun: boolean,
      stock: Map<string, number> | undefined,
      settled: () => void,
    ): Promise<ItemResult[]> {
      if ((stock?.get(sku) ?? 0) > 0) {
        settled();
        return [];
      }
      const out = await quantities.import(sku, quantity, dryRun);
      if (out.some((r) => r.ok && r.action === 'quantity-imported')) stock?.set(sku, quantity);
      settled();
      return out;
    },

    async import(sku: string, quantity: number, dryRun: boolean): Promise<ItemResult[]> {
      if (!Number.isSafeInteger(quantity)) {
        return [
          {
            key: sku,
            ok: false,
            reason: `Amazon reported quantity ${quantity}, not a whole number: not imported (set it in Allocadence by hand)`,
            retriable: false,
          },
        ];
      }
      if (dryRun) return [{ key: sku, ok: true, action: 'would-import-quantity', detail: String(quantity) }];
      if (missing !== undefined) return [{ key: sku, ok: true, action: 'quantity-not-imported' }];
      try {
        await adjust(sku, quantity);
      } catch (err) {
        if (err instanceof AdjustmentsMissing) return [{ key: sku, ok: true, action: 'quantity-not-imported' }];
        if (looksLikeNoSuchCall(err)) return adjustmentsMissing(sku, err);
        if (!(err instanceof RemoteError && err.kind === 'item')) throw err;
        return [
          {
            key: sku,
            ok: false,
            reason: `initial quantity ${quantity} not imported (set it in Allocadence by hand): ${err.message}`,
            retriable: false,
          },
        ];
      }
      return [{ key: sku, ok: true, action: 'quantity-imported' }];
    },
  };
  return quantities;
}

import fs from 'node:fs';
import { openOrders } from './open-orders';
import type { SimCustomerOrder } from '../../src/simulator/allocadence/types';
import { isBlank } from '../../src/commands/redact-pii/blank';
import { customerOrderSchema } from '../../src/allocadence/types';
import type { TestWorld } from './world-run';

export const DAY = 86_400_000;

/** Sets `privacy.redactAfterDays` of the world's seller in its config file (undefined: removes it). */
export function setRedactAfterDays(w: TestWorld, days: number | undefined): void {
  const config = JSON.parse(fs.readFileSync(w.configPath, 'utf8')) as { sellers: Record<string, unknown>[] };
  for (const s of config.sellers) s.privacy = days === undefined ? {} : { redactAfterDays: days };
  fs.writeFileSync(w.configPath, JSON.stringify(config, null, 2));
}

/** Amazon orders imported by pull-orders (in-process): their numbers, in order. */
export async function importedOrders(w: TestWorld, count: number): Promise<string[]> {
  const ids = openOrders(w, [{ sku: 'SKU-0001', quantity: 1 }], { count }).map((o) => o.orderId);
  const run = await w.run(['pull-orders']);
  if (run.code !== 0) throw new Error(`pull-orders exited ${run.code}: ${run.err.slice(-2000)}`);
  return ids;
}

/** An order someone else put in the warehouse through the API (another channel, or an Amazon import this tool did not make). */
export async function placedOrder(w: TestWorld, orderNumber: string, orderSource: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${w.env.ALLOCADENCE_API_KEY}:${w.env.ALLOCADENCE_API_SECRET}`).toString('base64')}`;
  const warehouse = (w.config.sellers as { warehouse: string }[])[0]?.warehouse;
  const res = await fetch(`${w.allocadence.origin}/rest/customer-orders`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      orderNumber,
      orderSource,
      shipFromWarehouseName: warehouse,
      customer: { name: 'Synthetic', surname: 'Shopper', email: 'shopper@example.invalid' },
      shippingAddress: {
        name: 'Synthetic Shopper',
        line1: '1 Test Way',
        city: 'Testville',
        zip: '00000',
        countryCode: 'US',
        phone: '555-0100',
      },
      items: [{ sku: 'SKU-0001', quantity: 1 }],
    }),
  });
  if (res.status !== 201) throw new Error(`placing ${orderNumber}: ${res.status} ${await res.text()}`);
}

export function simOrder(w: TestWorld, orderNumber: string): SimCustomerOrder | undefined {
  return w.allocadence.orders().find((o) => o.orderNumber === orderNumber);
}

/** Whether nothing of the buyer is left on the order, as the tool itself judges it. */
export function blank(w: TestWorld, orderNumber: string): boolean {
  const o = simOrder(w, orderNumber);
  return o !== undefined && isBlank(customerOrderSchema.parse(o));
}

/** `PUT /rest/customer-orders/{id}` requests per order number. */
export function redactPuts(w: TestWorld): Map<string, number> {
  const byId = new Map(w.allocadence.orders().map((o) => [String(o.id), o.orderNumber]));
  const out = new Map<string, number>();
  for (const r of w.allocadence.requests) {
    const m = r.method === 'PUT' ? /^\/rest\/customer-orders\/(\d+)$/.exec(r.path) : null;
    const number = m ? byId.get(m[1] ?? '') : undefined;
    if (number) out.set(number, (out.get(number) ?? 0) + 1);
  }
  return out;
}

import { z } from 'zod';
import { RemoteError } from '../errors';
import { parseAccountDate } from './account-time';

/**
 * What the legacy `shippingorders` resource answers, read strictly. The shape is the one a
 * production client reads (reference/allocadence-evidence-2026-12.md §2.1): keys in lower case
 * (`shippingorderid`, `customerorder.ordernumber`, `shipments[].trackingnumber`), carrier and
 * service as `{code, name}`, dates `YYYY-MM-DD HH:MM:SS` in the account's zone, rows as a bare
 * array or under `shippingOrders`. camelCase keys are read too, since `/{id}` and `/{id}/items` have
 * no client to learn from (§2.2): keys are compared without case, lower case first.
 */

function bad(operation: string, detail: string): RemoteError {
  return new RemoteError({ system: 'allocadence', operation, kind: 'fatal', status: 200, detail: `unexpected answer: ${detail}` });
}

/** Keys folded to lower case, all the way down; where two spellings meet, the lower-case one wins. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value);
  for (const [k, v] of entries) if (k === k.toLowerCase()) out[k] = lowerKeys(v);
  for (const [k, v] of entries) if (!(k.toLowerCase() in out)) out[k.toLowerCase()] = lowerKeys(v);
  return out;
}

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\S+$/, 'expected an id')]).transform(String);

/** A date as the legacy tree writes it; '' and null mean "not set". */
const date = z
  .string()
  .nullish()
  .refine((s) => !s || parseAccountDate(s, 'UTC') !== undefined, 'expected a date like 2026-11-27 10:15:00')
  .transform((s) => s || undefined);

const codeName = z
  .object({ code: z.string().nullish(), name: z.string().nullish() })
  .nullish()
  .transform((c) => ({ code: c?.code?.trim() ?? '', name: c?.name?.trim() ?? '' }));

const shipmentSchema = z.object({
  shipmentid: id,
  trackingnumber: z
    .string()
    .nullish()
    .transform((t) => t?.trim() ?? ''),
  shippeddate: date,
  cancelled: z.boolean().nullish().transform(Boolean),
  carrier: codeName,
  service: codeName,
});

const rowSchema = z.object({
  shippingorderid: id,
  customerorder: z.object({ customerorderid: id.nullish(), ordernumber: z.string().nullish() }).nullish(),
  carrier: codeName,
  service: codeName,
  ordereddate: date,
  shipped: z.boolean().nullish(),
  shippeddate: date,
  cancelled: z.boolean().nullish().transform(Boolean),
  // Required: asked for with include_shipments=true, without which no tracking comes back (§2.1).
  shipments: z.array(shipmentSchema, 'expected the shipments list (include_shipments=true)'),
});

const lineSchema = z.object({ sku: z.string().min(1), quantity: z.number().int().positive(), shipmentid: id.nullish() });

export interface CodeName {
  code: string;
  name: string;
}
export type ShipmentRow = z.infer<typeof shipmentSchema>;

/** One shipping order as read, with the order number resolved. */
export interface ShippingOrderRow extends Omit<z.infer<typeof rowSchema>, 'customerorder'> {
  /** `customerorder.ordernumber`, else `customerorderid`, else the shipping order's own id (§2.1). */
  orderNumber: string;
}

export interface ShippingOrderLine {
  sku: string;
  quantity: number;
  /** The package the line is in, when the answer says. */
  shipmentId: string | undefined;
}

function parseRow(raw: unknown, operation: string, at: string): ShippingOrderRow {
  const r = rowSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw bad(operation, `${[at, ...(issue?.path ?? [])].filter((p) => p !== '').join('.')}: ${issue?.message ?? 'unreadable'}`);
  }
  const { customerorder, ...row } = r.data;
  // Every package must be placed in time: by its own date, else its shipping order's.
  const undated = row.shipped === false || row.shippeddate ? -1 : row.shipments.findIndex((s) => !s.shippeddate);
  if (undated >= 0)
    throw bad(
      operation,
      `${at ? `${at}.` : ''}shipments.${undated}.shippeddate: expected a date on a shipped order (none on the order either)`,
    );
  return { ...row, orderNumber: customerorder?.ordernumber?.trim() || customerorder?.customerorderid || row.shippingorderid };
}

/**
 * The rows of a list answer: a bare array, or `{shippingOrders: [...]}` (§2.1 "Response envelope").
 * `totalPages` is there only if the account pages after all (§4 asks to find out).
 */
export function parseShippingOrderList(data: unknown, operation: string): { rows: ShippingOrderRow[]; totalPages: number | undefined } {
  const body = lowerKeys(data);
  const envelope = body as { shippingorders?: unknown; meta?: { totalpages?: unknown } } | null;
  const list = Array.isArray(body) ? body : envelope?.shippingorders;
  if (!Array.isArray(list)) throw bad(operation, 'expected a list of shipping orders (a JSON array, or an object with shippingOrders)');
  const pages = envelope?.meta?.totalpages;
  return { rows: list.map((raw, i) => parseRow(raw, operation, String(i))), totalPages: typeof pages === 'number' ? pages : undefined };
}

export function parseShippingOrder(data: unknown, operation: string): ShippingOrderRow {
  return parseRow(lowerKeys(data), operation, '');
}

/** `/{id}/items`: a bare array or `{items: [...]}`, `shipmentid` or `shipmentId` (§2.2). */
export function parseShippingOrderLines(data: unknown, operation: string): ShippingOrderLine[] {
  const body = lowerKeys(data);
  const list = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(list)) throw bad(operation, 'expected a list of lines (a JSON array, or an object with items)');
  return list.map((raw, i) => {
    const r = lineSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw bad(operation, `${[i, ...(issue?.path ?? [])].join('.')}: ${issue?.message ?? 'unreadable'}`);
    }
    return { sku: r.data.sku, quantity: r.data.quantity, shipmentId: r.data.shipmentid ?? undefined };
  });
}

/** The name, else the code, of a carrier or service (`name ?? code`, blanks skipped). */
export function labelOf(c: CodeName): string {
  return c.name || c.code;
}

/** The row and line schemas, for `check --record` to compare a live answer's shape with what is read here. */
export { rowSchema as shippingOrderRowSchema, lineSchema as shippingOrderLineSchema };

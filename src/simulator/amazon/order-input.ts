import { z } from 'zod';
import { SimInputError } from './errors';
import { parseIso } from './time';
import { CANCELLED_BY, FULFILLED_BY, FULFILLMENT_STATUSES, SERVICE_LEVELS, type AddOrdersInput, type OrderChange } from './types';

export const ORDER_ID_PATTERN = /^\d{3}-\d{7}-\d{7}$/;

const isoDateTime = z
  .string()
  .refine((s) => parseIso(s) !== undefined, 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-01T10:00:00Z');

// Prices come from people writing test set-ups: accept 12.99 and "12.99", nothing fancier.
const price = z.union([
  z.number().positive().max(1_000_000),
  z.string().regex(/^\d{1,7}(\.\d{1,2})?$/, 'must be a decimal such as "12.99"'),
]);

const item = z.strictObject({
  sku: z.string().min(1).max(40),
  quantity: z.number().int().min(1).max(999),
  price: price.optional(),
});

const order = z.strictObject({
  orderId: z.string().regex(ORDER_ID_PATTERN, 'must look like 123-1234567-1234567').optional(),
  status: z.enum(FULFILLMENT_STATUSES),
  fulfilledBy: z.enum(FULFILLED_BY),
  marketplaceId: z.string().min(1).optional(),
  createdTime: isoDateTime.optional(),
  lastUpdatedTime: isoDateTime.optional(),
  serviceLevel: z.enum(SERVICE_LEVELS).optional(),
  cancelledBy: z.enum(CANCELLED_BY).optional(),
  // Business orders can run to hundreds of lines.
  items: z.array(item).min(1).max(500),
});

const addOrders = z.strictObject({
  sellerId: z.string().min(1).optional(),
  orders: z.array(order).min(1).max(10_000),
});

const orderChange = z.strictObject({
  status: z.enum(FULFILLMENT_STATUSES),
  lastUpdatedTime: isoDateTime.optional(),
  cancelledBy: z.enum(CANCELLED_BY).optional(),
});

const itemIds = z.array(z.string().min(1)).min(1).max(500);

const cancellationRequest = z.strictObject({
  /** Default: every item not shipped or cancelled. */
  orderItemIds: itemIds.optional(),
  reason: z.string().min(1).max(200).default('Buyer requested cancellation'),
  lastUpdatedTime: isoDateTime.optional(),
});

const cancelItems = z.strictObject({
  orderItemIds: itemIds,
  cancelledBy: z.enum(CANCELLED_BY),
  reason: z.string().min(1).max(200).optional(),
  lastUpdatedTime: isoDateTime.optional(),
});

const orderEdit = z
  .strictObject({
    items: z
      .array(z.strictObject({ orderItemId: z.string().min(1), quantity: z.number().int().min(1).max(999) }))
      .min(1)
      .optional(),
    address: z
      .strictObject({
        line1: z.string().min(1).optional(),
        city: z.string().min(1).optional(),
        state: z.string().min(1).optional(),
        postalCode: z.string().min(1).optional(),
        phone: z.string().min(1).optional(),
      })
      .optional(),
    lastUpdatedTime: isoDateTime.optional(),
  })
  .refine((e) => e.items !== undefined || e.address !== undefined, 'give items and/or address');

export type CancellationRequestInput = z.infer<typeof cancellationRequest>;
export type CancelItemsInput = z.infer<typeof cancelItems>;
export type OrderEditInput = z.infer<typeof orderEdit>;

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  throw new SimInputError(`invalid ${what}: ${problems.join('; ')}`);
}

/** Shape checks only; rules that need the store (sellers, duplicates, transitions) live there. */
export function parseAddOrders(value: unknown): AddOrdersInput {
  return parseWith(addOrders, value, 'orders input');
}

export function parseOrderChange(value: unknown): OrderChange {
  return parseWith(orderChange, value, 'order change');
}

export function parseCancellationRequest(value: unknown): CancellationRequestInput {
  return parseWith(cancellationRequest, value ?? {}, 'cancellation request');
}

export function parseCancelItems(value: unknown): CancelItemsInput {
  return parseWith(cancelItems, value, 'item cancellation');
}

export function parseOrderEdit(value: unknown): OrderEditInput {
  return parseWith(orderEdit, value, 'order edit');
}

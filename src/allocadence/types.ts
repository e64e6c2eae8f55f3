import { z } from 'zod';

/** The fields of an Allocadence customer order we read; the rest passes through unread. */
export const customerOrderSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  orderNumber: z.string(),
  modifiedDate: z.string().nullish(),
  orderedDate: z.string().nullish(),
  completed: z.boolean().nullish(),
  completedDate: z.string().nullish(),
  cancelled: z.boolean().nullish(),
  cancelledReason: z.string().nullish(),
  /** The order's lines; `id` is the line's own id (evidence §3 "Order line identifiers"). */
  items: z
    .array(
      z.object({
        id: z.union([z.number(), z.string()]).transform(String).nullish(),
        sku: z.string(),
        quantity: z.number().nullish(),
        orderQuantity: z.number().nullish(),
        // Units already picked (the Pipedream sample's line fields, reference/allocadence.md [Z]): a line is never cut below them.
        pickedQuantity: z.number().nullish(),
      }),
    )
    .nullish(),
  /** Where it came from: set by the platform (`"CSV Import"` in the sample, evidence §2.4) or, perhaps, by the creator. */
  orderSource: z.string().nullish(),
  /** The note pull-orders writes (`Amazon order …, seller …`): says which seller's order it is. */
  internalNote: z.string().nullish(),
  /** The buyer, read to see whether redact-pii blanked it already (never stored). */
  customer: z
    .object({ name: z.string().nullish(), surname: z.string().nullish(), email: z.string().nullish(), company: z.string().nullish() })
    .nullish(),
  /** Compared with Amazon's delivery address when Amazon reports a change (not stored anywhere). */
  shippingAddress: z
    .object({
      name: z.string().nullish(),
      company: z.string().nullish(),
      line1: z.string().nullish(),
      line2: z.string().nullish(),
      line3: z.string().nullish(),
      city: z.string().nullish(),
      state: z.string().nullish(),
      zip: z.string().nullish(),
      countryCode: z.string().nullish(),
      phone: z.string().nullish(),
    })
    .nullish(),
  /** Where the order ships from, as the server resolved `shipFromWarehouseName` (evidence §2.4). */
  shipFromWarehouse: z.object({ id: z.union([z.number(), z.string()]).transform(String).nullish(), name: z.string().nullish() }).nullish(),
});

export type CustomerOrder = z.infer<typeof customerOrderSchema>;

export const pageMetaSchema = z.object({
  page: z.number().optional(),
  perPage: z.number().optional(),
  totalPages: z.number(),
  count: z.number().optional(),
});

/** An address as the order JSON spells it. */
export interface OrderAddress {
  name?: string;
  company?: string;
  line1: string;
  line2?: string;
  line3?: string;
  city: string;
  state?: string;
  zip?: string;
  countryCode: string;
  phone?: string;
}

/**
 * What we send to create a customer order (evidence §2.4). A new customer needs a non-empty
 * `surname`; the note goes in `internalNote` (`notes` is no order field); the billing address is
 * the shipping one, as working clients send it.
 */
export interface NewCustomerOrder {
  orderNumber: string;
  orderReference: string;
  orderSource: string;
  orderedDate: string;
  shipFromWarehouseName: string;
  customer: { name: string; surname: string; email?: string; company?: string };
  billingAddress: { sameAsShipping: true };
  shippingAddress: OrderAddress;
  items: { sku: string; quantity: number; price?: number }[];
  internalNote?: string;
}

export interface OrderListQuery {
  modifiedSince?: string;
  /** Completed on or after the account's day of this instant (`completedDate`, evidence §2.5: untested, so rows are checked here too). */
  completedSince?: string;
  orderNumber?: string;
  cancelled?: boolean;
  completed?: boolean;
}

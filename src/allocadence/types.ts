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
  items: z
    .array(z.object({ sku: z.string(), quantity: z.number().nullish(), orderQuantity: z.number().nullish() }))
    .nullish(),
});

export type CustomerOrder = z.infer<typeof customerOrderSchema>;

export const pageMetaSchema = z.object({
  page: z.number().optional(),
  perPage: z.number().optional(),
  totalPages: z.number(),
  count: z.number().optional(),
});

/** What we send to create a customer order. */
export interface NewCustomerOrder {
  orderNumber: string;
  orderReference: string;
  orderSource: string;
  orderedDate: string;
  shipFromWarehouseName: string;
  customer: { name: string; email?: string; company?: string };
  shippingAddress: {
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
  };
  items: Array<{ sku: string; quantity: number; price?: number }>;
  notes?: string;
}

export interface OrderListQuery {
  modifiedSince?: string;
  orderNumber?: string;
  cancelled?: boolean;
  completed?: boolean;
}

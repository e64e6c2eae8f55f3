import { z } from 'zod';

/**
 * The parts of Orders API 2026-01-01 shapes that we read, checked at run time so a changed answer
 * fails loudly at the boundary instead of deep inside a sync. Unknown fields pass through unread.
 */
export const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

const money = z.object({ amount: z.string(), currencyCode: z.string() });

const address = z.object({
  name: z.string().optional(),
  companyName: z.string().optional(),
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  districtOrCounty: z.string().optional(),
  stateOrRegion: z.string().optional(),
  municipality: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
  phone: z.string().optional(),
});

export const orderItemSchema = z.object({
  orderItemId: z.string().min(1),
  quantityOrdered: z.number().int().min(0),
  product: z.object({
    asin: z.string().optional(),
    title: z.string().optional(),
    sellerSku: z.string().optional(),
    price: z.object({ unitPrice: money.optional() }).optional(),
  }),
  // `ItemCancellation` (orders_2026-01-01.json): a buyer's open request, and/or how the line was cancelled.
  cancellation: z
    .object({
      cancellationRequest: z.object({ requester: z.string().optional(), cancelReason: z.string().optional() }).optional(),
      cancellationExecution: z.object({ cancelledBy: z.string().optional(), cancelReason: z.string().optional() }).optional(),
    })
    .optional(),
  // A negative count is a broken answer, not "nothing to ship": the order is reported, not imported without the line.
  fulfillment: z
    .object({ quantityFulfilled: z.number().int().min(0).optional(), quantityUnfulfilled: z.number().int().min(0).optional() })
    .optional(),
});

/** `DateTimeRange` (orders_2026-01-01.json), both ends optional. */
const dateRange = z.object({ earliestDateTime: z.string().optional(), latestDateTime: z.string().optional() }).optional().catch(undefined);

export const orderSchema = z.object({
  orderId: z.string().min(1),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  salesChannel: z.object({ channelName: z.string(), marketplaceId: z.string().optional() }),
  buyer: z
    .object({ buyerName: z.string().optional(), buyerEmail: z.string().optional(), buyerCompanyName: z.string().optional() })
    .optional(),
  recipient: z.object({ deliveryAddress: address.optional() }).optional(),
  fulfillment: z
    .object({
      fulfillmentStatus: z.enum(FULFILLMENT_STATUSES),
      fulfilledBy: z.enum(['AMAZON', 'MERCHANT']).optional(),
      // `OrderFulfillment` (orders_2026-01-01.json): the promise the warehouse works to. Read loosely:
      // a window Amazon leaves out or fills oddly costs the note, never the order.
      fulfillmentServiceLevel: z.string().optional().catch(undefined),
      shipByWindow: dateRange,
      deliverByWindow: dateRange,
    })
    .optional(),
  orderItems: z.array(orderItemSchema),
  packages: z.array(z.object({ packageReferenceId: z.string().optional(), trackingNumber: z.string().optional() })).optional(),
});

/** The envelope only: orders are checked one by one, so one odd order cannot sink a page. */
export const searchOrdersEnvelope = z.object({
  orders: z.array(z.unknown()),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
  lastUpdatedBefore: z.string().optional(),
  createdBefore: z.string().optional(),
});

export const getOrderEnvelope = z.object({ order: z.unknown() });

export type Order = z.infer<typeof orderSchema>;
export type OrderItem = z.infer<typeof orderItemSchema>;
export type Address = z.infer<typeof address>;

/** An order from a page that did not match our types: reported and fetched again later. */
export interface UnreadableOrder {
  orderId: string | undefined;
  problem: string;
}

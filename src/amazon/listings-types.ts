import { z } from 'zod';

/** The Listings Items 2021-08-01 fields we read, checked at the boundary. */
const relationship = z.object({
  type: z.string(),
  parentSkus: z.array(z.string()).optional(),
  childSkus: z.array(z.string()).optional(),
  variationTheme: z.object({ theme: z.string() }).optional(),
});

export const listingsItemSchema = z.object({
  sku: z.string(),
  summaries: z
    .array(
      z.object({
        marketplaceId: z.string(),
        asin: z.string().optional(),
        productType: z.string(),
        itemName: z.string().optional(),
        createdDate: z.string(),
        status: z.array(z.string()),
      }),
    )
    .optional(),
  relationships: z.array(z.object({ marketplaceId: z.string(), relationships: z.array(relationship) })).optional(),
  fulfillmentAvailability: z.array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().optional() })).optional(),
  productTypes: z.array(z.object({ marketplaceId: z.string(), productType: z.string() })).optional(),
});

export const searchListingsEnvelope = z.object({
  numberOfResults: z.number(),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
  items: z.array(listingsItemSchema),
});

export const submissionSchema = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.enum(['ERROR', 'WARNING', 'INFO']) })).optional(),
});

export type ListingsItem = z.infer<typeof listingsItemSchema>;
export type Submission = z.infer<typeof submissionSchema>;

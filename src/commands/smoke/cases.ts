import { z } from 'zod';
import { feedSchema } from '../../amazon/feeds-api';
import { searchListingsEnvelope, submissionSchema, listingsItemSchema } from '../../amazon/listings-types';
import { getOrderEnvelope, orderSchema, searchOrdersEnvelope } from '../../amazon/orders-types';
import { documentSchema, reportSchema } from '../../amazon/reports-api';
import type { RequestSpec } from '../../http/client';

/**
 * One call of the static sandbox: the inputs Amazon documents for it (reference/spapi.md §9), and
 * how the answer must read in the tool's own types. `status` is what the sandbox answers; a 4xx
 * case checks that the tool reads Amazon's error list.
 */
export interface SmokeCase {
  name: string;
  request: RequestSpec;
  status: number;
  /** Throws when the answer does not fit the tool's types; returns a short description. Absent for a 4xx case. */
  check?: (data: unknown) => string;
}

function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${what}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'does not fit'}`);
  }
  return r.data;
}

const JP = 'A1VC38T7YXB528';
const US = 'ATVPDKIKX0DER';
const ORDERS = '/orders/2026-01-01/orders';
const ALL_ORDER_DATA = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES'];
const SANDBOX_DOCUMENT = '0356cf79-b8b0-4226-b4b9-0ee058ea5760';

const orders = (data: unknown): string => {
  const list = parse(searchOrdersEnvelope, data, 'searchOrders').orders.map((o, i) => parse(orderSchema, o, `orders[${i}]`));
  return `${list.length} order(s): ${list.map((o) => `${o.orderId} with ${o.orderItems.length} item(s)`).join(', ')}`;
};

/** Every SP-API operation the five directions call; presigned document transfers are S3's and not sandboxed. */
export const SMOKE_CASES: readonly SmokeCase[] = [
  {
    name: 'searchOrders',
    status: 200,
    request: {
      operation: 'searchOrders',
      method: 'GET',
      path: ORDERS,
      params: { createdAfter: '2024-12-25T00:00:00Z', marketplaceIds: [JP], includedData: ALL_ORDER_DATA },
    },
    check: orders,
  },
  {
    name: 'searchOrders (invalid input)',
    status: 400,
    request: { operation: 'searchOrders', method: 'GET', path: ORDERS, params: { createdAfter: 'TEST_CASE_400' } },
  },
  {
    name: 'getOrder',
    status: 200,
    request: {
      operation: 'getOrder',
      method: 'GET',
      path: `${ORDERS}/114-9876543-1234567`,
      params: { includedData: ['RECIPIENT', 'PROCEEDS', 'FULFILLMENT'] },
    },
    check: (data) => {
      const o = parse(orderSchema, parse(getOrderEnvelope, data, 'getOrder').order, 'order');
      return `order ${o.orderId}, ${o.orderItems.length} item(s), status ${o.fulfillment?.fulfillmentStatus ?? '?'}`;
    },
  },
  {
    name: 'confirmShipment',
    status: 204,
    request: {
      operation: 'confirmShipment',
      method: 'POST',
      path: '/orders/v0/orders/902-1106328-1059050/shipmentConfirmation',
      idempotent: true,
      data: {
        marketplaceId: US,
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'FedEx',
          carrierName: 'FedEx',
          shippingMethod: 'FedEx Ground',
          trackingNumber: '112345678',
          shipDate: '2022-02-11T01:00:00.000Z',
          shipFromSupplySourceId: '057d3fcc-b750-419f-bbcd-4d340c60c430',
          orderItems: [{ orderItemId: '79039765272157', quantity: 1, transparencyCodes: ['09876543211234567890'] }],
        },
      },
    },
    check: () => 'accepted (204, no body)',
  },
  {
    name: 'searchListingsItems',
    status: 200,
    request: {
      operation: 'searchListingsItems',
      method: 'GET',
      path: '/listings/2021-08-01/items/SANDBOX-SELLER',
      params: {
        identifiersType: 'SKU',
        identifiers: ['GM-ZDPI-9B4E', 'HW-ZDPI-9B4E', 'TC-ZDPI-9B4E'],
        marketplaceIds: [US, 'A2EUQ1WTGCTBG2'],
        includedData: ['summaries', 'offers', 'fulfillmentAvailability', 'issues'],
        pageSize: 1,
      },
    },
    check: (data) => {
      const page = parse(searchListingsEnvelope, data, 'searchListingsItems');
      const items = page.items.map((i, n) => parse(listingsItemSchema, i, `items[${n}]`));
      return `${page.numberOfResults} result(s), first ${items[0]?.sku ?? '-'}, next page ${page.pagination?.nextToken ? 'yes' : 'no'}`;
    },
  },
  {
    name: 'patchListingsItem',
    status: 200,
    request: {
      operation: 'patchListingsItem',
      method: 'PATCH',
      path: '/listings/2021-08-01/items/SANDBOX-SELLER/SMOKE-SKU',
      params: { marketplaceIds: [US] },
      data: {
        productType: 'PRODUCT',
        patches: [
          { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] },
        ],
      },
    },
    check: (data) => `submission ${parse(submissionSchema, data, 'patchListingsItem').status}`,
  },
  {
    name: 'createFeedDocument',
    status: 201,
    request: {
      operation: 'createFeedDocument',
      method: 'POST',
      path: '/feeds/2021-06-30/documents',
      idempotent: true,
      data: { contentType: 'text/tab-separated-values; charset=UTF-8' },
    },
    check: (data) =>
      `document ${parse(z.object({ feedDocumentId: z.string(), url: z.string() }), data, 'createFeedDocument').feedDocumentId}`,
  },
  {
    name: 'createFeed',
    status: 202,
    request: {
      operation: 'createFeed',
      method: 'POST',
      path: '/feeds/2021-06-30/feeds',
      idempotent: true,
      data: {
        feedType: 'POST_PRODUCT_DATA',
        marketplaceIds: [US, 'A1F83G8C2ARO7P'],
        inputFeedDocumentId: '3d4e42b5-1d6e-44e8-a89c-2abfca0625bb',
      },
    },
    check: (data) => `feed ${parse(z.object({ feedId: z.string() }), data, 'createFeed').feedId}`,
  },
  {
    name: 'getFeed (invalid id)',
    status: 400,
    request: { operation: 'getFeed', method: 'GET', path: '/feeds/2021-06-30/feeds/badFeedId1' },
  },
  {
    name: 'getFeed',
    status: 200,
    request: { operation: 'getFeed', method: 'GET', path: '/feeds/2021-06-30/feeds/feedId1' },
    check: (data) => `feed ${parse(feedSchema, data, 'getFeed').processingStatus}`,
  },
  {
    name: 'getFeeds',
    status: 200,
    request: {
      operation: 'getFeeds',
      method: 'GET',
      path: '/feeds/2021-06-30/feeds',
      params: { feedTypes: ['POST_PRODUCT_DATA'], pageSize: 10, processingStatuses: ['CANCELLED', 'DONE'] },
    },
    check: (data) => `${parse(z.object({ feeds: z.array(feedSchema) }), data, 'getFeeds').feeds.length} feed(s)`,
  },
  {
    name: 'getFeedDocument',
    status: 200,
    request: { operation: 'getFeedDocument', method: 'GET', path: `/feeds/2021-06-30/documents/${SANDBOX_DOCUMENT}` },
    check: (data) => `url ${parse(documentSchema, data, 'getFeedDocument').url ? 'present' : 'missing'}`,
  },
  {
    name: 'createReport',
    status: 202,
    request: {
      operation: 'createReport',
      method: 'POST',
      path: '/reports/2021-06-30/reports',
      idempotent: true,
      data: {
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        dataStartTime: '2024-03-10T20:11:24.000Z',
        marketplaceIds: ['A1PA6795UKMFR9', US],
      },
    },
    check: (data) => `report ${parse(z.object({ reportId: z.string() }), data, 'createReport').reportId}`,
  },
  {
    name: 'getReport',
    status: 200,
    request: { operation: 'getReport', method: 'GET', path: '/reports/2021-06-30/reports/ID323' },
    check: (data) => `report ${parse(reportSchema, data, 'getReport').processingStatus}`,
  },
  {
    name: 'getReportDocument',
    status: 200,
    request: { operation: 'getReportDocument', method: 'GET', path: `/reports/2021-06-30/documents/${SANDBOX_DOCUMENT}` },
    check: (data) => `url ${parse(documentSchema, data, 'getReportDocument').url ? 'present' : 'missing'}`,
  },
];

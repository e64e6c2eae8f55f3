import { json, parseJsonBody, type SimRequest, type SimResponse } from '../server';
import { amazonError } from './errors';

/**
 * Amazon's static sandbox: an answer exists only for the inputs its models document (see
 * reference/spapi.md §9); anything else is refused the way peers report it. The answers are the
 * simulator's own, in the models' shapes, carrying the documented ids.
 */
type Matcher = (req: SimRequest, params: string[], body: Record<string, unknown>) => boolean;
interface StaticCase {
  operation: string;
  matches: Matcher;
  answer: (origin: string) => SimResponse;
}

const NO_MATCH = amazonError(400, 'InvalidInput', 'Could not match input arguments');
const DOCUMENT = '0356cf79-b8b0-4226-b4b9-0ee058ea5760';

function list(req: SimRequest, name: string): string {
  return (req.query.get(name) ?? '').split(',').sort().join(',');
}

function sameList(req: SimRequest, name: string, values: readonly string[]): boolean {
  return list(req, name) === [...values].sort().join(',');
}

function order(orderId: string, marketplaceId: string, sku: string, status: string): Record<string, unknown> {
  return {
    orderId,
    createdTime: '2024-12-25T08:00:00Z',
    lastUpdatedTime: '2024-12-25T09:30:00Z',
    salesChannel: { channelName: 'AMAZON', marketplaceId },
    recipient: {
      deliveryAddress: {
        name: 'Sandbox Recipient',
        addressLine1: '1 Example Street',
        city: 'Example City',
        postalCode: '00000',
        countryCode: 'JP',
      },
    },
    fulfillment: { fulfillmentStatus: status, fulfilledBy: 'MERCHANT' },
    orderItems: [
      {
        orderItemId: '10000000000001',
        quantityOrdered: 1,
        product: { asin: 'B000000001', sellerSku: sku, price: { unitPrice: { amount: '1000', currencyCode: 'JPY' } } },
        fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 1 },
      },
    ],
  };
}

const ALL_ORDER_DATA = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES'];

const CASES: readonly StaticCase[] = [
  {
    operation: 'searchOrders',
    matches: (req) =>
      req.query.get('createdAfter') === '2024-12-25T00:00:00Z' &&
      sameList(req, 'marketplaceIds', ['A1VC38T7YXB528']) &&
      sameList(req, 'includedData', ALL_ORDER_DATA),
    answer: () =>
      json(200, {
        orders: [order('250-1234567-8901234', 'A1VC38T7YXB528', 'JP-SANDBOX-SKU', 'UNSHIPPED')],
        pagination: { nextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4' },
        createdBefore: '2024-12-26T00:00:00Z',
      }),
  },
  {
    operation: 'searchOrders',
    matches: (req) => req.query.get('createdAfter') === 'TEST_CASE_400',
    answer: () => amazonError(400, 'InvalidInput', 'Invalid input'),
  },
  {
    operation: 'getOrder',
    matches: (req, params) =>
      params[0] === '114-9876543-1234567' && sameList(req, 'includedData', ['RECIPIENT', 'PROCEEDS', 'FULFILLMENT']),
    answer: () => json(200, { order: order('114-9876543-1234567', 'ATVPDKIKX0DER', 'US-SANDBOX-SKU', 'SHIPPED') }),
  },
  {
    operation: 'getOrder',
    matches: (_req, params) => params[0] === 'TEST_CASE_400',
    answer: () => amazonError(400, 'InvalidInput', 'Invalid input'),
  },
  {
    operation: 'confirmShipment',
    matches: (_req, params, body) => {
      const d = (body.packageDetail ?? {}) as Record<string, unknown>;
      return (
        params[0] === '902-1106328-1059050' &&
        body.marketplaceId === 'ATVPDKIKX0DER' &&
        d.carrierCode === 'FedEx' &&
        d.trackingNumber === '112345678' &&
        d.shipDate === '2022-02-11T01:00:00.000Z'
      );
    },
    answer: () => ({ status: 204 }),
  },
  {
    operation: 'searchListingsItems',
    matches: (req) =>
      req.query.get('identifiersType') === 'SKU' &&
      sameList(req, 'identifiers', ['GM-ZDPI-9B4E', 'HW-ZDPI-9B4E', 'TC-ZDPI-9B4E']) &&
      sameList(req, 'marketplaceIds', ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']) &&
      req.query.get('pageSize') === '1',
    answer: () =>
      json(200, {
        numberOfResults: 3,
        pagination: { nextToken: 'sandbox-listings-page-2' },
        items: [
          {
            sku: 'GM-ZDPI-9B4E',
            summaries: [
              {
                marketplaceId: 'ATVPDKIKX0DER',
                asin: 'B071VG5N9D',
                productType: 'LUGGAGE',
                status: ['BUYABLE'],
                createdDate: '2021-02-01T00:00:00Z',
                lastUpdatedDate: '2021-03-01T00:00:00Z',
              },
            ],
            fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 100 }],
          },
        ],
      }),
  },
  {
    operation: 'patchListingsItem',
    matches: () => true,
    answer: () => json(200, { sku: 'SANDBOX', status: 'ACCEPTED', submissionId: 'sandbox-submission-1', issues: [] }),
  },
  {
    operation: 'createFeedDocument',
    matches: (_req, _p, body) => body.contentType === 'text/tab-separated-values; charset=UTF-8',
    answer: (origin) => json(201, { feedDocumentId: '3d4e42b5-1d6e-44e8-a89c-2abfca0625bb', url: `${origin}/documents/sandbox-upload` }),
  },
  {
    operation: 'createFeed',
    matches: (_req, _p, body) =>
      body.feedType === 'POST_PRODUCT_DATA' && body.inputFeedDocumentId === '3d4e42b5-1d6e-44e8-a89c-2abfca0625bb',
    answer: () => json(202, { feedId: '3485934' }),
  },
  {
    operation: 'getFeed',
    matches: (_req, params) => params[0] === 'feedId1',
    answer: () =>
      json(200, { feedId: 'feedId1', feedType: 'POST_PRODUCT_DATA', createdTime: '2024-01-15T10:00:00Z', processingStatus: 'CANCELLED' }),
  },
  {
    operation: 'getFeed',
    matches: (_req, params) => params[0] === 'badFeedId1',
    answer: () => amazonError(400, 'InvalidInput', 'Invalid input'),
  },
  {
    operation: 'getFeeds',
    matches: (req) =>
      sameList(req, 'feedTypes', ['POST_PRODUCT_DATA']) &&
      req.query.get('pageSize') === '10' &&
      sameList(req, 'processingStatuses', ['CANCELLED', 'DONE']),
    answer: () =>
      json(200, {
        feeds: [{ feedId: 'feedId1', feedType: 'POST_PRODUCT_DATA', createdTime: '2024-01-15T10:00:00Z', processingStatus: 'CANCELLED' }],
        nextToken: 'sandbox-feeds-page-2',
      }),
  },
  {
    operation: 'getFeedDocument',
    matches: (_req, params) => params[0] === DOCUMENT,
    answer: (origin) => json(200, { feedDocumentId: DOCUMENT, url: `${origin}/documents/sandbox-feed-result` }),
  },
  {
    operation: 'createReport',
    matches: (_req, _p, body) => body.reportType === 'GET_MERCHANT_LISTINGS_ALL_DATA' && body.dataStartTime === '2024-03-10T20:11:24.000Z',
    answer: () => json(202, { reportId: 'ID323' }),
  },
  {
    operation: 'getReport',
    matches: (_req, params) => params[0] === 'ID323',
    answer: () =>
      json(200, {
        reportId: 'ID323',
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        createdTime: '2024-03-10T20:11:24.000Z',
        processingStatus: 'IN_PROGRESS',
      }),
  },
  {
    operation: 'getReportDocument',
    matches: (_req, params) => params[0] === DOCUMENT,
    answer: (origin) => json(200, { reportDocumentId: DOCUMENT, url: `${origin}/documents/sandbox-report` }),
  },
];

/** The sandbox's answer to an operation the router has authenticated and throttled. */
export function sandboxAnswer(operation: string, req: SimRequest, params: string[], origin: string): SimResponse {
  const raw = req.method === 'GET' || req.method === 'DELETE' ? undefined : parseJsonBody(req);
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const hit = CASES.find((c) => c.operation === operation && c.matches(req, params, body));
  return hit ? hit.answer(origin) : NO_MATCH;
}

import type { FeedProcessor, FeedRun } from './feed-types';
import {
  documentNote,
  fatalFlatFileResult,
  flatFileResult,
  parseFlatFile,
  processRows,
  type FlatFileColumns,
  type FlatFileOutcome,
  type FlatRow,
} from './flat-file';
import {
  addToPackage,
  cancelLine,
  nextPackageReferenceId,
  recordPackage,
  unshippedUnits,
  type StoredOrder,
  type StoredPackage,
} from './stored-order';
import { DAY, floorSecond, parseIso } from './time';

/** The reason codes POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA accepts. */
export const CANCELLATION_REASONS = [
  'NoInventory',
  'ShippingAddressUndeliverable',
  'CustomerExchange',
  'BuyerCanceled',
  'GeneralAdjustment',
  'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid',
  'CarrierCoverageFailure',
  'CustomerReturn',
  'MerchandiseNotReceived',
] as const;

/** The simulator's error codes in processing reports (made up; Amazon's own are undocumented). */
export const FLAT_FILE_ERRORS = {
  MISSING_VALUE: 18001,
  ORDER_NOT_FOUND: 18002,
  WRONG_MARKETPLACE: 18003,
  ITEM_NOT_IN_ORDER: 18004,
  UNKNOWN_REASON: 18005,
  AMAZON_FULFILLED: 18006,
  ORDER_CANCELLED: 18007,
  ORDER_PENDING: 18008,
  ITEM_CANCELLED: 18009,
  NO_REASON: 18010,
  TOO_MANY_FIELDS: 18011,
  INVALID_DATE: 18012,
  CARRIER_NAME_REQUIRED: 18014,
  INVALID_QUANTITY: 18015,
  NOTHING_TO_SHIP: 18016,
  QUANTITY_TOO_HIGH: 18017,
  ALREADY_SHIPPED: 18028,
} as const;
const E = FLAT_FILE_ERRORS;

// Only order-id is a field whose absence Amazon reports as Fatal for the whole file
// (amzn/selling-partner-api-docs#457); the other columns are checked row by row, so a feed whose
// reason heading was not recognised is processed, its rows warned about and nothing cancelled.
export const ACKNOWLEDGEMENT_COLUMNS: FlatFileColumns = {
  required: ['order-id'],
  optional: ['amazon-order-item-code', 'cancellation-reason-code', 'merchant-order-id', 'merchant-order-item-id'],
};

export const FULFILLMENT_COLUMNS: FlatFileColumns = {
  required: ['order-id'],
  optional: [
    'order-item-id',
    'quantity',
    'ship-date',
    'carrier-code',
    'carrier-name',
    'tracking-number',
    'ship-method',
    'ship_from_supply_source_id',
  ],
};

class RowError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function reject(code: number, message: string): never {
  throw new RowError(code, message);
}

/** What a row handler reports; the row's number, order and item are added from the row. */
type Note = Pick<FlatFileOutcome, 'code' | 'type' | 'message'>;
type RowHandler = (run: FeedRun, row: FlatRow) => Note[];

/** The row's outcomes: a RowError becomes its one Error line. */
function guarded(row: FlatRow, itemColumn: string, handle: () => Note[]): FlatFileOutcome[] {
  const base = { recordNumber: row.recordNumber, orderId: row.values['order-id'] ?? '', orderItemId: row.values[itemColumn] ?? '' };
  try {
    if (row.problem) reject(E.TOO_MANY_FIELDS, row.problem);
    return handle().map((o) => ({ ...base, ...o }));
  } catch (err) {
    if (!(err instanceof RowError)) throw err;
    return [{ ...base, code: err.code, type: 'Error', message: err.message }];
  }
}

/** The row's order, if the feed's seller may change it in the feed's marketplaces. */
function findOrder(run: FeedRun, orderId: string): StoredOrder {
  if (orderId === '') reject(E.MISSING_VALUE, 'order-id is required.');
  const order = run.orders.get(orderId);
  if (order?.sellerId !== run.sellerId) reject(E.ORDER_NOT_FOUND, `The order id ${orderId} was not found for this merchant.`);
  if (!run.marketplaceIds.includes(order.marketplaceId))
    reject(E.WRONG_MARKETPLACE, `Order ${orderId} belongs to marketplace ${order.marketplaceId}, which this feed was not submitted for.`);
  if (order.fulfilledBy !== 'MERCHANT') reject(E.AMAZON_FULFILLED, `Order ${orderId} is fulfilled by Amazon; the seller cannot change it.`);
  return order;
}

/** A flat-file feed type: `makeHandler` is called once per feed, so a handler may keep state across its rows. */
function flatFileProcessor(feedType: string, columns: FlatFileColumns, itemColumn: string, makeHandler: () => RowHandler): FeedProcessor {
  return {
    process(run, content) {
      const parsed = parseFlatFile(content, run.contentType, feedType, columns, run.quirks.invalidHeadings);
      if ('fatal' in parsed) return { status: 'FATAL', result: fatalFlatFileResult(parsed.fatal) };
      const handle = makeHandler();
      const report = processRows(parsed.rows, (row) => guarded(row, itemColumn, () => handle(run, row)), parsed.notes);
      return { status: 'DONE', result: flatFileResult(report) };
    },
    fatal: (_run, message) => fatalFlatFileResult([documentNote(message)]),
  };
}

function acknowledge(run: FeedRun, row: FlatRow): Note[] {
  const v = row.values;
  const order = findOrder(run, v['order-id'] as string);
  const itemId = v['amazon-order-item-code'] as string;
  if (itemId === '') reject(E.MISSING_VALUE, 'amazon-order-item-code is required: the feed cancels order items one row each.');
  const item = order.items.find((i) => i.orderItemId === itemId);
  if (!item) reject(E.ITEM_NOT_IN_ORDER, `Order item ${itemId} is not an item of order ${order.orderId}.`);
  const reason = v['cancellation-reason-code'] as string;
  if (reason === '') {
    return [
      {
        code: E.NO_REASON,
        type: 'Warning',
        message: 'No cancellation-reason-code: nothing was changed (this feed only cancels; it does not acknowledge orders).',
      },
    ];
  }
  if (!(CANCELLATION_REASONS as readonly string[]).includes(reason))
    reject(E.UNKNOWN_REASON, `Unknown cancellation-reason-code '${reason}'; valid codes: ${CANCELLATION_REASONS.join(', ')}.`);
  if (order.status === 'CANCELLED') reject(E.ORDER_CANCELLED, `Order ${order.orderId} is already cancelled.`);
  if (item.shipped > 0) reject(E.ALREADY_SHIPPED, 'The order item is already shipped and cannot be cancelled.');
  if (order.status === 'SHIPPED' || order.status === 'PARTIALLY_SHIPPED')
    reject(E.ALREADY_SHIPPED, `Order ${order.orderId} is ${order.status}: items of a shipped order cannot be cancelled.`);
  if (order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY')
    reject(E.ORDER_PENDING, `Order ${order.orderId} is ${order.status} and cannot be cancelled until payment is complete.`);
  if (item.cancelReason !== undefined) reject(E.ITEM_CANCELLED, `Order item ${itemId} is already cancelled.`);
  cancelLine(order, item, reason, run.nowMs);
  return [];
}

/** `YYYY-MM-DD` (the order's day or later) or an ISO 8601 date-time (not before the order). */
function readShipDate(order: StoredOrder, text: string): number {
  if (text === '') reject(E.MISSING_VALUE, 'ship-date is required.');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const midnight = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(midnight)) reject(E.INVALID_DATE, `ship-date '${text}' is not a valid date.`);
    if (midnight + DAY <= order.createdMs) reject(E.INVALID_DATE, `ship-date ${text} is before order ${order.orderId} was placed.`);
    return Math.max(midnight, order.createdMs);
  }
  const ms = parseIso(text);
  if (ms === undefined)
    reject(
      E.INVALID_DATE,
      `ship-date '${text}' is not a valid date; use YYYY-MM-DD or an ISO 8601 date-time such as 2026-03-01T10:00:00Z.`,
    );
  if (ms < order.createdMs) reject(E.INVALID_DATE, `ship-date ${text} is before order ${order.orderId} was placed.`);
  return ms;
}

/** The lines a row ships: one item (all of it left when quantity is empty), or the whole order when order-item-id is empty. */
function readLines(order: StoredOrder, itemId: string, quantityText: string): { orderItemId: string; quantity: number }[] {
  if (itemId === '') {
    if (quantityText !== '') reject(E.MISSING_VALUE, 'quantity needs an order-item-id; leave both empty to ship the whole order.');
    const lines = order.items
      .filter((i) => unshippedUnits(i) > 0)
      .map((i) => ({ orderItemId: i.orderItemId, quantity: unshippedUnits(i) }));
    if (lines.length === 0) reject(E.NOTHING_TO_SHIP, `Every item of order ${order.orderId} is already shipped or cancelled.`);
    return lines;
  }
  const item = order.items.find((i) => i.orderItemId === itemId);
  if (!item) reject(E.ITEM_NOT_IN_ORDER, `Order item ${itemId} is not an item of order ${order.orderId}.`);
  const left = unshippedUnits(item);
  let quantity = left;
  if (quantityText !== '') {
    if (!/^\d+$/.test(quantityText) || Number(quantityText) < 1)
      reject(E.INVALID_QUANTITY, `quantity '${quantityText}' must be a positive whole number.`);
    quantity = Number(quantityText);
  }
  if (quantity === 0 || quantity > left) {
    const why = item.cancelReason !== undefined ? 'the item is cancelled' : `${item.shipped} of ${item.quantity} already shipped`;
    reject(
      E.QUANTITY_TOO_HIGH,
      `quantity ${quantityText || 'of the whole item'} is more than the ${left} unit(s) of order item ${itemId} left to ship (${why}).`,
    );
  }
  return [{ orderItemId: itemId, quantity }];
}

/** Rows of one order with the same tracking number, carrier, method and date form one package. */
function fulfillmentRows(): RowHandler {
  const packages = new Map<string, StoredPackage>();
  return (run, row) => {
    const v = row.values;
    const order = findOrder(run, v['order-id'] as string);
    if (order.status === 'CANCELLED') reject(E.ORDER_CANCELLED, `Order ${order.orderId} is cancelled and cannot be shipped.`);
    if (order.status === 'PENDING' || order.status === 'PENDING_AVAILABILITY')
      reject(E.ORDER_PENDING, `Order ${order.orderId} is ${order.status} and cannot be shipped until payment is complete.`);
    const shipMs = readShipDate(order, v['ship-date'] as string);
    const code = v['carrier-code'] as string;
    const name = v['carrier-name'] as string;
    if (code === '' && name === '') reject(E.MISSING_VALUE, 'carrier-code is required (or carrier-name with carrier-code Other).');
    if (code === 'Other' && name === '') reject(E.CARRIER_NAME_REQUIRED, 'carrier-name is required when carrier-code is Other.');
    const carrier = code !== '' && code !== 'Other' ? code : name;
    const lines = readLines(order, v['order-item-id'] as string, v.quantity as string);
    const tracking = v['tracking-number'] as string;
    const method = v['ship-method'] as string;
    const key = [order.orderId, tracking, carrier, method, shipMs].join('\u0000');
    const earlier = tracking === '' ? undefined : packages.get(key);
    if (earlier) {
      for (const line of lines) addToPackage(order, earlier, line, run.nowMs);
      return [];
    }
    const pkg: StoredPackage = {
      packageReferenceId: nextPackageReferenceId(order),
      createdMs: floorSecond(run.nowMs),
      shipMs,
      carrier,
      items: lines,
    };
    if (method !== '') pkg.shippingService = method;
    if (tracking !== '') pkg.trackingNumber = tracking;
    recordPackage(order, pkg, run.nowMs);
    if (tracking !== '') packages.set(key, pkg);
    return [];
  };
}

/** POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA: cancels order items, one row each; applied when the feed finishes. */
export const orderAcknowledgementProcessor = flatFileProcessor(
  'POST_FLAT_FILE_ORDER_ACKNOWLEDGEMENT_DATA',
  ACKNOWLEDGEMENT_COLUMNS,
  'amazon-order-item-code',
  () => acknowledge,
);

/** POST_FLAT_FILE_FULFILLMENT_DATA: confirms shipments as confirmShipment does; applied when the feed finishes. */
export const orderFulfillmentProcessor = flatFileProcessor(
  'POST_FLAT_FILE_FULFILLMENT_DATA',
  FULFILLMENT_COLUMNS,
  'order-item-id',
  fulfillmentRows,
);

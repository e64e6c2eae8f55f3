import { availabilityPatch } from '../../src/amazon/listings-api';
import { buildQuantityFeed, FEED_REPORT, type QuantityChange } from '../../src/amazon/listings-feed';

/** The document as one JSON.stringify of the whole object writes it: what the message-by-message writer must equal. */
function wholeDocument(sellerId: string, changes: readonly QuantityChange[]): string {
  return JSON.stringify({
    header: { sellerId, version: '2.0', issueLocale: 'en_US', report: FEED_REPORT },
    messages: changes.map((c, i) => ({
      messageId: i + 1,
      sku: c.sku,
      operationType: 'PATCH',
      productType: c.productType,
      patches: [availabilityPatch(c.quantity)],
    })),
  });
}

test.each<[string, QuantityChange[]]>([
  ['one message', [{ sku: 'MFN-1', productType: 'LUGGAGE', quantity: 3 }]],
  [
    'SKUs that need escaping',
    [
      { sku: 'a "quoted" sku\\', productType: 'SHOES', quantity: 0 },
      { sku: 'ünï/cödé #1', productType: 'LUGGAGE', quantity: 12 },
      { sku: 'tab\there\nnewline', productType: 'HAT', quantity: 999 },
    ],
  ],
  ['many', Array.from({ length: 500 }, (_, i) => ({ sku: `SKU-${i}`, productType: 'PRODUCT', quantity: i % 7 }))],
])('a quantity feed written message by message is the same text as before: %s', (_name, changes) => {
  const body = buildQuantityFeed('A1SELLER', changes);
  expect(body).toBe(wholeDocument('A1SELLER', changes));
  expect((JSON.parse(body) as { messages: unknown[] }).messages).toHaveLength(changes.length);
});

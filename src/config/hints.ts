/** Hints shown beside schema errors, keyed by the last path segment. */
const HINTS: Record<string, string> = {
  region: 'one of na, eu, fe',
  marketplaceIds: 'e.g. ["ATVPDKIKX0DER"] for amazon.com',
  refreshTokenEnv: "the name of the environment variable that holds the seller's LWA refresh token, not the token itself",
  fulfilledBy: 'MERCHANT and/or AMAZON',
  endpoint: 'e.g. https://sellingpartnerapi-na.amazon.com; normally left out',
  tokenUrl: 'e.g. https://api.amazon.com/auth/o2/token; normally left out',
  baseUrl: 'e.g. https://app.allocadence.com/rest',
  timeZone: "the Allocadence account's IANA time zone, e.g. America/Toronto",
  sellers: 'at least one seller is needed',
  percent: '0–100: the share of sellable stock offered on Amazon',
  parentField: 'userField1 … userField6',
  defaultCancelReason: "one of Amazon's reasons, e.g. NoInventory, ShippingAddressUndeliverable, BuyerCanceled",
  carrierCode: "Amazon's carrier code, e.g. UPS, USPS, FedEx, DHL, or Other with a carrierName",
};

export function hintFor(path: readonly PropertyKey[]): string | undefined {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return typeof last === 'string' ? HINTS[last] : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

const KNOWN_KEYS = [
  'stateDb',
  'keepRunsDays',
  'amazon',
  'allocadence',
  'retry',
  'sellers',
  'region',
  'sandbox',
  'endpoint',
  'tokenUrl',
  'rateLimits',
  'timeoutMs',
  'baseUrl',
  'legacyBaseUrl',
  'timeZone',
  'maxAttempts',
  'maxTotalMs',
  'name',
  'sellerId',
  'marketplaceIds',
  'refreshTokenEnv',
  'warehouse',
  'importingUser',
  'synchronizeItems',
  'orders',
  'stock',
  'carriers',
  'fulfilledBy',
  'importPending',
  'lookbackMinutes',
  'initialLookbackDays',
  'percent',
  'max',
  'carrierCode',
  'carrierName',
  'rate',
  'burst',
  'items',
  'importQuantities',
  'parentField',
  'patchThreshold',
  'shipments',
  'status',
  'cancelReasons',
  'defaultCancelReason',
];

/** The known key closest to a typo, when it is close enough to be a plausible slip. */
export function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const known of KNOWN_KEYS) {
    const d = distance(key, known);
    if (d < bestScore) [best, bestScore] = [known, d];
  }
  return bestScore <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

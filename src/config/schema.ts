import { z } from 'zod';
import { isTimeZone } from '../allocadence/account-time';

/** Marketplace and region codes we know; a typo here would silently talk to the wrong host. */
export const REGIONS = ['na', 'eu', 'fe'] as const;

const rateSchema = z.strictObject({
  rate: z.number().positive().describe('requests per second'),
  burst: z.number().int().positive(),
});

const ordersSchema = z.strictObject({
  /** Which channels become Allocadence orders: merchant-fulfilled only by default (FBA orders ship themselves). */
  fulfilledBy: z
    .array(z.enum(['MERCHANT', 'AMAZON']))
    .min(1)
    .default(['MERCHANT']),
  /** PENDING orders have no address yet; import them only to reserve stock early. */
  importPending: z.boolean().default(false),
  /** Each run re-reads this far behind its checkpoint, since Amazon's order index is eventually consistent. */
  lookbackMinutes: z.number().int().min(0).max(1440).default(30),
  /** How far back the very first run reads. */
  initialLookbackDays: z.number().int().min(1).max(90).default(7),
  /**
   * Orders Amazon cancels are cancelled in Allocadence (its legacy cancel call, evidence §2.8). Off
   * for an account without that call: pull-orders then imports as usual and lists each order it
   * leaves for a person to cancel there.
   */
  cancelInWarehouse: z.boolean().default(true),
});

const itemsSchema = z.strictObject({
  /**
   * First run only: put Amazon's merchant quantities into the warehouse for SKUs that have no stock
   * there yet. Off by default: no stock-adjustment call of Allocadence is known (evidence §2.12).
   */
  importQuantities: z.boolean().default(false),
  /** The Allocadence item field that receives "PARENT-SKU | variation theme" for variation children. */
  parentField: z.enum(['userField1', 'userField2', 'userField3', 'userField4', 'userField5', 'userField6']).default('userField1'),
  /** Each run re-reads listings created this far before its checkpoint. */
  lookbackMinutes: z.number().int().min(0).max(1440).default(60),
});

const stockSchema = z.strictObject({
  /** The share of sellable stock offered on Amazon. */
  percent: z.number().min(0).max(100).default(100),
  /** A cap on the quantity offered; null for none. */
  max: z.number().int().min(0).nullable().default(null),
  /** Up to this many changed SKUs go one by one (patchListingsItem); more go in one feed. */
  patchThreshold: z.number().int().min(0).max(1000).default(20),
});

/** Amazon's cancellation reasons for the order acknowledgement feed. */
export const CANCEL_REASONS = [
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

const shipmentsSchema = z.strictObject({
  /** Each run re-reads shipments this far before its checkpoint (late scans, clock skew). */
  lookbackMinutes: z.number().int().min(0).max(1440).default(120),
  initialLookbackDays: z.number().int().min(1).max(30).default(3),
});

const statusSchema = z.strictObject({
  lookbackMinutes: z.number().int().min(0).max(1440).default(120),
  initialLookbackDays: z.number().int().min(1).max(30).default(3),
  /** Allocadence cancel reason (as typed there) → Amazon's reason code. */
  cancelReasons: z.record(z.string(), z.enum(CANCEL_REASONS)).default({}),
  defaultCancelReason: z.enum(CANCEL_REASONS).default('NoInventory'),
});

const privacySchema = z.strictObject({
  /**
   * Opt-in: blank the buyer's name, address, phone and e-mail on Amazon orders in Allocadence this
   * many days after they were completed (redact-pii). Amazon's data protection policy limits how
   * long buyer data is kept after delivery; the platform's own Amazon integration does it at 30.
   */
  redactAfterDays: z.number().int().min(1).max(365).optional(),
});

const reconcileSchema = z.strictObject({
  /** A not-shipped order whose ship-by time is this many hours away, or past, is reported as a late-shipment risk. */
  lateWithinHours: z.number().min(0).max(720).default(24),
});

const carrierSchema = z.strictObject({
  carrierCode: z.string().min(1),
  carrierName: z.string().min(1).optional(),
});

const sellerSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'),
  sellerId: z.string().min(1),
  marketplaceIds: z.array(z.string().regex(/^[A-Z0-9]{10,16}$/, 'an Amazon marketplace id such as ATVPDKIKX0DER')).min(1),
  refreshTokenEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name such as AMAZON_REFRESH_TOKEN_ACME_US'),
  warehouse: z.string().min(1),
  importingUser: z.string().min(1).optional(),
  synchronizeItems: z.boolean().default(true),
  orders: ordersSchema.default(ordersSchema.parse({})),
  items: itemsSchema.default(itemsSchema.parse({})),
  stock: stockSchema.default(stockSchema.parse({})),
  carriers: z.record(z.string(), carrierSchema).default({}),
  shipments: shipmentsSchema.default(shipmentsSchema.parse({})),
  status: statusSchema.default(statusSchema.parse({})),
  privacy: privacySchema.default({}),
  reconcile: reconcileSchema.default(reconcileSchema.parse({})),
});

const urlString = z.url({ protocol: /^https?$/ });

/**
 * Sellers run at once by default: each spends its time waiting on its own Amazon rate limits, so
 * one process handles many with little CPU or memory; the bound keeps a very large config from
 * opening a connection storm (the warehouse is bounded apart, see `concurrency.allocadenceRequests`).
 */
export const DEFAULT_SELLER_CONCURRENCY = 24;

export const configSchema = z.strictObject({
  /** SQLite state file; a relative path is resolved against the config file's folder. */
  stateDb: z.string().min(1).default('./alloc-amazon.sqlite'),
  /** Days of run records kept in the state file for `status`; older ones are deleted as each run ends (the last and the last good one stay). */
  keepRunsDays: z.number().int().min(1).max(3650).default(90),
  amazon: z
    .strictObject({
      region: z.enum(REGIONS).default('na'),
      sandbox: z.boolean().default(false),
      endpoint: urlString.optional(),
      tokenUrl: urlString.optional(),
      /** Per-operation overrides of the default rate table, for accounts Amazon granted more (or fewer). */
      rateLimits: z.record(z.string(), rateSchema).default({}),
      timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    })
    .default({ region: 'na', sandbox: false, rateLimits: {}, timeoutMs: 30_000 }),
  allocadence: z
    .strictObject({
      baseUrl: urlString.default('https://app.allocadence.com/rest'),
      legacyBaseUrl: urlString.optional(),
      /**
       * The account's IANA time zone (e.g. America/Toronto): legacy dates carry no offset and its
       * date filters take whole days, both in this zone. Unset, UTC is assumed and `check` warns.
       */
      timeZone: z
        .string()
        .refine(isTimeZone, 'not a time zone this system knows; use an IANA name such as America/Toronto or Europe/Berlin')
        .optional(),
      timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    })
    .default({ baseUrl: 'https://app.allocadence.com/rest', timeoutMs: 30_000 }),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(6),
      maxTotalMs: z.number().int().min(1000).max(3_600_000).default(180_000),
    })
    .default({ maxAttempts: 6, maxTotalMs: 180_000 }),
  /**
   * Sellers run side by side, each waiting on its own Amazon rate limits; the warehouse they share
   * sees at most `allocadenceRequests` requests in flight from the whole process (its limits are
   * unpublished: 8 is what two sellers' order imports alone would keep open).
   */
  concurrency: z
    .strictObject({
      sellers: z.number().int().min(1).max(64).default(DEFAULT_SELLER_CONCURRENCY),
      allocadenceRequests: z.number().int().min(1).max(64).default(8),
    })
    .default({ sellers: DEFAULT_SELLER_CONCURRENCY, allocadenceRequests: 8 }),
  sellers: z.array(sellerSchema).min(1),
});

export type Config = z.infer<typeof configSchema>;
export type SellerConfig = Config['sellers'][number];
export type RateOverride = z.infer<typeof rateSchema>;

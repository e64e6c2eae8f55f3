import type { Rng } from '../random';
import { SimInputError } from './errors';
import { isObject } from './patch-shape';

/**
 * Quantity changes a DONE JSON_LISTINGS_FEED accepts without error and then does not apply, as
 * sellers saw in July 2026: out of several thousand SKUs, 100–200 kept their old quantity while
 * `attributes.fulfillment_availability` showed the submitted one and `fulfillmentAvailability` the
 * old one, "even after waiting for some time" (amzn/selling-partner-api-models#5327). Patches are
 * not affected there, and are the remedy Amazon's users apply.
 */
export interface UnappliedQuantities {
  /** Fraction (0 to 1) of the accepted quantity changes of each feed left unapplied, drawn per message. */
  share?: number;
  /** SKUs whose quantity changes by feed are never applied. */
  skus?: string[];
  /**
   * What the detailed processing report's items show for such a SKU. `effective` (default): the
   * quantity buyers see, as the Listings API's `fulfillmentAvailability` does (the report holds
   * "the listings items output from the Selling Partner Listings Items API",
   * listings-feed-processing-report-schema-v2.json). `submitted`: the quantity sent, as when the
   * report is taken before a later asynchronous step drops the change (Amazon runs some listing
   * checks after the submission, amzn/selling-partner-api-models#4295): only a later read shows it.
   */
  report?: 'effective' | 'submitted';
}

/** How the simulated Amazon falls short in feed processing; changed at run time by admin routes. */
export interface FeedQuirks {
  unapplied: UnappliedQuantities | null;
  /** Its own seeded stream: drawing which changes stay unapplied never shifts other ids. */
  rng: Rng;
  /**
   * Flat-file headings this Amazon does not recognise although the feed type's template has them,
   * as when a heading reached it changed or the template moved on: Amazon then warns that "the
   * field heading is invalid, so values in this field were ignored" and still finishes the feed
   * (jlevers/selling-partner-api#394).
   */
  invalidHeadings: Set<string>;
}

/** Whether this accepted quantity change of `sku` is one Amazon leaves unapplied. */
export function leftUnapplied(quirks: FeedQuirks, sku: string): boolean {
  const u = quirks.unapplied;
  if (!u) return false;
  if (u.skus?.includes(sku)) return true;
  return u.share !== undefined && u.share > 0 && quirks.rng.chance(u.share);
}

/** `{share?, skus?, report?}` or null (nothing left unapplied); throws SimInputError otherwise. */
export function parseUnapplied(value: unknown): UnappliedQuantities | null {
  if (value === null) return null;
  const fail = (msg: string): never => {
    throw new SimInputError(
      `unapplied quantities: ${msg}; the body is {"share"?: 0..1, "skus"?: [sku], "report"?: "effective" | "submitted"} or null`,
    );
  };
  if (!isObject(value)) return fail('must be an object or null');
  const unknown = Object.keys(value).filter((k) => !['share', 'skus', 'report'].includes(k));
  if (unknown.length) fail(`unknown field(s) ${unknown.join(', ')}`);
  const out: UnappliedQuantities = {};
  if (value.share !== undefined) {
    if (typeof value.share !== 'number' || !(value.share >= 0 && value.share <= 1)) fail('share must be a number from 0 to 1');
    out.share = value.share as number;
  }
  if (value.skus !== undefined) {
    if (!Array.isArray(value.skus) || value.skus.some((s) => typeof s !== 'string' || s === '')) fail('skus must be an array of SKUs');
    out.skus = [...(value.skus as string[])];
  }
  if (value.report !== undefined) {
    if (value.report !== 'effective' && value.report !== 'submitted') fail('report must be "effective" or "submitted"');
    out.report = value.report as 'effective' | 'submitted';
  }
  return out;
}

/** `[heading]`: replaces the headings treated as invalid (empty: none). */
export function parseHeadings(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((h) => typeof h !== 'string' || h === '')) {
    throw new SimInputError('invalid headings: the body must be {"headings": [heading]} (an empty list: none)');
  }
  return [...(value as string[])];
}

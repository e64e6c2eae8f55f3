import { parseJsonBody, type SimRequest } from '../server';
import { InvalidInputError } from './errors';
import type { OperationContext } from './operation-types';
import { isObject } from './patch-shape';
import { parseIso } from './time';

/** Readers for JSON request bodies; each problem is a 400 InvalidInput naming the field. */
export function readBody(req: SimRequest): Record<string, unknown> {
  const body = parseJsonBody(req);
  if (!isObject(body)) throw new InvalidInputError('the request body must be a JSON object');
  return body;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new InvalidInputError(`${name} is required and must be a non-empty string`);
  return value;
}

/** A marketplaceIds array (1 to 25, as the create specifications say) of the seller's marketplaces. */
export function sellerMarketplaces(ctx: OperationContext, body: Record<string, unknown>): string[] {
  const value = body.marketplaceIds;
  if (!Array.isArray(value) || value.length < 1 || value.length > 25 || !value.every((v) => typeof v === 'string' && v !== '')) {
    throw new InvalidInputError('marketplaceIds is required: an array of 1 to 25 marketplace ids');
  }
  const seller = ctx.store.sellers.find((s) => s.sellerId === ctx.sellerId);
  const foreign = (value as string[]).filter((id) => !seller?.marketplaceIds.includes(id));
  if (foreign.length > 0) throw new InvalidInputError(`marketplaceIds: the seller does not sell in ${foreign.join(', ')}`);
  return [...new Set(value as string[])];
}

/** reportOptions / feedOptions: string keys to string values. */
export function optionalStringMap(body: Record<string, unknown>, name: string): Record<string, string> | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string'))
    throw new InvalidInputError(`${name} must be an object of string values`);
  return value as Record<string, string>;
}

export function optionalDate(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseIso(value) : undefined;
  if (ms === undefined) throw new InvalidInputError(`${name} must be an ISO 8601 date-time (e.g. 2026-03-01T10:00:00Z)`);
  return ms;
}

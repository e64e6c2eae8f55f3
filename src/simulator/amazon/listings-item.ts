import { json, parseJsonBody, type SimRequest, type SimResponse } from '../server';
import { amazonError, InvalidInputError } from './errors';
import { applyPatch, evaluatePatch, hasErrors, toListingIssue } from './listing-patches';
import { renderListing } from './listing-view';
import type { OperationContext } from './operation-types';
import { asPatches, isObject, patchProblems } from './patch-shape';
import { readList, readParam, rejectBracketArrays } from './query';
import { checkSeller, readListingData, readMarketplaces } from './search-listings';

/** `GET /listings/2021-08-01/items/{sellerId}/{sku}`. */
export function getListingsItem(ctx: OperationContext, req: SimRequest, [sellerId, sku]: string[]): SimResponse {
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  rejectBracketArrays(req.query);
  const marketplaceIds = readMarketplaces(ctx, req.query);
  const data = readListingData(req.query);
  readParam(req.query, 'issueLocale');
  const listing = sku === undefined ? undefined : ctx.listings.get(ctx.sellerId, sku);
  if (!listing || !marketplaceIds.includes(listing.marketplaceId)) {
    return amazonError(404, 'NotFound', `SKU '${sku ?? ''}' not found in marketplace ${marketplaceIds.join(', ')}`);
  }
  return json(200, renderListing(ctx.listings, listing, data));
}

function readPatchBody(req: SimRequest): { productType: string; patches: ReturnType<typeof asPatches> } {
  const body = parseJsonBody(req);
  if (!isObject(body)) throw new InvalidInputError('the request body must be a JSON object {productType, patches}');
  const problems: string[] = [];
  if (typeof body.productType !== 'string' || body.productType === '')
    problems.push('productType: is required and must be a non-empty string');
  problems.push(...patchProblems(body.patches, 'patches'));
  if (problems.length > 0) throw new InvalidInputError(`invalid patch request: ${problems.join('; ')}`);
  return { productType: body.productType as string, patches: asPatches(body.patches) };
}

/**
 * `PATCH /listings/2021-08-01/items/{sellerId}/{sku}`: a malformed request is a 400; a well-formed
 * one that cannot apply is a 200 with status INVALID and its issues. Accepted changes apply at once.
 */
export function patchListingsItem(ctx: OperationContext, req: SimRequest, [sellerId, sku]: string[]): SimResponse {
  const denied = checkSeller(ctx, sellerId);
  if (denied) return denied;
  const query = req.query;
  rejectBracketArrays(query);
  const marketplaceIds = readMarketplaces(ctx, query);
  const data = new Set(readList(query, 'includedData', { allowed: ['identifiers', 'issues'] }) ?? ['issues']);
  const mode = readParam(query, 'mode');
  if (mode !== undefined && mode !== 'VALIDATION_PREVIEW') throw new InvalidInputError(`mode '${mode}' is not one of VALIDATION_PREVIEW`);
  readParam(query, 'issueLocale');
  const request = { sku: sku ?? '', ...readPatchBody(req) };
  const evaluation = evaluatePatch(ctx.listings, ctx.sellerId, marketplaceIds, request);
  const preview = mode === 'VALIDATION_PREVIEW';
  const invalid = hasErrors(evaluation);
  if (!invalid && !preview) applyPatch(ctx.listings, evaluation, ctx.nowMs);
  const body: Record<string, unknown> = {
    sku: request.sku,
    status: invalid ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED',
    submissionId: ctx.listings.newSubmissionId(),
  };
  if (data.has('issues')) body.issues = evaluation.problems.map(toListingIssue);
  // Amazon returns identifiers only when previewing.
  if (data.has('identifiers') && preview) {
    body.identifiers = evaluation.listing ? [{ marketplaceId: evaluation.listing.marketplaceId, asin: evaluation.listing.asin }] : [];
  }
  return json(200, body);
}
